import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EventStreamRule } from '../../src/event-stream';
import { ALLOW_ALL, arnOf, isAllowed, nagFindings, resolveTemplate, resourcePolicy, unknownActions } from '../harness';

const VENDOR_QUEUE = 'arn:aws:sqs:us-west-2:111122223333:cloudcoreo-events-queue';
const OTHER_ACCOUNT_ROLE = 'arn:aws:iam::444455556666:role/Intruder';

function build(): { stack: Stack; t: any; ruleArn: string; topicArn: string; dlqArn: string; keyArn: string } {
  const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
  new EventStreamRule(stack, 'EventStream', { queueArn: VENDOR_QUEUE });
  const template = Template.fromStack(stack).toJSON();
  const t = resolveTemplate(template);
  const id = (prefix: string, type: string) => Object.keys(t.Resources).find((k) => k.startsWith(prefix) && t.Resources[k].Type === type)!;
  return {
    stack,
    t,
    ruleArn: arnOf(t, id('EventStreamRule', 'AWS::Events::Rule')),
    topicArn: arnOf(t, 'cloudcoreo-events'),
    dlqArn: arnOf(t, id('EventStreamDeadLetterQueue', 'AWS::SQS::Queue')),
    keyArn: arnOf(t, id('EventStreamKey', 'AWS::KMS::Key')),
  };
}

describe('EventStreamRule policies (simulated)', () => {
  const b = build();
  const topicPolicy = resourcePolicy(b.t, 'cloudcoreo-events');
  const dlqPolicy = resourcePolicy(b.t, Object.keys(b.t.Resources).find((k) => k.startsWith('EventStreamDeadLetterQueue') && b.t.Resources[k].Type === 'AWS::SQS::Queue')!);
  const publish = (principal: string, context: Record<string, string> = {}, identityPolicies = [] as any[]) =>
    isAllowed({ principal, action: 'sns:Publish', resource: b.topicArn, resourcePolicy: topicPolicy, identityPolicies, context });

  test('the rule may publish to the topic', async () => {
    expect(await publish('events.amazonaws.com', { 'aws:SourceArn': b.ruleArn, 'aws:SourceAccount': '123456789012' })).toBe(true);
  });

  test('another rule of the same account may not publish', async () => {
    const other = b.ruleArn.replace(/rule\/.*/, 'rule/SomeOtherRule');
    expect(await publish('events.amazonaws.com', { 'aws:SourceArn': other, 'aws:SourceAccount': '123456789012' })).toBe(false);
  });

  test('EventBridge without a source ARN may not publish', async () => {
    expect(await publish('events.amazonaws.com')).toBe(false);
  });

  test('the rule may not publish without TLS', async () => {
    expect(await publish('events.amazonaws.com', { 'aws:SourceArn': b.ruleArn, 'aws:SecureTransport': 'false' })).toBe(false);
  });

  test('another service may not publish, even naming the rule as source', async () => {
    expect(await publish('s3.amazonaws.com', { 'aws:SourceArn': b.ruleArn })).toBe(false);
  });

  test('a principal of another account may not publish, whatever its own policies allow', async () => {
    expect(await publish(OTHER_ACCOUNT_ROLE, {}, [ALLOW_ALL])).toBe(false);
  });

  test('the rule may dead-letter into the DLQ; another rule may not', async () => {
    const send = (principal: string, sourceArn: string) => isAllowed({
      principal, action: 'sqs:SendMessage', resource: b.dlqArn, resourcePolicy: dlqPolicy, context: { 'aws:SourceArn': sourceArn },
    });
    expect(await send('events.amazonaws.com', b.ruleArn)).toBe(true);
    expect(await send('events.amazonaws.com', b.ruleArn.replace(/rule\/.*/, 'rule/Other'))).toBe(false);
  });

  test('the topic may redrive into the DLQ; a topic of another account may not', async () => {
    const send = (sourceArn: string) => isAllowed({
      principal: 'sns.amazonaws.com', action: 'sqs:SendMessage', resource: b.dlqArn, resourcePolicy: dlqPolicy, context: { 'aws:SourceArn': sourceArn },
    });
    expect(await send(b.topicArn)).toBe(true);
    expect(await send('arn:aws:sns:us-east-1:444455556666:cloudcoreo-events')).toBe(false);
  });

  test('EventBridge may use the topic key; a principal of another account may not', async () => {
    const keyPolicy = resourcePolicy(b.t, Object.keys(b.t.Resources).find((k) => b.t.Resources[k].Type === 'AWS::KMS::Key')!);
    const use = (principal: string, identityPolicies: any[] = []) => isAllowed({
      principal, action: 'kms:GenerateDataKey', resource: b.keyArn, resourcePolicy: keyPolicy, identityPolicies,
    });
    expect(await use('events.amazonaws.com')).toBe(true);
    expect(await use(OTHER_ACCOUNT_ROLE, [ALLOW_ALL])).toBe(false);
  });

  test('emits only IAM actions that exist', () => {
    expect(unknownActions(b.t)).toEqual([]);
  });

  test('has no unsuppressed cdk-nag finding', () => {
    const stack = new Stack(new App(), 'N', { env: { account: '123456789012', region: 'us-east-1' } });
    new EventStreamRule(stack, 'EventStream', { queueArn: VENDOR_QUEUE });
    expect(nagFindings(stack)).toEqual([]);
  });
});
