/**
 * Simulation of every guardrail (style guide B9.5): allowed and denied
 * requests of member-account principals, decided by the synthesized SCPs
 * with `@cloud-copilot/iam-simulate`, in the "Compliance / Noncompliance"
 * spirit of cdk-nag's rule tests.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Guardrail } from '../../src';
import { PolicyDoc } from '../harness';
import {
  ADMIN, ANY, CONTROL_TOWER, DEVELOPER, MEMBER, OTHER_MEMBER, OUTSIDER, STACKSET_EXEC, VENDOR, decide, orgPath, scpsOf,
} from './_helpers';

const OBJECT = 'arn:aws:s3:::reports/2026/q3.csv';
const inOrg = { 'aws:ResourceOrgID': ANY.org };
const outOfOrg = { 'aws:ResourceOrgID': 'o-otherorg99' };

describe('Guardrail', () => {
  describe('denyResourcesOutsideOrganization (R-300, R-309)', () => {
    let scps: PolicyDoc[];
    beforeAll(() => {
      scps = scpsOf(Guardrail.denyResourcesOutsideOrganization({
        actions: ['s3:*'],
        trustedAccounts: [VENDOR],
        exemptPrincipalArns: ['arn:aws:iam::*:role/DataMigration'],
      }));
    });

    test('allows a member principal on a resource inside the organization', async () => {
      expect(await decide(scps, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OTHER_MEMBER, context: inOrg })).toBe('Allowed');
    });

    test('denies a member principal on a resource of another organization', async () => {
      expect(await decide(scps, { action: 's3:PutObject', resource: OBJECT, resourceAccount: OUTSIDER, context: outOfOrg })).toBe('ExplicitlyDenied');
    });

    test('denies a resource in an account that belongs to no organization (key absent)', async () => {
      expect(await decide(scps, { action: 's3:PutObject', resource: OBJECT, resourceAccount: OUTSIDER })).toBe('ExplicitlyDenied');
    });

    test('compares with the principal\'s own organization by default (${aws:PrincipalOrgID})', async () => {
      const ctx = { 'aws:PrincipalOrgID': 'o-otherorg99', 'aws:ResourceOrgID': 'o-otherorg99' };
      expect(await decide(scps, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OUTSIDER, context: ctx })).toBe('Allowed');
    });

    test('allows a resource in a trusted account (the vendor\'s) outside the organization', async () => {
      expect(await decide(scps, { action: 's3:PutObject', resource: OBJECT, resourceAccount: VENDOR, context: outOfOrg })).toBe('Allowed');
    });

    test('allows calls an AWS service makes on the principal\'s behalf (R-332)', async () => {
      const ctx = { ...outOfOrg, 'aws:ViaAWSService': 'true' };
      expect(await decide(scps, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OUTSIDER, context: ctx })).toBe('Allowed');
    });

    test('allows an exempt principal', async () => {
      const principal = `arn:aws:iam::${MEMBER}:role/DataMigration`;
      expect(await decide(scps, { principal, action: 's3:PutObject', resource: OBJECT, resourceAccount: OUTSIDER, context: outOfOrg })).toBe('Allowed');
    });

    test('allows the service-managed StackSet execution role (onboarding machinery)', async () => {
      expect(await decide(scps, { principal: STACKSET_EXEC, action: 's3:PutObject', resource: OBJECT, resourceAccount: OUTSIDER, context: outOfOrg })).toBe('Allowed');
    });

    test('allows the Control Tower execution role (onboarding machinery)', async () => {
      expect(await decide(scps, { principal: CONTROL_TOWER, action: 's3:PutObject', resource: OBJECT, resourceAccount: OUTSIDER, context: outOfOrg })).toBe('Allowed');
    });

    test('leaves actions it does not cover alone', async () => {
      const queue = `arn:aws:sqs:us-east-1:${OUTSIDER}:their-queue`;
      expect(await decide(scps, { action: 'sqs:SendMessage', resource: queue, context: outOfOrg })).toBe('Allowed');
    });

    test('denies the onboarding machinery too when exemptOnboardingMachinery is false', async () => {
      const strict = scpsOf(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'], exemptOnboardingMachinery: false }));
      expect(await decide(strict, { principal: STACKSET_EXEC, action: 's3:PutObject', resource: OBJECT, resourceAccount: OUTSIDER, context: outOfOrg }))
        .toBe('ExplicitlyDenied');
    });

    test('denies service-made calls too when exemptCallsViaAwsServices is false', async () => {
      const strict = scpsOf(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'], exemptCallsViaAwsServices: false }));
      const ctx = { ...outOfOrg, 'aws:ViaAWSService': 'true' };
      expect(await decide(strict, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OUTSIDER, context: ctx })).toBe('ExplicitlyDenied');
    });

    test('with a literal organization ID, denies another organization even if it is the principal\'s', async () => {
      const literal = scpsOf(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'], organizationId: ANY.org }));
      const ctx = { 'aws:PrincipalOrgID': 'o-otherorg99', 'aws:ResourceOrgID': 'o-otherorg99' };
      expect(await decide(literal, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OUTSIDER, context: ctx })).toBe('ExplicitlyDenied');
    });

    test('with exemptResources, allows the exempt resource outside the organization', async () => {
      const docs = scpsOf(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'], exemptResources: ['arn:aws:s3:::aws-public-samples/*'] }));
      const sample = 'arn:aws:s3:::aws-public-samples/readme.txt';
      expect(await decide(docs, { action: 's3:GetObject', resource: sample, resourceAccount: OUTSIDER, context: outOfOrg })).toBe('Allowed');
      expect(await decide(docs, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OUTSIDER, context: outOfOrg })).toBe('ExplicitlyDenied');
    });
  });

  describe('denyResourcesOutsideOrgPaths (R-301, R-308, A-61)', () => {
    let scps: PolicyDoc[];
    beforeAll(() => {
      // Example 2 of the post: Media, plus Sports and everything below it.
      scps = scpsOf(Guardrail.denyResourcesOutsideOrgPaths({
        actions: ['s3:*'],
        orgPaths: [orgPath(ANY.media), `${orgPath(ANY.sports)}*`],
      }));
    });
    const at = (paths: string[] | undefined) => decide(scps, {
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: OTHER_MEMBER,
      context: paths ? { 'aws:ResourceOrgPaths': paths, ...inOrg } : inOrg,
    });

    test('allows a resource in the Media OU (listed without *)', async () => {
      expect(await at([orgPath(ANY.media)])).toBe('Allowed');
    });

    test('allows a resource in the Sports OU itself (listed with *)', async () => {
      expect(await at([orgPath(ANY.sports)])).toBe('Allowed');
    });

    test.each([['Baseball', ANY.baseball], ['Basketball', ANY.basketball], ['Football', ANY.football]])(
      'allows a resource in %s, below Sports, through the trailing *', async (_name, ou) => {
        expect(await at([orgPath(ANY.sports, ou)])).toBe('Allowed');
      });

    test('denies a resource in the Governance OU', async () => {
      expect(await at([orgPath(ANY.governance)])).toBe('ExplicitlyDenied');
    });

    test('denies a resource in an account directly under the root', async () => {
      expect(await at([`${ANY.org}/${ANY.root}/`])).toBe('ExplicitlyDenied');
    });

    test('denies a resource in an OU below Media (no trailing *: Media itself only)', async () => {
      expect(await at([orgPath(ANY.media, 'ou-acroot-newsdesk')])).toBe('ExplicitlyDenied');
    });

    test('denies a sibling OU whose ID merely starts like Sports\' (the * follows the /)', async () => {
      expect(await at([orgPath('ou-acroot-sportsoux')])).toBe('ExplicitlyDenied');
    });

    test('denies a resource with no organization path (key absent: ForAllValues is true)', async () => {
      expect(await at(undefined)).toBe('ExplicitlyDenied');
    });

    test('allows a resource whose paths include an allowed one among others', async () => {
      expect(await at([orgPath(ANY.governance), orgPath(ANY.media)])).toBe('Allowed');
    });

    test('allows a trusted account outside every path', async () => {
      const docs = scpsOf(Guardrail.denyResourcesOutsideOrgPaths({ actions: ['s3:*'], orgPaths: [orgPath(ANY.media)], trustedAccounts: [VENDOR] }));
      expect(await decide(docs, { action: 's3:GetObject', resource: OBJECT, resourceAccount: VENDOR })).toBe('Allowed');
      expect(await decide(docs, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OUTSIDER })).toBe('ExplicitlyDenied');
    });
  });

  describe('denyResourcesOutsideAccounts (R-302, R-306, R-307)', () => {
    test('by default allows the principal\'s own account (${aws:PrincipalAccount})', async () => {
      const docs = scpsOf(Guardrail.denyResourcesOutsideAccounts({ actions: ['s3:*'] }));
      expect(await decide(docs, { action: 's3:GetObject', resource: OBJECT, resourceAccount: MEMBER })).toBe('Allowed');
    });

    test('by default denies any other account, even in the organization', async () => {
      const docs = scpsOf(Guardrail.denyResourcesOutsideAccounts({ actions: ['s3:*'] }));
      expect(await decide(docs, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OTHER_MEMBER, context: inOrg })).toBe('ExplicitlyDenied');
    });

    test('allows the listed accounts and denies the others (Example 1)', async () => {
      const docs = scpsOf(Guardrail.denyResourcesOutsideAccounts({ actions: ['s3:*'], accountIds: [OTHER_MEMBER] }));
      expect(await decide(docs, { action: 's3:GetObject', resource: OBJECT, resourceAccount: OTHER_MEMBER })).toBe('Allowed');
      expect(await decide(docs, { action: 's3:GetObject', resource: OBJECT, resourceAccount: MEMBER })).toBe('ExplicitlyDenied');
    });

    test('allows a trusted account besides the listed ones', async () => {
      const docs = scpsOf(Guardrail.denyResourcesOutsideAccounts({ actions: ['s3:*'], trustedAccounts: [VENDOR] }));
      expect(await decide(docs, { action: 's3:GetObject', resource: OBJECT, resourceAccount: VENDOR })).toBe('Allowed');
    });
  });

  describe('protectAuditSetup (R-350)', () => {
    let scps: PolicyDoc[];
    const auditRole = `arn:aws:iam::${MEMBER}:role/security/VendorAuditRole`;
    const topic = `arn:aws:sns:us-east-1:${MEMBER}:cloudcoreo-events`;
    const rule = `arn:aws:events:us-east-1:${MEMBER}:rule/cloudcoreo-events`;
    const queue = `arn:aws:sqs:us-east-1:${MEMBER}:cloudcoreo-events-queue`;
    const trail = `arn:aws:cloudtrail:us-east-1:${MEMBER}:trail/org-trail`;
    beforeAll(() => {
      // GIVEN the setup's constructs (as the access and event-stream constructs expose them)
      const stack = new Stack(new App(), 'Member');
      const role = new iam.Role(stack, 'AuditRole', { roleName: 'VendorAuditRole', path: '/security/', assumedBy: new iam.AccountPrincipal(VENDOR) });
      const t = new sns.Topic(stack, 'Topic', { topicName: 'cloudcoreo-events' });
      const r = new events.Rule(stack, 'Rule', { ruleName: 'cloudcoreo-events', eventPattern: { source: ['aws.iam'] } });
      scps = scpsOf(Guardrail.protectAuditSetup({
        roles: [role],
        rules: [r],
        topics: [t],
        queueNames: ['cloudcoreo-events-queue'],
        trailNames: ['org-trail'],
        // a wildcard-account admin is accepted only with its name protected (issue 13, finding 1)
        roleNames: ['SecurityAdmin'],
        adminPrincipalArns: ['arn:aws:iam::*:role/SecurityAdmin'],
      }));
    });

    test.each([
      ['iam:UpdateAssumeRolePolicy', auditRole],
      ['iam:AttachRolePolicy', auditRole],
      ['iam:DeleteRole', auditRole],
      ['sns:Subscribe', topic],
      ['sns:SetTopicAttributes', topic],
      ['events:DisableRule', rule],
      ['events:PutTargets', rule],
      ['sqs:PurgeQueue', queue],
      ['sqs:SetQueueAttributes', queue],
      ['cloudtrail:StopLogging', trail],
      ['cloudtrail:DeleteTrail', trail],
    ])('denies an attacker in a member account %s on the setup', async (action, resource) => {
      expect(await decide(scps, { action, resource })).toBe('ExplicitlyDenied');
    });

    test('allows the admin principal to change the audit role', async () => {
      expect(await decide(scps, { principal: ADMIN, action: 'iam:UpdateAssumeRolePolicy', resource: auditRole })).toBe('Allowed');
    });

    test('allows the StackSet execution role to update the audit role', async () => {
      expect(await decide(scps, { principal: STACKSET_EXEC, action: 'iam:PutRolePolicy', resource: auditRole })).toBe('Allowed');
    });

    test('denies the attacker even through CloudFormation (aws:ViaAWSService is not exempt)', async () => {
      expect(await decide(scps, { action: 'iam:UpdateAssumeRolePolicy', resource: auditRole, context: { 'aws:ViaAWSService': 'true' } }))
        .toBe('ExplicitlyDenied');
    });

    test('denies the attacker creating a role that claims the onboarding exemption', async () => {
      expect(await decide(scps, { action: 'iam:CreateRole', resource: `arn:aws:iam::${MEMBER}:role/stacksets-exec-evil` })).toBe('ExplicitlyDenied');
      expect(await decide(scps, { action: 'iam:UpdateAssumeRolePolicy', resource: `arn:aws:iam::${MEMBER}:role/AWSControlTowerExecution` }))
        .toBe('ExplicitlyDenied');
    });

    test('denies the attacker changing the self-managed StackSet execution role', async () => {
      const exec = `arn:aws:iam::${MEMBER}:role/AWSCloudFormationStackSetExecutionRole`;
      expect(await decide(scps, { action: 'iam:UpdateAssumeRolePolicy', resource: exec })).toBe('ExplicitlyDenied');
    });

    test('lets anyone read the setup', async () => {
      expect(await decide(scps, { action: 'iam:GetRole', resource: auditRole })).toBe('Allowed');
      expect(await decide(scps, { action: 'sqs:ReceiveMessage', resource: queue })).toBe('Allowed');
    });

    test('leaves other roles alone', async () => {
      expect(await decide(scps, { action: 'iam:UpdateAssumeRolePolicy', resource: `arn:aws:iam::${MEMBER}:role/AppRole` })).toBe('Allowed');
    });

    test('a custom stackSetExecutionRoleName is protected and exempt, so StackSet updates keep working (issue 13, finding 5)', async () => {
      const docs = scpsOf(Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'], stackSetExecutionRoleName: 'OrgStackSetExecution' }));
      const exec = `arn:aws:iam::${MEMBER}:role/OrgStackSetExecution`;
      expect(await decide(docs, { principal: exec, action: 'iam:UpdateAssumeRolePolicy', resource: auditRole })).toBe('Allowed');
      expect(await decide(docs, { action: 'iam:CreateRole', resource: `arn:aws:iam::${MEMBER}:role/x/OrgStackSetExecution` })).toBe('ExplicitlyDenied');
      expect(await decide(docs, { action: 'iam:PassRole', resource: exec })).toBe('ExplicitlyDenied');
    });

    test('protects a queue passed as a construct', async () => {
      const stack = new Stack(new App(), 'Member');
      const q = new sqs.Queue(stack, 'Queue', { queueName: 'cloudcoreo-events-queue' });
      const docs = scpsOf(Guardrail.protectAuditSetup({ queues: [q] }));
      expect(await decide(docs, { action: 'sqs:DeleteQueue', resource: queue })).toBe('ExplicitlyDenied');
    });
  });

  describe('denyLeaveOrganization (R-342)', () => {
    let scps: PolicyDoc[];
    beforeAll(() => {
      scps = scpsOf(Guardrail.denyLeaveOrganization());
    });

    test('denies a member account administrator leaving the organization', async () => {
      expect(await decide(scps, { principal: ADMIN, action: 'organizations:LeaveOrganization', resource: '*', resourceAccount: MEMBER }))
        .toBe('ExplicitlyDenied');
    });

    test('leaves other Organizations reads alone', async () => {
      expect(await decide(scps, { action: 'organizations:DescribeOrganization', resource: '*', resourceAccount: MEMBER })).toBe('Allowed');
    });

    test('exempts a listed break-glass principal', async () => {
      const docs = scpsOf(Guardrail.denyLeaveOrganization({ exemptPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'] }));
      const principal = `arn:aws:iam::${MEMBER}:role/BreakGlass`;
      expect(await decide(docs, { principal, action: 'organizations:LeaveOrganization', resource: '*', resourceAccount: MEMBER })).toBe('Allowed');
    });
  });

  describe('denyRegionsOutside (R-312, R-327)', () => {
    let scps: PolicyDoc[];
    const instance = (region: string) => `arn:aws:ec2:${region}:${MEMBER}:instance/i-0123456789abcdef0`;
    beforeAll(() => {
      scps = scpsOf(Guardrail.denyRegionsOutside({ allowedRegions: ['eu-west-1', 'eu-central-1'], exemptActions: ['pricingplanmanager:*'] }));
    });

    test('allows a request to an allowed region', async () => {
      expect(await decide(scps, { action: 'ec2:StartInstances', resource: instance('eu-west-1') })).toBe('Allowed');
    });

    test('denies a request to a region outside the list', async () => {
      expect(await decide(scps, { action: 'ec2:StartInstances', resource: instance('us-east-1') })).toBe('ExplicitlyDenied');
    });

    test('allows a global service in us-east-1 (IAM)', async () => {
      const role = `arn:aws:iam::${MEMBER}:role/AppRole`;
      expect(await decide(scps, { action: 'iam:CreateRole', resource: role, context: { 'aws:RequestedRegion': 'us-east-1' } })).toBe('Allowed');
    });

    test('allows an action the user exempted', async () => {
      expect(await decide(scps, { action: 'pricingplanmanager:ListSubscriptions', resource: '*', resourceAccount: MEMBER, context: { 'aws:RequestedRegion': 'us-east-1' } }))
        .toBe('Allowed');
    });

    test('allows calls AWS services make on the principal\'s behalf', async () => {
      expect(await decide(scps, { action: 'ec2:StartInstances', resource: instance('us-east-1'), context: { 'aws:ViaAWSService': 'true' } })).toBe('Allowed');
    });

    test('allows the onboarding machinery in any region', async () => {
      expect(await decide(scps, { principal: STACKSET_EXEC, action: 'ec2:StartInstances', resource: instance('us-east-1') })).toBe('Allowed');
    });

    test('denies the developer\'s own account too: the deny is on the region, not the owner', async () => {
      expect(await decide(scps, { principal: DEVELOPER, action: 'ec2:StartInstances', resource: instance('ap-south-1') })).toBe('ExplicitlyDenied');
    });
  });
});
