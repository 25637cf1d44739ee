import { App, AppProps, CfnOutput, CfnResource, DefaultStackSynthesizer, Fn, Stack, Token } from 'aws-cdk-lib';
// '..' is the package itself: the repository root (package.json `main`) when
// type-checked or run by jest, `lib/` once compiled into lib/cli.
import * as audit from '..';

/**
 * The plain CloudFormation templates `cdk-audit-baseline templates` writes,
 * each defined with the library's own constructs.
 *
 * Vendor values are CloudFormation parameters: the constructs receive
 * `{ "Ref": "<Name>" }` tokens, which their validators pass through
 * untouched (only CloudFormation knows the value), and the template's
 * `AllowedPattern` does the check the validator would have done at synth.
 * Values the constructs need as literals (they are written into policy
 * statements, or decide how many resources there are) are settings: fixed
 * when the template is generated, shown in the template's description.
 */

/** A value of a template: a CloudFormation parameter, or a setting fixed at generation. */
export interface ValueSpec {
  /** The parameter's logical ID, also the name given to `--value Name=...`. */
  readonly name: string;
  /** Where the value comes from, for the parameter's Description. */
  readonly description: string;
  /** The pattern a value must match (a full match, as CloudFormation's AllowedPattern). */
  readonly pattern: string;
  /** What a valid value looks like, for ConstraintDescription and CLI errors. */
  readonly constraint: string;
  /** A valid example (used in the docs and by the tests). */
  readonly example: string;
  /** The parameter's Default, or the setting's value when `--value` does not give one. */
  readonly default?: string;
  /** `setting`: fixed in the template when it is generated; not a parameter. @default parameter */
  readonly kind?: 'parameter' | 'setting';
  /** A `CommaDelimitedList` parameter: the pattern applies to each element. @default false */
  readonly list?: boolean;
}

/** Where and how a template is deployed, for the docs and `--help`. */
export type Deployment = 'stack' | 'stack-set' | 'stack-or-stack-set';

/** One template of the catalog. */
export interface TemplateSpec {
  /** The file name stem: `<name>.template.json`. */
  readonly name: string;
  /** One line: what it defines. */
  readonly summary: string;
  /** Which account deploys it, and how. */
  readonly where: string;
  readonly deployment: Deployment;
  readonly values: ValueSpec[];
  /**
   * Defines the template's resources in `app` and returns the stack to write.
   * `ref(name)` is the token of a parameter, `setting(name)` the literal of a setting.
   * Absent for a member template, which is taken from its management template.
   */
  readonly define?: (app: App, v: Values) => Stack;
  /**
   * A member template is the inline template of a StackSet of another
   * template: exactly what that StackSet deploys.
   */
  readonly memberOf?: {
    /** The management template's name. */
    readonly template: string;
    /** The start of the StackSet resource's logical ID. */
    readonly stackSet: string;
  };
}

/** The values a template definition reads. */
export interface Values {
  /** The `{ "Ref": name }` token of a parameter. */
  ref(name: string): string;
  /** The literal value of a setting. */
  setting(name: string): string;
  /** The token of a `CommaDelimitedList` parameter. */
  list(name: string): string[];
}

/** Patterns shared by several templates (CloudFormation AllowedPattern syntax, which JavaScript reads the same way). */
export const PATTERNS = {
  accountId: { pattern: '^[0-9]{12}$', constraint: 'a 12-digit AWS account ID, e.g. 111122223333' },
  externalId: { pattern: '^[\\w+=,.@:/-]{2,1224}$', constraint: '2-1224 characters from A-Z a-z 0-9 and + = , . @ : / - _' },
  roleName: { pattern: '^[\\w+=,.@-]{1,64}$', constraint: 'an IAM role name: 1-64 characters from A-Z a-z 0-9 and + = , . @ - _' },
  sqsQueueArn: {
    pattern: '^arn:(aws|aws-us-gov|aws-cn):sqs:[a-z0-9-]+:[0-9]{12}:([\\w-]{1,80}|[\\w-]{1,75}\\.fifo)$',
    constraint: 'an SQS queue ARN, e.g. arn:aws:sqs:us-west-2:111122223333:cloudcoreo-events-queue',
  },
  organizationId: { pattern: '^o-[a-z0-9]{10,32}$', constraint: 'an AWS Organizations ID, e.g. o-a1b2c3d4e5' },
  orgUnit: {
    pattern: '^(r-[a-z0-9]{4,32}|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$',
    constraint: 'an organization root ID (r-ab12) or OU ID (ou-ab12-11111111)',
  },
  orgTarget: {
    pattern: '^(r-[a-z0-9]{4,32}|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|[0-9]{12})$',
    constraint: 'an organization root ID (r-ab12), OU ID (ou-ab12-11111111) or 12-digit account ID',
  },
  iamUserArn: {
    pattern: '^arn:(aws|aws-us-gov|aws-cn):iam::[0-9]{12}:user/[\\w+=,.@/-]{1,512}$',
    constraint: 'an IAM user ARN, e.g. arn:aws:iam::111122223333:user/skyformation-connector',
  },
  boundaryPolicyName: {
    pattern: '^(none|[\\w+=,.@-]{1,128})$',
    constraint: '"none", or the name of the permissions boundary policy of the stackset-execution-role template (AuditBaselineStackSetBoundary)',
  },
  regionList: {
    pattern: '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9](,[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9])*$',
    constraint: 'a comma-separated list of AWS regions, e.g. us-east-1,eu-west-1',
  },
} as const;

