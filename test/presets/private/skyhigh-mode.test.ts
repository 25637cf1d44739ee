import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuditedServices } from '../../../src/event-stream';
import { SkyhighNrtAccountRole, SkyhighNrtMode } from '../../../src/presets';
import { readMode } from '../../../src/presets/private/skyhigh-mode';

const RECEIVER = '111122223333';

function scope(): Construct {
  return new Construct(new Stack(new App(), 'Stack'), 'Nrt');
}

describe('readMode', () => {
  test('a receiver mode yields its options and services, and no receiver account of its own', () => {
    const services = AuditedServices.fromEventSources('ec2.amazonaws.com');
    const mode = readMode(scope(), SkyhighNrtMode.receiver({ vendorRoleName: 'Vendor', services }));
    expect(mode).toEqual({ accountRole: SkyhighNrtAccountRole.RECEIVER, factory: 'SkyhighNrtMode.receiver()', receiver: { vendorRoleName: 'Vendor', services }, services });
    expect(readMode(scope(), SkyhighNrtMode.receiverAndPublisher()).receiver).toEqual({});
  });

  test('a publisher mode yields the receiver account; an organization publisher its options and services too', () => {
    expect(readMode(scope(), SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }))).toEqual({
      accountRole: SkyhighNrtAccountRole.PUBLISHER, factory: 'SkyhighNrtMode.publisher()', receiverAccountId: RECEIVER, organization: undefined, services: undefined,
    });
    const services = AuditedServices.ALL_SERVICES;
    const organization = { receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'], services };
    expect(readMode(scope(), SkyhighNrtMode.organizationPublisher(organization))).toEqual({
      accountRole: SkyhighNrtAccountRole.PUBLISHER, factory: 'SkyhighNrtMode.organizationPublisher()', receiverAccountId: RECEIVER, organization, services,
    });
  });

  test('a look-alike object is refused with the factories to use', () => {
    expect(() => readMode(scope(), { accountRole: SkyhighNrtAccountRole.RECEIVER } as unknown as SkyhighNrtMode))
      .toThrow(/^Stack\/Nrt: mode must be made by a SkyhighNrtMode factory, got .*: use SkyhighNrtMode\.receiverAndPublisher\(\)/);
  });

  test('options of the wrong shape, and options of another kind of account, are named with the mode. prefix', () => {
    expect(() => readMode(scope(), SkyhighNrtMode.publisher({ receiverAccountId: 42 as unknown as string })))
      .toThrow(/mode\.receiverAccountId/);
    expect(() => readMode(scope(), SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER, vendorRoleName: 'Vendor' } as never)))
      .toThrow('Stack/Nrt: mode.vendorRoleName is not an option of SkyhighNrtMode.publisher(), whose options are receiverAccountId: remove it, or pick the mode it belongs to');
  });
});
