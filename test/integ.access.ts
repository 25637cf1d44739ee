import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { AssumeRoleConnector, AuditAccessKeyUser, AuditInstanceProfileRole, AuditPermissions, ReadOnlyAuditRole } from '../src';

/**
 * The access capability in one account: the vendor role (seed 000), the
 * GovCloud-style access-key user, and SkyFormation's STSAssumeRole
 * and InstanceProfile modes. Deploying it needs only IAM and
 * Secrets Manager permissions; offline, the committed snapshot is what the
 * integ run compares.
 */
const app = new App();
const stack = new Stack(app, 'AuditBaselineAccess', { env: { account: '123456789012', region: 'us-east-1' } });

new ReadOnlyAuditRole(stack, 'AuditRole', {
  trustedAccountId: '111122223333',
  externalId: 'integ-tenant-1234',
  roleName: 'IntegAuditRole',
  permissions: [AuditPermissions.BUDGETS_READ, AuditPermissions.COST_EXPLORER_READ],
  handOffOutputs: true,
});

new AuditAccessKeyUser(stack, 'AccessKeyUser', {
  userName: 'IntegSecureStateUser',
  accessKeySerial: 1,
});

new AssumeRoleConnector(stack, 'Connector', {
  roleName: 'IntegConnectorRole',
  securityAudit: false,
  permissions: [AuditPermissions.CLOUDTRAIL_READ, AuditPermissions.SHIELD_ATTACKS, AuditPermissions.FLOW_LOG_ENRICHMENT],
});

new AuditInstanceProfileRole(stack, 'InstanceProfile', {
  permissions: [AuditPermissions.INSPECTOR_FINDINGS],
});

new IntegTest(app, 'Access', { testCases: [stack] });