type PatternName = keyof typeof PATTERNS;

function value(name: string, pattern: PatternName, example: string, description: string, extra: Partial<ValueSpec> = {}): ValueSpec {
  return { name, description, example, ...PATTERNS[pattern], ...extra };
}

const VENDOR_ACCOUNT = (vendor: string) => value('VendorAccountId', 'accountId', '999988887777',
  `The AWS account of ${vendor} that assumes the role: copy it from the vendor's console (account onboarding page) or ask its support.`);
const EXTERNAL_ID = (vendor: string) => value('ExternalId', 'externalId', 'my-tenant-1234',
  `The external ID ${vendor} presents when it assumes the role: copy it from the vendor's console (account onboarding page). It protects the role from confused-deputy use.`);
/**
 * For a template that a self-managed StackSet may deploy with the
 * stackset-execution-role template's role: that role creates roles only with
 * its permissions boundary, and administers only keys with its tag.
 */
const STACK_SET_BOUNDARY = value('StackSetExecutionBoundary', 'boundaryPolicyName', 'AuditBaselineStackSetBoundary',
  'With "AuditBaselineStackSetBoundary": a self-managed StackSet deploys this template with the stackset-execution-role template\'s role, which creates roles only with that permissions boundary '
  + '(the stackset-execution-role stack defines it in each target account) and administers only keys with its tag. "none" for a stack or a service-managed StackSet.',
  { default: 'none', kind: 'setting' });

/** Gives the template's roles the boundary and its keys the tag when the setting names a boundary. */
function boundForStackSet(stack: Stack, v: Values): Stack {
  const boundary = v.setting('StackSetExecutionBoundary');
  if (boundary !== 'none') audit.StackSetExecutionPermissions.prepareTemplate(stack, { boundaryPolicyName: boundary });
  return stack;
}

const ORG_UNIT = value('OrganizationalUnitId', 'orgUnit', 'r-ab12',
  'The organization root (every member account, now and later) or the OU the StackSet deploys to: `aws organizations list-roots` or `list-organizational-units-for-parent` in the management account.');
const RECEIVER_ACCOUNT = value('ReceiverAccountId', 'accountId', '111122223333',
  'The receiver account: the account that houses the vendor\'s queues and administers the StackSets (the account you connected first in the vendor\'s console).');

/**
 * An app whose stacks are plain templates: no `BootstrapVersion` parameter
 * and rule, no analytics metadata (and the constructs define no assets).
 */
export function plainApp(outdir?: string): App {
  return new App({
    outdir,
    analyticsReporting: false,
    defaultStackSynthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    // Newer aws-cdk-lib versions validate every synthesized template and warn about a Ref to an
    // undeclared parameter. The intermediate stacks here have them on purpose (a StackSet body
    // before its parameters are declared in it, the templates an execution role's permissions are
    // derived from); the written templates are checked by `plainTemplateProblems` instead.
    ...{ builtinCloudFormationValidation: false },
  } as AppProps);
}

/** A stack for one building block, environment-agnostic and bootstrap-free (the app's synthesizer). */
function blockStack(app: App, name: string, description: string): Stack {
  return new Stack(app, name, { description });
}

