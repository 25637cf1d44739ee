/**
 * `Guardrail.denyServices`: the "deny these services" guardrail of a
 * game day on a test OU. The rendered statement, simulated requests
 * (a listed service denied, another allowed), the exceptions (audit role,
 * onboarding machinery, exempted principals and accounts, calls via AWS
 * services only when asked), bad input, and cfn-lint of the SCP stack.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Guardrail, OrgGuardrailScp, ReadOnlyAuditRole } from '../../src';
import { PolicyDoc, cfnLint, expandAction, unknownActions } from '../harness';
import { ANY, CONTROL_TOWER, DEVELOPER, MEMBER, OTHER_MEMBER, STACKSET_EXEC, VENDOR, decide, scpsOf, ownStatements, withRequiredProtection } from './_helpers';

const ZONE = 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ';
const AUDIT_ROLE = `arn:aws:iam::${MEMBER}:role/VendorAuditRole`;
const APP_ROLE = `arn:aws:iam::${MEMBER}:role/AppRole`;

function add(guardrail: Guardrail): void {
  new OrgGuardrailScp(new Stack(new App(), 'Org'), 'Guardrails', { targetIds: [ANY.sports], guardrails: [guardrail] });
}

const changeRecords = (docs: PolicyDoc[], principal = DEVELOPER, context: Record<string, string> = {}) =>
  decide(docs, { principal, action: 'route53:ChangeResourceRecordSets', resource: ZONE, resourceAccount: MEMBER, context });

describe('Guardrail.denyServices (R-312)', () => {
  describe('statement', () => {
    test('denies <prefix>:* of each service on every resource, exempting the onboarding machinery and the audit role', () => {
      const [doc] = scpsOf(Guardrail.denyServices({ services: ['route53', 'iam'], auditRoleNames: ['VendorAuditRole'] }));
      expect(ownStatements(doc)).toHaveLength(1);
      const s = ownStatements(doc)[0];
      expect(s).toMatchObject({ Sid: 'DenyServices', Effect: 'Deny', Action: ['route53:*', 'iam:*'], Resource: '*' });
      expect(s.Condition.ArnNotLike['aws:PrincipalArn']).toEqual(expect.arrayContaining(['arn:*:iam::*:role/stacksets-exec-*', 'arn:*:iam::*:role/VendorAuditRole']));
      // No aws:ViaAWSService exception by default: a denied service stays denied through CloudFormation.
      expect(s.Condition.BoolIfExists).toBeUndefined();
    });

    test('the services of the docs and examples exist in AWS\'s service authorization data', () => {
      const docs = scpsOf(Guardrail.denyServices({ services: ['route53', 'iam', 'sts', 'ec2'], auditRoleNames: [] }));
      expect(unknownActions(docs)).toEqual([]);
      expect(expandAction('route53:*')).toContain('route53:ChangeResourceRecordSets');
    });

    test('describes itself in one line', () => {
      expect(Guardrail.denyServices({ services: ['route53', 'iam'], auditRoleNames: [] }).description).toBe('deny every action of route53, iam');
    });
  });

  describe('simulation', () => {
    let scps: PolicyDoc[];
    beforeAll(() => {
      scps = scpsOf(Guardrail.denyServices({
        services: ['route53', 'iam'],
        auditRoleNames: ['VendorAuditRole'],
        exemptPrincipalArns: [`arn:aws:iam::${OTHER_MEMBER}:role/*`],
      }));
    });

    test('denies an action of a listed service (the Route 53 outage of a game day)', async () => {
      expect(await changeRecords(scps)).toBe('ExplicitlyDenied');
    });

    test('denies the other listed service too (IAM reads)', async () => {
      expect(await decide(scps, { action: 'iam:ListRoles', resource: '*', resourceAccount: MEMBER })).toBe('ExplicitlyDenied');
    });

    test('allows an action of another service', async () => {
      expect(await decide(scps, { action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q3.csv', resourceAccount: MEMBER })).toBe('Allowed');
    });

    test('denies a listed service called through CloudFormation (aws:ViaAWSService true) by default', async () => {
      expect(await changeRecords(scps, DEVELOPER, { 'aws:ViaAWSService': 'true' })).toBe('ExplicitlyDenied');
    });

    test('allows the security vendor\'s audit role to keep reading IAM (R-335)', async () => {
      expect(await decide(scps, { principal: AUDIT_ROLE, action: 'iam:GetRole', resource: APP_ROLE })).toBe('Allowed');
    });

    test('allows the onboarding machinery (StackSets, Control Tower) to keep deploying roles', async () => {
      expect(await decide(scps, { principal: STACKSET_EXEC, action: 'iam:CreateRole', resource: APP_ROLE })).toBe('Allowed');
      expect(await decide(scps, { principal: CONTROL_TOWER, action: 'iam:CreateRole', resource: APP_ROLE })).toBe('Allowed');
    });

    test('allows the principals of an exempted account (exemptPrincipalArns with an account pattern)', async () => {
      expect(await changeRecords(scps, `arn:aws:iam::${OTHER_MEMBER}:role/Developer`)).toBe('Allowed');
    });
  });

  describe('options', () => {
    test('exemptCallsViaAwsServices: true lets service-made calls through', async () => {
      const docs = scpsOf(Guardrail.denyServices({ services: ['route53'], auditRoleNames: [], exemptCallsViaAwsServices: true }));
      expect(await changeRecords(docs, DEVELOPER, { 'aws:ViaAWSService': 'true' })).toBe('Allowed');
      expect(await changeRecords(docs)).toBe('ExplicitlyDenied');
    });

    test('auditRoleNames: [] exempts no audit role: the vendor\'s scanner cannot read IAM', async () => {
      const docs = scpsOf(Guardrail.denyServices({ services: ['iam'], auditRoleNames: [] }));
      expect(await decide(docs, { principal: AUDIT_ROLE, action: 'iam:GetRole', resource: APP_ROLE })).toBe('ExplicitlyDenied');
    });

    test('takes the audit role as a construct', async () => {
      const member = new Stack(new App(), 'Member');
      const auditRole = new ReadOnlyAuditRole(member, 'AuditRole', { trustedAccountId: VENDOR, externalId: 'my-tenant-1234', roleName: 'VendorAuditRole' });
      const docs = scpsOf(Guardrail.denyServices({ services: ['iam'], auditRoleNames: [], auditRoles: [auditRole.role] }));
      expect(await decide(docs, { principal: AUDIT_ROLE, action: 'iam:GetRole', resource: APP_ROLE })).toBe('Allowed');
    });

    test('exemptOnboardingMachinery: false denies the StackSet execution role', async () => {
      const docs = scpsOf(Guardrail.denyServices({ services: ['iam'], auditRoleNames: [], exemptOnboardingMachinery: false }));
      expect(await decide(docs, { principal: STACKSET_EXEC, action: 'iam:CreateRole', resource: APP_ROLE })).toBe('ExplicitlyDenied');
    });

    test('two instances with the same exceptions merge into one statement with both services', () => {
      const [doc] = scpsOf(
        Guardrail.denyServices({ services: ['route53'], auditRoleNames: [] }),
        Guardrail.denyServices({ sid: 'DenyIam', services: ['iam'], auditRoleNames: [] }),
      );
      expect(ownStatements(doc)).toHaveLength(1);
      expect(ownStatements(doc)[0]).toMatchObject({ Sid: 'DenyServicesDenyIam', Action: ['iam:*', 'route53:*'] });
    });
  });

  describe('bad input', () => {
    test('fails on "*", naming the factory, the prop and the fix', () => {
      expect(() => add(Guardrail.denyServices({ services: ['*'], auditRoleNames: [] })))
        .toThrow(/^Org\/Guardrails: guardrails\[0\] Guardrail\.denyServices: services\[0\] must be an IAM service prefix .*got "\*": it is every service: name the services to deny$/);
    });

    test('fails on an action pattern instead of a prefix, suggesting the prefix', () => {
      expect(() => add(Guardrail.denyServices({ services: ['route53:*'], auditRoleNames: [] }))).toThrow(/give only the service prefix, "route53"/);
    });

    test('fails on an empty services list', () => {
      expect(() => add(Guardrail.denyServices({ services: [], auditRoleNames: [] }))).toThrow(/services must not be empty/);
    });

    test('fails on a list token, which cannot be turned into actions', () => {
      const stack = new Stack(new App(), 'Org');
      const services = new CfnParameter(stack, 'Services', { type: 'CommaDelimitedList' }).valueAsList;
      expect(() => new OrgGuardrailScp(stack, 'G', { targetIds: [ANY.sports], guardrails: [Guardrail.denyServices({ services, auditRoleNames: [] })] }))
        .toThrow(/services is an unresolved list token: list the service prefixes literally/);
    });

    test('fails when auditRoleNames is left out (a JavaScript caller)', () => {
      const options = { services: ['iam'] } as unknown as Parameters<typeof Guardrail.denyServices>[0];
      expect(() => add(Guardrail.denyServices(options))).toThrow(/auditRoleNames is required/);
    });

    test('fails on an audit role without a fixed name', () => {
      const role = new iam.Role(new Stack(new App(), 'Member'), 'Role', { assumedBy: new iam.AccountPrincipal(VENDOR) });
      expect(() => add(Guardrail.denyServices({ services: ['iam'], auditRoleNames: [], auditRoles: [role] })))
        .toThrow(/auditRoles\[0\] \(Member\/Role\) has no fixed name/);
    });
  });

  test('an SCP stack with it passes cfn-lint', () => {
    const app = new App();
    const stack = new Stack(app, 'Org', { env: { account: '111111111111', region: 'us-east-1' } });
    new OrgGuardrailScp(stack, 'GameDay', {
      targetIds: [ANY.sports],
      guardrails: withRequiredProtection([Guardrail.denyServices({ services: ['route53', 'iam'], auditRoleNames: ['VendorAuditRole'] }), Guardrail.denyLeaveOrganization()]),
    });
    expect(cfnLint([app.synth().getStackArtifact(stack.artifactId).templateFullPath])).toEqual([]);
  });
});
