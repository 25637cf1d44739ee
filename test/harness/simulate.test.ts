import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  ALLOW_ALL, arnOf, identityPolicies, isAllowed, resolveTemplate, resourcePolicy, simulate, simulateAssumeRole, toSimulation, trustPolicy,
} from '.';

const VENDOR = '111122223333';
const OTHER = '444455556666';
const EXTERNAL_ID = 'ext-id-0123456789';
const VENDOR_ROLE = `arn:aws:iam::${VENDOR}:role/Scanner`;

/** A stack with the shape of a vendor audit role: trusted by one account with an external ID. */
function auditStack(opts: { externalId?: boolean } = {}) {
  const stack = new Stack(new App(), 'Audit');
  const queue = new sqs.Queue(stack, 'Queue', { queueName: 'events' });
  const role = new iam.Role(stack, 'AuditRole', {
    roleName: 'VendorAudit',
    assumedBy: new iam.AccountPrincipal(VENDOR),
    externalIds: opts.externalId === false ? undefined : [EXTERNAL_ID],
  });
  queue.grantConsumeMessages(role);
  return resolveTemplate(Template.fromStack(stack).toJSON());
}

function trustRequest(t: any, principal: string, context: Record<string, string>) {
  return simulateAssumeRole({ trustPolicy: trustPolicy(t, 'VendorAudit'), roleArn: arnOf(t, 'VendorAudit'), principal, context });
}

