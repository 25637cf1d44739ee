import { App, Stack, Validations } from 'aws-cdk-lib';
import { AriaSecureCloudsOnboarding } from '../src';
import { acknowledgeFinding, SECURITY_AUDIT_IAM4 } from './nag';
import type { ExampleApp } from './registry';

/** The vendor's AWS account (fake: the guide does not print it). */
const VENDOR_ACCOUNT = '111122223333';
/** Your organization ID in VMware Aria Automation for Secure Clouds, the external ID (fake). */
const EXTERNAL_ID = 'my-tenant-1234';
/** The organization's management account and root (fake). */
const MANAGEMENT_ACCOUNT = '123456789012';
const ROOT_ID = 'r-ab12';
const ORGANIZATION_ID = 'o-a1b2c3d4e5';
/** A member account the vendor console shows its own external ID for (fake). */
const MEMBER_ACCOUNT = '444455556666';
/** An account whose events go to a central account, and that central account (fake). */
const FORWARDING_ACCOUNT = '210987654321';
const CENTRAL_ACCOUNT = '999988887777';
/** A GovCloud account (fake). */
const GOVCLOUD_ACCOUNT = '555566667777';

/**
 * The VMware Aria Automation for Secure Clouds guide with one construct per
 * flow: the organization flow (role in the management account and, through StackSets, in every member account now
 * and later; the event stream in three regions to the vendor's
 * `cloudcoreo-events-queue`; one trail; one member account with its own
 * external ID), the central-account flow (one account forwards its events to
 * a central account, which alone runs the stream), and the
 * GovCloud flow (access-key user, no event stream).
 */
export const example: ExampleApp = {
  name: 'presets-aria-secure-clouds',
  description: 'VMware Aria Automation for Secure Clouds preset: organization onboarding with event stream, and the GovCloud user',
  define(app: App): Stack[] {
    const org = new AriaSecureCloudsOnboarding(app, 'AriaSecureClouds', {
      vendorAccountId: VENDOR_ACCOUNT,
      externalId: EXTERNAL_ID,
      account: MANAGEMENT_ACCOUNT,
      budgets: true,
      costExplorer: true,
      eventStreamRegions: ['us-east-1', 'us-west-2', 'eu-west-1'],
      eventQueueAccountId: VENDOR_ACCOUNT,
      organizationalUnitIds: [ROOT_ID],
      // An organization trail, so that member accounts' rules see their API calls.
      organizationId: ORGANIZATION_ID,
      // One member onboarded with its own external ID, as the guide's bulk script allows; every
      // other account, and every account that joins later, uses EXTERNAL_ID.
      accountExternalIds: { [MEMBER_ACCOUNT]: 'my-tenant-1234-member' },
    });
    for (const role of [org.role!, org.memberRole!]) {
      acknowledgeFinding(role.role.node.defaultChild!, SECURITY_AUDIT_IAM4,
        'The guide attaches the AWS managed SecurityAudit policy to the vendor role; AWS keeps it current as services appear');
      acknowledgeFinding(role.role.node.defaultChild!, 'AwsSolutions-IAM5[Resource::*]',
        'Budgets and Cost Explorer read actions apply to every budget and cost report of the account: the vendor monitors all of them');
    }

    const central = new AriaSecureCloudsOnboarding(app, 'AriaSecureCloudsCentral', {
      vendorAccountId: VENDOR_ACCOUNT,
      externalId: EXTERNAL_ID,
      account: FORWARDING_ACCOUNT,
      eventStreamRegions: ['us-east-1', 'eu-west-1'],
      eventQueueAccountId: VENDOR_ACCOUNT,
      centralEventAccountId: CENTRAL_ACCOUNT,
    });
    acknowledgeFinding(central.role!.role.node.defaultChild!, SECURITY_AUDIT_IAM4,
      'The guide attaches the AWS managed SecurityAudit policy to the vendor role; AWS keeps it current as services appear');

    const gov = new AriaSecureCloudsOnboarding(app, 'AriaSecureCloudsGovCloud', {
      account: GOVCLOUD_ACCOUNT,
      homeRegion: 'us-gov-west-1',
      accessKeySerial: 1,
    });
    acknowledgeFinding(gov.govCloudUser!.user.node.defaultChild!, SECURITY_AUDIT_IAM4,
      'The GovCloud guide attaches the AWS managed SecurityAudit policy to SecureStateUser; AWS keeps it current');
    Validations.of(gov.govCloudUser!.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Secrets Manager cannot rotate an IAM access key without a rotation function; rotate by bumping accessKeySerial and pasting the new key into the vendor console',
    });
    return [...org.stacks, ...central.stacks, ...gov.stacks];
  },
};
