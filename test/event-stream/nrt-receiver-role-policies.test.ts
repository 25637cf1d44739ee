import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { NrtReceiverRolePolicies, NrtReceiverRolePoliciesProps } from '../../src/event-stream';
import { isAllowed, nagFindings, resolveTemplate, unknownActions } from '../harness';

const RECEIVER = '931709186019';

/** The 16 actions of R-110 exactly as the guide prints them. */
const GUIDE_RECEIVER_ACTIONS = [
  'cloudformation:CreateStackInstances', 'cloudformation:DeleteStackInstances', 'cloudformation:UpdateStackInstances',
  'cloudformation:ListStackInstances', 'cloudformation:DescribeStacks', 'sqs:ListQueues', 'sqs:AddPermission',
  'sqs:DeleteMessageBatch', 'sqs:ReceiveMessage', 'sqs:CreateQueue', 'cloudformation:DescribeStackSet',
  'cloudformation:CreateStackSet', 'cloudformation:UpdateStackSet', 'cloudformation:DescribeStackSetOperation',
  'cloudformation:ListStackSetOperationResults', 'cloudformation:DeleteStackSet',
];

function synth(props: NrtReceiverRolePoliciesProps = {}): { stack: Stack; t: any } {
  const stack = new Stack(new App(), 'S', { env: { account: RECEIVER, region: 'us-east-1' } });
  new NrtReceiverRolePolicies(stack, 'VendorPolicies', props);
  return { stack, t: resolveTemplate(Template.fromStack(stack).toJSON(), { account: RECEIVER }) };
}

function policyNamed(t: any, name: string): any {
  return Object.values(t.Resources).find((r: any) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.ManagedPolicyName === name);
}

