import { Aws, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SelfManagedStackSetRollout, StackSetAdminRole, StackSetTemplate } from '../../src/stacksets';
import { arnOf, identityPolicies, isAllowed, nagFindings, resolveTemplate, simulateAssumeRole, trustPolicy, unknownActions } from '../harness';
import { ADMIN_ACCOUNT, hostStack, OTHER_ACCOUNT, TARGET_ACCOUNT, templateStack } from './_helpers';

function adminTemplate(props: ConstructorParameters<typeof StackSetAdminRole>[2] = {}, partition = 'aws') {
  const { stack } = hostStack();
  const admin = new StackSetAdminRole(stack, 'StackSetAdmin', props);
  const raw = Template.fromStack(stack).toJSON();
  return { stack, admin, raw, resolved: resolveTemplate(raw, { account: ADMIN_ACCOUNT, partition, region: 'us-east-1' }) };
}

async function cloudFormationMayAssume(resolved: any, context: Record<string, string>, principal = 'cloudformation.amazonaws.com') {
  const result = await simulateAssumeRole({
    trustPolicy: trustPolicy(resolved, 'AWSCloudFormationStackSetAdministrationRole'),
    roleArn: arnOf(resolved, 'AWSCloudFormationStackSetAdministrationRole'),
    principal,
    context,
  });
  return result.result;
}

/** The target side: a trust policy that admits the administrator account, so the admin role's own policy decides. */
const TRUSTS_ADMIN_ACCOUNT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ADMIN_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
};

