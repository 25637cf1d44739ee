import { Stack } from 'aws-cdk-lib';
import { ACCOUNT, OTHER_ACCOUNT, concreteStack, errorOf, idsOf, lintStacks, newStack, outputValues, templateOf } from './_helpers';
import { SkyhighNrtConfigAudit, SkyhighNrtConfigAuditProps, SkyhighNrtMode, SkyhighNrtReceiverOptions } from '../../src/presets';
import { isAllowed, nagFindings, resolveTemplate } from '../harness';

/**
 * 5.3.2, beside `existingExecutionRole`: a receiver that already has
 * `AWSCloudFormationStackSetAdministrationRole` (AWS's standard self-managed
 * StackSet setup) gets the guide's administration policy on that
 * role, since CloudFormation cannot define a second role of that name.
 */
const RECEIVER = ACCOUNT;
const PUBLISHER = OTHER_ACCOUNT;
const ADMIN_ROLE = 'AWSCloudFormationStackSetAdministrationRole';
const ADMIN_POLICY = 'AWSCloudFormationStackSetAdministrationRolePolicy';
const EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';
const ADMIN_ROLE_ARN = `arn:aws:iam::${RECEIVER}:role/${ADMIN_ROLE}`;
const REGIONS = ['us-east-1', 'eu-west-1'];
const ADMIN_OUTPUT = 'Skyhigh NRT: StackSet administration role';

/** A receiver stack with `existingAdministrationRole` (unless `options` says otherwise), of the mode `factory` makes. */
function synth(props: SkyhighNrtConfigAuditProps = {}, options: SkyhighNrtReceiverOptions = {}, factory = SkyhighNrtMode.receiverAndPublisher) {
  const stack: Stack = concreteStack();
  const nrt = new SkyhighNrtConfigAudit(stack, 'Nrt', { mode: factory({ existingAdministrationRole: true, ...options }), ...props });
  const raw = templateOf(stack);
  return { stack, nrt, raw, t: resolveTemplate(raw, { account: RECEIVER }) };
}

function adminPolicy(t: any): any {
  const ids = idsOf(t, 'AWS::IAM::ManagedPolicy').filter((id) => t.Resources[id].Properties.ManagedPolicyName === ADMIN_POLICY);
  expect(ids).toHaveLength(1);
  return t.Resources[ids[0]].Properties;
}

function roleNames(t: any): string[] {
  return idsOf(t, 'AWS::IAM::Role').map((id) => t.Resources[id].Properties.RoleName);
}

/** The StackSet whose logical id starts with `Nrt<name>`. */
function stackSet(t: any, name: string): { props: any; dependsOn: string[] } {
  const ids = idsOf(t, 'AWS::CloudFormation::StackSet').filter((id) => id.startsWith(`Nrt${name}`));
  expect(ids).toHaveLength(1);
  return { props: t.Resources[ids[0]].Properties, dependsOn: t.Resources[ids[0]].DependsOn ?? [] };
}

