/**
 * Attacker 4 of issue 13, a careless configuration: every value that would
 * silently turn a guardrail into a no-op, or hand its exemption to a
 * member-account administrator, fails at synth with a message that names
 * the construct, the value and the fix. The cases are data: add one to
 * `CARELESS`.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as audit from '../../../src';

interface Careless {
  readonly description: string;
  readonly finding: number;
  /** Defines the careless configuration in `stack` (construction may already throw). */
  readonly define: (stack: Stack) => void;
  readonly error: RegExp;
}

const guardrailSet = (stack: Stack, guardrails: audit.Guardrail[]) =>
  new audit.OrgGuardrailScp(stack, 'Guardrails', { targetIds: ['ou-ab12-11111111'], guardrails });

const CARELESS: Careless[] = [
  {
    description: 'an admin with a wildcard account whose name nothing protects (the old README example)',
    finding: 1,
    define: (s) => guardrailSet(s, [audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'], adminPrincipalArns: ['arn:aws:iam::*:role/SecurityAdmin'] })]),
    error: /Org\/Guardrails.*exempts "arn:aws:iam::\*:role\/SecurityAdmin" in every account of the targets.*protectAuditSetup\(\{ roleNames: \["SecurityAdmin"\] \}\)/s,
  },
  {
    description: 'a break-glass exemption with a wildcard account, unprotected',
    finding: 1,
    define: (s) => guardrailSet(s, [
      audit.Guardrail.denyLeaveOrganization({ exemptPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'] }),
      audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] }),
    ]),
    error: /exempts "arn:aws:iam::\*:role\/BreakGlass" in every account/,
  },
  {
    description: 'the onboarding machinery exempt (the default) without the protection guardrail',
    finding: 2,
    define: (s) => guardrailSet(s, [audit.Guardrail.denyLeaveOrganization()]),
    error: /exempts the onboarding machinery \(stacksets-exec-\*, AWSCloudFormationStackSetExecutionRole.*add Guardrail\.protectAuditSetup\(\)/s,
  },
  {
    description: 'the vendor\'s audit role exempt by name, unprotected',
    finding: 1,
    define: (s) => guardrailSet(s, [audit.Guardrail.denyServices({ services: ['route53'], auditRoleNames: ['VendorAuditRole'], exemptOnboardingMachinery: false })]),
    error: /exempts "arn:\*:iam::\*:role\/VendorAuditRole" in every account/,
  },
  {
    description: 'the StackSet execution role trusted by cloudformation.amazonaws.com beside the protection guardrail',
    finding: 3,
    define: (s) => {
      const member = new Stack(s.node.root as App, 'Member');
      new audit.StackSetExecutionRole(member, 'Execution', {
        administratorAccountId: '123456789012',
        permissions: audit.StackSetExecutionPermissions.ADMINISTRATOR_ACCESS,
        cloudFormationServiceTrust: true,
      });
      guardrailSet(s, [audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] })]);
    },
    error: /role "AWSCloudFormationStackSetExecutionRole" .* is exempt from these guardrails and trusts cloudformation\.amazonaws\.com.*cloudFormationServiceTrust: false/s,
  },
  {
    description: 'the CDK bootstrap CloudFormation execution role as an admin',
    finding: 5,
    define: (s) => guardrailSet(s, [audit.Guardrail.protectAuditSetup({ adminPrincipalArns: ['arn:aws:iam::444455556666:role/cdk-hnb659fds-cfn-exec-role-444455556666-us-east-1'] })]),
    error: /adminPrincipalArns\[0\] .* the CDK bootstrap CloudFormation execution role: .*deploy the audit setup with StackSets/s,
  },
  {
    description: 'exemptResources ["*"]',
    finding: 7,
    define: (s) => guardrailSet(s, [audit.Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'], exemptResources: ['*'], exemptOnboardingMachinery: false })]),
    error: /exemptResources\[0\] is "\*", which exempts every resource and turns the guardrail into a no-op/,
  },
  {
    description: 'an exemption that matches every role of every account',
    finding: 7,
    define: (s) => guardrailSet(s, [audit.Guardrail.denyLeaveOrganization({ exemptPrincipalArns: ['arn:aws:iam::*:role/*'], exemptOnboardingMachinery: false })]),
    error: /exemptPrincipalArns\[0\] is "arn:aws:iam::\*:role\/\*", which matches every role of every account and turns the guardrail into a no-op/,
  },
  {
    description: 'an admin pattern that matches every role of every account',
    finding: 7,
    define: (s) => guardrailSet(s, [audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'], adminPrincipalArns: ['arn:*:iam::*:role/*'] })]),
    error: /adminPrincipalArns\[0\] is "arn:\*:iam::\*:role\/\*", which matches every role of every account/,
  },
  {
    description: 'an RCP trusted principal with a wildcard account',
    finding: 7,
    define: (s) => new audit.OrgResourceControlPolicy(s, 'Perimeter', {
      organizationId: 'o-a1b2c3d4e5',
      targetIds: ['ou-ab12-11111111'],
      trustedPrincipalArns: ['arn:aws:iam::*:role/VendorScanner'],
    }),
    error: /trustedPrincipalArns\[0\] is "arn:aws:iam::\*:role\/VendorScanner", whose account is a wildcard: any account outside the organization/,
  },
  {
    description: 'the /service-role/ exemption of the source-IP guardrail (a JavaScript caller)',
    finding: 11,
    define: (s) => guardrailSet(s, [audit.Guardrail.denyUnlessFromSourceIp({ allowedCidrs: ['203.0.113.0/24'], auditRoleNames: [], exemptServiceRoles: true } as never)]),
    error: /exemptServiceRoles is no longer supported: any administrator of a member account can create a role under \/service-role\//,
  },
];

describe('a careless configuration fails at synth', () => {
  test.each(CARELESS.map((c) => [`${c.description} (finding ${c.finding})`, c] as const))('%s', (_title, c) => {
    const app = new App();
    const stack = new Stack(app, 'Org');
    expect(() => {
      c.define(stack);
      Template.fromStack(stack);
    }).toThrow(c.error);
  });

  test('the same sets pass once the names are protected or tied to an account', () => {
    const app = new App();
    const stack = new Stack(app, 'Org');
    const member = new Stack(app, 'Member');
    new audit.StackSetExecutionRole(member, 'Execution', {
      administratorAccountId: '123456789012',
      permissions: audit.StackSetExecutionPermissions.ADMINISTRATOR_ACCESS,
    });
    guardrailSet(stack, [
      audit.Guardrail.denyLeaveOrganization({ exemptPrincipalArns: ['arn:aws:iam::*:role/BreakGlass', 'arn:aws:iam::444455556666:role/*'] }),
      audit.Guardrail.denyServices({ services: ['route53'], auditRoleNames: ['VendorAuditRole'] }),
      audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole', 'BreakGlass', 'SecurityAdmin'], adminPrincipalArns: ['arn:aws:iam::*:role/SecurityAdmin'] }),
    ]);
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
