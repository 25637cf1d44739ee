import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { eventBridgeMaySend } from './_helpers';
import { apiCallEvent, forgedApiCallEvent } from './_sample-events';
import { AwsLimits } from '../../src/core/limits';
import { AuditedService, AuditedServices, NrtReceiver, NrtReceiverProps } from '../../src/event-stream';
import { ALLOW_ALL, arnOf, isAllowed, matchesPattern, nagFindings, resolveTemplate, unknownActions } from '../harness';

const ORG = 'o-a1b2c3d4e5';
const PUBLISHER = '222233334444';
const ENV = { account: '931709186019', region: 'eu-west-1' };

function synth(props: NrtReceiverProps): { stack: Stack; template: Template; receiver: NrtReceiver } {
  const stack = new Stack(new App(), 'S', { env: ENV });
  const receiver = new NrtReceiver(stack, 'Receiver', props);
  return { stack, template: Template.fromStack(stack), receiver };
}

describe('NrtReceiver', () => {
  test('defines a queue with SSE, 14-day retention, a DLQ, retained (R-101, R-105, A-26)', () => {
    synth({ publisherOrganizationId: ORG }).template.hasResource('AWS::SQS::Queue', {
      Properties: Match.objectLike({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1209600,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: 10 }),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('the rule sends every AWS API call to the queue with retries and a DLQ (R-106, A-24)', () => {
    const { template } = synth({ publisherOrganizationId: ORG });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': [{ prefix: 'aws.' }], 'detail-type': ['AWS API Call via CloudTrail'] },
      Targets: [Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReceiverQueue'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        DeadLetterConfig: Match.anyValue(),
      })],
    });
  });

  test('the rule matches a publisher\'s forwarded API call but no forged event', () => {
    const { template } = synth({ publisherOrganizationId: ORG });
    const [rule] = Object.values(template.findResources('AWS::Events::Rule')) as any[];
    const forwarded = apiCallEvent('s3.amazonaws.com', 'PutBucketPolicy', { region: 'eu-west-1' });
    forwarded.account = PUBLISHER;
    expect(matchesPattern(rule.Properties.EventPattern, forwarded)).toBe(true);
    expect(matchesPattern(rule.Properties.EventPattern, forgedApiCallEvent('s3.amazonaws.com'))).toBe(false);
  });

  test('services narrows the pattern', () => {
    synth({ publisherOrganizationId: ORG, services: AuditedServices.of(AuditedService.S3) }).template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: { eventSource: ['s3.amazonaws.com'] } }),
    });
  });

  test('the organization form admits any principal of the organization on the default bus (A-31)', () => {
    synth({ publisherOrganizationId: ORG }).template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      EventBusName: 'default',
      Statement: {
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:931709186019:event-bus/default']] },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      },
    });
  });

  test('the account form admits the listed accounts only', () => {
    synth({ publisherAccountIds: [PUBLISHER] }).template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      // The stack's region is known, so the partition is concrete here.
      Statement: Match.objectLike({ Principal: { AWS: [`arn:aws:iam::${PUBLISHER}:root`] } }),
    });
  });

  test('both forms give two statements with distinct IDs', () => {
    const { template } = synth({ publisherAccountIds: [PUBLISHER], publisherOrganizationId: ORG });
    const ids = Object.values(template.findResources('AWS::Events::EventBusPolicy')).map((r: any) => r.Properties.StatementId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  test('consumerRole may receive and delete', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const role = iam.Role.fromRoleName(stack, 'Vendor', 'MVC_for_AWS_role', { mutable: true });
    new NrtReceiver(stack, 'Receiver', { publisherOrganizationId: ORG, consumerRole: role });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: ['MVC_for_AWS_role'],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:ReceiveMessage', 'sqs:DeleteMessage']) })]) },
    });
  });

  test('the queue and its DLQ carry a justified checkov skip of CKV_AWS_27, which does not recognise SSE-SQS', () => {
    const queues = Object.values(synth({ publisherOrganizationId: ORG }).template.findResources('AWS::SQS::Queue')) as any[];
    expect(queues).toHaveLength(2);
    for (const q of queues) expect(q.Metadata.checkov.skip).toEqual([{ id: 'CKV_AWS_27', comment: expect.stringMatching(/SSE-SQS/) }]);
  });

  test('consumer grants of two regions on the one global vendor role get distinct policy names, so neither overwrites the other (seed 001, R-110)', () => {
    const app = new App();
    const stacks = ['us-east-1', 'eu-west-1'].map((region) => {
      const stack = new Stack(app, `Receiver-${region}`, { env: { account: ENV.account, region } });
      const role = iam.Role.fromRoleName(stack, 'VendorRole', 'MVC_for_AWS_role', { mutable: true });
      new NrtReceiver(stack, 'Receiver', { publisherOrganizationId: ORG, consumerRole: role });
      return stack;
    });
    const names = stacks.map((stack) => {
      const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: ['MVC_for_AWS_role'] } }));
      expect(policies).toHaveLength(1);
      return (policies[0] as any).Properties.PolicyName;
    });
    expect(names[0]).toContain('us-east-1');
    expect(names[1]).toContain('eu-west-1');
    expect(new Set(names).size).toBe(2);
  });

  test('the consumer grant covers only this receiver\'s queue', () => {
    const { template } = synth({ publisherOrganizationId: ORG, consumerRole: iam.Role.fromRoleName(new Stack(), 'R', 'MVC_for_AWS_role') });
    const queueId = Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }))[0];
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Allow', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } })] },
    });
  });

  describe('policies (simulated)', () => {
    const t = resolveTemplate(synth({ publisherAccountIds: [PUBLISHER], publisherOrganizationId: ORG }).template.toJSON(), ENV);
    const busArn = `arn:aws:events:eu-west-1:${ENV.account}:event-bus/default`;
    const busStatements = Object.values(t.Resources).filter((r: any) => r.Type === 'AWS::Events::EventBusPolicy').map((r: any) => r.Properties.Statement);
    const busPolicy = { Version: '2012-10-17', Statement: busStatements };
    const put = (principal: string, context: Record<string, string> = {}) => isAllowed({
      principal, action: 'events:PutEvents', resource: busArn, resourcePolicy: busPolicy, identityPolicies: [ALLOW_ALL], context,
    });

    test('a listed publisher may put events on the bus', async () => {
      expect(await put(`arn:aws:iam::${PUBLISHER}:role/PublisherRule`)).toBe(true);
    });

    test('an organization account may put events on the bus', async () => {
      expect(await put('arn:aws:iam::555566667777:role/PublisherRule', { 'aws:PrincipalOrgID': ORG })).toBe(true);
    });

    test('a foreign account outside the organization may not', async () => {
      expect(await put('arn:aws:iam::999988887777:role/PublisherRule', { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' })).toBe(false);
    });

    test('only the receiver rule may send to the queue', async () => {
      const queueId = Object.keys(t.Resources).find((k) => k.startsWith('ReceiverQueue') && t.Resources[k].Type === 'AWS::SQS::Queue')!;
      const ruleId = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::Events::Rule')!;
      expect(await eventBridgeMaySend(t, queueId, arnOf(t, ruleId))).toBe(true);
      expect(await eventBridgeMaySend(t, queueId, `arn:aws:events:eu-west-1:${ENV.account}:rule/Other`)).toBe(false);
    });

    test('emits only IAM actions that exist', () => {
      expect(unknownActions(t)).toEqual([]);
    });
  });

  describe('bad input', () => {
    test('fails without publishers', () => {
      expect(() => synth({})).toThrow(/^S\/Receiver: give publisherAccountIds, publisherOrganizationId or both/);
    });

    test('fails on a bad account with its index', () => {
      expect(() => synth({ publisherAccountIds: [PUBLISHER, '12345'] })).toThrow(/publisherAccountIds\[1\] must be a 12-digit AWS account ID .*got "12345"/);
    });

    test('fails on a bad queue name', () => {
      expect(() => synth({ publisherOrganizationId: ORG, queueName: 'nrt queue' })).toThrow(/queueName must be an SQS queue name/);
    });

    test('fails with the figures when the account list outgrows the bus policy (A-31)', () => {
      const accounts = Array.from({ length: 400 }, (_, i) => String(100000000000 + i));
      expect(() => synth({ publisherAccountIds: accounts })).toThrow(
        /^S\/Receiver: the default event bus policy statements for the publishers needs at most [0-9,]+ characters .*the resource policy limit is 10,240: admit the organization with publisherOrganizationId/,
      );
    });

    test('fails with the figures when the pattern is over the EventBridge limit', () => {
      const many = AuditedServices.of(...Array.from({ length: 90 }, (_, i) => AuditedService.of(`service${i}.amazonaws.com`)));
      expect(() => synth({ publisherOrganizationId: ORG, services: many })).toThrow(
        /^S\/Receiver: services make an event pattern of 2,[0-9]{3} characters, the EventBridge limit is 2,048: split the services across two NrtReceiver constructs/,
      );
    });

    test('a raised bus-policy limit admits the same list', () => {
      const accounts = Array.from({ length: 400 }, (_, i) => String(100000000000 + i));
      expect(() => synth({ publisherAccountIds: accounts, limits: AwsLimits.of({ eventBusPolicyCharacters: 40960 }) })).not.toThrow();
    });
  });

  test('has no unsuppressed cdk-nag finding', () => {
    expect(nagFindings(synth({ publisherOrganizationId: ORG }).stack)).toEqual([]);
  });
});