/** Every template `templates` can write, in the order `--help` lists them. */
export const CATALOG: TemplateSpec[] = [
  {
    name: 'audit-role',
    summary: 'Read-only audit role (SecurityAudit) trusted by the vendor account with an external ID',
    where: 'every account to audit: a stack, or a service-managed StackSet in one region (IAM is global)',
    deployment: 'stack-or-stack-set',
    values: [
      VENDOR_ACCOUNT('the security vendor'),
      EXTERNAL_ID('the security vendor'),
      value('RoleName', 'roleName', 'SecurityAuditRole',
        'The role\'s name, the same in every account: the vendor\'s console asks for it, or for the role ARN built from it.', { default: 'SecurityAuditRole' }),
      STACK_SET_BOUNDARY,
    ],
    define(app, v) {
      const stack = blockStack(app, 'AuditRole', 'Read-only security audit role for a security vendor (cdk-audit-baseline)');
      new audit.ReadOnlyAuditRole(stack, 'AuditRole', {
        trustedAccountId: v.ref('VendorAccountId'),
        externalId: v.ref('ExternalId'),
        roleName: v.ref('RoleName'),
        handOffOutputs: true,
      });
      return boundForStackSet(stack, v);
    },
  },
  {
    name: 'event-stream',
    summary: 'Event stream of one region: EventBridge rule on CloudTrail API events, encrypted SNS topic, subscription of the vendor queue, dead-letter queue',
    where: 'every account and every region to watch: a stack per region, or a StackSet over the regions',
    deployment: 'stack-or-stack-set',
    values: [
      value('QueueArn', 'sqsQueueArn', 'arn:aws:sqs:us-west-2:111122223333:cloudcoreo-events-queue',
        'The ARN of the SQS queue that receives the events: the vendor\'s queue (its onboarding guide or console names it) or your central-queue stack\'s QueueArn output.'),
      STACK_SET_BOUNDARY,
    ],
    define(app, v) {
      const stack = blockStack(app, 'EventStream', 'Event stream: CloudTrail API events of this region to a central queue (cdk-audit-baseline)');
      new audit.EventStreamRule(stack, 'EventStream', { queueArn: v.ref('QueueArn') });
      return boundForStackSet(stack, v);
    },
  },
  {
    name: 'central-queue',
    summary: 'Central SQS queue (with dead-letter queue) that the event streams of every account of an organization send to',
    where: 'the security account, in the region the consumer reads from: a stack',
    deployment: 'stack',
    values: [
      value('SourceOrganizationId', 'organizationId', 'o-a1b2c3d4e5',
        'The organization whose accounts\' event-stream topics may send to the queue: `aws organizations describe-organization` (Organization.Id).'),
    ],
    define(app, v) {
      const stack = blockStack(app, 'CentralQueue', 'Central queue for the event streams of an organization (cdk-audit-baseline)');
      const queue = new audit.CentralEventQueue(stack, 'CentralQueue', { sourceOrganizationId: v.ref('SourceOrganizationId') });
      new CfnOutput(stack, 'QueueArn', { value: queue.queueArn, description: 'Give it to the event-stream template as QueueArn' });
      return stack;
    },
  },
  {
    name: 'stackset-admin-role',
    summary: 'StackSet administration role (self-managed StackSets): may assume only the execution role',
    where: 'the account that administers self-managed StackSets: a stack',
    deployment: 'stack',
    values: [
      value('ExecutionRoleName', 'roleName', 'AWSCloudFormationStackSetExecutionRole',
        'The name of the execution role in the target accounts (the stackset-execution-role template\'s RoleName).',
        { default: 'AWSCloudFormationStackSetExecutionRole', kind: 'setting' }),
    ],
    define(app, v) {
      const stack = blockStack(app, 'StackSetAdminRole', 'StackSet administration role (cdk-audit-baseline)');
      new audit.StackSetAdminRole(stack, 'AdminRole', { executionRoleName: v.setting('ExecutionRoleName') });
      return stack;
    },
  },
  {
    name: 'stackset-execution-role',
    summary: 'StackSet execution role, trusted by the administrator account, allowed only what the audit-role and event-stream templates need',
    where: 'every target account of self-managed StackSets: a stack',
    deployment: 'stack',
    values: [
      value('AdministratorAccountId', 'accountId', '111122223333',
        'The account that administers the StackSets (where the stackset-admin-role template is deployed).'),
      value('AuditRoleName', 'roleName', 'SecurityAuditRole',
        'The audit role\'s name (the audit-role template\'s RoleName): the only role of the audit-role template this role may create and change.',
        { default: 'SecurityAuditRole', kind: 'setting' }),
    ],
    define(app, v) {
      const stack = blockStack(app, 'StackSetExecutionRole', 'StackSet execution role for the audit role and event stream templates (cdk-audit-baseline)');
      // The templates as a self-managed StackSet deploys them: the audit role's name, and the
      // permissions boundary and key tag of StackSetExecutionBoundary.
      const deployed = CATALOG.filter((t) => t.name === 'audit-role' || t.name === 'event-stream').map((t) => {
        const example = exampleValues(t);
        const values: Values = {
          ...example,
          ref: (name) => (name === 'RoleName' ? v.setting('AuditRoleName') : example.ref(name)),
          setting: (name) => (name === 'StackSetExecutionBoundary' ? 'AuditBaselineStackSetBoundary' : example.setting(name)),
        };
        return audit.StackSetTemplate.fromStack(t.define!(plainApp(), values));
      });
      const role = new audit.StackSetExecutionRole(stack, 'ExecutionRole', {
        administratorAccountId: v.ref('AdministratorAccountId'),
        permissions: audit.StackSetExecutionPermissions.fromTemplates(deployed),
        // Only the stackset-admin-role template's role may assume it.
        administrationRoleName: 'AWSCloudFormationStackSetAdministrationRole',
      });
      // The templates it deploys define rules, topics, queues, keys and log groups whose physical
      // names are not known when the role is defined: CloudFormation needs some writes on "*".
      const why = 'CloudFormation creates the audit-role and event-stream resources (an IAM role, KMS key, SNS topic, SQS queue, EventBridge rule) with this role; '
        + 'its IAM, topic, queue and key actions are limited to those templates\' resources and roles carrying its permissions boundary, the rest applies to "*" because the names are not known when it is defined '
        + '(AWS\'s sample execution role has AdministratorAccess instead). Only the administration role of the administrator account may assume it.';
      (role.policy!.node.defaultChild as CfnResource).addMetadata('checkov', {
        skip: ['CKV_AWS_109', 'CKV_AWS_110', 'CKV_AWS_111'].map((id) => ({ id, comment: why })),
      });
      return stack;
    },
  },
  {
    name: 'guardrail-scps',
    summary: 'Guardrail SCPs: no leaving the organization; the audit role, rule, topic and trail protected from change',
    where: 'the management account (or a delegated policy administrator), us-east-1: a stack',
    deployment: 'stack',
    values: [
      value('TargetIds', 'orgTarget', 'ou-ab12-11111111',
        'The root, OUs or accounts the SCPs are attached to, comma-separated: start with a test OU (`aws organizations list-organizational-units-for-parent`).',
        { list: true }),
      value('AuditRoleName', 'roleName', 'SecurityAuditRole', 'The audit role\'s name, protected in every account (the audit-role template\'s RoleName).',
        { default: 'SecurityAuditRole', kind: 'setting' }),
    ],
    define(app, v) {
      const stack = blockStack(app, 'GuardrailScps', `Guardrail SCPs protecting the audit role ${v.setting('AuditRoleName')} and the event stream (cdk-audit-baseline)`);
      new audit.OrgGuardrailScp(stack, 'Guardrails', {
        targetIds: v.list('TargetIds'),
        guardrails: [
          audit.Guardrail.denyLeaveOrganization(),
          audit.Guardrail.protectAuditSetup({ roleNames: [v.setting('AuditRoleName')] }),
        ],
      });
      return stack;
    },
  },
  {
    name: 'aria-member-role',
    summary: 'VMware Aria Automation for Secure Clouds: the read-only role of every member account',
    where: 'every member account: a service-managed StackSet in one region (aria-management deploys it for you)',
    deployment: 'stack-set',
    values: [VENDOR_ACCOUNT('VMware Aria Automation for Secure Clouds'), EXTERNAL_ID('VMware Aria Automation for Secure Clouds')],
    memberOf: { template: 'aria-management', stackSet: 'MemberRoleRollout' },
  },
  {
    name: 'aria-management',
    summary: 'VMware Aria Automation for Secure Clouds: the management account\'s role and the service-managed StackSet that gives every member account the same role',
    where: 'the organization\'s management account, us-east-1: a stack',
    deployment: 'stack',
    values: [VENDOR_ACCOUNT('VMware Aria Automation for Secure Clouds'), EXTERNAL_ID('VMware Aria Automation for Secure Clouds'), ORG_UNIT],
    define(app, v) {
      return ariaOrganization(app, v, v.ref('OrganizationalUnitId')).accountStack;
    },
  },
  {
    name: 'skyhigh-receiver',
    summary: 'Skyhigh near-real-time configuration audit, single account: receiver policies for the vendor role, StackSet administration and execution roles',
    where: 'the receiver account (connected first in the vendor\'s console): a stack',
    deployment: 'stack',
    values: [
      value('Regions', 'regionList', 'us-east-1,eu-west-1', 'The regions the vendor provisions queues and rules in (the regions you select in its console).',
        { default: 'us-east-1', kind: 'setting' }),
    ],
    define(app, v) {
      const stack = blockStack(app, 'SkyhighReceiver', 'Skyhigh NRT configuration audit: receiver (cdk-audit-baseline)');
      new audit.SkyhighNrtConfigAudit(stack, 'Nrt', { regions: v.setting('Regions').split(',') });
      return stack;
    },
  },
  {
    name: 'skyhigh-publisher-management',
    summary: 'Skyhigh near-real-time configuration audit: the management account\'s execution role and the service-managed StackSet that gives every member account one',
    where: 'the organization\'s management account: a stack',
    deployment: 'stack',
    values: [RECEIVER_ACCOUNT, ORG_UNIT],
    define(app, v) {
      return skyhighPublishers(app, v, v.ref('OrganizationalUnitId')).stack;
    },
  },
  {
    name: 'skyhigh-publisher-member',
    summary: 'Skyhigh near-real-time configuration audit: the execution role of every member account, trusted by the receiver',
    where: 'every member account: a service-managed StackSet (skyhigh-publisher-management deploys it for you)',
    deployment: 'stack-set',
    values: [RECEIVER_ACCOUNT],
    memberOf: { template: 'skyhigh-publisher-management', stackSet: 'NrtPublisherRollout' },
  },
  {
    name: 'sky-formation',
    summary: 'SkyFormation connector: role assumed by the connector user with an external ID, and the trail it reads',
    where: 'the monitored account: a stack',
    deployment: 'stack',
    values: [
      value('ConnectorUserArn', 'iamUserArn', 'arn:aws:iam::111122223333:user/skyformation-connector',
        'The IAM user whose access key the SkyFormation connector uses: the user you created for it (`aws iam get-user --user-name <name>`).'),
      EXTERNAL_ID('the SkyFormation connector'),
    ],
    define(app, v) {
      const stack = blockStack(app, 'SkyFormation', 'SkyFormation AWS connector (cdk-audit-baseline)');
      new audit.SkyFormationConnector(stack, 'SkyFormation', {
        connectorUserArn: v.ref('ConnectorUserArn'),
        externalId: v.ref('ExternalId'),
        roleName: 'SkyFormationConnector',
      });
      return stack;
    },
  },
];

