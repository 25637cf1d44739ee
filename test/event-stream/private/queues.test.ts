/**
 * Unit tests of src/event-stream/private/queues.ts: the secure queue every
 * event stream queue is defined as, and the dead-letter queue built on it.
 */
import { App, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { defineDeadLetterQueue, defineSecureQueue, SSE_SQS_REASON } from '../../../src/event-stream/private/queues';

const ENV = { account: '111122223333', region: 'eu-west-1' };

function envStack(id = 'S', env = ENV): Stack {
  return new Stack(new App(), id, { env });
}

/** The one queue resource of `stack` whose logical ID starts with `prefix`. */
function queueResource(stack: Stack, prefix: string): any {
  const queues = Template.fromStack(stack).findResources('AWS::SQS::Queue');
  const ids = Object.keys(queues).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return queues[ids[0]];
}

describe('queues', () => {
  describe('defineSecureQueue', () => {
    test('by default: SSE-SQS, 14 days, retained, TLS only, and a checkov skip of CKV_AWS_27 with SSE_SQS_REASON', () => {
      const stack = envStack();
      const queue = defineSecureQueue(stack, 'Queue');
      expect(queueResource(stack, 'Queue')).toEqual({
        Type: 'AWS::SQS::Queue',
        Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 },
        UpdateReplacePolicy: 'Retain',
        DeletionPolicy: 'Retain',
        Metadata: { checkov: { skip: [{ id: 'CKV_AWS_27', comment: SSE_SQS_REASON }] } },
      });
      Template.fromStack(stack).hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: [{
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Resource: stack.resolve(queue.queueArn),
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }],
          Version: '2012-10-17',
        },
      });
    });

    test('with a customer managed key: SSE-KMS with that key, and no checkov skip', () => {
      const stack = envStack();
      const key = new kms.Key(stack, 'Key');
      defineSecureQueue(stack, 'Queue', { encryptionKey: key });
      const queue = queueResource(stack, 'Queue');
      expect(queue.Properties).toEqual({ KmsMasterKeyId: stack.resolve(key.keyArn), MessageRetentionPeriod: 1_209_600 });
      expect(queue.Metadata).toBeUndefined();
    });

    test('takes the queue name, retention period and dead-letter queue given', () => {
      const stack = envStack();
      const dlq = defineSecureQueue(stack, 'Dlq');
      defineSecureQueue(stack, 'Queue', { queueName: 'audit-events', retentionPeriod: Duration.days(4), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
      expect(queueResource(stack, 'Queue').Properties).toEqual({
        QueueName: 'audit-events',
        MessageRetentionPeriod: 345_600,
        RedrivePolicy: { deadLetterTargetArn: stack.resolve(dlq.queueArn), maxReceiveCount: 3 },
        SqsManagedSseEnabled: true,
      });
    });

    test('a fixed queue name claimed twice in one account and region fails synth, naming both constructs', () => {
      const stack = envStack();
      defineSecureQueue(new Construct(stack, 'A'), 'Queue', { queueName: 'audit-events' });
      defineSecureQueue(new Construct(stack, 'B'), 'Queue', { queueName: 'audit-events' });
      expect(() => Template.fromStack(stack)).toThrow(
        '[S/A] queueName "audit-events" names a SQS queue that S/B (queueName) also names, in the same account and region: '
        + 'the second fails at deploy with "already exists". Give one of them another queueName, or define the construct once',
      );
    });

    test('the same name in another region, or a token name, is no clash', () => {
      const app = new App();
      const a = new Stack(app, 'A', { env: ENV });
      const b = new Stack(app, 'B', { env: { ...ENV, region: 'us-east-1' } });
      defineSecureQueue(a, 'Queue', { queueName: 'audit-events' });
      defineSecureQueue(b, 'Queue', { queueName: 'audit-events' });
      defineSecureQueue(a, 'Imported1', { queueName: Fn.importValue('QueueName') });
      defineSecureQueue(a, 'Imported2', { queueName: Fn.importValue('QueueName') });
      expect(() => app.synth()).not.toThrow();
    });
  });

  describe('defineDeadLetterQueue', () => {
    test('defines a secure DeadLetterQueue child that acknowledges cdk-nag\'s AwsSolutions-SQS3 as the dead-letter queue of what it is given', () => {
      const stack = envStack();
      const scope = new Construct(stack, 'Forwarder');
      const dlq = defineDeadLetterQueue(scope, 'the forwarder rule');
      expect(dlq.node.path).toBe('S/Forwarder/DeadLetterQueue');
      expect(queueResource(stack, 'ForwarderDeadLetterQueue').Properties).toEqual({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
      const acknowledged = dlq.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);
      expect(acknowledged).toEqual([{ 'annotation::AwsSolutions-SQS3': 'This queue is itself the dead-letter queue of the forwarder rule' }]);
    });

    test('encrypts with the customer managed key given', () => {
      const stack = envStack();
      const key = new kms.Key(stack, 'Key');
      defineDeadLetterQueue(stack, 'the rule', key);
      expect(queueResource(stack, 'DeadLetterQueue').Properties.KmsMasterKeyId).toEqual(stack.resolve(key.keyArn));
    });
  });
});
