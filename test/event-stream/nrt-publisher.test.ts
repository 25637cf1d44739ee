import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AuditedService, AuditedServices, NrtPublisher, NrtPublisherProps, NrtReceiver } from '../../src/event-stream';
import { identityPolicies, isAllowed, nagFindings, resolveTemplate, trustPolicy, unknownActions } from '../harness';

const RECEIVER = '931709186019';
const ENV = { account: '222233334444', region: 'eu-west-1' };

function synth(props: NrtPublisherProps, env: { account: string; region: string } = ENV): { stack: Stack; template: Template } {
  const stack = new Stack(new App(), 'S', { env });
  new NrtPublisher(stack, 'Publisher', props);
  return { stack, template: Template.fromStack(stack) };
}

describe('NrtPublisher', () => {
  test('forwards every AWS API call to the receiver\'s default bus in the same region, through a role (R-102, R-106)', () => {
    synth({ receiverAccountId: RECEIVER }).template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': [{ prefix: 'aws.' }], 'detail-type': ['AWS API Call via CloudTrail'] },
      Targets: [Match.objectLike({
        Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:eu-west-1:${RECEIVER}:event-bus/default`]] },
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PublisherRole'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        DeadLetterConfig: Match.anyValue(),
      })],
    });
  });

  test('the dead-letter queue carries a justified checkov skip of CKV_AWS_27, which does not recognise SSE-SQS', () => {
    const [dlq] = Object.values(synth({ receiverAccountId: RECEIVER }).template.findResources('AWS::SQS::Queue')) as any[];
    expect(dlq.Properties.SqsManagedSseEnabled).toBe(true);
    expect(dlq.Metadata.checkov.skip).toEqual([{ id: 'CKV_AWS_27', comment: expect.stringMatching(/SSE-SQS/) }]);
  });

  test('services narrows the pattern', () => {
    synth({ receiverAccountId: RECEIVER, services: AuditedServices.VMWARE_DEFAULT }).template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: { eventSource: Match.arrayWith(['iam.amazonaws.com']) } }),
    });
  });

  describe('role (simulated)', () => {
    const t = resolveTemplate(synth({ receiverAccountId: RECEIVER }).template.toJSON(), { account: ENV.account, region: ENV.region });
    const roleId = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::IAM::Role')!;
    const docs = identityPolicies(t, roleId).documents;
    const roleArn = `arn:aws:iam::${ENV.account}:role/${roleId}`;
    // The receiver's side, as NrtReceiver defines it for this publisher: the
    // request crosses accounts, so both policies must allow it.
    const receiverStack = new Stack(new App(), 'R', { env: { account: RECEIVER, region: 'eu-west-1' } });
    new NrtReceiver(receiverStack, 'Receiver', { publisherAccountIds: [ENV.account] });
    const rt = resolveTemplate(Template.fromStack(receiverStack).toJSON(), { account: RECEIVER, region: 'eu-west-1' });
    const busPolicy = { Version: '2012-10-17', Statement: Object.values(rt.Resources).filter((r: any) => r.Type === 'AWS::Events::EventBusPolicy').map((r: any) => r.Properties.Statement) };
    const put = (bus: string) => isAllowed({ principal: roleArn, action: 'events:PutEvents', resource: bus, identityPolicies: docs, resourcePolicy: busPolicy });

    test('may put events on the receiver\'s bus in this region', async () => {
      expect(await put(`arn:aws:events:eu-west-1:${RECEIVER}:event-bus/default`)).toBe(true);
    });

    test('the receiver\'s bus policy alone does not let the publisher\'s other roles in without their own grant', async () => {
      expect(await isAllowed({
        principal: `arn:aws:iam::${ENV.account}:role/Other`, action: 'events:PutEvents', resource: `arn:aws:events:eu-west-1:${RECEIVER}:event-bus/default`, resourcePolicy: busPolicy,
      })).toBe(false);
    });

    test('may not put events on another bus, region or account', async () => {
      expect(await put(`arn:aws:events:us-east-1:${RECEIVER}:event-bus/default`)).toBe(false);
      expect(await put(`arn:aws:events:eu-west-1:${RECEIVER}:event-bus/other`)).toBe(false);
      expect(await put('arn:aws:events:eu-west-1:999988887777:event-bus/default')).toBe(false);
    });

    test('only EventBridge of this account may assume it', async () => {
      const trust = trustPolicy(t, roleId);
      const assume = (sourceAccount: string) => isAllowed({
        principal: 'events.amazonaws.com', action: 'sts:AssumeRole', resource: roleArn, resourcePolicy: trust, context: { 'aws:SourceAccount': sourceAccount },
      });
      expect(await assume(ENV.account)).toBe(true);
      expect(await assume('999988887777')).toBe(false);
    });

    test('emits only IAM actions that exist', () => {
      expect(unknownActions(t)).toEqual([]);
    });
  });

  describe('bad input', () => {
    test('fails on a bad receiver account', () => {
      expect(() => synth({ receiverAccountId: '9317-0918-6019' })).toThrow(/^S\/Publisher: receiverAccountId must be a 12-digit AWS account ID/);
    });

    test('fails with the figures when the pattern is over the EventBridge limit', () => {
      const many = AuditedServices.of(...Array.from({ length: 90 }, (_, i) => AuditedService.of(`service${i}.amazonaws.com`)));
      expect(() => synth({ receiverAccountId: RECEIVER, services: many })).toThrow(
        /^S\/Publisher: services make an event pattern of 2,[0-9]{3} characters, the EventBridge limit is 2,048/,
      );
    });

    test('fails when the receiver is this account, naming the reason (R-102)', () => {
      expect(() => synth({ receiverAccountId: RECEIVER }, { account: RECEIVER, region: 'eu-west-1' })).toThrow(
        /receiverAccountId "931709186019" is this stack's own account: the receiver's rule already forwards its own events, .*define only NrtReceiver here/,
      );
    });
  });

  test('has no unsuppressed cdk-nag finding', () => {
    expect(nagFindings(synth({ receiverAccountId: RECEIVER }).stack)).toEqual([]);
  });

  test('synthesizes for aws-cn without a literal aws partition', () => {
    const { template } = synth({ receiverAccountId: RECEIVER }, { account: ENV.account, region: 'cn-north-1' });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws:/);
  });
});
