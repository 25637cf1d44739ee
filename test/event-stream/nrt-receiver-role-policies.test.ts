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
  test('MVC_NrtConfigAuditReceiver is the guide\'s policy with sqs:DeleteMessage for sqs:DeleteMessageBatch, nothing else changed (R-110, A-22)', () => {
    const policy = policyNamed(synth().t, 'MVC_NrtConfigAuditReceiver');
    expect(policy.Properties.Roles).toEqual(['MVC_for_AWS_role']);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Sid: 'ShnNrtConfigAuditReceiverPermissions',
      Effect: 'Allow',
      Action: GUIDE_RECEIVER_ACTIONS.map((a) => (a === 'sqs:DeleteMessageBatch' ? 'sqs:DeleteMessage' : a)),
      Resource: '*',
    }]);
  });

  test('MVC_NrtConfigAuditReceiver_Publishers gives each events action its effective resource (R-111, A-23)', () => {
    const policy = policyNamed(synth().t, 'MVC_NrtConfigAuditReceiver_Publishers');
    expect(policy.Properties.Roles).toEqual(['MVC_for_AWS_role']);
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Sid: 'ShnNrtConfigAuditReceiverProducerList', Effect: 'Allow', Action: 'events:DescribeEventBus', Resource: `arn:aws:events:*:${RECEIVER}:event-bus/default` },
      { Sid: 'ShnNrtConfigAuditReceiverProducerRules', Effect: 'Allow', Action: 'events:DescribeRule', Resource: `arn:aws:events:*:${RECEIVER}:rule/*` },
      { Sid: 'ShnNrtConfigAuditReceiverProducerPermissions', Effect: 'Allow', Action: ['events:PutPermission', 'events:RemovePermission'], Resource: '*' },
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
      expect(await may('sqs:ReceiveMessage', `arn:aws:sqs:eu-west-1:${RECEIVER}:nrt-queue`)).toBe(true);
      expect(await may('sqs:DeleteMessage', `arn:aws:sqs:eu-west-1:${RECEIVER}:nrt-queue`)).toBe(true);
    });

    test('the vendor may describe the default bus and rules in any region, and manage bus permissions', async () => {
      expect(await may('events:DescribeEventBus', `arn:aws:events:ap-south-1:${RECEIVER}:event-bus/default`)).toBe(true);
      expect(await may('events:DescribeRule', `arn:aws:events:ap-south-1:${RECEIVER}:rule/nrt`)).toBe(true);
      expect(await may('events:PutPermission', '*')).toBe(true);
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
