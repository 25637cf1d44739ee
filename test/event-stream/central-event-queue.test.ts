import { App, Aws, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsLimits } from '../../src/core';
import { CentralEventQueue, CentralEventQueueProps } from '../../src/event-stream';
import { ALLOW_ALL, arnOf, isAllowed, nagFindings, resolveTemplate, resourcePolicy, unknownActions } from '../harness';

const VENDOR_ROLE = 'arn:aws:iam::111122223333:role/VendorEventReader';
const ORG = 'o-a1b2c3d4e5';
const MEMBER = '222233334444';

/** `n` distinct valid account IDs. */
function accountIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(100000000000 + i));
}

function synth(props: CentralEventQueueProps): { stack: Stack; template: Template; construct: CentralEventQueue } {
  const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-west-2' } });
  const construct = new CentralEventQueue(stack, 'Central', props);
  return { stack, template: Template.fromStack(stack), construct };
}

describe('CentralEventQueue', () => {
  describe('queue', () => {
    test('is named cloudcoreo-events-queue by default (R-033)', () => {
      synth({ sourceOrganizationId: ORG }).template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'cloudcoreo-events-queue' });
    });

    test('the queue and its DLQ carry a justified checkov skip of CKV_AWS_27, which does not recognise SSE-SQS', () => {
      const queues = Object.values(synth({ sourceOrganizationId: ORG }).template.findResources('AWS::SQS::Queue')) as any[];
      expect(queues).toHaveLength(2);
      for (const q of queues) {
        expect(q.Properties.SqsManagedSseEnabled).toBe(true);
        expect(q.Metadata.checkov.skip).toEqual([{ id: 'CKV_AWS_27', comment: expect.stringMatching(/SSE-SQS/) }]);
      }
    });

    test('is SSE-encrypted, keeps 14 days, has a DLQ and is retained (A-26)', () => {
      synth({ sourceOrganizationId: ORG }).template.hasResource('AWS::SQS::Queue', {
        Properties: {
          QueueName: 'cloudcoreo-events-queue',
          SqsManagedSseEnabled: true,
          MessageRetentionPeriod: 1209600,
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CentralDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 10 },
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    test('the dead-letter queue is SSE-encrypted, keeps 14 days and is retained', () => {
      const { template } = synth({ sourceOrganizationId: ORG });
      const queues = template.findResources('AWS::SQS::Queue', { DeletionPolicy: 'Retain', Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 } });
      expect(Object.keys(queues)).toHaveLength(2);
    });

    test('queueName, retentionPeriod and maxReceiveCount are passed through', () => {
      synth({ sourceOrganizationId: ORG, queueName: 'events', retentionPeriod: Duration.days(4), maxReceiveCount: 3 }).template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: 'events',
        MessageRetentionPeriod: 345600,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }),
      });
    });
  });

  describe('queue policy', () => {
    test('admits topics named cloudcoreo-events of the listed accounts (aws:SourceAccount), with one ARN pattern for all of them', () => {
      synth({ sourceAccountIds: [MEMBER] }).template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([{
            Sid: 'AllowEventStreamTopicsOfListedAccounts',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CentralQueue'), 'Arn'] },
            Condition: {
              StringEquals: { 'aws:SourceAccount': [MEMBER] },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:cloudcoreo-events']] } },
            },
          }]),
        },
      });
    });

    test('admits topics of the organization with aws:SourceOrgID', () => {
      synth({ sourceOrganizationId: ORG }).template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Sid: 'AllowEventStreamTopicsOfOrganization',
            Condition: {
              StringEquals: { 'aws:SourceOrgID': ORG },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:cloudcoreo-events']] } },
            },
          })]),
        },
      });
    });

    test('denies every request without TLS', () => {
      synth({ sourceOrganizationId: ORG }).template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    });
  });

  describe('queue policy (simulated)', () => {
    const { template } = synth({ sourceAccountIds: [MEMBER], sourceOrganizationId: ORG, consumerPrincipalArns: [VENDOR_ROLE] });
    const t = resolveTemplate(template.toJSON(), { region: 'us-west-2' });
    const queueArn = arnOf(t, 'cloudcoreo-events-queue');
    const policy = resourcePolicy(t, 'cloudcoreo-events-queue');
    const send = (context: Record<string, string>) => isAllowed({
      principal: 'sns.amazonaws.com', action: 'sqs:SendMessage', resource: queueArn, resourcePolicy: policy, context,
    });

    test('a listed account\'s cloudcoreo-events topic in any region may send', async () => {
      expect(await send({ 'aws:SourceAccount': MEMBER, 'aws:SourceArn': `arn:aws:sns:eu-west-1:${MEMBER}:cloudcoreo-events` })).toBe(true);
    });

    test('a listed account\'s topic of another name may not send', async () => {
      expect(await send({ 'aws:SourceAccount': MEMBER, 'aws:SourceArn': `arn:aws:sns:eu-west-1:${MEMBER}:other-topic` })).toBe(false);
    });

    test('an organization account\'s cloudcoreo-events topic may send', async () => {
      expect(await send({ 'aws:SourceOrgID': ORG, 'aws:SourceAccount': '555566667777', 'aws:SourceArn': 'arn:aws:sns:us-east-1:555566667777:cloudcoreo-events' })).toBe(true);
    });

    test('a topic of a foreign account outside the organization may not send', async () => {
      expect(await send({ 'aws:SourceOrgID': 'o-zzzzzzzzzz', 'aws:SourceAccount': '999988887777', 'aws:SourceArn': 'arn:aws:sns:us-east-1:999988887777:cloudcoreo-events' })).toBe(false);
    });

    test('an unlisted account\'s cloudcoreo-events topic may not send (no organization condition matches)', async () => {
      expect(await send({ 'aws:SourceAccount': '999988887777', 'aws:SourceArn': 'arn:aws:sns:us-east-1:999988887777:cloudcoreo-events' })).toBe(false);
    });

    test('SNS without TLS may not send', async () => {
      expect(await send({ 'aws:SourceAccount': MEMBER, 'aws:SourceArn': `arn:aws:sns:eu-west-1:${MEMBER}:cloudcoreo-events`, 'aws:SecureTransport': 'false' })).toBe(false);
    });

    const consume = (principal: string, action: string) => isAllowed({
      principal, action, resource: queueArn, resourcePolicy: policy, identityPolicies: [ALLOW_ALL],
    });

    test.each(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'])('the vendor may %s', async (action) => {
      expect(await consume(VENDOR_ROLE, action)).toBe(true);
    });

    test('the vendor may not send, purge or change the queue', async () => {
      for (const action of ['sqs:SendMessage', 'sqs:PurgeQueue', 'sqs:SetQueueAttributes', 'sqs:DeleteQueue']) {
        expect({ action, allowed: await consume(VENDOR_ROLE, action) }).toEqual({ action, allowed: false });
      }
    });

    test('another account may not receive', async () => {
      expect(await consume('arn:aws:iam::444455556666:role/Intruder', 'sqs:ReceiveMessage')).toBe(false);
    });

    test('emits only IAM actions that exist', () => {
      expect(unknownActions(t)).toEqual([]);
    });
  });

  describe('grants', () => {
    test('grantConsumeMessages lets a role of the app receive and delete', () => {
      const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-west-2' } });
      const central = new CentralEventQueue(stack, 'Central', { sourceOrganizationId: ORG });
      const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountPrincipal('111122223333') });
      central.grantConsumeMessages(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:ReceiveMessage', 'sqs:DeleteMessage']) })]) },
      });
    });
  });

  describe('bad input', () => {
    test('the queue policy grows by one account ID per listed account, not by a topic ARN', () => {
      const size = (n: number) => JSON.stringify(Template.fromStack(synth({ sourceAccountIds: accountIds(n) }).stack).findResources('AWS::SQS::QueuePolicy')).length;
      expect(size(101) - size(1)).toBeLessThanOrEqual(100 * 16);
    });

    test('fails at synth with the figures when the queue policy exceeds the SQS limit of 8,192 bytes', () => {
      expect(() => synth({ sourceAccountIds: accountIds(600) })).toThrow(
        /\[S\/Central\] the queue policy needs at most [\d,]+ characters .*the resource policy limit is 8,192: admit the organization with sourceOrganizationId/,
      );
    });

    test('a raised limit admits the same account list', () => {
      expect(() => synth({ sourceAccountIds: accountIds(600), limits: AwsLimits.of({ sqsQueuePolicyBytes: 20_000 }) })).not.toThrow();
    });

    test('fails without sourceAccountIds and sourceOrganizationId', () => {
      expect(() => synth({})).toThrow('S/Central: give sourceAccountIds, sourceOrganizationId or both: without them no topic may send to the queue');
    });

    test('fails on a malformed account ID with the index and value', () => {
      // The hint after the value is core's validator's; this test pins the prefix, prop, index and value.
      expect(() => synth({ sourceAccountIds: ['2222-3333-4444'] })).toThrow(
        /^S\/Central: sourceAccountIds\[0\] must be a 12-digit AWS account ID .*got "2222-3333-4444"/,
      );
    });

    test('fails on an empty account list', () => {
      expect(() => synth({ sourceAccountIds: [] })).toThrow(/sourceAccountIds must not be empty/);
    });

    test('fails on a duplicate account', () => {
      expect(() => synth({ sourceAccountIds: [MEMBER, MEMBER] })).toThrow(/sourceAccountIds lists "222233334444" more than once/);
    });

    test('fails on a malformed organization ID', () => {
      expect(() => synth({ sourceOrganizationId: 'a1b2c3d4e5' })).toThrow(/^S\/Central: sourceOrganizationId must be an AWS Organizations ID/);
    });

    test('fails on a consumer that is not a principal ARN', () => {
      expect(() => synth({ sourceOrganizationId: ORG, consumerPrincipalArns: ['111122223333'] })).toThrow(/^S\/Central: consumerPrincipalArns\[0\] must be an IAM principal ARN .*got "111122223333"/);
    });

    test.each([
      [{ queueName: 'events.fifo.x' }, /queueName must be an SQS queue name/],
      [{ sourceTopicName: 'a b' }, /sourceTopicName must be an SNS topic name/],
      [{ retentionPeriod: Duration.days(15) }, /retentionPeriod must be between 1 minute and 14 days, got 1296000 seconds/],
      [{ maxReceiveCount: 0 }, /maxReceiveCount must be a whole number from 1 to 1000, got 0/],
    ])('fails on %j', (props, message) => {
      expect(() => synth({ sourceOrganizationId: ORG, ...props })).toThrow(message);
    });

    test('unresolved tokens pass', () => {
      expect(() => synth({ sourceAccountIds: [Aws.ACCOUNT_ID], queueName: `${Aws.STACK_NAME}-q` })).not.toThrow();
    });
  });

  test('has no unsuppressed cdk-nag finding', () => {
    const { stack } = synth({ sourceOrganizationId: ORG, consumerPrincipalArns: [VENDOR_ROLE] });
    expect(nagFindings(stack)).toEqual([]);
  });

  test('synthesizes for aws-cn without a literal aws partition', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'cn-north-1' } });
    new CentralEventQueue(stack, 'Central', { sourceAccountIds: [MEMBER] });
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toMatch(/arn:aws:/);
  });
});
