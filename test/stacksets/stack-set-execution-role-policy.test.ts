import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  StackSetExecutionPermissions,
  StackSetExecutionRole,
  StackSetExecutionRolePolicy,
  StackSetExecutionRolePolicyProps,
  StackSetTemplate,
} from '../../src/stacksets';
import { identityPolicies, isAllowed, nagFindings, resolveTemplate, unknownActions } from '../harness';
import { ADMIN_ACCOUNT, addTopic, hostStack, TARGET_ACCOUNT, templateStack } from './_helpers';

type Props = Omit<StackSetExecutionRolePolicyProps, 'permissions'> & { permissions?: StackSetExecutionPermissions };

const EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';

function define(props: Props = {}, stack: Stack = hostStack({ env: { account: TARGET_ACCOUNT, region: 'us-east-1' } }).stack) {
  const policy = new StackSetExecutionRolePolicy(stack, 'StackSetExecution', {
    permissions: StackSetExecutionPermissions.GUIDE_PUBLISHER,
    ...props,
  });
  const raw = Template.fromStack(stack).toJSON();
  return { stack, policy, raw, resolved: resolveTemplate(raw, { account: TARGET_ACCOUNT }) };
}

function onlyPolicy(t: any): any {
  const ids = Object.keys(t.Resources).filter((k) => t.Resources[k].Type === 'AWS::IAM::ManagedPolicy');
  expect(ids).toHaveLength(1);
  return t.Resources[ids[0]].Properties;
}

/** The policy document StackSetExecutionRole attaches to the role it defines, for the same permissions. */
function definedRolePolicy(permissions: StackSetExecutionPermissions): any {
  const { stack } = hostStack({ env: { account: TARGET_ACCOUNT, region: 'us-east-1' } });
  new StackSetExecutionRole(stack, 'StackSetExecution', { administratorAccountId: ADMIN_ACCOUNT, permissions });
  return onlyPolicy(Template.fromStack(stack).toJSON()).PolicyDocument;
}

