import { App, Aws, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CentralEventQueue, CentralEventQueueProps } from '../../src/event-stream';
import { KMS_KEY_POLICY_BYTES } from '../../src/event-stream/private/kms';
import { ALLOW_ALL, arnOf, cfnLint, isAllowed, nagFindings, resolveTemplate, resourcePolicy, unknownActions } from '../harness';
import { checkov } from '../security/_checkov';

/**
 * CentralEventQueue with a customer managed key (`encryptionKey`): the queue
 * and its DLQ are SSE-KMS (A-26: SSE on, confused-deputy-safe policies), the
 * key policy lets SNS of the admitted topics and the consumers use it, and
 * AWS-managed keys are refused (aws-limits.md "Encryption pitfalls").
 */

const VENDOR_ROLE = 'arn:aws:iam::111122223333:role/VendorEventReader';
const ORG = 'o-a1b2c3d4e5';
const MEMBER = '222233334444';
const ENV = { account: '123456789012', region: 'us-west-2' };
const IMPORTED_KEY_ARN = 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** `n` distinct valid account IDs. */
function accountIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(100000000000 + i));
}

interface Synth {
  readonly stack: Stack;
  readonly template: Template;
  readonly construct: CentralEventQueue;
  readonly key: kms.Key;
}

/** A stack with a customer managed key (rotation on) and a CentralEventQueue encrypted with it. */
function synth(props: Omit<CentralEventQueueProps, 'encryptionKey'>, env: { account?: string; region?: string } | undefined = ENV): Synth {
  const stack = new Stack(new App(), 'S', { env });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const construct = new CentralEventQueue(stack, 'Central', { ...props, encryptionKey: key });
  return { stack, template: Template.fromStack(stack), construct, key };
}

/** The key's policy statements, by Sid. */
function keyStatement(template: Template, sid: string): any {
  const [key] = Object.values(template.findResources('AWS::KMS::Key')) as any[];
  return key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === sid);
}

