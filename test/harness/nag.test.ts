import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { nagFindings } from '.';

function bareQueue() {
  const stack = new Stack(new App(), 'Nag');
  const queue = new sqs.Queue(stack, 'Queue');
  return { stack, queue };
}

describe('nag', () => {
  test('a bare queue raises AwsSolutions-SQS3 (no DLQ) and SQS4 (no TLS enforcement) as errors', () => {
    const { stack } = bareQueue();
    expect(nagFindings(stack)).toEqual([
      { id: 'AwsSolutions-SQS3', path: 'Nag/Queue/Resource', level: 'Error' },
      { id: 'AwsSolutions-SQS4', path: 'Nag/Queue/Resource', level: 'Error' },
    ]);
  });

  test('acknowledged findings with a reason are not reported', () => {
    const { stack, queue } = bareQueue();
    Validations.of(queue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'Harness test: this queue is itself a dead-letter queue' },
      { id: 'AwsSolutions-SQS4', reason: 'Harness test: the TLS-only policy is checked by another test' },
    );
    expect(nagFindings(stack)).toEqual([]);
  });

  test('acknowledging only one rule leaves the other reported', () => {
    const { stack, queue } = bareQueue();
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'Harness test: this queue is itself a dead-letter queue' });
    expect(nagFindings(stack).map((f) => f.id)).toEqual(['AwsSolutions-SQS4']);
  });

  test('a suppression without a real reason is itself a finding', () => {
    const { stack, queue } = bareQueue();
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'ok' });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS4', reason: 'Harness test: the TLS-only policy is checked by another test' });
    expect(nagFindings(stack)).toEqual([{ id: 'Harness-SuppressionReason[AwsSolutions-SQS3]', path: 'Nag/Queue', level: 'Error' }]);
  });

  test('a queue with a DLQ and enforceSSL is clean', () => {
    const stack = new Stack(new App(), 'Nag');
    const dlq = new sqs.Queue(stack, 'Dlq', { enforceSSL: true });
    new sqs.Queue(stack, 'Queue', { enforceSSL: true, deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'Harness test: this queue is the dead-letter queue' });
    expect(nagFindings(stack)).toEqual([]);
  });

  test('findings of another stack of the same app are not reported', () => {
    const app = new App();
    const clean = new Stack(app, 'Clean');
    new sqs.Queue(new Stack(app, 'Dirty'), 'Queue');
    expect(nagFindings(clean)).toEqual([]);
  });
});
