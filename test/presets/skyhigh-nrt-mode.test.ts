import { App, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, OTHER_ACCOUNT, concreteStack, errorOf, idsOf, templateOf } from './_helpers';
import { AuditedServices } from '../../src/event-stream';
import { SkyhighNrtAccountRole, SkyhighNrtConfigAudit, SkyhighNrtConfigAuditProps, SkyhighNrtMode } from '../../src/presets';

/**
 * The kinds of account as types: each factory of `SkyhighNrtMode` makes one
 * kind, takes the options of that kind only, and the construct checks the
 * options' shapes (a JavaScript or Python caller may pass anything) and that
 * the mode was made by a factory.
 */
const RECEIVER = ACCOUNT;
const PUBLISHER = OTHER_ACCOUNT;
const ADMIN_ROLE = 'AWSCloudFormationStackSetAdministrationRole';
const EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';

function synth(props: SkyhighNrtConfigAuditProps, account = RECEIVER): any {
  const stack = concreteStack('us-east-1', account);
  new SkyhighNrtConfigAudit(stack, 'Nrt', props);
  return templateOf(stack);
}

/** The message the construct throws for `props`, in a stack of `account`. */
function errorFor(props: unknown, account = RECEIVER): string {
  return errorOf(() => new SkyhighNrtConfigAudit(concreteStack('us-east-1', account), 'Nrt', props as SkyhighNrtConfigAuditProps));
}

const roleNames = (t: any) => idsOf(t, 'AWS::IAM::Role').map((id) => t.Resources[id].Properties.RoleName).sort();
const policyNames = (t: any) => idsOf(t, 'AWS::IAM::ManagedPolicy').map((id) => t.Resources[id].Properties.ManagedPolicyName).sort();

