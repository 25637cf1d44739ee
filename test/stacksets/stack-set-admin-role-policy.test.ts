import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  SelfManagedStackSetRollout,
  StackSetAdminRole,
  StackSetAdminRolePolicy,
  StackSetAdminRolePolicyProps,
  StackSetTemplate,
} from '../../src/stacksets';
import { cfnLint, isAllowed, nagFindings, resolveTemplate, unknownActions } from '../harness';
import { ADMIN_ACCOUNT, addTopic, hostStack, OTHER_ACCOUNT, TARGET_ACCOUNT, templateStack } from './_helpers';

/**
 * 5.3.2 `existingAdministrationRole`: an account that already has
 * `AWSCloudFormationStackSetAdministrationRole` (AWS's standard self-managed
 * StackSet setup) gets the guide's administration policy on
 * that role, since CloudFormation cannot define a second role of that name.
 */
const ADMIN_ROLE = 'AWSCloudFormationStackSetAdministrationRole';
const ADMIN_POLICY = 'AWSCloudFormationStackSetAdministrationRolePolicy';
const EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';

const adminStack = () => hostStack({ env: { account: ADMIN_ACCOUNT, region: 'us-east-1' } }).stack;

function define(props: StackSetAdminRolePolicyProps = {}, stack: Stack = adminStack(), partition = 'aws') {
  const adminPolicy = new StackSetAdminRolePolicy(stack, 'StackSetAdminPolicy', props);
  const raw = Template.fromStack(stack).toJSON();
  return { stack, adminPolicy, raw, resolved: resolveTemplate(raw, { account: ADMIN_ACCOUNT, partition, region: 'us-east-1' }) };
}

function onlyPolicy(t: any): any {
  const ids = Object.keys(t.Resources).filter((k) => t.Resources[k].Type === 'AWS::IAM::ManagedPolicy');
  expect(ids).toHaveLength(1);
  return t.Resources[ids[0]].Properties;
}

/** The policy StackSetAdminRole attaches to the role it defines, for the same policy props. */
function definedRolePolicy(props: StackSetAdminRolePolicyProps): any {
  const stack = adminStack();
  new StackSetAdminRole(stack, 'StackSetAdminPolicy', props);
  const p = onlyPolicy(Template.fromStack(stack).toJSON());
  return { ...p, Roles: undefined };
}

/** The target side: a trust policy that admits the administrator account, so the admin role's own policy decides. */
const TRUSTS_ADMIN_ACCOUNT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ADMIN_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
};