describe('NrtReceiverRolePolicies', () => {
  test('MVC_NrtConfigAuditReceiver has the guide\'s actions with sqs:DeleteMessage for sqs:DeleteMessageBatch, the queue actions limited to this account\'s queues of the vendor prefix (R-110, A-22, issue 13 finding 10)', () => {
    const policy = policyNamed(synth().t, 'MVC_NrtConfigAuditReceiver');
    expect(policy.Properties.Roles).toEqual(['MVC_for_AWS_role']);
    const queueActions = ['sqs:AddPermission', 'sqs:DeleteMessage', 'sqs:ReceiveMessage', 'sqs:CreateQueue'];
    const guide = GUIDE_RECEIVER_ACTIONS.map((a) => (a === 'sqs:DeleteMessageBatch' ? 'sqs:DeleteMessage' : a));
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: 'ShnNrtConfigAuditReceiverPermissions',
        Effect: 'Allow',
        Action: guide.filter((a) => !queueActions.includes(a)),
        Resource: '*',
      },
      {
        Sid: 'ShnNrtConfigAuditReceiverQueues',
        Effect: 'Allow',
        Action: queueActions,
        Resource: `arn:aws:sqs:*:${RECEIVER}:StackSet-*`,
      },
    ]);
    // Together, still exactly the guide's 16 actions.
    expect(policy.Properties.PolicyDocument.Statement.flatMap((st: any) => st.Action).sort()).toEqual([...guide].sort());
  });

  test('MVC_NrtConfigAuditReceiver carries a justified checkov skip of CKV_AWS_111 only (R-110)', () => {
    const policy = policyNamed(synth().t, 'MVC_NrtConfigAuditReceiver');
    const skips = policy.Metadata.checkov.skip;
    expect(skips.map((k: any) => k.id)).toEqual(['CKV_AWS_111']);
    expect(skips[0].comment).toMatch(/the guide's CloudFormation StackSet actions/);
    expect(skips[0].comment).toMatch(/CreateStackSet supports no resource-level permission/);
  });

  test('MVC_NrtConfigAuditReceiver_Publishers grants the describe actions on their resources and no bus-permission action (R-111, A-23, issue 13 finding 10)', () => {
    const policy = policyNamed(synth().t, 'MVC_NrtConfigAuditReceiver_Publishers');
    expect(policy.Properties.Roles).toEqual(['MVC_for_AWS_role']);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'ShnNrtConfigAuditReceiverProducerList', Effect: 'Allow', Action: 'events:DescribeEventBus', Resource: `arn:aws:events:*:${RECEIVER}:event-bus/default` },
      { Sid: 'ShnNrtConfigAuditReceiverProducerRules', Effect: 'Allow', Action: 'events:DescribeRule', Resource: `arn:aws:events:*:${RECEIVER}:rule/*` },
    ]);
  });

  test('vendorQueueNamePrefix scopes the queue actions', () => {
    const policy = policyNamed(synth({ vendorQueueNamePrefix: 'shn-nrt-' }).t, 'MVC_NrtConfigAuditReceiver');
    expect(policy.Properties.PolicyDocument.Statement[1].Resource).toBe(`arn:aws:sqs:*:${RECEIVER}:shn-nrt-*`);
  });

  test.each(['', '*', 'a*', 'x'.repeat(61)])('vendorQueueNamePrefix %j fails with the prop and the fix', (prefix) => {
    expect(() => synth({ vendorQueueNamePrefix: prefix })).toThrow(/S\/VendorPolicies: .*vendorQueueNamePrefix must be the start of SQS queue names: 1-60 letters, digits/);
  });

  test('vendorProvisioning: false leaves the vendor role only listing, consuming its queues and describing (issue 13, finding 8)', () => {
    const { t } = synth({ vendorProvisioning: false });
    expect(policyNamed(t, 'MVC_NrtConfigAuditReceiver').Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'ShnNrtConfigAuditReceiverPermissions', Effect: 'Allow', Action: 'sqs:ListQueues', Resource: '*' },
      {
        Sid: 'ShnNrtConfigAuditReceiverQueues',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        Resource: `arn:aws:sqs:*:${RECEIVER}:StackSet-*`,
      },
    ]);
  });

  test('names are props', () => {
    const { t } = synth({ vendorRoleName: 'VendorRole', receiverPolicyName: 'A', publishersPolicyName: 'B' });
    expect(policyNamed(t, 'A').Properties.Roles).toEqual(['VendorRole']);
    expect(policyNamed(t, 'B')).toBeDefined();
  });

  describe('simulated', () => {
    const { t } = synth();
    // The role is imported, so its policies are the two managed policies attached to it.
    const docs = ['MVC_NrtConfigAuditReceiver', 'MVC_NrtConfigAuditReceiver_Publishers']
      .map((n) => policyNamed(t, n).Properties.PolicyDocument);
    const role = `arn:aws:iam::${RECEIVER}:role/MVC_for_AWS_role`;
    const may = (action: string, resource: string) => isAllowed({
      principal: role, action, resource, identityPolicies: docs, resourceAccount: RECEIVER,
    });

    test('the vendor may receive and delete messages of its queues', async () => {
      expect(await may('sqs:ReceiveMessage', `arn:aws:sqs:eu-west-1:${RECEIVER}:StackSet-nrt-queue`)).toBe(true);
      expect(await may('sqs:DeleteMessage', `arn:aws:sqs:eu-west-1:${RECEIVER}:StackSet-nrt-queue`)).toBe(true);
    });

    test('the vendor may describe the default bus and rules in any region, but not change any bus policy', async () => {
      expect(await may('events:DescribeEventBus', `arn:aws:events:ap-south-1:${RECEIVER}:event-bus/default`)).toBe(true);
      expect(await may('events:DescribeRule', `arn:aws:events:ap-south-1:${RECEIVER}:rule/nrt`)).toBe(true);
      expect(await may('events:PutPermission', '*')).toBe(false);
      expect(await may('events:RemovePermission', '*')).toBe(false);
    });

    test('the vendor may not receive from, delete from or open queues of this account outside its prefix', async () => {
      for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:AddPermission', 'sqs:CreateQueue']) {
        expect(await may(action, `arn:aws:sqs:eu-west-1:${RECEIVER}:payments-queue`)).toBe(false);
      }
    });

    test('the vendor may manage and read queues of this account, not of another account', async () => {
      expect(await may('sqs:AddPermission', `arn:aws:sqs:ap-south-1:${RECEIVER}:StackSet-nrt-queue`)).toBe(true);
      expect(await may('sqs:CreateQueue', `arn:aws:sqs:ap-south-1:${RECEIVER}:StackSet-nrt-queue`)).toBe(true);
      const foreign = (action: string) => isAllowed({
        principal: role,
        action,
        resource: 'arn:aws:sqs:eu-west-1:999988887777:their-queue',
        identityPolicies: docs,
        resourceAccount: '999988887777',
        resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${RECEIVER}:root` }, Action: 'sqs:*', Resource: '*' }] },
      });
      expect(await foreign('sqs:AddPermission')).toBe(false);
      expect(await foreign('sqs:ReceiveMessage')).toBe(false);
    });

    test('the vendor may still run the guide\'s StackSet calls and list queues', async () => {
      expect(await may('cloudformation:CreateStackSet', '*')).toBe(true);
      expect(await may('cloudformation:CreateStackInstances', `arn:aws:cloudformation:us-east-1:${RECEIVER}:stackset/nrt:1234`)).toBe(true);
      expect(await may('sqs:ListQueues', '*')).toBe(true);
    });

    test('the vendor may not describe another bus', async () => {
      expect(await may('events:DescribeEventBus', `arn:aws:events:ap-south-1:${RECEIVER}:event-bus/other`)).toBe(false);
    });

    test('emits only IAM actions that exist', () => {
      expect(unknownActions(t)).toEqual([]);
    });
  });

  test('bad names fail with the prop', () => {
    expect(() => synth({ vendorRoleName: 'bad role' })).toThrow(/^S\/VendorPolicies: vendorRoleName must be an IAM role name/);
    expect(() => synth({ receiverPolicyName: 'X', publishersPolicyName: 'X' })).toThrow(/receiverPolicyName and publishersPolicyName are both "X"/);
  });

  test('has no unsuppressed cdk-nag finding', () => {
    expect(nagFindings(synth().stack)).toEqual([]);
  });
});