describe('simulate', () => {
  describe('role trust (R-002 to R-005: trusted account + sts:ExternalId)', () => {
    const t = auditStack();

    test('the trusted account with the right external ID is allowed', async () => {
      expect((await trustRequest(t, VENDOR_ROLE, { 'sts:ExternalId': EXTERNAL_ID })).result).toBe('Allowed');
    });

    test('the trusted account with a wrong external ID is implicitly denied', async () => {
      expect((await trustRequest(t, VENDOR_ROLE, { 'sts:ExternalId': 'guessed-id-000' })).result).toBe('ImplicitlyDenied');
    });

    test('the trusted account without an external ID is implicitly denied', async () => {
      expect((await trustRequest(t, VENDOR_ROLE, {})).result).toBe('ImplicitlyDenied');
    });

    test('another account with the right external ID is implicitly denied', async () => {
      const r = await trustRequest(t, `arn:aws:iam::${OTHER}:role/Scanner`, { 'sts:ExternalId': EXTERNAL_ID });
      expect(r.result).toBe('ImplicitlyDenied');
    });

    test('the denials come from the trust policy: without the external-ID condition a wrong ID is allowed', async () => {
      const open = auditStack({ externalId: false });
      expect((await trustRequest(open, VENDOR_ROLE, { 'sts:ExternalId': 'guessed-id-000' })).result).toBe('Allowed');
    });

    test('without an identity policy on the caller side a cross-account request is denied (why ALLOW_ALL is given)', async () => {
      const r = await simulate({
        principal: VENDOR_ROLE,
        action: 'sts:AssumeRole',
        resource: arnOf(t, 'VendorAudit'),
        resourcePolicy: trustPolicy(t, 'VendorAudit'),
        context: { 'sts:ExternalId': EXTERNAL_ID },
      });
      expect(r.result).toBe('ImplicitlyDenied');
    });
  });

  describe('identity policy and SCPs', () => {
    const t = auditStack();
    const role = 'arn:aws:sts::123456789012:assumed-role/VendorAudit/session';
    const queueArn = arnOf(t, 'events');
    const base = { principal: role, action: 'sqs:ReceiveMessage', resource: queueArn, identityPolicies: identityPolicies(t, 'VendorAudit').documents };

    test('the role\'s own policy allows receiving from its queue', async () => {
      expect(await isAllowed(base)).toBe(true);
    });

    test('the role\'s own policy does not allow sending', async () => {
      expect((await simulate({ ...base, action: 'sqs:SendMessage' })).result).toBe('ImplicitlyDenied');
    });

    test('an SCP with an explicit Deny gives ExplicitlyDenied', async () => {
      const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sqs:*', Resource: '*' }] };
      expect((await simulate({ ...base, scps: [deny] })).result).toBe('ExplicitlyDenied');
    });

    test('an SCP that denies something else leaves the request allowed (FullAWSAccess is attached)', async () => {
      const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] };
      expect((await simulate({ ...base, scps: [deny] })).result).toBe('Allowed');
    });

    test('scpLevels are used exactly: a level without an Allow denies implicitly', async () => {
      const denyOther = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] };
      expect((await simulate({ ...base, scpLevels: [[ALLOW_ALL], [denyOther]] })).result).toBe('ImplicitlyDenied');
    });

    test('a permissions boundary without the action denies implicitly', async () => {
      const boundary = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:GetQueueAttributes', Resource: '*' }] };
      expect((await simulate({ ...base, permissionBoundary: boundary })).result).toBe('ImplicitlyDenied');
    });
  });

  describe('queue policy allowing one topic (aws:SourceArn)', () => {
    const stack = new Stack(new App(), 'Stream');
    const topic = new sns.Topic(stack, 'Topic', { topicName: 'audit-events' });
    const queue = new sqs.Queue(stack, 'Queue', { queueName: 'audit-queue' });
    topic.addSubscription(new subs.SqsSubscription(queue));
    const t = resolveTemplate(Template.fromStack(stack).toJSON());
    const send = (sourceArn: string) => simulate({
      principal: 'sns.amazonaws.com',
      action: 'sqs:SendMessage',
      resource: arnOf(t, 'audit-queue'),
      resourcePolicy: resourcePolicy(t, 'audit-queue'),
      context: { 'aws:SourceArn': sourceArn },
    });

    test('the subscribed topic may send', async () => {
      expect((await send(arnOf(t, 'audit-events'))).result).toBe('Allowed');
    });

    test('another topic may not send', async () => {
      expect((await send('arn:aws:sns:us-east-1:123456789012:someone-else')).result).toBe('ImplicitlyDenied');
    });
  });

  describe('errors instead of silent answers', () => {
    test('a policy with an unresolved intrinsic throws', async () => {
      const raw = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: { Ref: 'X' } }, Action: 'sts:AssumeRole' }] };
      await expect(simulate({
        principal: VENDOR_ROLE, action: 'sts:AssumeRole', resource: 'arn:aws:iam::123456789012:role/R', resourcePolicy: raw,
      })).rejects.toThrow(/rejected the request or a policy[\s\S]*Principal\.AWS/);
    });

    test('a context key that does not apply to the action (a typo) throws', async () => {
      await expect(simulate({
        principal: VENDOR_ROLE,
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::123456789012:role/R',
        resourcePolicy: ALLOW_ALL,
        context: { 'sts:ExternalIdd': EXTERNAL_ID },
      })).rejects.toThrow(/sts:ExternalIdd/);
    });

    test('a resource without an account needs resourceAccount', () => {
      expect(() => toSimulation({ principal: VENDOR_ROLE, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' }))
        .toThrow(/pass resourceAccount/);
    });
  });

  describe('default context keys', () => {
    test('an assumed-role session gets the role as aws:PrincipalArn and its account', () => {
      const ctx = toSimulation({ principal: 'arn:aws-cn:sts::123456789012:assumed-role/R/s', action: 'sqs:SendMessage', resource: 'arn:aws-cn:sqs:cn-north-1:123456789012:q' })
        .request.contextVariables;
      expect(ctx).toMatchObject({
        'aws:PrincipalArn': 'arn:aws-cn:iam::123456789012:role/R',
        'aws:PrincipalAccount': '123456789012',
        'aws:PrincipalType': 'AssumedRole',
        'aws:SecureTransport': 'true',
        'aws:RequestedRegion': 'cn-north-1',
        'aws:ResourceAccount': '123456789012',
      });
    });

    test('a TLS-only deny applies when aws:SecureTransport is false', async () => {
      const tlsOnly = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/u' }, Action: 'sqs:SendMessage', Resource: '*' },
          { Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ],
      };
      const req = { principal: 'arn:aws:iam::123456789012:user/u', action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:123456789012:q', resourcePolicy: tlsOnly };
      expect((await simulate(req)).result).toBe('Allowed');
      expect((await simulate({ ...req, context: { 'aws:SecureTransport': 'false' } })).result).toBe('ExplicitlyDenied');
    });
  });
});