async function mayAssume(resolved: any, account: string, roleName = EXECUTION_ROLE): Promise<boolean> {
  return isAllowed({
    principal: `arn:aws:iam::${ADMIN_ACCOUNT}:role/${ADMIN_ROLE}`,
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${account}:role/${roleName}`,
    identityPolicies: [onlyPolicy(resolved).PolicyDocument],
    resourcePolicy: TRUSTS_ADMIN_ACCOUNT,
  });
}

/** A self-managed rollout of a topic template from `stack`, administered by `administrationRole`. */
function rollout(stack: Stack, administrationRole: iam.IRole, accountIds = [TARGET_ACCOUNT], executionRoleName?: string) {
  const inner = templateStack(stack);
  addTopic(inner);
  return new SelfManagedStackSetRollout(stack, 'Rollout', {
    template: StackSetTemplate.fromStack(inner),
    accountIds,
    regions: ['us-east-1'],
    administrationRole,
    executionRoleName,
  });
}

describe('StackSetAdminRolePolicy', () => {
  test('defines no role: the existing AWSCloudFormationStackSetAdministrationRole keeps its trust (5.3.2, A-20)', () => {
    const { raw } = define();
    expect(Object.values<any>(raw.Resources).map((r) => r.Type)).toEqual(['AWS::IAM::ManagedPolicy']);
  });

  test('attaches the customer managed AWSCloudFormationStackSetAdministrationRolePolicy to the role by name (R-113, A-34)', () => {
    const p = onlyPolicy(define().raw);
    expect(p.ManagedPolicyName).toBe(ADMIN_POLICY);
    expect(p.Roles).toEqual([ADMIN_ROLE]);
  });

  test('allows exactly the guide policy: sts:AssumeRole on the execution role in any account (R-113, faithful)', () => {
    const [statement] = onlyPolicy(define().resolved).PolicyDocument.Statement;
    expect(statement).toEqual({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${EXECUTION_ROLE}` });
  });

  test.each<[string, StackSetAdminRolePolicyProps]>([
    ['the default', {}],
    ['targetAccountIds', { targetAccountIds: [TARGET_ACCOUNT, OTHER_ACCOUNT] }],
    ['custom names (R-015)', { policyName: 'OrgAdminPolicy', executionRoleName: 'OrgExecution' }],
  ])('with %s, the policy is exactly the one StackSetAdminRole attaches to the role it defines', (_name, props) => {
    expect({ ...onlyPolicy(define(props).raw), Roles: undefined }).toEqual(definedRolePolicy(props));
  });

  test('the role may assume the execution role in any account by default, and no other role (simulation, R-113)', async () => {
    const { resolved } = define();
    expect(await mayAssume(resolved, TARGET_ACCOUNT)).toBe(true);
    expect(await mayAssume(resolved, OTHER_ACCOUNT)).toBe(true);
    expect(await mayAssume(resolved, TARGET_ACCOUNT, 'OrganizationAccountAccessRole')).toBe(false);
  });

  test('with targetAccountIds, the role may assume the execution role only in those accounts (simulation)', async () => {
    const { resolved } = define({ targetAccountIds: [TARGET_ACCOUNT] });
    expect(await mayAssume(resolved, TARGET_ACCOUNT)).toBe(true);
    expect(await mayAssume(resolved, OTHER_ACCOUNT)).toBe(false);
  });

  test('with executionRoleName, the role may assume only that execution role (simulation, R-015)', async () => {
    const { resolved, adminPolicy } = define({ executionRoleName: 'OrgExecution' });
    expect(adminPolicy.executionRoleName).toBe('OrgExecution');
    expect(await mayAssume(resolved, TARGET_ACCOUNT, 'OrgExecution')).toBe(true);
    expect(await mayAssume(resolved, TARGET_ACCOUNT, EXECUTION_ROLE)).toBe(false);
  });

  test('exposes the imported role, its partition-aware ARN and its name', () => {
    const { stack, adminPolicy } = define();
    expect(adminPolicy.roleName).toBe(ADMIN_ROLE);
    expect(stack.resolve(adminPolicy.roleArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ADMIN_ACCOUNT}:role/${ADMIN_ROLE}`]] });
    expect(adminPolicy.policy).toBeInstanceOf(iam.ManagedPolicy);
  });

  test('role attaches the policy to another existing role, by its name', () => {
    const stack = adminStack();
    const role = iam.Role.fromRoleName(stack, 'OrgAdmin', 'OrgStackSetAdmin');
    const { raw, adminPolicy } = define({ role }, stack);
    expect(onlyPolicy(raw).Roles).toEqual(['OrgStackSetAdmin']);
    expect(adminPolicy.role).toBe(role);
  });

  test.each(['aws-cn', 'aws-us-gov'])('renders the ARNs in the %s partition (A-82)', (partition) => {
    const { resolved } = define({}, hostStack().stack, partition);
    const text = JSON.stringify(resolved.Resources);
    expect(text).toContain(`arn:${partition}:iam::*:role/${EXECUTION_ROLE}`);
    expect(text).not.toMatch(/arn:aws:/);
  });

  describe('with SelfManagedStackSetRollout', () => {
    test('the StackSet names the existing role and waits for the attached policy', () => {
      const stack = adminStack();
      const adminPolicy = new StackSetAdminRolePolicy(stack, 'StackSetAdminPolicy');
      rollout(stack, adminPolicy.role);
      const t = Template.fromStack(stack).toJSON();
      const [set] = Object.values<any>(t.Resources).filter((r) => r.Type === 'AWS::CloudFormation::StackSet');
      expect(stack.resolve(set.Properties.AdministrationRoleARN)).toEqual(stack.resolve(adminPolicy.roleArn));
      const policyId = stack.getLogicalId(adminPolicy.policy.node.defaultChild as iam.CfnManagedPolicy);
      expect(set.DependsOn).toEqual([policyId]);
    });

    test('cfn-lint finds no error or warning in the stack', () => {
      const { app, stack } = hostStack({ env: { account: ADMIN_ACCOUNT, region: 'us-east-1' } });
      rollout(stack, new StackSetAdminRolePolicy(stack, 'StackSetAdminPolicy', { targetAccountIds: [TARGET_ACCOUNT] }).role);
      expect(cfnLint([app.synth().getStackArtifact(stack.artifactId).templateFullPath])).toEqual([]);
    });

    test('fails if the rollout deploys to an account outside targetAccountIds', () => {
      const stack = adminStack();
      const adminPolicy = new StackSetAdminRolePolicy(stack, 'StackSetAdminPolicy', { targetAccountIds: [TARGET_ACCOUNT] });
      expect(() => rollout(stack, adminPolicy.role, [TARGET_ACCOUNT, OTHER_ACCOUNT])).toThrow(
        new RegExp(`accountIds lists "${OTHER_ACCOUNT}", which administrationRole \\(Host/StackSetAdminPolicy\\) may not deploy to`),
      );
    });

    test('fails if the rollout names another execution role than the policy allows', () => {
      const stack = adminStack();
      const adminPolicy = new StackSetAdminRolePolicy(stack, 'StackSetAdminPolicy');
      expect(() => rollout(stack, adminPolicy.role, [TARGET_ACCOUNT], 'OrgExecution')).toThrow(
        /executionRoleName is "OrgExecution" but administrationRole \(Host\/StackSetAdminPolicy\) may only assume "AWSCloudFormationStackSetExecutionRole"/,
      );
    });
  });

  test('emits only IAM actions that exist', () => {
    expect(unknownActions(define().raw)).toEqual([]);
  });

  test('with every account (the guide\'s default), cdk-nag reports only the inherent account wildcard (IAM5), as on StackSetAdminRole', () => {
    expect(nagFindings(define().stack).map((f) => `${f.id} ${f.path}`)).toEqual([
      // The stack's region is concrete, so the partition is a literal.
      `AwsSolutions-IAM5[Resource::arn:aws:iam::*:role/${EXECUTION_ROLE}] Host/StackSetAdminPolicy/Policy/Resource`,
    ]);
  });

  test('with targetAccountIds, has no unsuppressed cdk-nag finding', () => {
    expect(nagFindings(define({ targetAccountIds: [TARGET_ACCOUNT] }).stack)).toEqual([]);
  });

  describe('bad input', () => {
    test('fails if the role is in another account than the stack', () => {
      const stack = adminStack();
      const elsewhere = iam.Role.fromRoleArn(stack, 'Elsewhere', `arn:aws:iam::${OTHER_ACCOUNT}:role/${ADMIN_ROLE}`);
      expect(() => define({ role: elsewhere }, stack)).toThrow(
        new RegExp(`^Host/StackSetAdminPolicy: role is in account ${OTHER_ACCOUNT} but this stack deploys to ${ADMIN_ACCOUNT}: .*define this construct in a stack of ${OTHER_ACCOUNT}`),
      );
    });

    test('fails on the role of a StackSetAdminRole, which already has the policy: its props set what the policy allows', () => {
      const stack = adminStack();
      const admin = new StackSetAdminRole(stack, 'StackSetAdmin');
      expect(() => define({ role: admin.role, executionRoleName: 'OrgExecution' }, stack)).toThrow(
        /^Host\/StackSetAdminPolicy: role already gets the administration policy of Host\/StackSetAdmin, which lets it assume "AWSCloudFormationStackSetExecutionRole": .*Set executionRoleName and targetAccountIds there instead/,
      );
    });

    test('fails on a role that another StackSetAdminRolePolicy already gives the policy', () => {
      const stack = adminStack();
      const first = new StackSetAdminRolePolicy(stack, 'First');
      expect(() => new StackSetAdminRolePolicy(stack, 'Second', { role: first.role, policyName: 'Second' })).toThrow(
        /^Host\/Second: role already gets the administration policy of Host\/First/,
      );
    });

    test('fails on bad names and account IDs, naming each prop and value in one error', () => {
      let msg = '';
      try {
        define({ policyName: 'a b', executionRoleName: 'c/d', targetAccountIds: ['4444-5555-6666'] });
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toMatch(/policyName must be an IAM policy name.*"a b"/);
      expect(msg).toMatch(/executionRoleName must be an IAM role name.*"c\/d"/);
      expect(msg).toMatch(/targetAccountIds\[0\] must be a 12-digit AWS account ID.*"4444-5555-6666": remove the dashes/);
    });

    test('fails if targetAccountIds is empty (an empty list would allow nothing)', () => {
      expect(() => define({ targetAccountIds: [] })).toThrow(/targetAccountIds must not be empty/);
    });

    test('passes unresolved tokens through: an env-agnostic stack and a token role', () => {
      const stack = hostStack().stack;
      const role = iam.Role.fromRoleArn(stack, 'Token', Stack.of(stack).formatArn({ service: 'iam', region: '', resource: 'role', resourceName: ADMIN_ROLE }));
      expect(() => define({ role, executionRoleName: stack.stackName }, stack)).not.toThrow();
    });
  });
});