describe('SkyhighNrtConfigAudit existingAdministrationRole', () => {
  test.each([
    ['receiverAndPublisher', SkyhighNrtMode.receiverAndPublisher],
    ['receiver', SkyhighNrtMode.receiver],
  ])('a SkyhighNrtMode.%s() stack defines no administration role, only the execution role (R-114, 5.3.2)', (_name, factory) => {
    expect(roleNames(synth({}, {}, factory).t)).toEqual([EXECUTION_ROLE]);
  });

  test('with existingExecutionRole too, the receiver defines no role at all: only the guide\'s policies', () => {
    const { t } = synth({ existingExecutionRole: true });
    expect(roleNames(t)).toEqual([]);
    expect(idsOf(t, 'AWS::IAM::ManagedPolicy').map((id) => t.Resources[id].Properties.ManagedPolicyName).sort()).toEqual([
      ADMIN_POLICY, 'AWSCloudFormationStackSetExecutionRolePolicy', 'MVC_NrtConfigAuditReceiver', 'MVC_NrtConfigAuditReceiver_Publishers',
    ]);
  });

  test('AWSCloudFormationStackSetAdministrationRolePolicy goes on the existing role by name: Roles: ["AWSCloudFormationStackSetAdministrationRole"] (R-113, A-34)', () => {
    const p = adminPolicy(synth().t);
    expect(p.Roles).toEqual([ADMIN_ROLE]);
    expect(p.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${EXECUTION_ROLE}` }]);
  });

  test('the policy is the one a defined role gets, with the same logical id', () => {
    const defined = (() => {
      const stack = concreteStack();
      new SkyhighNrtConfigAudit(stack, 'Nrt');
      return templateOf(stack);
    })();
    const existing = synth().raw;
    const id = (t: any) => idsOf(t, 'AWS::IAM::ManagedPolicy').find((i) => t.Resources[i].Properties.ManagedPolicyName === ADMIN_POLICY)!;
    expect(id(existing)).toBe(id(defined));
    const withoutRoles = (t: any) => ({ ...t.Resources[id(t)].Properties, Roles: undefined });
    expect(withoutRoles(existing)).toEqual(withoutRoles(defined));
  });

  test('the existing role may then assume the execution role in the publishers, and no other role (simulation, R-113)', async () => {
    const doc = adminPolicy(synth().t).PolicyDocument;
    const assume = (resource: string) => isAllowed({
      principal: ADMIN_ROLE_ARN,
      action: 'sts:AssumeRole',
      resource,
      identityPolicies: [doc],
      resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${RECEIVER}:root` }, Action: 'sts:AssumeRole' }] },
    });
    expect(await assume(`arn:aws:iam::${PUBLISHER}:role/${EXECUTION_ROLE}`)).toBe(true);
    expect(await assume(`arn:aws:iam::${PUBLISHER}:role/OrganizationAccountAccessRole`)).toBe(false);
  });

  test('exposes the policy in place of the role: adminRole is undefined, administrationPolicy and administrationRoleArn are set', () => {
    const { nrt, stack } = synth();
    expect(nrt.adminRole).toBeUndefined();
    expect(nrt.existingAdministrationRolePolicy).toBeDefined();
    expect(nrt.administrationPolicy).toBe(nrt.existingAdministrationRolePolicy!.policy);
    expect(stack.resolve(nrt.administrationRoleArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${RECEIVER}:role/${ADMIN_ROLE}`]] });
  });

  test('a defined role is exposed the same way, and a publisher has neither', () => {
    const stack = concreteStack();
    const nrt = new SkyhighNrtConfigAudit(stack, 'Nrt');
    expect(nrt.existingAdministrationRolePolicy).toBeUndefined();
    expect(nrt.administrationPolicy).toBe(nrt.adminRole!.policy);
    expect(nrt.administrationRoleArn).toBe(nrt.adminRole!.roleArn);
    const publisher = new SkyhighNrtConfigAudit(concreteStack('us-east-1', PUBLISHER), 'Nrt', {
      mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }),
    });
    const { adminRole, existingAdministrationRolePolicy, administrationPolicy, administrationRoleArn } = publisher;
    expect([adminRole, existingAdministrationRolePolicy, administrationPolicy, administrationRoleArn].filter((x) => x !== undefined)).toEqual([]);
  });

  test('the hand-off output AdministrationRoleArn gives the existing role\'s ARN (R-122)', () => {
    const { nrt, t } = synth({ regions: REGIONS });
    expect(nrt.node.findChild('HandOff').node.children.map((c) => c.node.id)).toEqual(['ReceiverAccountId', 'AdministrationRoleArn', 'ExecutionRoleArn', 'Regions']);
    expect(outputValues(t)[ADMIN_OUTPUT]).toBe(ADMIN_ROLE_ARN);
  });

  test('narrowExecutionRoleTrust still narrows the execution role\'s trust to the conventional administration role name (A-28)', () => {
    const { t } = synth({ narrowExecutionRoleTrust: true });
    const role: any = Object.values(t.Resources).find((r: any) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === EXECUTION_ROLE);
    const accountTrust = role.Properties.AssumeRolePolicyDocument.Statement.find((st: any) => st.Principal.AWS !== undefined);
    expect(accountTrust.Condition).toEqual({ ArnEquals: { 'aws:PrincipalArn': ADMIN_ROLE_ARN } });
  });

  describe('self-provisioned mode (A-33)', () => {
    const { t } = synth({ selfProvisioned: true, regions: REGIONS }, { publisherAccountIds: [PUBLISHER] }, SkyhighNrtMode.receiver);

    test.each(['ReceiverQueuesRollout', 'PublisherRulesRollout'])('%s is administered by the existing role, by its conventional ARN', (name) => {
      expect(stackSet(t, name).props.AdministrationRoleARN).toBe(ADMIN_ROLE_ARN);
    });

    test('the receiver\'s StackSet waits for the administration policy on the existing role, and for the execution role and both its policies', () => {
      const { dependsOn } = stackSet(t, 'ReceiverQueuesRollout');
      for (const owner of ['NrtStackSetAdministrationPolicy', 'NrtStackSetExecutionRole', 'NrtStackSetExecutionPolicy', 'NrtSelfProvisioningPermissionsPolicy']) {
        expect(dependsOn.some((d) => d.startsWith(owner))).toBe(true);
      }
    });

    test('the publishers\' StackSet waits for the administration policy too', () => {
      expect(stackSet(t, 'PublisherRulesRollout').dependsOn.some((d) => d.startsWith('NrtStackSetAdministrationPolicy'))).toBe(true);
    });

    test('the narrowed execution role trust names the role the StackSets use (A-28)', () => {
      const role: any = Object.values(t.Resources).find((r: any) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === EXECUTION_ROLE);
      const accountTrust = role.Properties.AssumeRolePolicyDocument.Statement.find((st: any) => st.Principal.AWS !== undefined);
      expect(accountTrust.Condition.ArnEquals['aws:PrincipalArn']).toBe(stackSet(t, 'ReceiverQueuesRollout').props.AdministrationRoleARN);
    });

    test('with existingExecutionRole too, the StackSet waits for every policy', () => {
      const both = synth({ selfProvisioned: true, regions: REGIONS, existingExecutionRole: true }).t;
      const { dependsOn } = stackSet(both, 'ReceiverQueuesRollout');
      for (const owner of ['NrtStackSetAdministrationPolicy', 'NrtStackSetExecutionPolicy', 'NrtSelfProvisioningPermissionsPolicy']) {
        expect(dependsOn.some((d) => d.startsWith(owner))).toBe(true);
      }
      expect(roleNames(both)).toEqual([]);
    });
  });

  test('cdk-nag reports the same findings at the same paths as with a defined role', () => {
    expect([...new Set(nagFindings(synth().stack).map((f) => `${f.id.replace(/\[.*$/, '')} ${f.path}`))].sort()).toEqual([
      'AwsSolutions-IAM5 TestStack/Nrt/StackSetAdministration/Policy/Resource',
      'AwsSolutions-IAM5 TestStack/Nrt/StackSetExecution/Policy/Resource',
    ]);
  });

  test('cfn-lint finds no error or warning, with the self-provisioned StackSets too', () => {
    // One call per stack: lintStacks names each file after the stack, and both are TestStack.
    expect(lintStacks([synth().stack])).toEqual([]);
    expect(lintStacks([synth({ selfProvisioned: true, regions: REGIONS }, { publisherAccountIds: [PUBLISHER] }).stack])).toEqual([]);
  });

  test('synthesizes env-agnostic with partition-aware ARNs', () => {
    const stack = newStack();
    new SkyhighNrtConfigAudit(stack, 'Nrt', { mode: SkyhighNrtMode.receiverAndPublisher({ existingAdministrationRole: true }), selfProvisioned: true, regions: REGIONS });
    expect(JSON.stringify(templateOf(stack))).not.toMatch(/arn:aws:/);
  });

  describe('bad input', () => {
    test('existingAdministrationRole: false keeps the defined role', () => {
      expect(roleNames(synth({}, { existingAdministrationRole: false }).t).sort()).toEqual([ADMIN_ROLE, EXECUTION_ROLE]);
    });

    test('fails if existingAdministrationRole is given to a publisher from JavaScript, where the type does not stop it', () => {
      const stack = concreteStack('us-east-1', PUBLISHER);
      const options = { receiverAccountId: RECEIVER, existingAdministrationRole: true } as any;
      expect(errorOf(() => new SkyhighNrtConfigAudit(stack, 'Nrt', { mode: SkyhighNrtMode.publisher(options) }))).toBe(
        'TestStack/Nrt: mode.existingAdministrationRole is not an option of SkyhighNrtMode.publisher(), whose options are receiverAccountId: remove it, or pick the mode it belongs to',
      );
    });
  });
});
