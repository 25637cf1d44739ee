import { App, Stack } from 'aws-cdk-lib';
import { AuditPermissions, ReadOnlyAuditRole } from '../src';
import { acknowledgeFinding, SECURITY_AUDIT_IAM4 } from './nag';
import type { ExampleApp } from './registry';

/** The security vendor's AWS account (fake). */
const VENDOR_ACCOUNT = '111122223333';
/** The customer's tenant ID in the vendor's product, which the vendor presents as external ID (fake). */
const EXTERNAL_ID = 'my-tenant-1234';
/** The monitored account (fake). */
const MONITORED_ACCOUNT = '444455556666';

/**
 * The read-only role of the VMware Aria Automation for Secure Clouds guide:
 * SecurityAudit, trusted by the vendor's account with the external ID,
 * narrowed to the vendor's scanner role, plus the Budgets and Cost Explorer
 * inline policies the guide offers, with the role ARN and external ID as
 * hand-off outputs for the vendor console.
 */
export const example: ExampleApp = {
  name: 'access-audit-role',
  description: 'VMware Aria read-only audit role: SecurityAudit, vendor trust with external ID, Budgets and Cost Explorer read',
  define(app: App): Stack[] {
    const stack = new Stack(app, 'AccessAuditRole', {
      env: { account: MONITORED_ACCOUNT, region: 'us-east-1' },
      description: 'Read-only audit role for a security vendor',
    });
    const auditRole = new ReadOnlyAuditRole(stack, 'AuditRole', {
      trustedAccountId: VENDOR_ACCOUNT,
      externalId: EXTERNAL_ID,
      trustedPrincipalArns: [stack.formatArn({ service: 'iam', region: '', account: VENDOR_ACCOUNT, resource: 'role', resourceName: 'VendorScanner' })],
      roleName: 'SecurityVendorAuditRole',
      permissions: [AuditPermissions.BUDGETS_READ, AuditPermissions.COST_EXPLORER_READ],
      handOffOutputs: true,
    });
    acknowledgeFinding(auditRole.role, SECURITY_AUDIT_IAM4,
      'The AWS managed SecurityAudit policy is what the vendor guide requires: AWS maintains it as new services appear');
    acknowledgeFinding(auditRole.role, 'AwsSolutions-IAM5[Resource::*]',
      'Budgets and Cost Explorer reads are account-level (several are wildcard-only); every action is List or Read, proven in the test suite');
    return [stack];
  },
};