const topicPattern = (account: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:sns:*:${account}:cloudcoreo-events`]] });

describe('CentralEventQueue with a customer managed key', () => {
  describe('queues', () => {
    test('the queue and its dead-letter queue are encrypted with the key, not SSE-SQS, and are retained (A-26)', () => {
      const { template, stack, key } = synth({ sourceOrganizationId: ORG });
      const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] };
      const queues = Object.values(template.findResources('AWS::SQS::Queue')) as any[];
      expect(queues).toHaveLength(2);
      for (const q of queues) {
        expect(q.Properties.KmsMasterKeyId).toEqual(keyArn);
        expect(q.Properties.SqsManagedSseEnabled).toBeUndefined();
        expect([q.DeletionPolicy, q.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
      }
    });

    test('the queue still redrives to its dead-letter queue and keeps 14 days (R-033, A-26)', () => {
      synth({ sourceOrganizationId: ORG }).template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: 'cloudcoreo-events-queue',
        MessageRetentionPeriod: 1209600,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CentralDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 10 },
      });
    });

    test('KMS-encrypted queues carry no checkov skip of CKV_AWS_27, which recognises KmsMasterKeyId', () => {
      for (const q of Object.values(synth({ sourceOrganizationId: ORG }).template.findResources('AWS::SQS::Queue')) as any[]) {
        expect(q.Metadata?.checkov).toBeUndefined();
      }
    });

    test('exposes the key as encryptionKey; without it the queue keeps SSE-SQS and defines no key', () => {
      const { construct, key } = synth({ sourceOrganizationId: ORG });
      expect(construct.encryptionKey).toBe(key);
      const stack = new Stack(new App(), 'S', { env: ENV });
      const plain = new CentralEventQueue(stack, 'Central', { sourceOrganizationId: ORG });
      expect(plain.encryptionKey).toBeUndefined();
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::KMS::Key', 0);
      expect(Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { SqsManagedSseEnabled: true } }))).toHaveLength(2);
    });
  });

  describe('key policy', () => {
    test('lets SNS use the key only for topics named cloudcoreo-events of the listed accounts, by aws:SourceArn', () => {
      const st = keyStatement(synth({ sourceAccountIds: [MEMBER, '333344445555'] }).template, 'AllowEventStreamTopicsToUseKey');
      expect(st).toEqual({
        Sid: 'AllowEventStreamTopicsToUseKey',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { ArnLike: { 'aws:SourceArn': [topicPattern(MEMBER), topicPattern('333344445555')] } },
      });
    });

    test('with an organization, one aws:SourceArn pattern for the topic name in any account (it covers listed accounts too)', () => {
      for (const props of [{ sourceOrganizationId: ORG }, { sourceOrganizationId: ORG, sourceAccountIds: [MEMBER] }]) {
        const st = keyStatement(synth(props).template, 'AllowEventStreamTopicsToUseKey');
        expect(st.Condition).toEqual({ ArnLike: { 'aws:SourceArn': [topicPattern('*')] } });
      }
    });

    test('sourceTopicName names the topics in the key policy too', () => {
      const st = keyStatement(synth({ sourceAccountIds: [MEMBER], sourceTopicName: 'audit-events' }).template, 'AllowEventStreamTopicsToUseKey');
      expect(st.Condition.ArnLike['aws:SourceArn']).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:sns:*:${MEMBER}:audit-events`]] }]);
    });

    test('carries no aws:SourceAccount or aws:SourceOrgID condition, which the SQS guide does not list for SNS (field note: source keys broke key policies)', () => {
      const [key] = Object.values(synth({ sourceAccountIds: [MEMBER], sourceOrganizationId: ORG, consumerPrincipalArns: [VENDOR_ROLE] })
        .template.findResources('AWS::KMS::Key')) as any[];
      const json = JSON.stringify(key.Properties.KeyPolicy);
      expect(json).not.toMatch(/aws:SourceAccount|aws:SourceOrgID/);
    });

    test('lets the consumers decrypt only through SQS', () => {
      const st = keyStatement(synth({ sourceOrganizationId: ORG, consumerPrincipalArns: [VENDOR_ROLE] }).template, 'AllowConsumersToDecryptThroughSqs');
      expect(st).toEqual({
        Sid: 'AllowConsumersToDecryptThroughSqs',
        Effect: 'Allow',
        Principal: { AWS: VENDOR_ROLE },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringLike: { 'kms:ViaService': 'sqs.*' } },
      });
    });

    test('has no consumer statement without consumerPrincipalArns', () => {
      expect(keyStatement(synth({ sourceOrganizationId: ORG }).template, 'AllowConsumersToDecryptThroughSqs')).toBeUndefined();
    });
  });

  describe('key and queue policies (simulated)', () => {
    const { template } = synth({ sourceAccountIds: [MEMBER], consumerPrincipalArns: [VENDOR_ROLE] });
    const t = resolveTemplate(template.toJSON(), { region: ENV.region, account: ENV.account });
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    const keyArn = arnOf(t, keyId);
    const keyPolicy = resourcePolicy(t, keyId);
    const sns = (action: string, context: Record<string, string>) => isAllowed({
      principal: 'sns.amazonaws.com', action, resource: keyArn, resourcePolicy: keyPolicy, context,
    });

    test.each(['kms:GenerateDataKey', 'kms:Decrypt'])('SNS may %s for a listed account\'s cloudcoreo-events topic in any region', async (action) => {
      expect(await sns(action, { 'aws:SourceArn': `arn:aws:sns:eu-west-1:${MEMBER}:cloudcoreo-events` })).toBe(true);
    });

    test('SNS may not use the key for a listed account\'s topic of another name', async () => {
      expect(await sns('kms:GenerateDataKey', { 'aws:SourceArn': `arn:aws:sns:eu-west-1:${MEMBER}:other-topic` })).toBe(false);
    });

    test('SNS may not use the key for an unlisted account\'s cloudcoreo-events topic', async () => {
      expect(await sns('kms:GenerateDataKey', { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:999988887777:cloudcoreo-events' })).toBe(false);
    });

    test('SNS may not use the key without a source topic (no aws:SourceArn)', async () => {
      expect(await sns('kms:GenerateDataKey', {})).toBe(false);
    });

    test('SNS may not encrypt or re-encrypt with the key directly', async () => {
      for (const action of ['kms:Encrypt', 'kms:ReEncryptFrom', 'kms:CreateGrant']) {
        const allowed = await sns(action, { 'aws:SourceArn': `arn:aws:sns:eu-west-1:${MEMBER}:cloudcoreo-events` });
        expect({ action, allowed }).toEqual({ action, allowed: false });
      }
    });

    const consumer = (principal: string, action: string, context: Record<string, string>) => isAllowed({
      principal, action, resource: keyArn, resourcePolicy: keyPolicy, identityPolicies: [ALLOW_ALL], context,
    });

    test('the vendor may decrypt through SQS', async () => {
      expect(await consumer(VENDOR_ROLE, 'kms:Decrypt', { 'kms:ViaService': 'sqs.us-west-2.amazonaws.com' })).toBe(true);
    });

    test('the vendor may not decrypt directly or through another service', async () => {
      expect(await consumer(VENDOR_ROLE, 'kms:Decrypt', {})).toBe(false);
      expect(await consumer(VENDOR_ROLE, 'kms:Decrypt', { 'kms:ViaService': 's3.us-west-2.amazonaws.com' })).toBe(false);
    });

    test('the vendor may not generate data keys or manage the key', async () => {
      for (const action of ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion']) {
        const allowed = await consumer(VENDOR_ROLE, action, { 'kms:ViaService': 'sqs.us-west-2.amazonaws.com' });
        expect({ action, allowed }).toEqual({ action, allowed: false });
      }
    });

    test('another account may not decrypt, even through SQS', async () => {
      expect(await consumer('arn:aws:iam::444455556666:role/Intruder', 'kms:Decrypt', { 'kms:ViaService': 'sqs.us-west-2.amazonaws.com' })).toBe(false);
    });

    test('emits only IAM actions that exist', () => {
      expect(unknownActions(t)).toEqual([]);
    });
  });

  describe('organization (simulated): the queue policy decides which topics may send', () => {
    const { template } = synth({ sourceOrganizationId: ORG });
    const t = resolveTemplate(template.toJSON(), { region: ENV.region, account: ENV.account });
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    const foreign = { 'aws:SourceArn': 'arn:aws:sns:us-east-1:999988887777:cloudcoreo-events', 'aws:SourceAccount': '999988887777', 'aws:SourceOrgID': 'o-zzzzzzzzzz' };
    const member = { 'aws:SourceArn': 'arn:aws:sns:us-east-1:555566667777:cloudcoreo-events', 'aws:SourceAccount': '555566667777', 'aws:SourceOrgID': ORG };
    const send = (context: Record<string, string>) => isAllowed({
      principal: 'sns.amazonaws.com',
      action: 'sqs:SendMessage',
      resource: arnOf(t, 'cloudcoreo-events-queue'),
      resourcePolicy: resourcePolicy(t, 'cloudcoreo-events-queue'),
      context,
    });
    const generate = (context: Record<string, string>) => isAllowed({
      principal: 'sns.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: arnOf(t, keyId),
      resourcePolicy: resourcePolicy(t, keyId),
      context,
    });

    test('an organization account\'s topic may send and SNS may use the key for it', async () => {
      expect([await send(member), await generate(member)]).toEqual([true, true]);
    });

    test('a topic of a foreign organization may not send, though the key statement (aws:SourceArn only) would admit it', async () => {
      expect([await send(foreign), await generate(foreign)]).toEqual([false, true]);
    });
  });

  describe('grants', () => {
    test('grantConsumeMessages also lets a role of the app decrypt with the key', () => {
      const stack = new Stack(new App(), 'S', { env: ENV });
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const construct = new CentralEventQueue(stack, 'Central', { sourceOrganizationId: ORG, encryptionKey: key });
      const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountPrincipal('111122223333') });
      construct.grantConsumeMessages(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: 'kms:Decrypt',
            Resource: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
          })]),
        },
      });
    });
  });

  describe('imported key', () => {
    test('encrypts with it and warns with the SNS and consumer statements to add to its key policy', () => {
      const stack = new Stack(new App(), 'S', { env: ENV });
      const key = kms.Key.fromKeyArn(stack, 'Imported', IMPORTED_KEY_ARN);
      new CentralEventQueue(stack, 'Central', { sourceAccountIds: [MEMBER], consumerPrincipalArns: [VENDOR_ROLE], encryptionKey: key });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::KMS::Key', 0);
      expect(Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { KmsMasterKeyId: IMPORTED_KEY_ARN } }))).toHaveLength(2);
      const warnings = Annotations.fromStack(stack).findWarning('/S/Central', Match.anyValue());
      expect(warnings).toHaveLength(1);
      const text = JSON.stringify(warnings[0].entry.data);
      expect(text).toMatch(/encryptionKey is imported, so its key policy cannot be changed here/);
      expect(text).toMatch(/sns\.amazonaws\.com kms:Decrypt and kms:GenerateDataKey\* with ArnLike aws:SourceArn arn:<partition>:sns:\*:<account>:cloudcoreo-events/);
      expect(text).toMatch(/without aws:SourceAccount or aws:SourceOrgID/);
      expect(text).toMatch(/consumerPrincipalArns kms:Decrypt with StringLike kms:ViaService sqs\.\*/);
    });

    test('an imported custom alias gets the same warning, without the consumer part when there are no consumers', () => {
      const stack = new Stack(new App(), 'S', { env: ENV });
      new CentralEventQueue(stack, 'Central', { sourceOrganizationId: ORG, encryptionKey: kms.Alias.fromAliasName(stack, 'Alias', 'alias/audit-events') });
      const [warning] = Annotations.fromStack(stack).findWarning('/S/Central', Match.stringLikeRegexp('encryptionKey is imported'));
      expect(JSON.stringify(warning.entry.data)).not.toMatch(/consumerPrincipalArns/);
    });

    test('a key defined in the app raises no warning', () => {
      const { stack } = synth({ sourceAccountIds: [MEMBER], consumerPrincipalArns: [VENDOR_ROLE] });
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    });
  });

  describe('bad input', () => {
    test.each([
      ['alias/aws/sqs', (s: Stack) => kms.Alias.fromAliasName(s, 'K', 'alias/aws/sqs')],
      ['alias/aws/sqs', (s: Stack) => kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:us-west-2:123456789012:alias/aws/sqs')],
      ['alias/aws/sns', (s: Stack) => kms.Alias.fromAliasName(s, 'K', 'alias/aws/sns')],
    ])('refuses the AWS-managed key %s, whose policy cannot admit SNS', (alias, make) => {
      const stack = new Stack(new App(), 'S', { env: ENV });
      expect(() => new CentralEventQueue(stack, 'Central', { sourceOrganizationId: ORG, encryptionKey: make(stack) })).toThrow(
        `S/Central: encryptionKey uses the AWS-managed key "${alias}": SNS cannot use it to deliver to the queue, so every event would be dropped, because an AWS-managed key policy cannot be changed; use a customer managed key (kms.Key) or leave encryptionKey out for SQS-managed encryption`,
      );
    });

    test('refuses a key of another region', () => {
      const stack = new Stack(new App(), 'S', { env: ENV });
      const key = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      expect(() => new CentralEventQueue(stack, 'Central', { sourceOrganizationId: ORG, encryptionKey: key })).toThrow(
        'S/Central: encryptionKey is in region eu-west-1, this stack is in region us-west-2: SQS encrypts a queue only with a key of its own region; use a key of us-west-2 or leave encryptionKey out',
      );
    });

    test('an env-agnostic stack accepts an imported key of any region (the region is not known at synth)', () => {
      const stack = new Stack(new App(), 'S');
      expect(() => new CentralEventQueue(stack, 'Central', { sourceOrganizationId: ORG, encryptionKey: kms.Key.fromKeyArn(stack, 'K', IMPORTED_KEY_ARN) })).not.toThrow();
    });

    test(`fails at synth with the figures when the key policy exceeds KMS's ${KMS_KEY_POLICY_BYTES} bytes while the queue policy still fits`, () => {
      // A long topic name makes each account's aws:SourceArn pattern long; the queue policy names the topic once.
      const props = { sourceAccountIds: accountIds(150), sourceTopicName: 't'.repeat(200) };
      expect(() => synth(props)).toThrow(/\[S\/Central\] the key policy of encryptionKey needs at most [\d,]+ characters .*the resource policy limit is 32,768: admit the organization with sourceOrganizationId/);
      expect(() => synth(props)).not.toThrow(/the queue policy needs/);
    });

    test('with the default topic name, the longest account list the queue policy admits also fits the key policy', () => {
      // 450 accounts: close to the 8,192-byte queue policy limit (600 fail, see central-event-queue.test.ts).
      expect(() => synth({ sourceAccountIds: accountIds(450), consumerPrincipalArns: [VENDOR_ROLE] })).not.toThrow();
    });
  });

  test('has no unsuppressed cdk-nag finding', () => {
    expect(nagFindings(synth({ sourceOrganizationId: ORG, consumerPrincipalArns: [VENDOR_ROLE] }).stack)).toEqual([]);
  });

  test('passes cfn-lint, env-agnostic and with an env', () => {
    const app = new App();
    const a = new Stack(app, 'Agnostic');
    new CentralEventQueue(a, 'Central', {
      sourceAccountIds: [MEMBER], consumerPrincipalArns: [VENDOR_ROLE], encryptionKey: new kms.Key(a, 'Key', { enableKeyRotation: true }),
    });
    const b = new Stack(app, 'WithEnv', { env: ENV });
    new CentralEventQueue(b, 'Central', { sourceOrganizationId: ORG, encryptionKey: new kms.Key(b, 'Key', { enableKeyRotation: true }) });
    const assembly = app.synth();
    expect(cfnLint([a, b].map((s) => assembly.getStackArtifact(s.artifactId).templateFullPath))).toEqual([]);
  });

  test('has no failed checkov check, and needs no skip', () => {
    const { template } = synth({ sourceAccountIds: [MEMBER], consumerPrincipalArns: [VENDOR_ROLE] });
    const report = checkov([{ name: 'central-event-queue-kms', template: template.toJSON() }]);
    expect(report.parsingErrors).toEqual([]);
    expect(report.failed.map((f) => `${f.resource} ${f.checkId} ${f.checkName}`)).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.passed).toBeGreaterThan(0);
  }, 120_000);

  test('synthesizes for aws-cn and aws-us-gov without a literal aws partition', () => {
    for (const region of ['cn-north-1', 'us-gov-west-1']) {
      const { template } = synth({
        sourceAccountIds: [MEMBER], consumerPrincipalArns: [`arn:${Aws.PARTITION}:iam::111122223333:role/VendorEventReader`],
      }, { account: ENV.account, region });
      expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws:/);
    }
  });
});
