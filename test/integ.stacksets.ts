import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  OrgStackSetRollout,
  SelfManagedStackSetRollout,
  StackSetAdminRole,
  StackSetExecutionPermissions,
  StackSetExecutionRole,
  StackSetTemplate,
} from '../src';

/**
 * The StackSets capability: a management account that rolls a named role
 * out to the whole organization (one region) and a topic to every region, an
 * administrator account with the self-managed administration role and a
 * self-managed rollout, and a target account with the execution role.
 * Deploying it needs an organization with trusted access for StackSets and
 * three accounts; offline, the committed snapshot is what the integ run
 * compares.
 */
const MANAGEMENT_ACCOUNT = '123456789012';
const ADMIN_ACCOUNT = '111122223333';
const TARGET_ACCOUNT = '444455556666';

const app = new App();

// Service-managed rollout, from the management account.
const management = new Stack(app, 'AuditBaselineStackSetsOrg', { env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' } });
const templates = new Stage(management, 'MemberTemplates');
const roleTemplate = new Stack(templates, 'Role', { synthesizer: new BootstraplessSynthesizer() });
new iam.Role(roleTemplate, 'Role', {
  roleName: 'IntegStackSetAuditRole',
  assumedBy: new iam.AccountPrincipal(ADMIN_ACCOUNT),
  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
});
const topicTemplate = new Stack(templates, 'Topic', { synthesizer: new BootstraplessSynthesizer() });
new sns.Topic(topicTemplate, 'Topic', { enforceSSL: true });

new OrgStackSetRollout(management, 'GlobalRollout', {
  template: StackSetTemplate.fromStack(roleTemplate),
  stackSetName: 'integ-audit-role',
  organizationalUnitIds: ['r-ab12'],
  regions: ['us-east-1'],
});
new OrgStackSetRollout(management, 'RegionalRollout', {
  template: StackSetTemplate.fromStack(topicTemplate),
  stackSetName: 'integ-topic',
  organizationalUnitIds: ['ou-ab12-11111111'],
  excludedAccountIds: ['777788889999'],
  regions: ['us-east-1', 'eu-west-1'],
});

// Self-managed rollout, from the administrator account.
const admin = new Stack(app, 'AuditBaselineStackSetsAdmin', { env: { account: ADMIN_ACCOUNT, region: 'us-east-1' } });
const adminRole = new StackSetAdminRole(admin, 'AdminRole', { targetAccountIds: [TARGET_ACCOUNT] });
new SelfManagedStackSetRollout(admin, 'SelfManagedRollout', {
  template: StackSetTemplate.fromStack(topicTemplate),
  stackSetName: 'integ-self-managed-topic',
  accountIds: [TARGET_ACCOUNT],
  regions: ['us-east-1'],
  administrationRole: adminRole.role,
});

// The execution role, in the target account.
const target = new Stack(app, 'AuditBaselineStackSetsTarget', { env: { account: TARGET_ACCOUNT, region: 'us-east-1' } });
new StackSetExecutionRole(target, 'ExecutionRole', {
  administratorAccountId: ADMIN_ACCOUNT,
  administrationRoleName: 'AWSCloudFormationStackSetAdministrationRole',
  permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(topicTemplate)]),
});

new IntegTest(app, 'StackSets', { testCases: [management, admin, target] });
