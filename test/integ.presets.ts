import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { AriaSecureCloudsOnboarding, SkyFormationConnector, SkyhighNrtConfigAudit, SkyhighNrtMode } from '../src';

/**
 * The three vendor presets (issue 7), each in the shape a customer deploys:
 * VMware Aria for an organization (member roles and forwarders by
 * StackSets, one member with its own external ID, the event stream in a
 * central account), Skyhigh NRT with a self-provisioned receiver and the
 * management account publishing for the organization, and the SkyFormation
 * connector in its recommended STSAssumeRole mode. Deploying it needs an organization and the vendors'
 * accounts; offline, the committed snapshot is what the integ run compares,
 * and the preset tests prove what each template means.
 */
const MANAGEMENT_ACCOUNT = '123456789012';
const CENTRAL_ACCOUNT = '999988887777';
const MEMBER_ACCOUNT = '444455556666';
const VENDOR_ACCOUNT = '111122223333';
const RECEIVER_ACCOUNT = '777788889999';

const app = new App();

const aria = new AriaSecureCloudsOnboarding(app, 'AuditBaselinePresetsAria', {
  vendorAccountId: VENDOR_ACCOUNT,
  externalId: 'integ-tenant-0001',
  accountExternalIds: { [MEMBER_ACCOUNT]: 'integ-tenant-0002' },
  account: MANAGEMENT_ACCOUNT,
  budgets: true,
  organizationalUnitIds: ['r-ab12'],
  eventStreamRegions: ['us-east-1', 'eu-west-1'],
  eventQueueAccountId: VENDOR_ACCOUNT,
  centralEventAccountId: CENTRAL_ACCOUNT,
  organizationId: 'o-a1b2c3d4e5',
});

const skyhighReceiver = new Stack(app, 'AuditBaselinePresetsSkyhighReceiver', { env: { account: RECEIVER_ACCOUNT, region: 'us-east-1' } });
new SkyhighNrtConfigAudit(skyhighReceiver, 'Nrt', {
  mode: SkyhighNrtMode.receiver({ publisherOrganizationId: 'o-a1b2c3d4e5', publisherAccountIds: [MANAGEMENT_ACCOUNT] }),
  regions: ['us-east-1', 'eu-west-1'],
  selfProvisioned: true,
});
const skyhighManagement = new Stack(app, 'AuditBaselinePresetsSkyhighPublishers', { env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' } });
new SkyhighNrtConfigAudit(skyhighManagement, 'Nrt', {
  mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER_ACCOUNT, organizationalUnitIds: ['r-ab12'] }),
  regions: ['us-east-1', 'eu-west-1'],
  selfProvisioned: true,
});

const skyFormation = new Stack(app, 'AuditBaselinePresetsSkyFormation', { env: { account: MEMBER_ACCOUNT, region: 'us-east-1' } });
new SkyFormationConnector(skyFormation, 'SkyFormation', {
  connectorUserName: 'integ-skyformation-connector',
  roleName: 'IntegSkyFormationConnector',
  externalId: 'integ-skyformation-0001',
  shield: true,
  inspector: true,
  accessKeySerial: 1,
});

new IntegTest(app, 'Presets', { testCases: [...aria.stacks, skyhighReceiver, skyhighManagement, skyFormation] });
