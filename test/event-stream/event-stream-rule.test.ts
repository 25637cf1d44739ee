import { App, Aws, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsLimits } from '../../src/core/limits';
import { AuditedService, AuditedServices, EventStreamRule, EventStreamRuleProps } from '../../src/event-stream';
import { cfnLint } from '../harness';

const VENDOR_QUEUE = 'arn:aws:sqs:us-west-2:111122223333:cloudcoreo-events-queue';

/** A stack in 123456789012/us-east-1, in the given env, or environment-agnostic for 'agnostic'. */
function newStack(env: { account: string; region: string } | 'agnostic' = { account: '123456789012', region: 'us-east-1' }): Stack {
  return new Stack(new App(), 'S', env === 'agnostic' ? {} : { env });
}

function synth(props: EventStreamRuleProps = {}): { stack: Stack; template: Template; construct: EventStreamRule } {
  const stack = newStack();
  const construct = new EventStreamRule(stack, 'EventStream', props);
  return { stack, template: Template.fromStack(stack), construct };
}

describe('EventStreamRule', () => {
  describe('rule', () => {
    test('is enabled for write events only by default', () => {
      synth().template.hasResourceProperties('AWS::Events::Rule', { State: 'ENABLED' });
    });

    test('includeReadOnlyEvents sets the state that delivers read-only management events', () => {
      synth({ includeReadOnlyEvents: true }).template.hasResourceProperties('AWS::Events::Rule', {
        State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      });
    });

    test('targets the topic with the default matched event as input (R-031)', () => {
      const { template } = synth();
      const [rule] = Object.values(template.findResources('AWS::Events::Rule')) as any[];
      expect(rule.Properties.Targets).toHaveLength(1);
      const target = rule.Properties.Targets[0];
      expect(Object.keys(target.Arn)).toEqual(['Ref']);
      expect(target.Arn.Ref).toMatch(/^EventStreamTopic/);
      expect(target.Input).toBeUndefined();
      expect(target.InputPath).toBeUndefined();
      expect(target.InputTransformer).toBeUndefined();
      expect(target.RoleArn).toBeUndefined();
    });

    test('the target retries for 24 hours, 185 times, then dead-letters (R-337)', () => {
      synth().template.hasResourceProperties('AWS::Events::Rule', {
        Targets: [Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventStreamDeadLetterQueue'), 'Arn'] } },
        })],
      });
    });

    test('retryAttempts and maxEventAge are passed through', () => {
      synth({ retryAttempts: 3, maxEventAge: Duration.hours(2) }).template.hasResourceProperties('AWS::Events::Rule', {
        Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 } })],
      });
    });

    test('ruleName is used when given', () => {
      synth({ ruleName: 'cloudcoreo-events-rule' }).template.hasResourceProperties('AWS::Events::Rule', { Name: 'cloudcoreo-events-rule' });
    });
  });

  describe('topic', () => {
    test('is named cloudcoreo-events by default (R-032)', () => {
      synth().template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'cloudcoreo-events' });
    });

    test('topicName overrides the name', () => {
      synth({ topicName: 'audit-events' }).template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'audit-events' });
    });

    test('is encrypted by default with a new customer managed key with rotation, retained', () => {
      const { template } = synth();
      template.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventStreamKey'), 'Arn'] },
      });
      template.hasResource('AWS::KMS::Key', {
        Properties: Match.objectLike({ EnableKeyRotation: true }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    test('the key policy lets EventBridge use the key without source conditions (LZA #407)', () => {
      const { template } = synth();
      const [key] = Object.values(template.findResources('AWS::KMS::Key')) as any[];
      const events = key.Properties.KeyPolicy.Statement.filter((s: any) => s.Principal?.Service === 'events.amazonaws.com');
      expect(events).toEqual([{
        Sid: 'AllowEventBridgeToPublishToEncryptedTopic',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
      }]);
    });

    test('a customer managed key of the app is used and gets the EventBridge statement', () => {
      const stack = newStack();
      const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
      new EventStreamRule(stack, 'EventStream', { encryptionKey: key });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })]) },
      });
    });

    test('an imported customer managed key raises a warning naming the statement to add', () => {
      const stack = newStack();
      const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      new EventStreamRule(stack, 'EventStream', { encryptionKey: key });
      Annotations.fromStack(stack).hasWarning('/S/EventStream', Match.stringLikeRegexp('events.amazonaws.com kms:Decrypt and kms:GenerateDataKey\\*'));
    });
  });

  describe('delivery-status logging (R-034)', () => {
    test('both log groups are encrypted with the topic key (checkov CKV_AWS_158)', () => {
      const { template } = synth();
      const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as any[];
      expect(groups).toHaveLength(2);
      const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
      for (const g of groups) expect(g.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    });

    test('the key policy lets CloudWatch Logs of the region use the key only for the two delivery-status log groups', () => {
      const { template } = synth();
      const [key] = Object.values(template.findResources('AWS::KMS::Key')) as any[];
      const logsStatements = key.Properties.KeyPolicy.Statement.filter((s: any) => s.Sid === 'AllowCloudWatchLogsToEncryptDeliveryStatusLogs');
      expect(logsStatements).toHaveLength(1);
      const [st] = logsStatements;
      expect(st.Principal).toEqual({ Service: { 'Fn::Join': ['', ['logs.us-east-1.', { Ref: 'AWS::URLSuffix' }]] } });
      const arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:us-east-1:123456789012:log-group:sns/us-east-1/123456789012/cloudcoreo-events${suffix}`]] });
      expect(st.Condition).toEqual({ ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': [arn(''), arn('/Failure')] } });
    });

    test('an imported key raises a warning naming the CloudWatch Logs statement to add', () => {
      const stack = newStack();
      const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      new EventStreamRule(stack, 'EventStream', { encryptionKey: key });
      Annotations.fromStack(stack).hasWarning('/S/EventStream', Match.stringLikeRegexp('logs.<region>.amazonaws.com .*kms:EncryptionContext:aws:logs:arn'));
    });

    test('logs success and failure of SQS deliveries through one role, every success sampled', () => {
      synth().template.hasResourceProperties('AWS::SNS::Topic', {
        DeliveryStatusLogging: [{
          Protocol: 'sqs',
          SuccessFeedbackRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventStreamDeliveryStatusRole'), 'Arn'] },
          FailureFeedbackRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventStreamDeliveryStatusRole'), 'Arn'] },
          SuccessFeedbackSampleRate: '100',
        }],
      });
    });

    test('defines the two log groups SNS writes to, with one-year retention, retained', () => {
      const { template } = synth();
      for (const name of ['sns/us-east-1/123456789012/cloudcoreo-events', 'sns/us-east-1/123456789012/cloudcoreo-events/Failure']) {
        template.hasResource('AWS::Logs::LogGroup', {
          Properties: { LogGroupName: name, RetentionInDays: 365 },
          DeletionPolicy: 'Retain',
        });
      }
    });

    test('deliveryStatusLogRetention sets the retention', () => {
      synth({ deliveryStatusLogRetention: logs.RetentionDays.ONE_MONTH }).template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });

    test('the role is assumable by SNS of this account only', () => {
      synth().template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }],
        },
      });
    });

    test('the role may write only to the two log groups', () => {
      synth().template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: [
              { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventStreamDeliverySuccessLogs'), 'Arn'] },
              { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventStreamDeliveryFailureLogs'), 'Arn'] },
            ],
          }],
        },
      });
    });

    test('deliveryStatusLogging false defines no role, log group or logging config', () => {
      const { template } = synth({ deliveryStatusLogging: false });
      template.resourceCountIs('AWS::IAM::Role', 0);
      template.resourceCountIs('AWS::Logs::LogGroup', 0);
      template.hasResourceProperties('AWS::SNS::Topic', { DeliveryStatusLogging: Match.absent() });
    });
  });

  describe('subscription (R-033)', () => {
    test('subscribes the queue ARN with the SQS protocol and a redrive policy', () => {
      synth({ queueArn: VENDOR_QUEUE }).template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'sqs',
        Endpoint: VENDOR_QUEUE,
        TopicArn: { Ref: Match.stringLikeRegexp('^EventStreamTopic') },
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventStreamDeadLetterQueue'), 'Arn'] } },
      });
    });

    test('without queueArn there is no subscription', () => {
      const { template, construct } = synth();
      template.resourceCountIs('AWS::SNS::Subscription', 0);
      expect(construct.subscription).toBeUndefined();
    });

    test('a queue ARN made of tokens passes through', () => {
      const stack = newStack();
      const arn = stack.formatArn({ service: 'sqs', region: 'us-west-2', account: Aws.ACCOUNT_ID, resource: 'cloudcoreo-events-queue' });
      new EventStreamRule(stack, 'EventStream', { queueArn: arn });
      Template.fromStack(stack).resourceCountIs('AWS::SNS::Subscription', 1);
    });

    // Issue 19: aws-cdk-lib renders `arn:${Aws.PARTITION}:sqs:...` as an Fn::Join with an empty
    // delimiter, on which cfn-lint warns (W3694) in every user's template.
    test('writes the README\'s partition-agnostic queue ARN as Fn::Sub, which cfn-lint accepts', () => {
      const app = new App();
      const stack = new Stack(app, 'Readme', { env: { account: '123456789012', region: 'us-east-1' } });
      new EventStreamRule(stack, 'EventStream', { queueArn: `arn:${Aws.PARTITION}:sqs:us-west-2:111122223333:cloudcoreo-events-queue` });
      Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
        Endpoint: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:us-west-2:111122223333:cloudcoreo-events-queue' },
      });
      const template = app.synth().getStackArtifact(stack.artifactId).templateFullPath;
      expect(cfnLint([template]).filter((f) => f.rule === 'W3694')).toEqual([]);
    });

    test('keeps a queue ARN that references a resource or a parameter as aws-cdk-lib renders it', () => {
      const stack = newStack();
      const queue = new sqs.Queue(stack, 'Queue');
      const account = new CfnParameter(stack, 'QueueAccount');
      new EventStreamRule(stack, 'Own', { queueArn: queue.queueArn, topicName: 'own-events', ruleName: 'own-events' });
      new EventStreamRule(stack, 'Param', { queueArn: `arn:${Aws.PARTITION}:sqs:us-west-2:${account.valueAsString}:q`, topicName: 'param-events', ruleName: 'param-events' });
      const endpoints = Object.values(Template.fromStack(stack).findResources('AWS::SNS::Subscription')).map((r: any) => r.Properties.Endpoint);
      expect(endpoints).toEqual([
        { 'Fn::GetAtt': [expect.stringMatching(/^Queue/), 'Arn'] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:us-west-2:', { Ref: 'QueueAccount' }, ':q']] },
      ]);
    });
  });

  describe('dead-letter queue', () => {
    test('is SSE-encrypted, keeps 14 days and is retained', () => {
      synth().template.hasResource('AWS::SQS::Queue', {
        Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 },
        DeletionPolicy: 'Retain',
      });
    });

    test('carries a justified checkov skip of CKV_AWS_27, which does not recognise SSE-SQS', () => {
      const [dlq] = Object.values(synth().template.findResources('AWS::SQS::Queue')) as any[];
      expect(dlq.Metadata.checkov.skip).toEqual([{ id: 'CKV_AWS_27', comment: expect.stringMatching(/SSE-SQS .*EventBridge, SNS/) }]);
    });

    test('a given queue is used instead of a new one', () => {
      const stack = newStack();
      const dlq = new sqs.Queue(stack, 'MyDlq', { encryption: sqs.QueueEncryption.SQS_MANAGED });
      const es = new EventStreamRule(stack, 'EventStream', { deadLetterQueue: dlq, queueArn: VENDOR_QUEUE });
      expect(es.deadLetterQueue).toBe(dlq);
      Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 1);
    });

    test('an imported queue raises a warning naming the statements to add', () => {
      const stack = newStack();
      const dlq = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:dlq');
      new EventStreamRule(stack, 'EventStream', { deadLetterQueue: dlq });
      Annotations.fromStack(stack).hasWarning('/S/EventStream', Match.stringLikeRegexp('allow events.amazonaws.com sqs:SendMessage'));
    });
  });

  describe('bad input', () => {
    test.each([
      ['alias/aws/sns', (s: Stack) => kms.Alias.fromAliasName(s, 'K', 'alias/aws/sns')],
      ['alias/aws/sqs', (s: Stack) => kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:us-east-1:123456789012:alias/aws/sqs')],
    ])('rejects the AWS-managed key %s as encryptionKey', (alias, make) => {
      const stack = newStack();
      expect(() => new EventStreamRule(stack, 'EventStream', { encryptionKey: make(stack) })).toThrow(
        `S/EventStream: encryptionKey uses the AWS-managed key "${alias}": EventBridge cannot use it to publish to the topic, because an AWS-managed key policy cannot be changed; use a customer managed key (kms.Key) or leave encryptionKey out for the default`,
      );
    });

    test('rejects a dead-letter queue encrypted with an AWS-managed key', () => {
      const stack = newStack();
      const dlq = new sqs.Queue(stack, 'Dlq', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: kms.Alias.fromAliasName(stack, 'K', 'alias/aws/sqs') });
      expect(() => new EventStreamRule(stack, 'EventStream', { deadLetterQueue: dlq })).toThrow(
        /^S\/EventStream: deadLetterQueue uses the AWS-managed key "alias\/aws\/sqs": EventBridge and SNS cannot use it, so dead letters would be lost too/,
      );
    });

    test('rejects a dead-letter queue of another region', () => {
      const stack = newStack();
      const dlq = sqs.Queue.fromQueueArn(stack, 'Far', 'arn:aws:sqs:eu-west-1:123456789012:dlq');
      expect(() => new EventStreamRule(stack, 'EventStream', { deadLetterQueue: dlq })).toThrow(
        /^S\/EventStream: deadLetterQueue is in region eu-west-1, this stack is in region us-east-1: .* must be in the rule's account and region/,
      );
    });

    test('rejects a queueArn of another service with the service named', () => {
      expect(() => synth({ queueArn: 'arn:aws:sns:us-west-2:111122223333:cloudcoreo-events' })).toThrow(
        'S/EventStream: queueArn must be the ARN of an SQS queue "arn:<partition>:sqs:<region>:<account>:<queue name>" (e.g. "arn:aws:sqs:us-east-1:123456789012:audit-events"), '
        + 'got "arn:aws:sns:us-west-2:111122223333:cloudcoreo-events": it is an ARN of service "sns"',
      );
    });

    test('rejects a queueArn that is not an ARN', () => {
      expect(() => synth({ queueArn: 'cloudcoreo-events-queue' })).toThrow(/^S\/EventStream: queueArn must be the ARN of an SQS queue .* got "cloudcoreo-events-queue": copy the full ARN from the console or the CLI$/);
    });

    test('rejects a topic name with a dot', () => {
      expect(() => synth({ topicName: 'cloudcoreo.events' })).toThrow(
        'S/EventStream: topicName must be an SNS topic name of 1-256 characters from [A-Za-z0-9_-] (e.g. "audit-events"), got "cloudcoreo.events": remove "."',
      );
    });

    test('rejects a rule name with a space', () => {
      expect(() => synth({ ruleName: 'my rule' })).toThrow(/ruleName must be an EventBridge rule name of 1-64 characters .* got "my rule"/);
    });

    test.each([-1, 186, 2.5])('rejects retryAttempts %p', (n) => {
      expect(() => synth({ retryAttempts: n })).toThrow(`S/EventStream: retryAttempts must be a whole number from 0 to 185, got ${n}`);
    });

    test.each([Duration.seconds(59), Duration.hours(25)])('rejects maxEventAge %s', (d) => {
      expect(() => synth({ maxEventAge: d })).toThrow(/maxEventAge must be between 60 seconds and 24 hours/);
    });

    test('rejects an empty service set', () => {
      expect(() => synth({ services: AuditedServices.of() })).toThrow(/^S\/EventStream: services must name at least one service/);
    });

    test('rejects a retention without logging', () => {
      expect(() => synth({ deliveryStatusLogging: false, deliveryStatusLogRetention: logs.RetentionDays.ONE_DAY })).toThrow(
        /deliveryStatusLogRetention is set but deliveryStatusLogging is false/,
      );
    });

    test('a pattern over the EventBridge limit fails with the figures', () => {
      const many = Array.from({ length: 90 }, (_, i) => AuditedService.of(`service${i}.amazonaws.com`));
      expect(() => synth({ services: AuditedServices.of(...many) })).toThrow(
        /^S\/EventStream: services make an event pattern of 2,[0-9]{3} characters, the EventBridge limit is 2,048: split the services across two EventStreamRule constructs/,
      );
    });

    test('a raised pattern limit admits the same pattern', () => {
      const many = Array.from({ length: 90 }, (_, i) => AuditedService.of(`service${i}.amazonaws.com`));
      expect(() => synth({ services: AuditedServices.of(...many), limits: AwsLimits.of({ eventPatternCharacters: 4096 }) })).not.toThrow();
    });

    test('the default pattern fits the limit with room to spare', () => {
      const { template } = synth();
      const [rule] = Object.values(template.findResources('AWS::Events::Rule')) as any[];
      expect(JSON.stringify(rule.Properties.EventPattern).length).toBeLessThan(AwsLimits.DEFAULT.eventPatternCharacters / 2);
    });

    test('reports every problem in one error', () => {
      expect(() => synth({ topicName: 'a.b', retryAttempts: 999, queueArn: 'nope' })).toThrow(
        /^S\/EventStream: \n {2}- topicName .*\n {2}- queueArn .*\n {2}- retryAttempts /,
      );
    });

    test('unresolved tokens pass the name checks', () => {
      const stack = newStack('agnostic');
      expect(() => new EventStreamRule(stack, 'EventStream', { topicName: `${Aws.STACK_NAME}-events`, ruleName: `${Aws.STACK_NAME}-rule` })).not.toThrow();
    });
  });

  describe('partitions', () => {
    test.each([
      ['aws-cn', 'cn-north-1'],
      ['aws-us-gov', 'us-gov-west-1'],
    ])('synthesizes for %s without a literal aws partition', (_partition, region) => {
      const stack = newStack({ account: '123456789012', region });
      new EventStreamRule(stack, 'EventStream', { queueArn: stack.formatArn({ service: 'sqs', region, account: '111122223333', resource: 'cloudcoreo-events-queue' }) });
      const json = JSON.stringify(Template.fromStack(stack).toJSON());
      expect(json).not.toMatch(/arn:aws:/);
      expect(json).toContain(`sns/${region}/123456789012/cloudcoreo-events`);
    });

    test('an environment-agnostic stack names the log groups with pseudo parameters', () => {
      const stack = newStack('agnostic');
      new EventStreamRule(stack, 'EventStream');
      Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: { 'Fn::Join': ['', ['sns/', { Ref: 'AWS::Region' }, '/', { Ref: 'AWS::AccountId' }, '/cloudcoreo-events']] },
      });
    });
  });
});
