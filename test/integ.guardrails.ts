import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { Guardrail, OrgGuardrailScp, OrgResourceControlPolicy } from '../src';

/**
 * The management account's guardrails: SCPs packed from every guardrail
 * kind, and a resource control policy, attached to one test OU.
 * Deploying it needs an organization with all features and both policy
 * types enabled; offline, the committed snapshot is what the integ run
 * compares.
 */
const app = new App();
const stack = new Stack(app, 'AuditBaselineGuardrails', { env: { account: '123456789012', region: 'us-east-1' } });

new OrgGuardrailScp(stack, 'Guardrails', {
  targetIds: ['ou-ab12-11111111'],
  policyName: 'integ-audit-baseline-guardrails',
  guardrails: [
    Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*', 'sqs:*'], trustedAccounts: ['111122223333'] }),
    Guardrail.denyResourcesOutsideOrgPaths({ actions: ['kms:*'], orgPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'] }),
    Guardrail.protectAuditSetup({
      roleNames: ['IntegAuditRole', 'SecurityAdmin'],
      topicNames: ['integ-cloudcoreo-events'],
      adminPrincipalArns: ['arn:aws:iam::*:role/SecurityAdmin'],
    }),
    Guardrail.denyLeaveOrganization(),
    Guardrail.denyRegionsOutside({ allowedRegions: ['us-east-1', 'eu-west-1'] }),
  ],
});

new OrgResourceControlPolicy(stack, 'ResourcePerimeter', {
  organizationId: 'o-a1b2c3d4e5',
  targetIds: ['ou-ab12-11111111'],
  trustedAccounts: ['111122223333'],
  policyName: 'integ-audit-baseline-resource-perimeter',
});

new IntegTest(app, 'Guardrails', { testCases: [stack] });
