import { Stack } from 'aws-cdk-lib';
import { ACCOUNT, OTHER_ACCOUNT, concreteStack, errorOf, idsOf, lintStacks, listOf, newStack, onlyOf, outputValues, templateOf } from './_helpers';
import { SkyhighNrtConfigAudit, SkyhighNrtConfigAuditProps, SkyhighNrtMode } from '../../src/presets';
import { arnOf, isAllowed, nagFindings, resolveTemplate, simulateAssumeRole, trustPolicy, unknownActions } from '../harness';

/**
 * Seeds 001/002 as data: the guide's JSON blocks (R-110, R-111, R-113,
 * ), copied with non-breaking spaces normalized and
 * `<receiver-account>` substituted by the test's receiver account.
 */
const RECEIVER = ACCOUNT;
const GUIDE = {
  vendorRoleName: 'MVC_for_AWS_role',
  receiverPolicy: {
    name: 'MVC_NrtConfigAuditReceiver',
    statement: {
      Sid: 'ShnNrtConfigAuditReceiverPermissions',
      Effect: 'Allow',
      Action: [
        'cloudformation:CreateStackInstances', 'cloudformation:DeleteStackInstances', 'cloudformation:UpdateStackInstances',
        'cloudformation:ListStackInstances', 'cloudformation:DescribeStacks', 'sqs:ListQueues', 'sqs:AddPermission',
        'sqs:DeleteMessageBatch', 'sqs:ReceiveMessage', 'sqs:CreateQueue', 'cloudformation:DescribeStackSet',
        'cloudformation:CreateStackSet', 'cloudformation:UpdateStackSet', 'cloudformation:DescribeStackSetOperation',
        'cloudformation:ListStackSetOperationResults', 'cloudformation:DeleteStackSet',
      ],
      Resource: ['*'],
    },
  },
  publishersPolicy: {
    name: 'MVC_NrtConfigAuditReceiver_Publishers',
    statement: {
      Sid: 'ShnNrtConfigAuditReceiverProducerList',
      Effect: 'Allow',
      Action: ['events:PutPermission', 'events:DescribeEventBus', 'events:DescribeRule', 'events:RemovePermission'],
      Resource: [`arn:aws:events:*:${RECEIVER}:event-bus/default`],
    },
  },
  adminPolicy: {
    name: 'AWSCloudFormationStackSetAdministrationRolePolicy',
    statement: { Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole'], Effect: 'Allow' },
  },
  adminRoleName: 'AWSCloudFormationStackSetAdministrationRole',
  executionPolicyName: 'AWSCloudFormationStackSetExecutionRolePolicy',
  executionRoleName: 'AWSCloudFormationStackSetExecutionRole',
  receiverExecutionActions: [
    'sns:Publish', 'cloudformation:CancelUpdateStack', 'cloudformation:ContinueUpdateRollback', 'cloudformation:CreateStack',
    'cloudformation:DeleteStack', 'cloudformation:DescribeStacks', 'cloudformation:GetStackPolicy', 'cloudformation:ListStackResources',
    'cloudformation:ListStacks', 'cloudformation:SetStackPolicy', 'cloudformation:UpdateStack', 'events:DeleteRule', 'events:DescribeRule',
    'events:PutRule', 'events:PutTargets', 'events:RemoveTargets', 'sqs:AddPermission', 'sqs:CreateQueue', 'sqs:DeleteMessage',
    'sqs:DeleteMessageBatch', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:ListQueues', 'sqs:RemovePermission', 'sqs:SetQueueAttributes',
  ],
  publisherExecutionActions: [
    'events:PutTargets', 'events:DeleteRule', 'sqs:ListQueues', 'events:DescribeRule', 'cloudformation:CreateStack', 'cloudformation:ListStacks',
    'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks', 'cloudformation:SetStackPolicy',
    'cloudformation:GetStackPolicy', 'cloudformation:CancelUpdateStack', 'cloudformation:ContinueUpdateRollback',
    'cloudformation:ListStackResources', 'events:PutRule', 'sqs:GetQueueAttributes', 'events:RemoveTargets', 'sns:Publish',
  ],
  /** R-120's "After" trust, `Sid: ""` and `Condition: {}` dropped (A-27: IAM treats them as absent). */
  executionTrust: [
    { Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' },
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${RECEIVER}:root` }, Action: 'sts:AssumeRole' },
  ],
};

/** Deviation 1: not an IAM action; sqs:DeleteMessage authorizes the batch call. */
const NOT_AN_ACTION = 'sqs:DeleteMessageBatch';
/** Deviation 3: the receiver's queue actions, limited to the receiver's queues. */
const RECEIVER_QUEUE_ACTIONS = ['sqs:AddPermission', 'sqs:CreateQueue', 'sqs:DeleteMessage', 'sqs:ReceiveMessage'];

function synth(props: SkyhighNrtConfigAuditProps = {}, stack: Stack = concreteStack()) {
  const nrt = new SkyhighNrtConfigAudit(stack, 'Nrt', props);
  const t = resolveTemplate(templateOf(stack), { account: stack.account === OTHER_ACCOUNT ? OTHER_ACCOUNT : ACCOUNT });
  return { stack, nrt, t };
}

function managedPolicy(t: any, name: string): any {
  const found = idsOf(t, 'AWS::IAM::ManagedPolicy').map((id) => t.Resources[id].Properties).filter((p) => p.ManagedPolicyName === name);
  if (found.length !== 1) throw new Error(`expected one managed policy ${name}, found ${found.length}`);
  return found[0];
}

function roleNamed(t: any, name: string): string {
  const ids = idsOf(t, 'AWS::IAM::Role').filter((id) => t.Resources[id].Properties.RoleName === name);
  if (ids.length !== 1) throw new Error(`expected one role ${name}, found ${ids.length}`);
  return ids[0];
}

/** A statement as [Sid, sorted actions, sorted resources], for comparisons. */
function shape(s: any): [string | undefined, string[], string[]] {
  return [s.Sid, listOf(s.Action), listOf(s.Resource)];
}

describe('SkyhighNrtConfigAudit', () => {
  describe('faithful to seeds 001/002: receiver account', () => {
    const { t } = synth();

    test('MVC_NrtConfigAuditReceiver is attached to MVC_for_AWS_role with the guide\'s Sid and actions, sqs:DeleteMessage for the non-action, queue actions on this account\'s queues (R-110, R-112, deviations 1 and 3)', () => {
      const p = managedPolicy(t, GUIDE.receiverPolicy.name);
      expect(p.Roles).toEqual([GUIDE.vendorRoleName]);
      const guide = GUIDE.receiverPolicy.statement;
      const expected = guide.Action.map((a) => (a === NOT_AN_ACTION ? 'sqs:DeleteMessage' : a));
      expect(p.PolicyDocument.Statement.map(shape)).toEqual([
        [guide.Sid, expected.filter((a) => !RECEIVER_QUEUE_ACTIONS.includes(a)).sort(), guide.Resource],
        ['ShnNrtConfigAuditReceiverQueues', [...RECEIVER_QUEUE_ACTIONS].sort(), [`arn:aws:sqs:*:${RECEIVER}:StackSet-*`]],
      ]);
    });

    test('MVC_NrtConfigAuditReceiver_Publishers keeps the name and first Sid and gives each events action its effective resource (R-111, deviation 2)', () => {
      const p = managedPolicy(t, GUIDE.publishersPolicy.name);
      expect(p.Roles).toEqual([GUIDE.vendorRoleName]);
      const guide = GUIDE.publishersPolicy.statement;
      const statements = p.PolicyDocument.Statement;
      expect(statements[0].Sid).toBe(guide.Sid);
      // Issue 13, finding 10: events:PutPermission and RemovePermission take no resource, so they are
      // left out, as the guide's statement on the bus never granted them.
      expect(listOf(statements.flatMap((s: any) => listOf(s.Action)))).toEqual(listOf(guide.Action).filter((a) => !/Permission$/.test(a)));
      expect(statements.map(shape)).toEqual([
        [guide.Sid, ['events:DescribeEventBus'], guide.Resource],
        ['ShnNrtConfigAuditReceiverProducerRules', ['events:DescribeRule'], [`arn:aws:events:*:${RECEIVER}:rule/*`]],
      ]);
    });

    test('the guide\'s own publishers policy grants only events:DescribeEventBus, and ours grants no bus-permission action either (A-23, issue 13 finding 10)', async () => {
      const vendorRole = `arn:aws:iam::${RECEIVER}:role/${GUIDE.vendorRoleName}`;
      const guideDoc = { Version: '2012-10-17', Statement: [GUIDE.publishersPolicy.statement] };
      expect(await isAllowed({ principal: vendorRole, action: 'events:PutPermission', resource: '*', identityPolicies: [guideDoc], resourceAccount: RECEIVER })).toBe(false);
      const ours = managedPolicy(t, GUIDE.publishersPolicy.name).PolicyDocument;
      expect(await isAllowed({ principal: vendorRole, action: 'events:PutPermission', resource: '*', identityPolicies: [ours], resourceAccount: RECEIVER })).toBe(false);
      expect(await isAllowed({
        principal: vendorRole, action: 'events:DescribeRule', resource: `arn:aws:events:eu-west-1:${RECEIVER}:rule/nrt`, identityPolicies: [ours],
      })).toBe(true);
    });

    test('AWSCloudFormationStackSetAdministrationRolePolicy is the guide\'s statement, customer managed, on AWSCloudFormationStackSetAdministrationRole (R-113, R-114, A-34)', () => {
      const p = managedPolicy(t, GUIDE.adminPolicy.name);
      expect(p.PolicyDocument.Statement.map(shape)).toEqual([[undefined, GUIDE.adminPolicy.statement.Action, GUIDE.adminPolicy.statement.Resource]]);
      roleNamed(t, GUIDE.adminRoleName);
      expect(p.Roles).toEqual([GUIDE.adminRoleName]);
    });

    test('the administration role is trusted by cloudformation.amazonaws.com only from this account\'s StackSets (A-20, deviation 4)', () => {
      const trust = trustPolicy(t, roleNamed(t, GUIDE.adminRoleName)).Statement;
      expect(trust).toEqual([expect.objectContaining({ Principal: { Service: 'cloudformation.amazonaws.com' } })]);
      expect(trust[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': RECEIVER });
    });

    test('the receiver variant of AWSCloudFormationStackSetExecutionRolePolicy has the guide\'s 25 actions minus sqs:DeleteMessageBatch, Sid VisualEditor0, the queue actions on the vendor\'s queues only (R-115, issue 13 finding 8)', () => {
      const p = managedPolicy(t, GUIDE.executionPolicyName);
      const actions = GUIDE.receiverExecutionActions.filter((a) => a !== NOT_AN_ACTION);
      const onQueues = actions.filter((a) => a.startsWith('sqs:') && a !== 'sqs:ListQueues');
      expect(p.PolicyDocument.Statement.map(shape)).toEqual([
        ['VisualEditor0', actions.filter((a) => !onQueues.includes(a)).sort(), ['*']],
        ['PrefixedQueues', onQueues.sort(), [`arn:aws:sqs:*:${RECEIVER}:StackSet-*`]],
      ]);
      roleNamed(t, GUIDE.executionRoleName);
      expect(p.Roles).toEqual([GUIDE.executionRoleName]);
    });

    test('with cloudFormationServiceTrust, the execution role trusts CloudFormation and the receiver account, as R-120\'s "After", with the service trust limited to this account (R-116, R-117, deviations 5 and 7)', () => {
      const withService = synth({ cloudFormationServiceTrust: true }).t;
      const trust = trustPolicy(withService, roleNamed(withService, GUIDE.executionRoleName)).Statement;
      const withoutConditions = trust.map(({ Condition, Sid, ...rest }: any) => rest);
      expect(withoutConditions).toEqual(expect.arrayContaining(GUIDE.executionTrust));
      expect(trust).toHaveLength(GUIDE.executionTrust.length);
      expect(trust.find((s: any) => s.Principal.Service).Condition).toEqual({ StringEquals: { 'aws:SourceAccount': RECEIVER } });
      expect(trust.every((s: any) => s.Sid !== '' && (s.Condition === undefined || Object.keys(s.Condition).length > 0))).toBe(true);
    });

    test('selfProvisioned leaves the guide\'s StackSet objects as they are (S-a to S-f): the same policies on the same roles, the same trusts once narrowing is off (A-33)', () => {
      // selfProvisioned narrows the execution role's trust by default; off, the trust is the guide's.
      // The vendor role's two policies do change: it provisions nothing, so it gets no StackSet action (issue 13, finding 8).
      const self = synth({ selfProvisioned: true, regions: ['us-east-1'], narrowExecutionRoleTrust: false }).t;
      const guideNames = [GUIDE.adminPolicy.name, GUIDE.executionPolicyName];
      for (const name of guideNames) expect(managedPolicy(self, name)).toEqual(managedPolicy(t, name));
      for (const role of [GUIDE.adminRoleName, GUIDE.executionRoleName]) {
        expect(trustPolicy(self, roleNamed(self, role))).toEqual(trustPolicy(t, roleNamed(t, role)));
      }
    });

    test('existingExecutionRole attaches the same AWSCloudFormationStackSetExecutionRolePolicy to the existing role by name (R-115, 5.3.2)', () => {
      const existing = synth({ existingExecutionRole: true }).t;
      const p = managedPolicy(existing, GUIDE.executionPolicyName);
      expect(p.PolicyDocument).toEqual(managedPolicy(t, GUIDE.executionPolicyName).PolicyDocument);
      expect(p.Roles).toEqual([GUIDE.executionRoleName]);
      expect(idsOf(existing, 'AWS::IAM::Role').map((id) => existing.Resources[id].Properties.RoleName)).toEqual([GUIDE.adminRoleName]);
    });

    test('single-account mode defines one execution role, the receiver variant, and nothing of the publisher (R-118, R-119, A-30)', () => {
      expect(idsOf(t, 'AWS::IAM::Role')).toHaveLength(2);
      expect(idsOf(t, 'AWS::IAM::ManagedPolicy').filter((id) => t.Resources[id].Properties.ManagedPolicyName === GUIDE.executionPolicyName)).toHaveLength(1);
    });
  });

  describe('faithful to seeds 001/002: publisher account', () => {
    const { t } = synth({ mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }) }, concreteStack('us-east-1', OTHER_ACCOUNT));

    test('defines only the execution role and its publisher policy: 18 actions, Sid VisualEditor0, on "*" (R-118, R-119)', () => {
      expect(idsOf(t, 'AWS::IAM::Role').map((id) => t.Resources[id].Properties.RoleName)).toEqual([GUIDE.executionRoleName]);
      expect(managedPolicy(t, GUIDE.executionPolicyName).PolicyDocument.Statement.map(shape)).toEqual([
        ['VisualEditor0', [...GUIDE.publisherExecutionActions].sort(), ['*']],
      ]);
    });

    test('the execution role trusts the receiver account (R-120), and CloudFormation only with cloudFormationServiceTrust', () => {
      const trust = trustPolicy(t, roleNamed(t, GUIDE.executionRoleName)).Statement;
      expect(trust.map((st: any) => st.Principal)).toEqual([{ AWS: `arn:aws:iam::${RECEIVER}:root` }]);
      const withService = synth({ mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }), cloudFormationServiceTrust: true }, concreteStack('us-east-1', OTHER_ACCOUNT)).t;
      const full = trustPolicy(withService, roleNamed(withService, GUIDE.executionRoleName)).Statement;
      expect(full.map(({ Condition, ...rest }: any) => rest)).toEqual(expect.arrayContaining(GUIDE.executionTrust));
    });

    test('selfProvisioned leaves the guide\'s publisher policy and trust as they are once narrowing is off (S-g, S-h, A-33)', () => {
      const self = synth({ mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }), selfProvisioned: true, narrowExecutionRoleTrust: false }, concreteStack('us-east-1', OTHER_ACCOUNT)).t;
      expect(managedPolicy(self, GUIDE.executionPolicyName)).toEqual(managedPolicy(t, GUIDE.executionPolicyName));
      expect(trustPolicy(self, roleNamed(self, GUIDE.executionRoleName))).toEqual(trustPolicy(t, roleNamed(t, GUIDE.executionRoleName)));
    });

    test('the receiver\'s administration role may assume it; another account may not', async () => {
      const roleId = roleNamed(t, GUIDE.executionRoleName);
      const req = { trustPolicy: trustPolicy(t, roleId), roleArn: arnOf(t, roleId) };
      expect((await simulateAssumeRole({ ...req, principal: `arn:aws:iam::${RECEIVER}:role/${GUIDE.adminRoleName}` })).result).toBe('Allowed');
      expect((await simulateAssumeRole({ ...req, principal: 'arn:aws:iam::999988887777:role/AWSCloudFormationStackSetAdministrationRole' })).result).not.toBe('Allowed');
    });
  });

  describe('options', () => {
    test('narrowExecutionRoleTrust lets only the administration role of the receiver assume the execution role (deviation 6)', async () => {
      const { t } = synth({ narrowExecutionRoleTrust: true });
      const roleId = roleNamed(t, GUIDE.executionRoleName);
      const req = { trustPolicy: trustPolicy(t, roleId), roleArn: arnOf(t, roleId) };
      expect((await simulateAssumeRole({ ...req, principal: `arn:aws:iam::${RECEIVER}:role/${GUIDE.adminRoleName}` })).result).toBe('Allowed');
      expect((await simulateAssumeRole({ ...req, principal: `arn:aws:iam::${RECEIVER}:role/SomeOtherRole` })).result).not.toBe('Allowed');
    });

    test.each([{}, { cloudFormationServiceTrust: false }])('without cloudFormationServiceTrust (the default since issue 13, finding 3) the execution role has no service trust (%o)', (props) => {
      const { t } = synth(props);
      expect(trustPolicy(t, roleNamed(t, GUIDE.executionRoleName)).Statement.map((s: any) => s.Principal)).toEqual([{ AWS: `arn:aws:iam::${RECEIVER}:root` }]);
    });

    test('vendorRoleName attaches the receiver policies to another role', () => {
      const { t } = synth({ mode: SkyhighNrtMode.receiverAndPublisher({ vendorRoleName: 'Skyhigh_for_AWS_role' }) });
      expect(managedPolicy(t, GUIDE.receiverPolicy.name).Roles).toEqual(['Skyhigh_for_AWS_role']);
    });

    test('organization mode: the management account is a publisher, members get the publisher role by a service-managed StackSet (R-121)', () => {
      const { t } = synth({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'] }) },
        concreteStack('us-east-1', OTHER_ACCOUNT));
      expect(idsOf(t, 'AWS::IAM::Role')).toHaveLength(1);
      const set = t.Resources[onlyOf(t, 'AWS::CloudFormation::StackSet')].Properties;
      expect(set).toMatchObject({ PermissionModel: 'SERVICE_MANAGED', AutoDeployment: { Enabled: true } });
      expect(set.StackInstancesGroup.map((g: any) => g.Regions)).toEqual([['us-east-1']]);
      // The receiver keeps its own execution role (receiver variant), even when it sits in the OUs.
      expect(set.StackInstancesGroup[0].DeploymentTargets).toEqual({ OrganizationalUnitIds: ['r-ab12'], Accounts: [RECEIVER], AccountFilterType: 'DIFFERENCE' });
      const body = JSON.parse(set.TemplateBody);
      const policy: any = Object.values(body.Resources).find((r: any) => r.Type === 'AWS::IAM::ManagedPolicy');
      expect(policy.Properties.ManagedPolicyName).toBe(GUIDE.executionPolicyName);
      expect(listOf(policy.Properties.PolicyDocument.Statement[0].Action)).toEqual([...GUIDE.publisherExecutionActions].sort());
    });
  });

  describe('hand-off outputs (R-122, R-123)', () => {
    test('the receiver account, the role ARNs and the selected regions', () => {
      const { nrt, t } = synth({ regions: ['us-east-1', 'eu-west-1'] });
      expect(nrt.node.findChild('HandOff').node.children.map((c) => c.node.id)).toEqual(['ReceiverAccountId', 'AdministrationRoleArn', 'ExecutionRoleArn', 'Regions']);
      const out = outputValues(t);
      expect(out['Skyhigh NRT: the receiver AWS account to select in Real-Time Monitoring']).toBe(RECEIVER);
      expect(out['Skyhigh NRT: the regions to select for monitoring']).toBe('us-east-1,eu-west-1');
    });

    test('handOffOutputs: false writes none', () => {
      const { stack } = synth({ handOffOutputs: false });
      expect(templateOf(stack).Outputs ?? {}).toEqual({});
    });
  });

  describe('checks', () => {
    test('every action in the template exists (the guide\'s sqs:DeleteMessageBatch does not)', () => {
      const { t } = synth();
      expect(unknownActions(t)).toEqual([]);
      expect(unknownActions({ Statement: [GUIDE.receiverPolicy.statement] })).toEqual([NOT_AN_ACTION]);
    });

    test('synthesizes env-agnostic and in aws-cn with partition-aware ARNs (deviation 8)', () => {
      for (const stack of [newStack(), concreteStack('cn-north-1')]) {
        new SkyhighNrtConfigAudit(stack, 'Nrt');
        expect(JSON.stringify(templateOf(stack))).not.toMatch(/arn:aws:/);
      }
    });

    test('cdk-nag reports only the guide\'s account-wide admin policy (IAM5) and the execution policy on "*" (IAM5)', () => {
      const { stack } = synth();
      expect([...new Set(nagFindings(stack).map((f) => `${f.id.replace(/\[.*$/, '')} ${f.path}`))].sort()).toEqual([
        'AwsSolutions-IAM5 TestStack/Nrt/StackSetAdministration/Policy/Resource',
        'AwsSolutions-IAM5 TestStack/Nrt/StackSetExecution/Policy/Resource',
      ]);
    });

    test('cfn-lint finds no error or warning', () => {
      const receiver = synth().stack;
      const publisher = synth({ mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }) }, concreteStack('us-east-1', OTHER_ACCOUNT)).stack;
      // One call per stack: lintStacks names each file after the stack, and both are TestStack.
      expect(lintStacks([receiver])).toEqual([]);
      expect(lintStacks([publisher])).toEqual([]);
    });
  });

  describe('bad input', () => {
    test('fails if a publisher names its own account as the receiver, naming the mode for an account that is both', () => {
      expect(errorOf(() => synth({ mode: SkyhighNrtMode.publisher({ receiverAccountId: ACCOUNT }) }))).toBe(
        'TestStack/Nrt: mode.receiverAccountId 123456789012 is this stack\'s account: use SkyhighNrtMode.receiverAndPublisher() for an account that is both (the guide skips the publisher steps there)',
      );
    });

    test('fails if an organization publisher names its own account as the receiver', () => {
      expect(errorOf(() => synth({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: ACCOUNT, organizationalUnitIds: ['r-ab12'] }) })))
        .toMatch(/^TestStack\/Nrt: mode\.receiverAccountId 123456789012 is this stack's account: use SkyhighNrtMode\.receiverAndPublisher\(\)/);
    });

    test('a receiver account ID that is a token passes: the stack\'s account is checked only when both are known', () => {
      const stack = newStack();
      expect(errorOf(() => new SkyhighNrtConfigAudit(stack, 'Nrt', { mode: SkyhighNrtMode.publisher({ receiverAccountId: stack.account }) }))).toBe('');
    });

    test('fails on a receiver account ID that is not one, with the value and the fix', () => {
      expect(errorOf(() => synth({ mode: SkyhighNrtMode.publisher({ receiverAccountId: '1234' }) }, concreteStack('us-east-1', OTHER_ACCOUNT))))
        .toMatch(/^TestStack\/Nrt: mode\.receiverAccountId must be a 12-digit AWS account ID .*got "1234"/);
    });

    test('fails on a region that is not one, and on duplicates', () => {
      const msg = errorOf(() => synth({ regions: ['us-east-1', 'us-east-1', 'US East'] }));
      expect(msg).toMatch(/regions\[2\] must be/);
      expect(msg).toMatch(/regions lists "us-east-1" more than once/);
    });

    test('fails on a vendor role name that is not one', () => {
      expect(errorOf(() => synth({ mode: SkyhighNrtMode.receiver({ vendorRoleName: 'MVC for AWS' }) })))
        .toMatch(/^TestStack\/Nrt: mode\.vendorRoleName must be .*got "MVC for AWS"/);
    });

    test('fails on an empty OU list, saying to give the root ID', () => {
      expect(errorOf(() => synth({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: [] }) }, concreteStack('us-east-1', OTHER_ACCOUNT))))
        .toBe('TestStack/Nrt: mode.organizationalUnitIds must not be empty: give the root ID ("r-...") for every member account, or the OUs to monitor');
    });

    // The preset uses core's root/OU rule, whose hints say what to fix.
    test('says how to fix an OU ID with surrounding whitespace', () => {
      expect(errorOf(() => synth({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['ou-ab12-11111111 '] }) }, concreteStack('us-east-1', OTHER_ACCOUNT))))
        .toMatch(/^TestStack\/Nrt: mode\.organizationalUnitIds\[0\] must be an organizational unit ID: .*got "ou-ab12-11111111 ": remove the surrounding whitespace/);
    });

    test('fails on an OU list entry that is neither a root nor an OU ID', () => {
      expect(errorOf(() => synth({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12', '111122223333'] }) }, concreteStack('us-east-1', OTHER_ACCOUNT))))
        .toMatch(/^TestStack\/Nrt: mode\.organizationalUnitIds\[1\] must be an organization root ID \("r-ab12"\) or an OU ID .*got "111122223333"/);
    });

    test('fails on a StackSet region that is not one', () => {
      expect(errorOf(() => synth({ mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'], stackSetRegion: 'Frankfurt' }) }, concreteStack('us-east-1', OTHER_ACCOUNT))))
        .toMatch(/^TestStack\/Nrt: mode\.stackSetRegion must be .*got "Frankfurt"/);
    });
  });
});