describe('SkyhighNrtMode', () => {
  describe('factories', () => {
    test.each([
      ['receiverAndPublisher', SkyhighNrtMode.receiverAndPublisher(), SkyhighNrtAccountRole.RECEIVER_AND_PUBLISHER],
      ['receiver', SkyhighNrtMode.receiver(), SkyhighNrtAccountRole.RECEIVER],
      ['publisher', SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }), SkyhighNrtAccountRole.PUBLISHER],
      ['organizationPublisher', SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'] }), SkyhighNrtAccountRole.PUBLISHER],
    ])('SkyhighNrtMode.%s() says what the account is', (_name, mode, accountRole) => {
      expect(mode.accountRole).toBe(accountRole);
      expect(SkyhighNrtMode.isSkyhighNrtMode(mode)).toBe(true);
    });

    test('the default mode is receiverAndPublisher(): the same template as without a mode', () => {
      expect(synth({ mode: SkyhighNrtMode.receiverAndPublisher() })).toEqual(synth({}));
    });

    test('receiverAndPublisher() and receiver() define the receiver\'s roles and policies', () => {
      for (const mode of [SkyhighNrtMode.receiverAndPublisher(), SkyhighNrtMode.receiver()]) {
        const t = synth({ mode });
        expect(roleNames(t)).toEqual([ADMIN_ROLE, EXECUTION_ROLE]);
        expect(policyNames(t)).toEqual(['AWSCloudFormationStackSetAdministrationRolePolicy', 'AWSCloudFormationStackSetExecutionRolePolicy', 'MVC_NrtConfigAuditReceiver', 'MVC_NrtConfigAuditReceiver_Publishers']);
      }
    });

    test('publisher() defines only the execution role, trusted by the receiver account', () => {
      const t = synth({ mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }) }, PUBLISHER);
      expect(roleNames(t)).toEqual([EXECUTION_ROLE]);
      const role: any = Object.values(t.Resources).find((r: any) => r.Type === 'AWS::IAM::Role');
      expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain(`:iam::${RECEIVER}:root`);
      expect(idsOf(t, 'AWS::CloudFormation::StackSet')).toEqual([]);
    });

    test('organizationPublisher() adds the service-managed StackSet to the OUs, in stackSetRegion', () => {
      const t = synth({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['ou-ab12-11111111'], stackSetRegion: 'eu-west-1' }) }, PUBLISHER);
      expect(roleNames(t)).toEqual([EXECUTION_ROLE]);
      const set = t.Resources[idsOf(t, 'AWS::CloudFormation::StackSet')[0]].Properties;
      expect(set.PermissionModel).toBe('SERVICE_MANAGED');
      expect(set.StackInstancesGroup).toEqual([expect.objectContaining({
        Regions: ['eu-west-1'],
        DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-11111111'], Accounts: [RECEIVER], AccountFilterType: 'DIFFERENCE' },
      })]);
    });

    test('organizationPublisher() and self-provisioning synthesize inside a stage with an env (a pipeline stage), their StackSet bodies environment-agnostic', () => {
      const app = new App();
      const stack = new Stack(new Stage(app, 'Prod', { env: { account: OTHER_ACCOUNT, region: 'us-east-1' } }), 'Publishers');
      new SkyhighNrtConfigAudit(stack, 'Nrt', {
        mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'] }),
        selfProvisioned: true,
        regions: ['us-east-1'],
      });
      const bodies = Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet')).map((r) => r.Properties.TemplateBody);
      expect(bodies).toHaveLength(2);
      for (const body of bodies) expect(body).not.toContain(OTHER_ACCOUNT);
    });

    test('isSkyhighNrtMode is false for a look-alike object and for other values', () => {
      for (const x of [{ accountRole: SkyhighNrtAccountRole.RECEIVER }, 'RECEIVER', undefined, null, 3]) {
        expect(SkyhighNrtMode.isSkyhighNrtMode(x)).toBe(false);
      }
    });
  });

  describe('the mode must come from a factory', () => {
    test('fails on a look-alike object, naming the factories', () => {
      expect(errorFor({ mode: { accountRole: 'PUBLISHER', receiverAccountId: RECEIVER } })).toBe(
        'TestStack/Nrt: mode must be made by a SkyhighNrtMode factory, got an object (Object): use SkyhighNrtMode.receiverAndPublisher(), SkyhighNrtMode.receiver(), '
        + 'SkyhighNrtMode.publisher({ receiverAccountId }) or SkyhighNrtMode.organizationPublisher({ receiverAccountId, organizationalUnitIds })',
      );
    });

    test('fails on an enum member where the mode goes', () => {
      expect(errorFor({ mode: SkyhighNrtAccountRole.PUBLISHER })).toMatch(/^TestStack\/Nrt: mode must be an object, got "PUBLISHER"/);
    });

    test('fails on a subclass that no factory made', () => {
      class Custom extends SkyhighNrtMode {
        public readonly accountRole = SkyhighNrtAccountRole.RECEIVER;
        public readonly _factory = 'receiver';
        public readonly _options = {};
      }
      expect(errorFor({ mode: new Custom() })).toMatch(/^TestStack\/Nrt: mode must be made by a SkyhighNrtMode factory, got an object \(Custom\)/);
    });
  });

  describe('the shapes of the options', () => {
    test('publisher() without receiverAccountId (from JavaScript) fails, saying what to give', () => {
      expect(errorFor({ mode: SkyhighNrtMode.publisher(undefined as any) }, PUBLISHER)).toBe('TestStack/Nrt: mode.receiverAccountId is required: give a string');
    });

    test('a receiver account ID written as a number fails, with the value and the fix', () => {
      expect(errorFor({ mode: SkyhighNrtMode.publisher({ receiverAccountId: 123456789012 as any }) }, PUBLISHER)).toBe(
        'TestStack/Nrt: mode.receiverAccountId must be a string, got number 123456789012: write the value in quotes (an account ID keeps its leading zeros only as a string)',
      );
    });

    test('organizationPublisher() without organizationalUnitIds fails, saying what to give', () => {
      expect(errorFor({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER } as any) }, PUBLISHER))
        .toBe('TestStack/Nrt: mode.organizationalUnitIds is required: give a list of strings');
    });

    test('an OU ID given as a string instead of a list fails, suggesting the list', () => {
      expect(errorFor({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: 'r-ab12' as any }) }, PUBLISHER))
        .toBe('TestStack/Nrt: mode.organizationalUnitIds must be a list of strings, got "r-ab12": wrap the value in a list, e.g. ["r-ab12"]');
    });

    test('a stackSetRegion that is not a string fails', () => {
      expect(errorFor({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'], stackSetRegion: ['eu-west-1'] as any }) }, PUBLISHER))
        .toMatch(/^TestStack\/Nrt: mode\.stackSetRegion must be a string, got an array of 1/);
    });

    test.each([
      ['vendorRoleName', 7, ' must be a string, got number 7'],
      ['vendorQueueNamePrefix', true, ' must be a string, got boolean true'],
      ['existingAdministrationRole', 'yes', ' must be true or false, got "yes"'],
      ['publisherAccountIds', [PUBLISHER, 5], '[1] must be a string, got number 5'],
      ['publisherOrganizationId', null, ' must be a string or left out, got null'],
      ['services', 'ALL_SERVICES', ' must be an object, got "ALL_SERVICES"'],
    ])('a receiver option %s of the wrong shape fails, with the value', (option, value, expected) => {
      for (const factory of [SkyhighNrtMode.receiverAndPublisher, SkyhighNrtMode.receiver]) {
        expect(errorFor({ mode: factory({ [option]: value } as any) })).toMatch(new RegExp(`^TestStack/Nrt: mode\\.${option}${expected.replace(/[[\]()]/g, '\\$&')}`));
      }
    });

    test('options that are not an object fail, saying to pass one', () => {
      expect(errorFor({ mode: SkyhighNrtMode.receiver('vendor' as any) })).toBe(
        'TestStack/Nrt: the options of SkyhighNrtMode.receiver() must be an object of properties, got "vendor": pass { ... }',
      );
    });

    test('an option of another kind of account fails, listing the options of this one', () => {
      const options = { receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'] } as any;
      expect(errorFor({ mode: SkyhighNrtMode.publisher(options) }, PUBLISHER)).toBe(
        'TestStack/Nrt: mode.organizationalUnitIds is not an option of SkyhighNrtMode.publisher(), whose options are receiverAccountId: remove it, or pick the mode it belongs to',
      );
      expect(errorFor({ mode: SkyhighNrtMode.receiver({ receiverAccountId: RECEIVER } as any) })).toMatch(
        /^TestStack\/Nrt: mode\.receiverAccountId is not an option of SkyhighNrtMode\.receiver\(\), whose options are vendorRoleName, vendorQueueNamePrefix, existingAdministrationRole, publisherAccountIds, publisherOrganizationId, services:/,
      );
    });

    test('services is an option of the organization publisher', () => {
      const mode = SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'], services: AuditedServices.ALL_SERVICES });
      expect(errorFor({ mode, selfProvisioned: true, regions: ['us-east-1'] }, PUBLISHER)).toBe('');
    });
  });

  describe('props that became options of a mode', () => {
    test.each([
      ['accountRole', { accountRole: 'PUBLISHER' }, /^TestStack\/Nrt: accountRole is not a prop of SkyhighNrtConfigAudit: .*Remove accountRole and give mode: SkyhighNrtMode\.receiverAndPublisher\(\)/],
      ['receiverAccountId', { receiverAccountId: RECEIVER }, /receiverAccountId is not a prop of SkyhighNrtConfigAudit: .*give mode: SkyhighNrtMode\.publisher\(\{ receiverAccountId \}\)/],
      ['vendorRoleName', { vendorRoleName: 'X' }, /vendorRoleName is not a prop of SkyhighNrtConfigAudit: .*SkyhighNrtMode\.receiver\(\{ vendorRoleName \}\)/],
      ['publisherOrganizationalUnitIds', { publisherOrganizationalUnitIds: ['r-ab12'] }, /publisherOrganizationalUnitIds is not a prop .*SkyhighNrtMode\.organizationPublisher\(\{ receiverAccountId, organizationalUnitIds \}\)/],
      ['publisherStackSetRegion', { publisherStackSetRegion: 'eu-west-1' }, /publisherStackSetRegion is not a prop .*organizationPublisher\(\{ receiverAccountId, organizationalUnitIds, stackSetRegion \}\)/],
    ])('fails if %s is still given from JavaScript, instead of defining another kind of account', (_name, props, expected) => {
      expect(errorFor(props)).toMatch(expected);
    });

    test('names every such prop in one error', () => {
      const msg = errorFor({ existingAdministrationRole: true, publisherAccountIds: [PUBLISHER], publisherOrganizationId: 'o-a1b2c3d4e5', services: AuditedServices.ALL_SERVICES, vendorQueueNamePrefix: 'mvc-' });
      for (const p of ['existingAdministrationRole', 'publisherAccountIds', 'publisherOrganizationId', 'services', 'vendorQueueNamePrefix']) {
        expect(msg).toContain(`- ${p} is not a prop of SkyhighNrtConfigAudit`);
      }
    });
  });
});
