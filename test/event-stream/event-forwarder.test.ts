import { App, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { eventBridgeMaySend } from './_helpers';
import { apiCallEvent, forgedApiCallEvent } from './_sample-events';
import { AwsLimits } from '../../src/core/limits';
import { AuditedService, AuditedServices, CentralEventBusPolicy, EventForwarder, EventForwarderProps } from '../../src/event-stream';
import { arnOf, cfnLint, identityPolicies, isAllowed, matchesPattern, nagFindings, resolveTemplate, resourcePolicy, trustPolicy, unknownActions } from '../harness';

const CENTRAL = '111122223333';
const ENV = { account: '222233334444', region: 'eu-west-1' };
const ORG = 'o-a1b2c3d4e5';

/** `env: 'agnostic'` gives a stack without account and region. */
function synth(props: EventForwarderProps, env: { account: string; region: string } | 'agnostic' = ENV): { stack: Stack; template: Template; forwarder: EventForwarder } {
  const stack = new Stack(new App(), 'S', { env: env === 'agnostic' ? undefined : env });
  const forwarder = new EventForwarder(stack, 'Forwarder', props);
  return { stack, template: Template.fromStack(stack), forwarder };
}

function ruleOf(template: Template): any {
  const rules = Object.values(template.findResources('AWS::Events::Rule')) as any[];
  expect(rules).toHaveLength(1);
  return rules[0];
}

describe('EventForwarder', () => {
  test('forwards API calls to the central account\'s default bus in the same region, through its own role, with retries and a DLQ (A-12, R-035)', () => {
    synth({ targetAccountId: CENTRAL }).template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      EventBusName: Match.absent(),
      Targets: [Match.objectLike({
        Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:eu-west-1:${CENTRAL}:event-bus/default`]] },
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderRole'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderDeadLetterQueue'), 'Arn'] } },
      })],
    });
  });

  test('includeReadOnlyEvents puts the rule in the state that also receives read-only management events, to match a central rule that has it', () => {
    expect(ruleOf(synth({ targetAccountId: CENTRAL, includeReadOnlyEvents: true }).template).Properties.State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
    expect(ruleOf(synth({ targetAccountId: CENTRAL, includeReadOnlyEvents: false }).template).Properties.State).toBe('ENABLED');
  });

  test('defines one rule, one role with one policy, one dead-letter queue and its policy, and nothing else', () => {
    const { template } = synth({ targetAccountId: CENTRAL });
    const types = Object.values(template.toJSON().Resources).map((r: any) => r.Type).sort();
    expect(types).toEqual(['AWS::Events::Rule', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy']);
  });

  test('exposes the rule, role, dead-letter queue and the target bus ARN', () => {
    const { stack, forwarder } = synth({ targetAccountId: CENTRAL });
    expect(stack.resolve(forwarder.targetBusArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:eu-west-1:${CENTRAL}:event-bus/default`]] });
    expect(forwarder.rule.node.path).toBe('S/Forwarder/Rule');
    expect(forwarder.role.node.path).toBe('S/Forwarder/Role');
    expect(forwarder.deadLetterQueue.node.path).toBe('S/Forwarder/DeadLetterQueue');
  });

  test('the dead-letter queue is encrypted, keeps 14 days, is retained and carries a justified checkov skip of CKV_AWS_27', () => {
    synth({ targetAccountId: CENTRAL }).template.hasResource('AWS::SQS::Queue', {
      Properties: Match.objectLike({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 }),
      DeletionPolicy: 'Retain',
      Metadata: { checkov: { skip: [{ id: 'CKV_AWS_27', comment: Match.stringLikeRegexp('SSE-SQS') }] } },
    });
  });

  describe('the pattern', () => {
    test('by default, every AWS API call with the aws. source guard, and no detail filter', () => {
      expect(ruleOf(synth({ targetAccountId: CENTRAL }).template).Properties.EventPattern).toEqual({
        'source': [{ prefix: 'aws.' }],
        'detail-type': ['AWS API Call via CloudTrail'],
      });
    });

    test('by default matches an API call of any service, and no forged event', () => {
      const pattern = ruleOf(synth({ targetAccountId: CENTRAL }).template).Properties.EventPattern;
      expect(matchesPattern(pattern, apiCallEvent('lambda.amazonaws.com', 'UpdateFunctionConfiguration'))).toBe(true);
      expect(matchesPattern(pattern, apiCallEvent('iam.amazonaws.com', 'CreateUser'))).toBe(true);
      expect(matchesPattern(pattern, forgedApiCallEvent('iam.amazonaws.com'))).toBe(false);
    });

    test('services narrows it to the chosen event sources (the Aria preset passes VMWARE_DEFAULT)', () => {
      const pattern = ruleOf(synth({ targetAccountId: CENTRAL, services: AuditedServices.VMWARE_DEFAULT }).template).Properties.EventPattern;
      expect(pattern.detail.eventSource).toHaveLength(21);
      expect(matchesPattern(pattern, apiCallEvent('s3.amazonaws.com', 'PutBucketPolicy'))).toBe(true);
      expect(matchesPattern(pattern, apiCallEvent('lambda.amazonaws.com', 'UpdateFunctionConfiguration'))).toBe(false);
      expect(matchesPattern(pattern, forgedApiCallEvent('s3.amazonaws.com'))).toBe(false);
    });

    test('restrictToAwsSources: false drops the guard, so a forged event with a CloudTrail detail is forwarded', () => {
      const { template } = synth({ targetAccountId: CENTRAL, services: AuditedServices.of(AuditedService.IAM), restrictToAwsSources: false });
      const pattern = ruleOf(template).Properties.EventPattern;
      expect(pattern.source).toBeUndefined();
      expect(matchesPattern(pattern, forgedApiCallEvent('iam.amazonaws.com'))).toBe(true);
    });
  });

  describe('policies (simulated)', () => {
    const t = resolveTemplate(synth({ targetAccountId: CENTRAL }).template.toJSON(), ENV);
    const roleId = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::IAM::Role')!;
    const roleArn = arnOf(t, roleId);
    const docs = identityPolicies(t, roleId).documents;
    // The central account's side, as CentralEventBusPolicy defines it for the organization.
    const centralStack = new Stack(new App(), 'C', { env: { account: CENTRAL, region: ENV.region } });
    new CentralEventBusPolicy(centralStack, 'Members', { sourceOrganizationId: ORG });
    const ct = resolveTemplate(Template.fromStack(centralStack).toJSON(), { account: CENTRAL, region: ENV.region });
    const busId = Object.keys(ct.Resources).find((k) => ct.Resources[k].Type === 'AWS::Events::EventBusPolicy')!;
    const busPolicy = resourcePolicy(ct, busId);
    const put = (bus: string, orgId = ORG) => isAllowed({
      principal: roleArn, action: 'events:PutEvents', resource: bus, identityPolicies: docs, resourcePolicy: busPolicy, context: { 'aws:PrincipalOrgID': orgId },
    });

    test('the role may put events on the central bus in this region, when the central policy admits its organization', async () => {
      expect(await put(`arn:aws:events:eu-west-1:${CENTRAL}:event-bus/default`)).toBe(true);
    });

    test('the role may not put events on another bus, region or account', async () => {
      expect(await put(`arn:aws:events:us-east-1:${CENTRAL}:event-bus/default`)).toBe(false);
      expect(await put(`arn:aws:events:eu-west-1:${CENTRAL}:event-bus/other`)).toBe(false);
      expect(await put('arn:aws:events:eu-west-1:999988887777:event-bus/default')).toBe(false);
    });

    test('the role may do nothing but events:PutEvents on the central bus, not even on its own account\'s bus', async () => {
      // Same-account requests, so the identity policies alone decide.
      expect(await isAllowed({ principal: roleArn, action: 'events:PutRule', resource: `arn:aws:events:eu-west-1:${ENV.account}:rule/x`, identityPolicies: docs })).toBe(false);
      expect(await isAllowed({ principal: roleArn, action: 'events:PutEvents', resource: `arn:aws:events:eu-west-1:${ENV.account}:event-bus/default`, identityPolicies: docs })).toBe(false);
      expect(await isAllowed({ principal: roleArn, action: 'events:PutPermission', resource: '*', identityPolicies: docs })).toBe(false);
    });

    test('the role is refused when the central policy admits another organization only', async () => {
      expect(await put(`arn:aws:events:eu-west-1:${CENTRAL}:event-bus/default`, 'o-zzzzzzzzzz')).toBe(false);
    });

    test('only EventBridge of this account may assume the role (confused deputy)', async () => {
      const trust = trustPolicy(t, roleId);
      const assume = (principal: string, sourceAccount: string) => isAllowed({
        principal, action: 'sts:AssumeRole', resource: roleArn, resourcePolicy: trust, context: { 'aws:SourceAccount': sourceAccount },
      });
      expect(await assume('events.amazonaws.com', ENV.account)).toBe(true);
      expect(await assume('events.amazonaws.com', '999988887777')).toBe(false);
      expect(await assume('sns.amazonaws.com', ENV.account)).toBe(false);
    });

    test('only this rule may send to the dead-letter queue', async () => {
      const queueId = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::SQS::Queue')!;
      const ruleId = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::Events::Rule')!;
      expect(await eventBridgeMaySend(t, queueId, arnOf(t, ruleId))).toBe(true);
      expect(await eventBridgeMaySend(t, queueId, `arn:aws:events:eu-west-1:${ENV.account}:rule/Other`)).toBe(false);
    });

    test('emits only IAM actions that exist', () => {
      expect(unknownActions(t)).toEqual([]);
    });
  });

  describe('tokens', () => {
    test('an env-agnostic stack forwards to the same region and scopes the trust to its own account', () => {
      const { template } = synth({ targetAccountId: CENTRAL }, 'agnostic');
      template.hasResourceProperties('AWS::Events::Rule', {
        Targets: [Match.objectLike({
          Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, `:${CENTRAL}:event-bus/default`]] },
        })],
      });
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })] },
      });
    });

    test('a token targetAccountId passes validation and is used as given', () => {
      const { template } = synth({ targetAccountId: Fn.importValue('CentralAccountId') });
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Action: 'events:PutEvents',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:', { 'Fn::ImportValue': 'CentralAccountId' }, ':event-bus/default']] },
          }],
        },
      });
    });

    test('the own-account check is skipped when the stack\'s account is a token (documented: do not deploy it to the central account)', () => {
      expect(() => synth({ targetAccountId: CENTRAL }, 'agnostic')).not.toThrow();
    });
  });

  describe('bad input', () => {
    test('fails on a bad targetAccountId, naming the prop, the value and the form', () => {
      expect(() => synth({ targetAccountId: '1111-2222-3333' })).toThrow(/^S\/Forwarder: targetAccountId must be a 12-digit AWS account ID.*"1111-2222-3333"/);
    });

    test('fails when the target is this stack\'s own account, explaining the loop and what to define instead', () => {
      expect(() => synth({ targetAccountId: ENV.account })).toThrow(
        /^S\/Forwarder: targetAccountId "222233334444" is this stack's own account: the rule would put each event it matches back on the bus it reads, where it matches again, in an endless loop; .*define only CentralEventBusPolicy and EventStreamRule there$/,
      );
    });

    test('fails with the figures when the pattern is over the EventBridge limit', () => {
      const many = AuditedServices.of(...Array.from({ length: 90 }, (_, i) => AuditedService.of(`service${i}.amazonaws.com`)));
      expect(() => synth({ targetAccountId: CENTRAL, services: many })).toThrow(
        /^S\/Forwarder: services make an event pattern of 2,[0-9]{3} characters, the EventBridge limit is 2,048: split the services across two EventForwarder constructs/,
      );
    });

    test('a raised pattern limit admits the same services', () => {
      const many = AuditedServices.of(...Array.from({ length: 90 }, (_, i) => AuditedService.of(`service${i}.amazonaws.com`)));
      expect(() => synth({ targetAccountId: CENTRAL, services: many, limits: AwsLimits.of({ eventPatternCharacters: 4096 }) })).not.toThrow();
    });

    test('reports every problem at once', () => {
      const many = AuditedServices.of(...Array.from({ length: 90 }, (_, i) => AuditedService.of(`service${i}.amazonaws.com`)));
      expect(() => synth({ targetAccountId: 'central', services: many })).toThrow(/targetAccountId must be .*\n.*services make an event pattern/s);
    });
  });

  test('has no unsuppressed cdk-nag finding', () => {
    expect(nagFindings(synth({ targetAccountId: CENTRAL }).stack)).toEqual([]);
  });

  test('passes cfn-lint, env-agnostic and with an env', () => {
    const app = new App();
    const a = new Stack(app, 'Agnostic');
    new EventForwarder(a, 'Forwarder', { targetAccountId: CENTRAL });
    const b = new Stack(app, 'WithEnv', { env: ENV });
    new EventForwarder(b, 'Forwarder', { targetAccountId: CENTRAL, services: AuditedServices.VMWARE_DEFAULT });
    const assembly = app.synth();
    expect(cfnLint([a, b].map((s) => assembly.getStackArtifact(s.artifactId).templateFullPath))).toEqual([]);
  });

  test('synthesizes for aws-cn and aws-us-gov without a literal aws partition', () => {
    for (const region of ['cn-north-1', 'us-gov-west-1']) {
      const { template } = synth({ targetAccountId: CENTRAL }, { account: ENV.account, region });
      expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws:/);
    }
  });
});
