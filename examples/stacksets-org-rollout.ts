import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { EventStreamRule, OrgStackSetRollout, ReadOnlyAuditRole, RegionalDeployment, StackSetTemplate } from '../src';
import { acknowledgeFinding, SECURITY_AUDIT_IAM4 } from './nag';
import type { ExampleApp } from './registry';

/** The organization's management account, where the service-managed StackSets live (fake). */
const MANAGEMENT_ACCOUNT = '123456789012';
/** The organization root: every member account, now and later (fake). */
const ROOT_ID = 'r-ab12';
/** The security vendor's account and the external ID its console shows (fake). */
const VENDOR_ACCOUNT = '999988887777';
const EXTERNAL_ID = 'o-a1b2c3d4e5-tenant';
/** The central queue of the security account that every event stream feeds (see the event-stream-vmware example; fake). */
const SECURITY_ACCOUNT = '111122223333';
const QUEUE_REGION = 'us-west-2';
const QUEUE_NAME = 'cloudcoreo-events-queue';
/** The regions the event stream covers; us-east-1 carries the global services' events. */
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
/** The audit role's fixed name, the same in every account. */
const ROLE_NAME = 'VendorSecurityAudit';

/** A ReadOnlyAuditRole for the vendor, identical in the StackSet and in the management account. */
function auditRole(scope: Stack): void {
  const role = new ReadOnlyAuditRole(scope, 'AuditRole', { trustedAccountId: VENDOR_ACCOUNT, externalId: EXTERNAL_ID, roleName: ROLE_NAME });
  acknowledgeFinding(role.role, SECURITY_AUDIT_IAM4,
    'The AWS managed SecurityAudit policy is what the vendor guide requires: AWS maintains it as new services appear');
}

/**
 * Onboards a whole organization (the VMware Aria guide's bulk flow,
 * without `OrganizationAccountAccessRole`) with two service-managed StackSets
 * defined in the management account:
 *
 * - `vendor-audit-role`: the read-only audit role, global, so one region
 *   (us-east-1) in every member account;
 * - `vendor-event-stream`: the event stream rule and topic, regional, so
 *   every region of `REGIONS` in every member account.
 *
 * Both deploy automatically to accounts that join later. Service-managed
 * StackSets never deploy to the management account, so it gets the same
 * constructs from plain stacks: the role in one stack, the event stream in
 * one stack per region.
 */
export const example: ExampleApp = {
  name: 'stacksets-org-rollout',
  description: 'Whole-organization onboarding: audit role in a global StackSet, event stream in a regional one, management account by plain stacks',
  define(app: App): Stack[] {
    // The queue's region is known, so is its partition: a literal ARN in every template.
    const queueArn = (scope: Stack) => scope.formatArn({
      partition: RegionInfo.get(QUEUE_REGION).partition,
      service: 'sqs',
      region: QUEUE_REGION,
      account: SECURITY_ACCOUNT,
      resource: QUEUE_NAME,
    });

    const onboarding = new Stack(app, 'OrgOnboarding', {
      env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' },
      description: 'Service-managed StackSets that onboard every member account of the organization',
    });

    // The StackSets' contents: env-agnostic, bootstrapless stacks in a Stage
    // of their own, so `cdk deploy` never deploys them as plain stacks.
    const templates = new Stage(onboarding, 'MemberTemplates');
    const roleTemplate = new Stack(templates, 'AuditRole', {
      synthesizer: new BootstraplessSynthesizer(),
      description: 'Read-only audit role for the security vendor',
    });
    auditRole(roleTemplate);

    const streamTemplate = new Stack(templates, 'EventStream', {
      synthesizer: new BootstraplessSynthesizer(),
      description: 'Event stream: CloudTrail API events to the central queue',
    });
    new EventStreamRule(streamTemplate, 'EventStream', { queueArn: queueArn(streamTemplate) });

    new OrgStackSetRollout(onboarding, 'AuditRoleRollout', {
      template: StackSetTemplate.fromStack(roleTemplate),
      stackSetName: 'vendor-audit-role',
      description: 'Read-only audit role for the security vendor, in every member account',
      organizationalUnitIds: [ROOT_ID],
      regions: ['us-east-1'],
    });
    new OrgStackSetRollout(onboarding, 'EventStreamRollout', {
      template: StackSetTemplate.fromStack(streamTemplate),
      stackSetName: 'vendor-event-stream',
      description: 'Event stream to the central queue, in every member account and region',
      organizationalUnitIds: [ROOT_ID],
      regions: REGIONS,
    });

    // The management account: the same constructs, as plain stacks.
    const managementRole = new Stack(app, 'ManagementAuditRole', {
      env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' },
      description: 'Read-only audit role in the management account (service-managed StackSets never deploy there)',
    });
    auditRole(managementRole);

    const managementStream = new RegionalDeployment(app, 'ManagementEventStream', { regions: REGIONS, account: MANAGEMENT_ACCOUNT });
    for (const stack of managementStream.stacks) {
      new EventStreamRule(stack, 'EventStream', { queueArn: queueArn(stack) });
    }

    return [onboarding, managementRole, ...managementStream.stacks];
  },
};
