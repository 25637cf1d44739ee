import { Stack } from 'aws-cdk-lib';
import { ACCOUNT, OTHER_ACCOUNT, concreteStack, errorOf, idsOf, lintStacks, listOf, newStack, outputValues, templateOf } from './_helpers';
import { SkyhighNrtConfigAudit, SkyhighNrtConfigAuditProps, SkyhighNrtMode } from '../../src/presets';
import { identityPolicies, isAllowed, nagFindings, resolveTemplate } from '../harness';

/**
 * 5.3.2 `existingExecutionRole`: an account that already has
 * `AWSCloudFormationStackSetExecutionRole` (AWS's standard self-managed
 * StackSet setup) gets the guide's execution policy on that role, since
 * CloudFormation cannot define a second role of that name.
 */
const RECEIVER = ACCOUNT;
const EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';
const EXECUTION_POLICY = 'AWSCloudFormationStackSetExecutionRolePolicy';

function synth(props: SkyhighNrtConfigAuditProps = {}, stack: Stack = concreteStack()) {
  const nrt = new SkyhighNrtConfigAudit(stack, 'Nrt', { existingExecutionRole: true, ...props });
  const t = resolveTemplate(templateOf(stack), { account: stack.account === OTHER_ACCOUNT ? OTHER_ACCOUNT : ACCOUNT });
  return { stack, nrt, t };
}

const PUBLISHER_PROPS: SkyhighNrtConfigAuditProps = { mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }) };

function executionPolicy(t: any): any {
  const ids = idsOf(t, 'AWS::IAM::ManagedPolicy').filter((id) => t.Resources[id].Properties.ManagedPolicyName === EXECUTION_POLICY);
  expect(ids).toHaveLength(1);
  return t.Resources[ids[0]].Properties;
}

function roleNames(t: any): string[] {
  return idsOf(t, 'AWS::IAM::Role').map((id) => t.Resources[id].Properties.RoleName);
}

