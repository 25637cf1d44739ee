/**
 * `Guardrail.denyUnlessFromSourceIp`: the rendered statement,
 * simulated requests from inside and outside the allowed networks and through
 * VPC endpoints, the exceptions (R-332, the vendor's audit role,
 * onboarding machinery, exempted principals and accounts), bad input,
 * packing with the other guardrails, and cfn-lint of the SCP stack.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsLimits, Guardrail, OrgGuardrailScp, ReadOnlyAuditRole } from '../../src';
import { PolicyDoc, cfnLint, organizationPolicies, organizationPolicyResources, resolveTemplate, simulate, unknownActions } from '../harness';
import { ANY, DEVELOPER, MEMBER, OTHER_MEMBER, STACKSET_EXEC, VENDOR, decide, scpsOf, synthScp, ownStatements, withRequiredProtection } from './_helpers';

const OFFICE = '203.0.113.0/24';
const OFFICE_V6 = '2001:db8:1234::/48';
const VPC = 'vpc-0a1b2c3d4e5f67890';
const OBJECT = 'arn:aws:s3:::reports/2026/q3.csv';
const AUDIT_ROLE = `arn:aws:iam::${MEMBER}:role/VendorAuditRole`;
const fromOffice = { 'aws:SourceIp': '203.0.113.10' };
const fromElsewhere = { 'aws:SourceIp': '198.51.100.9' };

/** Adds the guardrail to a fresh OrgGuardrailScp, where bad options are reported. */
function add(guardrail: Guardrail): void {
  new OrgGuardrailScp(new Stack(new App(), 'Org'), 'Guardrails', { targetIds: [ANY.root], guardrails: [guardrail] });
}

/** An S3 read in a member account, with the given request context. */
function read(docs: PolicyDoc[], context: Record<string, string>, principal = DEVELOPER) {
  return decide(docs, { principal, action: 's3:GetObject', resource: OBJECT, resourceAccount: MEMBER, context });
}

