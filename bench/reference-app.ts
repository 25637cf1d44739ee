import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import { ORG, guardrails } from './org';
import {
  AriaSecureCloudsOnboarding,
  CentralEventQueue,
  EventStreamRule,
  OrgGuardrailScp,
  OrgStackSetRollout,
  ReadOnlyAuditRole,
  StackSetTemplate,
} from '../src';

/** What a benchmark app is built for; the dimensions the scaling runs vary. */
export interface BenchOptions {
  /** Regions of the event stream (member StackSet and management account). */
  readonly regions: string[];
  /** Number of guardrails in the SCP set. */
  readonly guardrailCount: number;
  /**
   * Accounts the StackSets deploy to, as an account filter on the workloads
   * OU; `undefined` or empty targets the organization root.
   */
  readonly stackSetAccounts?: string[];
  /** Accounts admitted by ID to the central queue (besides the organization). */
  readonly queueSourceAccounts?: string[];
  /** Accounts the resource-perimeter guardrail trusts (default: the vendor's). */
  readonly guardrailTrustedAccounts?: string[];
}

/** The reference size: every commercial region, the four example guardrails, accounts by organization. */
export function referenceOptions(regions: string[]): BenchOptions {
  return { regions, guardrailCount: 4 };
}

/** The queue's ARN, a literal: the queue's region (and so its partition) is known. */
export function queueArn(scope: Stack): string {
  return scope.formatArn({
    partition: 'aws',
    service: 'sqs',
    region: ORG.queueRegion,
    account: ORG.securityAccount,
    resource: ORG.queueName,
  });
}

/**
 * The reference organization, built with cdk-audit-baseline:
 *
 * - `Management` (management account, us-east-1): two service-managed
 *   StackSets (the audit role, global, in us-east-1; the event stream in
 *   every region) rendered from member templates, and the guardrail SCPs;
 * - `Security` (security account, us-west-2): the central event queue;
 * - the `AriaSecureCloudsOnboarding` preset for the management account
 *   itself (StackSets never deploy there): role, trail, one event-stream
 *   stack per region.
 *
 * Returns every deployable stack (the member templates are inlined in the
 * StackSets, not deployed on their own).
 */
export function defineLibraryApp(app: App, options: BenchOptions): Stack[] {
  const env = { account: ORG.managementAccount, region: ORG.homeRegion };
  const management = new Stack(app, 'Management', { env });

  const templates = new Stage(management, 'MemberTemplates');
  const roleTemplate = new Stack(templates, 'AuditRole', { synthesizer: new BootstraplessSynthesizer() });
  new ReadOnlyAuditRole(roleTemplate, 'AuditRole', {
    trustedAccountId: ORG.vendorAccount,
    externalId: ORG.externalId,
    roleName: ORG.roleName,
  });
  const streamTemplate = new Stack(templates, 'EventStream', { synthesizer: new BootstraplessSynthesizer() });
  new EventStreamRule(streamTemplate, 'EventStream', { queueArn: queueArn(streamTemplate) });

  const accounts = options.stackSetAccounts ?? [];
  const targets = accounts.length > 0
    ? { organizationalUnitIds: [ORG.workloadsOu], includedAccountIds: accounts }
    : { organizationalUnitIds: [ORG.rootId] };
  new OrgStackSetRollout(management, 'AuditRoleRollout', {
    template: StackSetTemplate.fromStack(roleTemplate),
    stackSetName: 'vendor-audit-role',
    regions: [ORG.homeRegion],
    ...targets,
  });
  new OrgStackSetRollout(management, 'EventStreamRollout', {
    template: StackSetTemplate.fromStack(streamTemplate),
    stackSetName: 'vendor-event-stream',
    regions: options.regions,
    ...targets,
  });

  new OrgGuardrailScp(management, 'Guardrails', {
    targetIds: [ORG.workloadsOu],
    policyName: 'audit-baseline-guardrails',
    guardrails: guardrails(options.guardrailCount, options.guardrailTrustedAccounts),
  });

  const security = new Stack(app, 'Security', { env: { account: ORG.securityAccount, region: ORG.queueRegion } });
  const sourceAccounts = options.queueSourceAccounts ?? [];
  new CentralEventQueue(security, 'Queue', {
    queueName: ORG.queueName,
    sourceOrganizationId: ORG.organizationId,
    sourceAccountIds: sourceAccounts.length > 0 ? sourceAccounts : undefined,
    consumerPrincipalArns: [security.formatArn({ service: 'iam', region: '', account: ORG.vendorAccount, resource: 'role', resourceName: 'VendorEventReader' })],
  });

  const preset = new AriaSecureCloudsOnboarding(app, 'ManagementAccount', {
    vendorAccountId: ORG.vendorAccount,
    externalId: ORG.externalId,
    account: ORG.managementAccount,
    homeRegion: ORG.homeRegion,
    roleName: ORG.roleName,
    eventStreamRegions: options.regions,
    eventQueueAccountId: ORG.securityAccount,
  });

  return [management, security, ...preset.stacks];
}
