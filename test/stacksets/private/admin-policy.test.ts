/**
 * Unit tests of src/stacksets/private/admin-policy.ts: the shapes and
 * problems of the administration policy options, and the policy
 * `defineAdminPolicy` attaches and registers for `StackSetAdminRole` and
 * `StackSetAdminRolePolicy`.
 */
import { App, Aws, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkPropShapes } from '../../../src/core/private/validators';
import { ADMIN_POLICY_SHAPES, adminPolicyProblems, defineAdminPolicy } from '../../../src/stacksets/private/admin-policy';
import { adminRoleFacts } from '../../../src/stacksets/private/registry';

const TARGET_ACCOUNT = '444455556666';
const OTHER_ACCOUNT = '777788889999';

/** A scope in a stack (env-agnostic unless `env` says otherwise) and an existing role imported by name. */
function setup(env?: { account: string; region: string }): { stack: Stack; scope: Construct; role: iam.IRole } {
  const stack = new Stack(new App(), 'Host', { env });
  const scope = new Construct(stack, 'AdminPolicy');
  const role = iam.Role.fromRoleName(stack, 'Admin', 'OrgAdmin');
  return { stack, scope, role };
}

describe('admin-policy', () => {
  test('ADMIN_POLICY_SHAPES checks the JavaScript shape of each option', () => {
    expect(checkPropShapes({ policyName: 1, executionRoleName: true, targetAccountIds: TARGET_ACCOUNT }, ADMIN_POLICY_SHAPES)).toEqual([
      expect.stringMatching(/^policyName must be a string, got number 1/),
      expect.stringMatching(/^executionRoleName must be a string, got boolean true/),
      expect.stringMatching(/^targetAccountIds must be a list of strings, got "444455556666"/),
    ]);
  });

  test('adminPolicyProblems finds nothing in valid options', () => {
    expect(adminPolicyProblems({ policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution', targetAccountIds: [TARGET_ACCOUNT, OTHER_ACCOUNT] }))
      .toEqual([undefined, undefined]);
  });

  test('adminPolicyProblems names each bad option in the documented order, duplicates included', () => {
    const problems = adminPolicyProblems({ policyName: 'a b', executionRoleName: 'c/d', targetAccountIds: ['4444-5555-6666', TARGET_ACCOUNT, TARGET_ACCOUNT] });
    expect(problems).toEqual([
      expect.stringMatching(/^policyName must be an IAM policy name .*got "a b"/),
      expect.stringMatching(/^executionRoleName must be an IAM role name .*got "c\/d"/),
      expect.stringMatching(/^targetAccountIds\[0\] must be a 12-digit AWS account ID .*got "4444-5555-6666"/),
      `targetAccountIds lists "${TARGET_ACCOUNT}" more than once: remove the duplicates`,
    ]);
  });

  test('adminPolicyProblems passes unresolved tokens through', () => {
    const { stack } = setup();
    const problems = adminPolicyProblems({ policyName: stack.stackName, executionRoleName: stack.stackName, targetAccountIds: [stack.account] });
    expect(problems).toEqual([undefined, undefined]);
  });

  test('without targetAccountIds, the policy is the guide\'s: sts:AssumeRole on the execution role in every account, partition-aware', () => {
    const { stack, scope, role } = setup();
    const policy = defineAdminPolicy(scope, role, { policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution' });
    expect(policy.node.id).toBe('Policy');
    expect(policy.node.scope).toBe(scope);
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources[stack.getLogicalId(policy.node.defaultChild as iam.CfnManagedPolicy)]).toEqual({
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: 'OrgAdminPolicy',
        Description: 'Lets the StackSet administration role assume the StackSet execution role in target accounts',
        Path: '/',
        Roles: ['OrgAdmin'],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/OrgExecution']] },
          }],
        },
      },
    });
  });

  test('with targetAccountIds, one execution role ARN per listed account, in order, with the partition of the stack\'s region', () => {
    const { stack, scope, role } = setup({ account: '111122223333', region: 'us-gov-west-1' });
    const policy = defineAdminPolicy(scope, role, { policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution', targetAccountIds: [OTHER_ACCOUNT, TARGET_ACCOUNT] });
    expect(stack.resolve(policy.document).Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Resource: [`arn:aws-us-gov:iam::${OTHER_ACCOUNT}:role/OrgExecution`, `arn:aws-us-gov:iam::${TARGET_ACCOUNT}:role/OrgExecution`],
    }]);
  });

  test('registers the role\'s facts: the scope, its path, the execution role name and a copy of the accounts', () => {
    const { scope, role } = setup();
    const accounts = [TARGET_ACCOUNT];
    defineAdminPolicy(scope, role, { policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution', targetAccountIds: accounts });
    accounts.push(OTHER_ACCOUNT);
    const facts = adminRoleFacts(role);
    expect(facts?.construct).toBe(scope);
    expect(facts).toEqual({ path: 'Host/AdminPolicy', construct: scope, executionRoleName: 'OrgExecution', targetAccountIds: [TARGET_ACCOUNT] });
  });

  test('registers every account (no targetAccountIds) when the options list none', () => {
    const { scope, role } = setup();
    defineAdminPolicy(scope, role, { policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution' });
    expect(adminRoleFacts(role)?.targetAccountIds).toBeUndefined();
    expect(adminRoleFacts(role)?.executionRoleName).toBe('OrgExecution');
  });

  test('a token list of accounts (a CommaDelimitedList parameter) becomes one execution role ARN per account at deploy time', () => {
    const { stack, scope, role } = setup({ account: '111122223333', region: 'us-east-1' });
    const ids = new CfnParameter(stack, 'Ids', { type: 'CommaDelimitedList' }).valueAsList;
    const policy = defineAdminPolicy(scope, role, { policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution', targetAccountIds: ids });
    const resource = stack.resolve(policy.document).Statement[0].Resource;
    expect(resource).toEqual({
      'Fn::Split': [',', { 'Fn::Join': ['', ['arn:aws:iam::', { 'Fn::Join': [':role/OrgExecution,arn:aws:iam::', { Ref: 'Ids' }] }, ':role/OrgExecution']] }],
    });
    // what CloudFormation makes of it for two accounts
    const evaluated = `arn:aws:iam::${[TARGET_ACCOUNT, OTHER_ACCOUNT].join(':role/OrgExecution,arn:aws:iam::')}:role/OrgExecution`.split(',');
    expect(evaluated).toEqual([`arn:aws:iam::${TARGET_ACCOUNT}:role/OrgExecution`, `arn:aws:iam::${OTHER_ACCOUNT}:role/OrgExecution`]);
    expect(adminRoleFacts(role)?.targetAccountIds).toBeUndefined();
  });

  test('a list with one token account registers no accounts, so no rollout is refused for an account the token may be', () => {
    const { scope, role } = setup();
    defineAdminPolicy(scope, role, { policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution', targetAccountIds: [Aws.ACCOUNT_ID, TARGET_ACCOUNT] });
    expect(adminRoleFacts(role)?.targetAccountIds).toBeUndefined();
  });
});