describe('Guardrail.denyUnlessFromSourceIp (R-335)', () => {
  describe('statement', () => {
    test('denies every action with NotIpAddress on aws:SourceIp and the post\'s exceptions, as deployed (A-69)', () => {
      const [doc] = scpsOf(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE, OFFICE_V6], auditRoleNames: ['VendorAuditRole'] }));
      expect(ownStatements(doc)).toHaveLength(1);
      const s = ownStatements(doc)[0];
      expect(s).toMatchObject({ Sid: 'DenyUnlessFromSourceIp', Effect: 'Deny', Action: '*', Resource: '*' });
      expect(s.Condition.NotIpAddress).toEqual({ 'aws:SourceIp': [OFFICE, OFFICE_V6] });
      expect(s.Condition.BoolIfExists).toEqual({ 'aws:ViaAWSService': 'false' });
      expect(s.Condition.ArnNotLike['aws:PrincipalArn']).toEqual(expect.arrayContaining([
        'arn:*:iam::*:role/VendorAuditRole', 'arn:*:iam::*:role/stacksets-exec-*',
      ]));
      expect(s.Condition.StringNotEqualsIfExists).toBeUndefined();
      expect(unknownActions(doc)).toEqual([]);
    });

    test('describes itself in one line', () => {
      expect(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], allowedVpcIds: [VPC], auditRoleNames: [] }).description)
        .toBe(`deny requests from outside ${OFFICE} and VPCs ${VPC}`);
    });

    test('renders as an identity-policy statement too (R-305)', () => {
      const stack = new Stack(new App(), 'Member');
      const [statement] = Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: [] }).toPolicyStatements(stack);
      expect(statement.effect).toBe(iam.Effect.DENY);
      expect(statement.toStatementJson().Condition.NotIpAddress).toEqual({ 'aws:SourceIp': OFFICE });
    });
  });

  describe('simulation', () => {
    let scps: PolicyDoc[];
    beforeAll(() => {
      scps = scpsOf(Guardrail.denyUnlessFromSourceIp({
        allowedCidrs: [OFFICE, OFFICE_V6],
        allowedVpcIds: [VPC],
        auditRoleNames: ['VendorAuditRole'],
        exemptPrincipalArns: [`arn:aws:iam::${OTHER_MEMBER}:role/*`],
      }));
    });

    test('allows a request from an allowed IPv4 network', async () => {
      expect(await read(scps, fromOffice)).toBe('Allowed');
    });

    test('allows a request from an allowed IPv6 network', async () => {
      expect(await read(scps, { 'aws:SourceIp': '2001:db8:1234:ab::7' })).toBe('Allowed');
    });

    test('denies a request from another address', async () => {
      expect(await read(scps, fromElsewhere)).toBe('ExplicitlyDenied');
    });

    test('denies a request from an IPv6 address outside the block', async () => {
      expect(await read(scps, { 'aws:SourceIp': '2001:db8:1235::7' })).toBe('ExplicitlyDenied');
    });

    test('denies any action from outside, IAM included (Action "*")', async () => {
      const role = `arn:aws:iam::${MEMBER}:role/AppRole`;
      expect(await decide(scps, { action: 'iam:CreateRole', resource: role, context: fromElsewhere })).toBe('ExplicitlyDenied');
    });

    test('allows a request through a VPC endpoint of an allowed VPC (no aws:SourceIp)', async () => {
      expect(await read(scps, { 'aws:SourceVpc': VPC, 'aws:VpcSourceIp': '10.0.1.25' })).toBe('Allowed');
    });

    test('denies a request through a VPC endpoint of another VPC', async () => {
      expect(await read(scps, { 'aws:SourceVpc': 'vpc-0fedcba9876543210', 'aws:VpcSourceIp': '10.0.1.25' })).toBe('ExplicitlyDenied');
    });

    test('still denies an outside address over the internet when VPCs are allowed (no aws:SourceVpc: IfExists is true)', async () => {
      expect(await read(scps, { ...fromElsewhere, 'aws:ViaAWSService': 'false' })).toBe('ExplicitlyDenied');
    });

    test('allows calls an AWS service makes on the principal\'s behalf from its own address (R-332)', async () => {
      expect(await read(scps, { ...fromElsewhere, 'aws:ViaAWSService': 'true' })).toBe('Allowed');
    });

    test('denies a role under /service-role/, a path any member administrator can create (issue 13, finding 11)', async () => {
      expect(await read(scps, fromElsewhere, `arn:aws:iam::${MEMBER}:role/service-role/report-lambda-role-x1y2`)).toBe('ExplicitlyDenied');
    });

    test('allows the security vendor\'s audit role scanning from the vendor\'s network (R-335)', async () => {
      expect(await read(scps, fromElsewhere, AUDIT_ROLE)).toBe('Allowed');
      const iamRead = await decide(scps, { principal: AUDIT_ROLE, action: 'iam:ListRoles', resource: '*', resourceAccount: MEMBER, context: fromElsewhere });
      expect(iamRead).toBe('Allowed');
    });

    test('allows the StackSet execution role deploying from AWS\'s addresses (onboarding machinery)', async () => {
      expect(await read(scps, fromElsewhere, STACKSET_EXEC)).toBe('Allowed');
    });

    test('allows the principals of an exempted account (exemptPrincipalArns with an account pattern)', async () => {
      expect(await read(scps, fromElsewhere, `arn:aws:iam::${OTHER_MEMBER}:role/Developer`)).toBe('Allowed');
    });

    test('grants nothing: from the office, what the identity policy does not allow stays denied', async () => {
      const result = await simulate({
        principal: DEVELOPER,
        action: 's3:GetObject',
        resource: OBJECT,
        resourceAccount: MEMBER,
        identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] }],
        scps,
        context: fromOffice,
      });
      expect(result.result).toBe('ImplicitlyDenied');
    });
  });

  describe('options', () => {
    test('without allowedVpcIds, denies a request through a VPC endpoint (aws:SourceIp absent)', async () => {
      const docs = scpsOf(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: [] }));
      expect(await read(docs, { 'aws:SourceVpc': VPC, 'aws:VpcSourceIp': '10.0.1.25' })).toBe('ExplicitlyDenied');
    });

    test('exemptCallsViaAwsServices: false denies service-made calls from outside too', async () => {
      const docs = scpsOf(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: [], exemptCallsViaAwsServices: false }));
      expect(await read(docs, { ...fromElsewhere, 'aws:ViaAWSService': 'true' })).toBe('ExplicitlyDenied');
    });

    test('exemptServiceRoles, which only a JavaScript caller can still pass, is refused (issue 13, finding 11)', () => {
      const g = Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: [], exemptServiceRoles: true } as never);
      expect(g._problems().join('\n')).toMatch(/exemptServiceRoles is no longer supported: any administrator of a member account can create a role under \/service-role\//);
    });

    test('auditRoleNames: [] exempts no audit role: the vendor\'s scanner is denied from its network', async () => {
      const docs = scpsOf(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: [] }));
      expect(await read(docs, fromElsewhere, AUDIT_ROLE)).toBe('ExplicitlyDenied');
    });

    test('exemptOnboardingMachinery: false denies the StackSet execution role from outside', async () => {
      const docs = scpsOf(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: [], exemptOnboardingMachinery: false }));
      expect(await read(docs, fromElsewhere, STACKSET_EXEC)).toBe('ExplicitlyDenied');
    });

    test('takes the audit role as a construct, with its path', async () => {
      const member = new Stack(new App(), 'Member');
      const auditRole = new ReadOnlyAuditRole(member, 'AuditRole', { trustedAccountId: VENDOR, externalId: 'my-tenant-1234', roleName: 'VendorAuditRole', path: '/security/' });
      const docs = scpsOf(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: [], auditRoles: [auditRole.role] }));
      expect((docs[0].Statement[0] as any).Condition.ArnNotLike['aws:PrincipalArn']).toContain('arn:*:iam::*:role/security/VendorAuditRole');
      expect(await read(docs, fromElsewhere, `arn:aws:iam::${MEMBER}:role/security/VendorAuditRole`)).toBe('Allowed');
      expect(await read(docs, fromElsewhere, AUDIT_ROLE)).toBe('ExplicitlyDenied');
    });
  });

  describe('bad input', () => {
    test('fails on a CIDR with host bits set, naming the factory, the prop and the fix', () => {
      expect(() => add(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: ['203.0.113.7/24'], auditRoleNames: [] })))
        .toThrow(/^Org\/Guardrails: guardrails\[0\] Guardrail\.denyUnlessFromSourceIp: allowedCidrs\[0\] must be an IPv4 or IPv6 CIDR block .*got "203\.0\.113\.7\/24": it has host bits set; did you mean "203\.0\.113\.0\/24"\?$/);
    });

    test('fails on 0.0.0.0/0, which would deny nothing', () => {
      expect(() => add(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: ['0.0.0.0/0'], auditRoleNames: [] }))).toThrow(/it allows every address/);
    });

    test('fails on an empty allowedCidrs', () => {
      expect(() => add(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [], auditRoleNames: [] }))).toThrow(/allowedCidrs must not be empty/);
    });

    test('fails when auditRoleNames is left out (a JavaScript caller), saying to pass [] when no vendor scans', () => {
      const options = { allowedCidrs: [OFFICE] } as unknown as Parameters<typeof Guardrail.denyUnlessFromSourceIp>[0];
      expect(() => add(Guardrail.denyUnlessFromSourceIp(options))).toThrow(/auditRoleNames is required: name the security vendor's audit roles, .*or pass \[\] when no vendor scans the target accounts/);
    });

    test('fails on a bad audit role name and a role without a fixed name', () => {
      const member = new Stack(new App(), 'Member');
      const role = new iam.Role(member, 'Role', { assumedBy: new iam.AccountPrincipal(VENDOR) });
      const attempt = () => add(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: ['Vendor Audit'], auditRoles: [role] }));
      expect(attempt).toThrow(/auditRoleNames\[0\] must be an IAM role name .*got "Vendor Audit"/);
      expect(attempt).toThrow(/auditRoles\[0\] \(Member\/Role\) has no fixed name: give the role a roleName/);
    });

    test('fails on an audit role named twice', () => {
      expect(() => add(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], auditRoleNames: ['VendorAuditRole', 'VendorAuditRole'] })))
        .toThrow(/auditRoleNames\/auditRoles lists "VendorAuditRole" more than once/);
    });

    test('fails on a malformed VPC ID', () => {
      expect(() => add(Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE], allowedVpcIds: ['vpc-123'], auditRoleNames: [] })))
        .toThrow(/allowedVpcIds\[0\] must be a VPC ID/);
    });
  });

  describe('in an OrgGuardrailScp', () => {
    const all = () => [
      Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*', 'sqs:*'], trustedAccounts: [VENDOR] }),
      Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole', 'SecurityAdmin'], adminPrincipalArns: ['arn:aws:iam::*:role/SecurityAdmin'] }),
      Guardrail.denyLeaveOrganization(),
      Guardrail.denyRegionsOutside({ allowedRegions: ['us-east-1', 'eu-west-1'] }),
      Guardrail.denyServices({ services: ['route53'], auditRoleNames: ['VendorAuditRole'] }),
      Guardrail.denyUnlessFromSourceIp({ allowedCidrs: [OFFICE, OFFICE_V6], allowedVpcIds: [VPC], auditRoleNames: ['VendorAuditRole'] }),
    ];

    test('packs with every other guardrail into one policy under the default size limit', () => {
      const policies = organizationPolicyResources(synthScp({ guardrails: all() }), 'SERVICE_CONTROL_POLICY');
      expect(policies).toHaveLength(1);
      const sids = (policies[0].document.Statement as any[]).map((s) => s.Sid);
      expect(sids).toEqual(expect.arrayContaining(['DenyServices', 'DenyUnlessFromSourceIp']));
      expect(JSON.stringify(policies[0].document).length).toBeLessThanOrEqual(AwsLimits.DEFAULT.scpDocumentCharacters);
    });

    test('splits into several policies under a smaller limit, each within it', () => {
      const limit = 3_000;
      const stack = new Stack(new App(), 'Org');
      new OrgGuardrailScp(stack, 'Guardrails', { targetIds: [ANY.root], guardrails: withRequiredProtection(all()), limits: AwsLimits.of({ scpDocumentCharacters: limit }) });
      const docs = organizationPolicies(resolveTemplate(Template.fromStack(stack).toJSON()), 'SERVICE_CONTROL_POLICY');
      expect(docs.length).toBeGreaterThan(1);
      for (const doc of docs) expect(JSON.stringify(doc).length).toBeLessThanOrEqual(limit);
    });

    test('fails at synth, with the figures, when the CIDR list alone is too large for an SCP', () => {
      const cidrs = Array.from({ length: 700 }, (_, i) => `198.51.${Math.floor(i / 256)}.${i % 256}/32`);
      const stack = new Stack(new App(), 'Org');
      new OrgGuardrailScp(stack, 'Guardrails', { targetIds: [ANY.root], guardrails: withRequiredProtection([Guardrail.denyUnlessFromSourceIp({ allowedCidrs: cidrs, auditRoleNames: [] })]) });
      expect(() => Template.fromStack(stack)).toThrow(/statement "DenyUnlessFromSourceIp" alone needs [\d,]+ characters as a document, the SCP limit is 10,240: split it/);
    });

    test('passes cfn-lint', () => {
      const app = new App();
      const stack = new Stack(app, 'Org', { env: { account: '111111111111', region: 'us-east-1' } });
      new OrgGuardrailScp(stack, 'Guardrails', { targetIds: [ANY.root], guardrails: withRequiredProtection(all()) });
      expect(cfnLint([app.synth().getStackArtifact(stack.artifactId).templateFullPath])).toEqual([]);
    });
  });
});
