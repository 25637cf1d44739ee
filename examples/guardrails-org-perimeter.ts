import { App, Stack } from 'aws-cdk-lib';
import { Guardrail, OrgGuardrailScp, OrgResourceControlPolicy } from '../src';
import type { ExampleApp } from './registry';

/** The organization (fake). */
const ORGANIZATION_ID = 'o-a1b2c3d4e5';
/** Its management account, where organization policies are managed (fake). */
const MANAGEMENT_ACCOUNT = '123456789012';
/** The security vendor's account, whose role assumes the audit role (fake). */
const VENDOR_ACCOUNT = '111122223333';
/**
 * A test OU to attach to first (AWS advises testing SCPs away from the root),
 * then the workloads OU that AWS Control Tower governs (fake).
 */
const TEST_OU = 'ou-ab12-11111111';
const WORKLOADS_OU = 'ou-ab12-22222222';

/**
 * A data perimeter that protects the audit setup, defined in the management
 * account: one SCP set (resource perimeter, audit setup protection, no
 * leaving the organization, a region allow list) and one RCP (outsiders
 * kept away from the organization's S3, STS, KMS, SQS and Secrets Manager
 * resources, the vendor excepted).
 */
export const example: ExampleApp = {
  name: 'guardrails-org-perimeter',
  description: 'SCP guardrails and an RCP: data perimeter, audit setup protected, no leaving, region allow list',
  define(app: App): Stack[] {
    const stack = new Stack(app, 'OrgGuardrails', {
      env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' },
      description: 'Organization guardrails that keep the security vendor onboarding intact',
    });

    new OrgGuardrailScp(stack, 'Guardrails', {
      targetIds: [TEST_OU, WORKLOADS_OU],
      // Control Tower attaches 3 SCPs to the OUs it governs, besides FullAWSAccess.
      slotsAlreadyTakenByTarget: { [WORKLOADS_OU]: 4 },
      policyName: 'audit-baseline-guardrails',
      guardrails: [
        Guardrail.denyResourcesOutsideOrganization({
          actions: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*'],
          trustedAccounts: [VENDOR_ACCOUNT],
        }),
        Guardrail.protectAuditSetup({
          // SecurityAdmin is the security team's role, deployed by the StackSet in every
          // account and trusting only the security account: its name is protected like the
          // audit role's, so no member-account administrator can create or take it over.
          roleNames: ['VendorAuditRole', 'SecurityAdmin'],
          ruleNames: ['cloudcoreo-events'],
          topicNames: ['cloudcoreo-events'],
          trailNames: ['audit-trail'],
          adminPrincipalArns: ['arn:aws:iam::*:role/SecurityAdmin'],
        }),
        Guardrail.denyLeaveOrganization(),
        Guardrail.denyRegionsOutside({
          allowedRegions: ['us-east-1', 'us-west-2', 'eu-west-1'],
          // the vendor scans every region it is allowed to read
          exemptPrincipalArns: ['arn:aws:iam::*:role/VendorAuditRole'],
        }),
      ],
    });

    new OrgResourceControlPolicy(stack, 'ResourcePerimeter', {
      organizationId: ORGANIZATION_ID,
      targetIds: [TEST_OU],
      trustedAccounts: [VENDOR_ACCOUNT],
      policyName: 'audit-baseline-resource-perimeter',
    });

    return [stack];
  },
};