describe('StackSetExecutionRolePolicy', () => {
  test('defines no role: the existing AWSCloudFormationStackSetExecutionRole keeps its trust (5.3.2 existingExecutionRole)', () => {
    const { raw } = define();
    expect(Object.values<any>(raw.Resources).map((r) => r.Type)).toEqual(['AWS::IAM::ManagedPolicy']);
  });

  test('attaches AWSCloudFormationStackSetExecutionRolePolicy to the role by name: Roles: ["AWSCloudFormationStackSetExecutionRole"] (R-115, R-118, A-34)', () => {
    const p = onlyPolicy(define().raw);
    expect(p.ManagedPolicyName).toBe('AWSCloudFormationStackSetExecutionRolePolicy');
    expect(p.Roles).toEqual([EXECUTION_ROLE]);
  });

  test.each([
    ['GUIDE_RECEIVER', StackSetExecutionPermissions.GUIDE_RECEIVER],
    ['GUIDE_PUBLISHER', StackSetExecutionPermissions.GUIDE_PUBLISHER],
  ])('the %s document is exactly the one StackSetExecutionRole attaches to the role it defines', (_name, permissions) => {
    expect(onlyPolicy(define({ permissions }).raw).PolicyDocument).toEqual(definedRolePolicy(permissions));
  });

  test('the policy carries the same justified checkov skips as on a defined role', () => {
    const { raw } = define();
    const [policy] = Object.values<any>(raw.Resources);
    expect(policy.Metadata.checkov.skip.map((s: any) => s.id)).toEqual(['CKV_AWS_111', 'CKV_AWS_109']);
  });

  test('exposes the imported role, its partition-aware ARN and its name', () => {
    const { stack, policy } = define();
    expect(policy.roleName).toBe(EXECUTION_ROLE);
    expect(stack.resolve(policy.roleArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${TARGET_ACCOUNT}:role/${EXECUTION_ROLE}`]] });
    expect(policy.policy).toBeInstanceOf(iam.ManagedPolicy);
  });

  test('the existing role may then create the guide\'s queues with the receiver permissions (simulation, R-115)', async () => {
    const { resolved } = define({ permissions: StackSetExecutionPermissions.GUIDE_RECEIVER });
    const doc = onlyPolicy(resolved).PolicyDocument;
    const req = { principal: `arn:aws:iam::${TARGET_ACCOUNT}:role/${EXECUTION_ROLE}`, identityPolicies: [doc], resource: `arn:aws:sqs:us-east-1:${TARGET_ACCOUNT}:nrt` };
    expect(await isAllowed({ ...req, action: 'sqs:CreateQueue' })).toBe(true);
    expect(await isAllowed({ ...req, action: 'sqs:SendMessage' })).toBe(false);
  });

  test('role attaches a second policy to a StackSetExecutionRole, here permissions derived from a template', () => {
    const { stack } = hostStack({ env: { account: TARGET_ACCOUNT, region: 'us-east-1' } });
    const role = new StackSetExecutionRole(stack, 'StackSetExecution', { administratorAccountId: ADMIN_ACCOUNT, permissions: StackSetExecutionPermissions.GUIDE_PUBLISHER });
    const inner = templateStack(stack);
    addTopic(inner);
    new StackSetExecutionRolePolicy(stack, 'TopicPermissions', {
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)]),
      role: role.role,
    });
    const t = resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT });
    const docs = identityPolicies(t, EXECUTION_ROLE).documents;
    expect(docs).toHaveLength(2);
    const derived = Object.values<any>(t.Resources).find((r) => r.Properties?.Description === 'Permissions of the StackSet execution role (FROM_TEMPLATES)');
    expect(derived.Properties.ManagedPolicyName).toBeUndefined();
    expect(JSON.stringify(derived.Properties.PolicyDocument)).toContain('sns:CreateTopic');
  });

  test('with derived permissions it defines the permissions boundary of the templates\' roles next to the policy, unattached (issue 13, finding 9)', () => {
    const { stack } = hostStack({ env: { account: TARGET_ACCOUNT, region: 'us-east-1' } });
    const inner = templateStack(stack);
    addTopic(inner);
    const policy = new StackSetExecutionRolePolicy(stack, 'TopicPermissions', {
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)], { boundaryPolicyName: 'TopicCeiling' }),
    });
    expect(policy.boundaryPolicy).toBeDefined();
    const t = Template.fromStack(stack).toJSON();
    const boundary = Object.values<any>(t.Resources).find((r) => r.Properties?.ManagedPolicyName === 'TopicCeiling');
    expect(boundary.Properties.Roles).toBeUndefined();
    expect(boundary.Properties.PolicyDocument.Statement[0]).toMatchObject({ Sid: 'NoEscalation', Effect: 'Deny' });
    expect(define().policy.boundaryPolicy).toBeUndefined();
  });

  test('emits only IAM actions that exist', () => {
    expect(unknownActions(define({ permissions: StackSetExecutionPermissions.GUIDE_RECEIVER }).raw)).toEqual([]);
  });

  test('cdk-nag reports only IAM5 on the policy ("*", as on a defined role)', () => {
    const { stack } = define();
    expect(nagFindings(stack).map((f) => `${f.id} ${f.path}`)).toEqual(['AwsSolutions-IAM5[Resource::*] Host/StackSetExecution/Policy/Resource']);
  });

  test('fails with ADMINISTRATOR_ACCESS: an AWS managed policy can only be attached by changing the role', () => {
    expect(() => define({ permissions: StackSetExecutionPermissions.ADMINISTRATOR_ACCESS })).toThrow(
      /^Host\/StackSetExecution: permissions is ADMINISTRATOR_ACCESS, which attaches the AWS managed policy AdministratorAccess: .*Choose GUIDE_RECEIVER, GUIDE_PUBLISHER or StackSetExecutionPermissions.fromTemplates/,
    );
  });

  test('fails if the role is in another account than the stack', () => {
    const { stack } = hostStack({ env: { account: TARGET_ACCOUNT, region: 'us-east-1' } });
    const elsewhere = iam.Role.fromRoleArn(stack, 'Elsewhere', `arn:aws:iam::${ADMIN_ACCOUNT}:role/${EXECUTION_ROLE}`);
    expect(() => define({ role: elsewhere }, stack)).toThrow(new RegExp(`role is in account ${ADMIN_ACCOUNT} but this stack deploys to ${TARGET_ACCOUNT}`));
  });

  test('fails if policyName is not a policy name', () => {
    expect(() => define({ policyName: 'a b' })).toThrow(/policyName must be an IAM policy name.*"a b"/);
  });

  test('fails at synth if derived permissions have no template', () => {
    const { stack } = hostStack();
    new StackSetExecutionRolePolicy(stack, 'StackSetExecution', { permissions: StackSetExecutionPermissions.fromTemplates([]) });
    expect(() => Template.fromStack(stack)).toThrow(/permissions is StackSetExecutionPermissions.fromTemplates\(\[\]\)/);
  });
});