describe('SkyhighNrtConfigAudit existingExecutionRole', () => {
  test('a receiver defines no execution role, only the administration role (R-114, 5.3.2)', () => {
    expect(roleNames(synth().t)).toEqual(['AWSCloudFormationStackSetAdministrationRole']);
  });

  test('a publisher defines no role at all', () => {
    expect(roleNames(synth(PUBLISHER_PROPS, concreteStack('us-east-1', OTHER_ACCOUNT)).t)).toEqual([]);
  });

  test('the receiver variant of AWSCloudFormationStackSetExecutionRolePolicy goes on the existing role by name: Roles: ["AWSCloudFormationStackSetExecutionRole"] (R-115, A-34)', () => {
    const p = executionPolicy(synth().t);
    expect(p.Roles).toEqual([EXECUTION_ROLE]);
    expect(p.PolicyDocument.Statement).toHaveLength(2);
    expect(p.PolicyDocument.Statement[0]).toMatchObject({ Sid: 'VisualEditor0', Resource: '*' });
    expect(p.PolicyDocument.Statement[1]).toMatchObject({ Sid: 'PrefixedQueues', Resource: `arn:aws:sqs:*:${RECEIVER}:StackSet-*` });
    expect(listOf(p.PolicyDocument.Statement[1].Action)).toContain('sqs:CreateQueue');
  });

  test('the publisher variant goes on the existing role by name, with the 18 actions (R-118)', () => {
    const p = executionPolicy(synth(PUBLISHER_PROPS, concreteStack('us-east-1', OTHER_ACCOUNT)).t);
    expect(p.Roles).toEqual([EXECUTION_ROLE]);
    expect(listOf(p.PolicyDocument.Statement[0].Action)).toHaveLength(18);
  });

  test('the policy document is the one a defined role gets', () => {
    const defined = executionPolicy(resolveTemplate(templateOf((() => {
      const stack = concreteStack();
      new SkyhighNrtConfigAudit(stack, 'Nrt');
      return stack;
    })()))).PolicyDocument;
    expect(executionPolicy(synth().t).PolicyDocument).toEqual(defined);
  });

  test('the existing role may then do what the guide grants, e.g. put the vendor\'s rules (simulation, R-115)', async () => {
    const { t } = synth();
    const doc = executionPolicy(t).PolicyDocument;
    const principal = `arn:aws:iam::${RECEIVER}:role/${EXECUTION_ROLE}`;
    expect(await isAllowed({ principal, action: 'events:PutRule', resource: `arn:aws:events:eu-west-1:${RECEIVER}:rule/nrt`, identityPolicies: [doc] })).toBe(true);
    expect(await isAllowed({ principal, action: 'iam:CreateRole', resource: `arn:aws:iam::${RECEIVER}:role/x`, identityPolicies: [doc] })).toBe(false);
  });

  test('exposes the policy in place of the role: executionRole is undefined, executionPolicy and executionRoleArn are set', () => {
    const { nrt, stack } = synth();
    expect(nrt.executionRole).toBeUndefined();
    expect(nrt.existingExecutionRolePolicy).toBeDefined();
    expect(nrt.executionPolicy).toBe(nrt.existingExecutionRolePolicy!.policy);
    expect(stack.resolve(nrt.executionRoleArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${RECEIVER}:role/${EXECUTION_ROLE}`]] });
  });

  test('a defined role is exposed the same way', () => {
    const stack = concreteStack();
    const nrt = new SkyhighNrtConfigAudit(stack, 'Nrt');
    expect(nrt.existingExecutionRolePolicy).toBeUndefined();
    expect(nrt.executionPolicy).toBe(nrt.executionRole!.policy);
    expect(nrt.executionRoleArn).toBe(nrt.executionRole!.roleArn);
  });

  test('the hand-off output gives the existing role\'s ARN (R-122)', () => {
    const out = outputValues(synth().t);
    expect(out['Skyhigh NRT: StackSet execution role of this account']).toBe(`arn:aws:iam::${RECEIVER}:role/${EXECUTION_ROLE}`);
  });

  test('organization mode: the member accounts still get the role from the StackSet (R-121)', () => {
    const { t } = synth({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'] }) }, concreteStack('us-east-1', OTHER_ACCOUNT));
    const set = t.Resources[idsOf(t, 'AWS::CloudFormation::StackSet')[0]].Properties;
    const body = JSON.parse(set.TemplateBody);
    expect(idsOf(body, 'AWS::IAM::Role').map((id) => body.Resources[id].Properties.RoleName)).toEqual([EXECUTION_ROLE]);
    expect(roleNames(t)).toEqual([]);
  });

  test('cdk-nag reports the same findings at the same paths as with a defined role', () => {
    expect([...new Set(nagFindings(synth().stack).map((f) => `${f.id.replace(/\[.*$/, '')} ${f.path}`))].sort()).toEqual([
      'AwsSolutions-IAM5 TestStack/Nrt/StackSetAdministration/Policy/Resource',
      'AwsSolutions-IAM5 TestStack/Nrt/StackSetExecution/Policy/Resource',
    ]);
  });

  test('cfn-lint finds no error or warning', () => {
    // One call per stack: lintStacks names each file after the stack, and both are TestStack.
    expect(lintStacks([synth().stack])).toEqual([]);
    expect(lintStacks([synth(PUBLISHER_PROPS, concreteStack('us-east-1', OTHER_ACCOUNT)).stack])).toEqual([]);
  });

  test('synthesizes env-agnostic with a partition-aware ARN', () => {
    const stack = newStack();
    new SkyhighNrtConfigAudit(stack, 'Nrt', { existingExecutionRole: true });
    expect(JSON.stringify(templateOf(stack))).not.toMatch(/arn:aws:/);
  });

  describe('bad input', () => {
    test('fails with narrowExecutionRoleTrust: the existing role\'s trust is never changed (A-28)', () => {
      expect(errorOf(() => synth({ narrowExecutionRoleTrust: true }))).toMatch(
        /^TestStack\/Nrt: narrowExecutionRoleTrust is true but existingExecutionRole is true: the existing AWSCloudFormationStackSetExecutionRole keeps its trust/,
      );
    });

    test('fails with cloudFormationServiceTrust, true or false (R-116)', () => {
      expect(errorOf(() => synth({ cloudFormationServiceTrust: true }))).toMatch(/cloudFormationServiceTrust is true but existingExecutionRole is true/);
      expect(errorOf(() => synth({ cloudFormationServiceTrust: false }))).toMatch(/cloudFormationServiceTrust is false but existingExecutionRole is true/);
    });

    test('names both trust props in one error', () => {
      const msg = errorOf(() => synth({ narrowExecutionRoleTrust: false, cloudFormationServiceTrust: true }));
      expect(msg).toMatch(/narrowExecutionRoleTrust is false/);
      expect(msg).toMatch(/cloudFormationServiceTrust is true/);
    });

    test('existingExecutionRole: false keeps every trust prop valid', () => {
      const stack = concreteStack();
      new SkyhighNrtConfigAudit(stack, 'Nrt', { existingExecutionRole: false, narrowExecutionRoleTrust: true, cloudFormationServiceTrust: false });
      expect(identityPolicies(resolveTemplate(templateOf(stack)), EXECUTION_ROLE).documents).toHaveLength(1);
    });
  });
});