function ariaOrganization(app: App, v: Values, organizationalUnitId: string): audit.AriaSecureCloudsOnboarding {
  return new audit.AriaSecureCloudsOnboarding(app, 'AriaSecureClouds', {
    vendorAccountId: v.ref('VendorAccountId'),
    externalId: v.ref('ExternalId'),
    // One String parameter, not a CommaDelimitedList: the preset checks each
    // element, and a list parameter is one opaque token.
    organizationalUnitIds: [organizationalUnitId],
  });
}

function skyhighPublishers(app: App, v: Values, organizationalUnitId: string): { stack: Stack; preset: audit.SkyhighNrtConfigAudit } {
  const stack = blockStack(app, 'SkyhighPublishers', 'Skyhigh NRT configuration audit: publishers of an organization (cdk-audit-baseline)');
  const preset = new audit.SkyhighNrtConfigAudit(stack, 'Nrt', {
    mode: audit.SkyhighNrtMode.organizationPublisher({ receiverAccountId: v.ref('ReceiverAccountId'), organizationalUnitIds: [organizationalUnitId] }),
    narrowExecutionRoleTrust: true,
  });
  return { stack, preset };
}

/** Values that resolve parameters to `Ref` tokens and settings to their defaults or examples. */
export function exampleValues(spec: TemplateSpec): Values {
  return {
    ref: (name) => Fn.ref(name),
    list: (name) => Token.asList({ Ref: name }),
    setting: (name) => {
      const s = spec.values.find((x) => x.name === name);
      return s?.default ?? s?.example ?? name;
    },
  };
}

/** A mistake in the command line: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