async function mayAssumeExecutionRole(resolved: any, account: string, roleName = 'AWSCloudFormationStackSetExecutionRole', adminRoleName = 'AWSCloudFormationStackSetAdministrationRole') {
  const policies = identityPolicies(resolved, adminRoleName);
  return isAllowed({
    principal: `arn:aws:iam::${ADMIN_ACCOUNT}:role/${adminRoleName}`,
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${account}:role/${roleName}`,
    identityPolicies: policies.documents,
    resourcePolicy: TRUSTS_ADMIN_ACCOUNT,
  });
}

const OWN_STACKSET = `arn:aws:cloudformation:us-east-1:${ADMIN_ACCOUNT}:stackset/audit-role:1234abcd-12ab-34cd-56ef-1234567890ab`;

describe('StackSetAdminRole with a deploy-time account list', () => {
  test('a CommaDelimitedList parameter of target accounts: the role may assume the execution role in exactly those accounts', async () => {
    const { stack } = hostStack();
    const ids = new CfnParameter(stack, 'TargetAccounts', { type: 'CommaDelimitedList' }).valueAsList;
    new StackSetAdminRole(stack, 'StackSetAdmin', { targetAccountIds: ids });
    const resolved = resolveTemplate(Template.fromStack(stack).toJSON(), {
      account: ADMIN_ACCOUNT, partition: 'aws', region: 'us-east-1', parameters: { TargetAccounts: [TARGET_ACCOUNT, '999988887777'] },
    });
    expect(await mayAssumeExecutionRole(resolved, TARGET_ACCOUNT)).toBe(true);
    expect(await mayAssumeExecutionRole(resolved, '999988887777')).toBe(true);
    expect(await mayAssumeExecutionRole(resolved, OTHER_ACCOUNT)).toBe(false);
  });

  test('an account token in the list does not make a rollout to a literal account fail', () => {
    const { stack } = hostStack();
    const admin = new StackSetAdminRole(stack, 'StackSetAdmin', { targetAccountIds: [Aws.ACCOUNT_ID] });
    const inner = templateStack(stack);
    new sns.Topic(inner, 'T');
    new SelfManagedStackSetRollout(stack, 'Rollout', {
      template: StackSetTemplate.fromStack(inner), accountIds: [TARGET_ACCOUNT], regions: ['us-east-1'], administrationRole: admin.role,
    });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

describe('StackSetAdminRole', () => {
  test('uses the exact role name AWSCloudFormationStackSetAdministrationRole by default (R-114, A-20)', () => {
    const { raw } = adminTemplate();
    Template.fromJSON(raw).hasResourceProperties('AWS::IAM::Role', { RoleName: 'AWSCloudFormationStackSetAdministrationRole' });
  });

  test('defines the customer managed policy AWSCloudFormationStackSetAdministrationRolePolicy attached to the role (R-113, A-34)', () => {
    const { raw } = adminTemplate();
    Template.fromJSON(raw).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'AWSCloudFormationStackSetAdministrationRolePolicy',
      Roles: [{ Ref: Match.stringLikeRegexp('StackSetAdminRole') }],
    });
  });

  test('allows exactly the guide policy: sts:AssumeRole on the execution role in any account (R-113, faithful)', () => {
    // The guide's JSON (seed 001), partition-aware.
    const guide = {
      Version: '2012-10-17',
      Statement: [{ Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole'], Effect: 'Allow' }],
    };
    const { resolved } = adminTemplate();
    const [doc] = identityPolicies(resolved, 'AWSCloudFormationStackSetAdministrationRole').documents;
    const norm = (d: any) => d.Statement.map((s: any) => ({
      Effect: s.Effect,
      Action: [s.Action].flat().sort(),
      Resource: [s.Resource].flat().sort(),
    }));
    expect(norm(doc)).toEqual(norm(guide));
  });

  test('lets CloudFormation assume it for a StackSet of this account (trust simulation)', async () => {
    const { resolved } = adminTemplate();
    expect(await cloudFormationMayAssume(resolved, { 'aws:SourceAccount': ADMIN_ACCOUNT, 'aws:SourceArn': OWN_STACKSET })).toBe('Allowed');
  });

  test('denies CloudFormation acting for another account (confused deputy, aws:SourceAccount)', async () => {
    const { resolved } = adminTemplate();
    const foreign = OWN_STACKSET.replace(ADMIN_ACCOUNT, OTHER_ACCOUNT);
    expect(await cloudFormationMayAssume(resolved, { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': foreign })).not.toBe('Allowed');
  });

  test('denies CloudFormation when the source is not a StackSet (aws:SourceArn)', async () => {
    const stackArn = `arn:aws:cloudformation:us-east-1:${ADMIN_ACCOUNT}:stack/other/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const { resolved } = adminTemplate();
    expect(await cloudFormationMayAssume(resolved, { 'aws:SourceAccount': ADMIN_ACCOUNT, 'aws:SourceArn': stackArn })).not.toBe('Allowed');
  });

  // Issue 20: each confused-deputy condition on its own. A request that satisfies one condition and
  // fails (or lacks) the other is denied, so dropping either condition alone fails a test here.
  describe.each([
    ['cloudformation.amazonaws.com', 'us-east-1', {}],
    ['cloudformation.ap-east-1.amazonaws.com', 'ap-east-1', { optInRegions: ['ap-east-1'] }],
  ])('each confused-deputy condition on its own (%s)', (principal, region, props) => {
    const ownStackSet = OWN_STACKSET.replace('us-east-1', region);
    const foreignStackSet = ownStackSet.replace(ADMIN_ACCOUNT, OTHER_ACCOUNT);

    test('both conditions satisfied: allowed (the baseline the denials below differ from in one key)', async () => {
      const { resolved } = adminTemplate(props);
      expect(await cloudFormationMayAssume(resolved, { 'aws:SourceAccount': ADMIN_ACCOUNT, 'aws:SourceArn': ownStackSet }, principal)).toBe('Allowed');
    });

    test('aws:SourceAccount of another account, aws:SourceArn of an own StackSet: denied', async () => {
      const { resolved } = adminTemplate(props);
      expect(await cloudFormationMayAssume(resolved, { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': ownStackSet }, principal)).not.toBe('Allowed');
    });

    test('aws:SourceArn of another account\'s StackSet, aws:SourceAccount of this account: denied', async () => {
      const { resolved } = adminTemplate(props);
      expect(await cloudFormationMayAssume(resolved, { 'aws:SourceAccount': ADMIN_ACCOUNT, 'aws:SourceArn': foreignStackSet }, principal)).not.toBe('Allowed');
    });

    test('aws:SourceAccount missing, aws:SourceArn of an own StackSet: denied', async () => {
      const { resolved } = adminTemplate(props);
      expect(await cloudFormationMayAssume(resolved, { 'aws:SourceArn': ownStackSet }, principal)).not.toBe('Allowed');
    });

    test('aws:SourceArn missing, aws:SourceAccount of this account: denied', async () => {
      const { resolved } = adminTemplate(props);
      expect(await cloudFormationMayAssume(resolved, { 'aws:SourceAccount': ADMIN_ACCOUNT }, principal)).not.toBe('Allowed');
    });
  });

  test('denies principals of its own account', async () => {
    const { resolved } = adminTemplate();
    expect(await cloudFormationMayAssume(resolved, {}, `arn:aws:iam::${ADMIN_ACCOUNT}:role/Developer`)).not.toBe('Allowed');
  });

  test('trusts the regional CloudFormation principal of each opt-in region', async () => {
    const { resolved } = adminTemplate({ optInRegions: ['ap-east-1'] });
    const context = { 'aws:SourceAccount': ADMIN_ACCOUNT, 'aws:SourceArn': OWN_STACKSET.replace('us-east-1', 'ap-east-1') };
    expect(await cloudFormationMayAssume(resolved, context, 'cloudformation.ap-east-1.amazonaws.com')).toBe('Allowed');
  });

  test('does not trust regional CloudFormation principals unless asked', async () => {
    const { resolved } = adminTemplate();
    const context = { 'aws:SourceAccount': ADMIN_ACCOUNT, 'aws:SourceArn': OWN_STACKSET.replace('us-east-1', 'ap-east-1') };
    expect(await cloudFormationMayAssume(resolved, context, 'cloudformation.ap-east-1.amazonaws.com')).not.toBe('Allowed');
  });

  test('may assume the execution role in any account by default (simulation)', async () => {
    const { resolved } = adminTemplate();
    expect(await mayAssumeExecutionRole(resolved, TARGET_ACCOUNT)).toBe(true);
    expect(await mayAssumeExecutionRole(resolved, OTHER_ACCOUNT)).toBe(true);
  });

  test('may not assume any other role (simulation)', async () => {
    const { resolved } = adminTemplate();
    expect(await mayAssumeExecutionRole(resolved, TARGET_ACCOUNT, 'OrganizationAccountAccessRole')).toBe(false);
  });

  test('with targetAccountIds, may assume the execution role only in those accounts (simulation)', async () => {
    const { resolved } = adminTemplate({ targetAccountIds: [TARGET_ACCOUNT] });
    expect(await mayAssumeExecutionRole(resolved, TARGET_ACCOUNT)).toBe(true);
    expect(await mayAssumeExecutionRole(resolved, OTHER_ACCOUNT)).toBe(false);
  });

  test('takes custom role, policy and execution role names (R-015)', async () => {
    const { raw, resolved, admin } = adminTemplate({ roleName: 'OrgAdmin', policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution' });
    const t = Template.fromJSON(raw);
    t.hasResourceProperties('AWS::IAM::Role', { RoleName: 'OrgAdmin' });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'OrgAdminPolicy' });
    expect(admin.executionRoleName).toBe('OrgExecution');
    expect(await mayAssumeExecutionRole(resolved, TARGET_ACCOUNT, 'OrgExecution', 'OrgAdmin')).toBe(true);
    expect(await mayAssumeExecutionRole(resolved, TARGET_ACCOUNT, 'AWSCloudFormationStackSetExecutionRole', 'OrgAdmin')).toBe(false);
  });

  test.each(['aws-cn', 'aws-us-gov'])('renders every ARN in the %s partition (A-82)', (partition) => {
    const { resolved } = adminTemplate({}, partition);
    const text = JSON.stringify(resolved.Resources);
    expect(text).toContain(`arn:${partition}:iam::*:role/AWSCloudFormationStackSetExecutionRole`);
    expect(text).toContain(`arn:${partition}:cloudformation:*:${ADMIN_ACCOUNT}:stackset/*`);
    expect(text).not.toMatch(/arn:aws:/);
  });

  test('renders the partition of an explicit GovCloud environment', () => {
    const { stack } = hostStack({ env: { account: ADMIN_ACCOUNT, region: 'us-gov-west-1' } });
    new StackSetAdminRole(stack, 'StackSetAdmin');
    const resolved = resolveTemplate(Template.fromStack(stack).toJSON(), { partition: 'aws-us-gov', account: ADMIN_ACCOUNT, region: 'us-gov-west-1' });
    expect(JSON.stringify(resolved.Resources)).toContain('arn:aws-us-gov:iam::*:role/AWSCloudFormationStackSetExecutionRole');
  });

  test('emits only IAM actions that exist', () => {
    const { raw } = adminTemplate();
    expect(unknownActions(raw)).toEqual([]);
  });

  test('with every account (the guide\'s default), cdk-nag reports only the inherent account wildcard (IAM5)', () => {
    const { stack } = hostStack();
    new StackSetAdminRole(stack, 'StackSetAdmin');
    expect(nagFindings(stack).map((f) => `${f.id} ${f.path}`)).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/AWSCloudFormationStackSetExecutionRole] Host/StackSetAdmin/Policy/Resource',
    ]);
  });

  test('with targetAccountIds, has no unsuppressed cdk-nag finding', () => {
    const { stack } = hostStack();
    new StackSetAdminRole(stack, 'StackSetAdmin', { targetAccountIds: [TARGET_ACCOUNT] });
    expect(nagFindings(stack)).toEqual([]);
  });

  test('fails if roleName has a space, naming the path, prop and value', () => {
    const { stack } = hostStack();
    expect(() => new StackSetAdminRole(stack, 'StackSetAdmin', { roleName: 'StackSet Admin' })).toThrow(
      /^Host\/StackSetAdmin: roleName must be an IAM role name .*got "StackSet Admin": remove " "/,
    );
  });

  test('fails if a target account ID has dashes', () => {
    const { stack } = hostStack();
    expect(() => new StackSetAdminRole(stack, 'StackSetAdmin', { targetAccountIds: ['4444-5555-6666'] })).toThrow(
      /targetAccountIds\[0\] must be a 12-digit AWS account ID.*"4444-5555-6666": remove the dashes/,
    );
  });

  test('fails if targetAccountIds is empty (an empty list would allow nothing)', () => {
    const { stack } = hostStack();
    expect(() => new StackSetAdminRole(stack, 'StackSetAdmin', { targetAccountIds: [] })).toThrow(/targetAccountIds must not be empty/);
  });

  test('fails on an opt-in region typo with a suggestion', () => {
    const { stack } = hostStack();
    expect(() => new StackSetAdminRole(stack, 'StackSetAdmin', { optInRegions: ['ap-est-1'] })).toThrow(/optInRegions\[0\].*"ap-est-1".*did you mean "ap-east-1"/);
  });

  test('lists every problem in one error', () => {
    const { stack } = hostStack();
    expect(() => new StackSetAdminRole(stack, 'StackSetAdmin', { roleName: 'a b', executionRoleName: 'c/d' })).toThrow(
      /roleName[\s\S]*executionRoleName/,
    );
  });

  test('passes unresolved tokens through', () => {
    const { stack } = hostStack();
    const name = Stack.of(stack).stackName;
    expect(() => new StackSetAdminRole(stack, 'StackSetAdmin', { executionRoleName: name })).not.toThrow();
  });
});
