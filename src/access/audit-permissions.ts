import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import * as data from './private/permission-data';
import { AwsLimits } from '../core/limits';
import { notReadOnlyManagedPolicyReason } from '../core/private/read-only-actions';
import { isUnresolved } from '../core/private/tokens';
import { validate, validateList } from '../core/private/validators';

/**
 * Options for `AuditPermissions.consumeQueues`.
 */
export interface ConsumeQueuesOptions {
  /**
   * ARNs of the customer managed KMS keys that encrypt the queues.
   *
   * Each key gets `kms:Decrypt`, allowed only through SQS (`kms:ViaService`
   * `sqs.*`), so the consumer can read encrypted messages. Give key ARNs
   * (`arn:<partition>:kms:<region>:<account>:key/<id>`), not alias ARNs: IAM
   * matches `kms:Decrypt` against the key ARN.
   *
   * @default - no KMS permission (the queues use SQS-managed encryption or none)
   */
  readonly kmsKeyArns?: string[];
}

/** How a bundle renders its statements. */
type Renderer = (scope: IConstruct) => iam.PolicyStatement[];

/** The example ARN of the empty-list message (the one the tests and docs use). */
const EXAMPLE_ARNS = {
  sqsQueueArn: 'arn:aws:sqs:us-east-1:123456789012:cloudtrail-data-events',
  kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
};

/**
 * A named, documented bundle of read permissions for a security service.
 *
 * Every bundle is a fixed set of AWS managed policies and inline statements
 * that a vendor guide asks for, chosen so that it grants only List and Read
 * actions (checked against AWS's service authorization data in this
 * library's tests). The two bundles that need more name their Write actions
 * in `writeActions` and scope them to the resources you give:
 * `consumeQueues` (`sqs:DeleteMessage`, and `kms:Decrypt` for encrypted
 * queues).
 *
 * Give bundles to `ReadOnlyAuditRole`, `AuditAccessKeyUser`,
 * `AssumeRoleConnector` or `AuditInstanceProfileRole` through their
 * `permissions` prop. AWS managed policies are attached by ARN in the stack's
 * partition; inline actions become one inline policy per bundle (on a user:
 * one customer managed policy, see `AuditAccessKeyUser`).
 *
 * Deviations from the guides, each for a reason:
 * - `CLOUDTRAIL_READ` attaches `AWSCloudTrail_ReadOnlyAccess`: the guide's
 *   `AWSCloudTrailReadOnlyAccess` no longer exists.
 * - `consumeQueues` grants `sqs:DeleteMessage` instead of the guide's
 *   `sqs:DeleteMessageBatch`, which is not an IAM action
 *   (`sqs:DeleteMessage` authorizes batch deletes too), and requires queue
 *   ARNs where the guide gives no resource.
 * - `redshiftAuditLogs` splits the guide's S3 statement so that
 *   `s3:ListBucket` is granted only on buckets and `s3:GetObject` only on
 *   their objects.
 *
 * @example
 * new audit.ReadOnlyAuditRole(this, 'AuditRole', {
 *   trustedAccountId: '111122223333',
 *   externalId: 'my-tenant-1234',
 *   permissions: [
 *     audit.AuditPermissions.BUDGETS_READ,
 *     audit.AuditPermissions.COST_EXPLORER_READ,
 *   ],
 * });
 */
export class AuditPermissions {
  /**
   * AWS managed `SecurityAudit`: read access to the security configuration of most services.
   *
   * `ReadOnlyAuditRole` and the other access constructs attach it by default
   * (their `securityAudit` prop); list it here only for a construct whose
   * `securityAudit` is false.
   *
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/SecurityAudit.html
   */
  public static readonly SECURITY_AUDIT = AuditPermissions.fixed(data.SECURITY_AUDIT, 'SECURITY_AUDIT');

  /**
   * AWS managed `job-function/ViewOnlyAccess`: list and describe resources in most services.
   *
   * Adds resource inventories that `SecurityAudit` leaves out, without
   * reading the content of data stores.
   *
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ViewOnlyAccess.html
   */
  public static readonly VIEW_ONLY_ACCESS = AuditPermissions.fixed(data.VIEW_ONLY_ACCESS, 'VIEW_ONLY_ACCESS');

  /**
   * AWS Budgets read: view budgets and describe budget actions and their history.
   *
   * `budgets:ViewBudget`, `budgets:DescribeBudgetAction`,
   * `budgets:DescribeBudgetActionHistories`,
   * `budgets:DescribeBudgetActionsForAccount`,
   * `budgets:DescribeBudgetActionsForBudget`, on `*`. VMware's guide asks for
   * a Budgets inline policy but its list was lost; these are the library's
   * choice.
   */
  public static readonly BUDGETS_READ = AuditPermissions.fixed(data.BUDGETS_READ, 'BUDGETS_READ');

  /**
   * AWS Cost Explorer read: cost and usage, forecasts, cost categories, coverage, utilization and anomalies.
   *
   * 15 `ce:` Get, Describe and List actions on `*`. VMware's guide asks for a
   * Cost Explorer inline policy but its list was lost; these are the
   * library's choice.
   */
  public static readonly COST_EXPLORER_READ = AuditPermissions.fixed(data.COST_EXPLORER_READ, 'COST_EXPLORER_READ');

  /**
   * CloudTrail read: AWS managed `AWSCloudTrail_ReadOnlyAccess`.
   *
   * The SkyFormation guide names `AWSCloudTrailReadOnlyAccess`, which AWS
   * replaced by this policy.
   *
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudTrail_ReadOnlyAccess.html
   */
  public static readonly CLOUDTRAIL_READ = AuditPermissions.fixed(data.CLOUDTRAIL_READ, 'CLOUDTRAIL_READ');

  /**
   * IAM read: AWS managed `IAMReadOnlyAccess`.
   *
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMReadOnlyAccess.html
   */
  public static readonly IAM_READ = AuditPermissions.fixed(data.IAM_READ, 'IAM_READ');

  /**
   * CloudWatch Logs read: AWS managed `CloudWatchLogsReadOnlyAccess`.
   *
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudWatchLogsReadOnlyAccess.html
   */
  public static readonly CLOUDWATCH_LOGS_READ = AuditPermissions.fixed(data.CLOUDWATCH_LOGS_READ, 'CLOUDWATCH_LOGS_READ');

  /**
   * CloudWatch read: AWS managed `CloudWatchReadOnlyAccess`.
   *
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudWatchReadOnlyAccess.html
   */
  public static readonly CLOUDWATCH_READ = AuditPermissions.fixed(data.CLOUDWATCH_READ, 'CLOUDWATCH_READ');

  /**
   * GuardDuty read: AWS managed `AmazonGuardDutyReadOnlyAccess`.
   *
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonGuardDutyReadOnlyAccess.html
   */
  public static readonly GUARDDUTY_READ = AuditPermissions.fixed(data.GUARDDUTY_READ, 'GUARDDUTY_READ');

  /**
   * Amazon Inspector Classic findings: `inspector:ListFindings` and `inspector:DescribeFindings` on `*`.
   *
   * The actions the SkyFormation guide names. For the current Amazon
   * Inspector use `INSPECTOR_FINDINGS`.
   */
  public static readonly INSPECTOR_CLASSIC_FINDINGS = AuditPermissions.fixed(data.INSPECTOR_CLASSIC_FINDINGS, 'INSPECTOR_CLASSIC_FINDINGS');

  /**
   * Amazon Inspector findings: `inspector2:ListFindings`, `inspector2:ListFindingAggregations` and `inspector2:BatchGetFindingDetails` on `*`.
   */
  public static readonly INSPECTOR_FINDINGS = AuditPermissions.fixed(data.INSPECTOR_FINDINGS, 'INSPECTOR_FINDINGS');

  /**
   * AWS Shield attacks: `shield:ListAttacks` on `*`.
   */
  public static readonly SHIELD_ATTACKS = AuditPermissions.fixed(data.SHIELD_ATTACKS, 'SHIELD_ATTACKS');

  /**
   * VPC flow-log enrichment: `ec2:DescribeInstances` and `iam:ListAccountAliases` on `*`.
   */
  public static readonly FLOW_LOG_ENRICHMENT = AuditPermissions.fixed(data.FLOW_LOG_ENRICHMENT, 'FLOW_LOG_ENRICHMENT');

  /**
   * Consume messages from the given SQS queues: `sqs:ReceiveMessage` and `sqs:DeleteMessage` on exactly those queues.
   *
   * For a vendor that reads a queue the customer owns, e.g. the CloudTrail
   * data-events queue or the Macie queue of the SkyFormation guide.
   * `sqs:DeleteMessage` is a Write action (deleting a message after reading
   * it is part of consuming it) and also authorizes `DeleteMessageBatch`.
   * With `kmsKeyArns`, `kms:Decrypt` (Write) on those keys, only through SQS.
   *
   * An empty list, an ARN that is not an SQS queue ARN, a wildcard, or a
   * duplicate fails at synth.
   *
   * @param queueArns the queue ARNs (`arn:<partition>:sqs:<region>:<account>:<name>`); tokens are accepted
   * @param options the KMS keys of encrypted queues
   */
  public static consumeQueues(queueArns: string[], options: ConsumeQueuesOptions = {}): AuditPermissions {
    const keyArns = options.kmsKeyArns ?? [];
    const problems = [
      ...checkArnList('queueArns', queueArns, 'sqsQueueArn', 'SQS queue'),
      ...(options.kmsKeyArns !== undefined ? checkArnList('kmsKeyArns', keyArns, 'kmsKeyArn', 'KMS key') : []),
    ];
    const actions = [...data.CONSUME_QUEUE_ACTIONS, ...(keyArns.length > 0 ? data.QUEUE_KEY_ACTIONS : [])];
    const writeActions = [...data.CONSUME_QUEUE_WRITE_ACTIONS, ...(keyArns.length > 0 ? data.QUEUE_KEY_ACTIONS : [])];
    return new AuditPermissions('ConsumeQueues', 'consumeQueues(queueArns)', [], actions, writeActions, problems, () => {
      const statements = [
        new iam.PolicyStatement({ sid: 'ConsumeQueues', actions: data.CONSUME_QUEUE_ACTIONS, resources: [...queueArns] }),
      ];
      if (keyArns.length > 0) {
        statements.push(new iam.PolicyStatement({
          sid: 'DecryptQueueMessages',
          actions: data.QUEUE_KEY_ACTIONS,
          resources: [...keyArns],
          conditions: { StringLike: { 'kms:ViaService': 'sqs.*' } },
        }));
      }
      return statements;
    });
  }

  /**
   * Read Redshift audit logs: Redshift describe actions, plus `s3:ListBucket` on each bucket and `s3:GetObject` on its objects.
   *
   * `redshift:DescribeEvents`, `redshift:DescribeClusters`,
   * `redshift:DescribeLoggingStatus`, `redshift:DescribeClusterParameters`
   * and `iam:GetUser` on `*` (as the SkyFormation guide lists them), then for
   * every bucket `s3:ListBucket` on `arn:<partition>:s3:::<bucket>` and
   * `s3:GetObject` on `arn:<partition>:s3:::<bucket>/*`.
   *
   * An empty list, an invalid bucket name, a bucket ARN instead of a name,
   * or a duplicate fails at synth.
   *
   * @param bucketNames names of the S3 buckets Redshift writes its audit logs to; tokens are accepted
   */
  public static redshiftAuditLogs(bucketNames: string[]): AuditPermissions {
    const problems = checkBucketNames('bucketNames', bucketNames);
    const actions = [...data.REDSHIFT_METADATA_ACTIONS, ...data.REDSHIFT_BUCKET_ACTIONS, ...data.REDSHIFT_OBJECT_ACTIONS];
    return new AuditPermissions('RedshiftAuditLogs', 'redshiftAuditLogs(bucketNames)', [], actions, [], problems, (scope) => {
      const stack = Stack.of(scope);
      const bucketArn = (name: string) => stack.formatArn({ service: 's3', region: '', account: '', resource: name });
      return [
        new iam.PolicyStatement({ sid: 'RedshiftAuditLogMetadata', actions: data.REDSHIFT_METADATA_ACTIONS, resources: ['*'] }),
        new iam.PolicyStatement({ sid: 'RedshiftAuditLogBuckets', actions: data.REDSHIFT_BUCKET_ACTIONS, resources: bucketNames.map(bucketArn) }),
        new iam.PolicyStatement({
          sid: 'RedshiftAuditLogObjects',
          actions: data.REDSHIFT_OBJECT_ACTIONS,
          resources: bucketNames.map((b) => `${bucketArn(b)}/*`),
        }),
      ];
    });
  }

  /**
   * Any other AWS managed policy, by name.
   *
   * For a read-only policy the library has no bundle for (for example
   * `AWSBillingReadOnlyAccess`). The name is what follows `policy/` in the
   * policy's ARN, including its path (`job-function/ViewOnlyAccess`). Only
   * names AWS gives its read-only policies are accepted (ending in
   * `ReadOnlyAccess`, `ReadOnly` or `ViewOnlyAccess`, and `SecurityAudit`);
   * `AdministratorAccess`, `PowerUserAccess`, `...FullAccess` and the
   * job-function policies fail at synth. The library cannot check at synth
   * that the policy exists: check it in the AWS managed policy reference.
   *
   * @param policyName the managed policy name, with its path if it has one
   * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html
   */
  public static awsManagedPolicy(policyName: string): AuditPermissions {
    const problem = validate('awsManagedPolicyName', 'policyName', policyName);
    const writable = problem ? undefined : notReadOnlyManagedPolicyReason(policyName);
    const problems = problem ? [problem] : writable
      ? [`policyName ${JSON.stringify(policyName)} ${writable}; attach a read-only policy, or list the read actions the vendor needs in additionalStatements`]
      : [];
    const bundleName = isUnresolved(policyName) ? 'AwsManagedPolicy' : policyName.split('/').pop()!;
    return new AuditPermissions(bundleName, `awsManagedPolicy(${JSON.stringify(policyName)})`, [policyName], [], [], problems, () => []);
  }

  private static fixed(bundle: data.FixedBundle, constant: string): AuditPermissions {
    return new AuditPermissions(bundle.name, constant, bundle.managedPolicyNames, bundle.actions, [], [], () =>
      bundle.actions.length === 0 ? [] : [new iam.PolicyStatement({ sid: bundle.name, actions: bundle.actions, resources: ['*'] })],
    );
  }

  /**
   * The bundle's name, in PascalCase.
   *
   * Also the name of the inline policy (or the Sid prefix) that carries its
   * statements, e.g. `BudgetsRead`.
   */
  public readonly name: string;

  /**
   * Names of the AWS managed policies the bundle attaches, with their path (e.g. `job-function/ViewOnlyAccess`).
   */
  public readonly managedPolicyNames: string[];

  /**
   * Every action the bundle grants in its own statements (not counting its AWS managed policies).
   */
  public readonly actions: string[];

  /**
   * The actions of `actions` whose IAM access level is Write, each scoped to the resources the bundle was given.
   *
   * Empty for every bundle except `consumeQueues`.
   */
  public readonly writeActions: string[];

  /** How the bundle is written in code, for messages: `BUDGETS_READ`, `consumeQueues(queueArns)`. */
  private readonly label: string;
  private readonly problems: string[];
  private readonly render: Renderer;

  private constructor(
    name: string,
    label: string,
    managedPolicyNames: string[],
    actions: string[],
    writeActions: string[],
    problems: string[],
    render: Renderer,
  ) {
    this.name = name;
    this.label = label;
    this.managedPolicyNames = [...managedPolicyNames];
    this.actions = [...actions];
    this.writeActions = [...writeActions];
    this.problems = problems;
    this.render = render;
  }

  /**
   * The problems of the arguments this bundle was made with, each prefixed with the prop that holds it.
   *
   * @internal
   */
  public _problems(prop: string): string[] {
    return this.problems.map((p) => `${prop} (AuditPermissions.${this.label}): ${p}`);
  }

  /**
   * How the bundle is written in code, e.g. `AuditPermissions.BUDGETS_READ`.
   *
   * @internal
   */
  public get _label(): string {
    return `AuditPermissions.${this.label}`;
  }

  /**
   * The bundle's inline statements, rendered for the stack of `scope`.
   *
   * @internal
   */
  public _statements(scope: IConstruct): iam.PolicyStatement[] {
    return this.render(scope);
  }
}

function checkArnList(prop: string, arns: string[], kind: 'sqsQueueArn' | 'kmsKeyArn', what: string): string[] {
  if (isUnresolved(arns)) return [];
  const empty = arns.length === 0
    ? [`${prop} must not be empty: give the ARN of at least one ${what}, e.g. [${JSON.stringify(EXAMPLE_ARNS[kind])}]`]
    : [];
  return [...empty, ...validateList(kind, prop, arns, { unique: true })];
}

function checkBucketNames(prop: string, names: string[]): string[] {
  if (isUnresolved(names)) return [];
  const empty = names.length === 0
    ? [`${prop} must not be empty: give the name of every bucket Redshift writes audit logs to, e.g. ["redshift-audit-logs"]`]
    : [];
  return [...empty, ...validateList('bucketName', prop, names, { unique: true })];
}

/**
 * The permissions of an audit principal (role or user) of this library.
 */
export interface AuditAccessOptions {
  /**
   * Attach the AWS managed `SecurityAudit` policy.
   *
   * VMware's guide attaches it to the role and to the GovCloud user. Set it
   * to false only when a vendor asks for a narrower list, and give that list
   * in `permissions`.
   *
   * @default true
   */
  readonly securityAudit?: boolean;

  /**
   * More permission bundles, e.g. `AuditPermissions.BUDGETS_READ` or `AuditPermissions.consumeQueues([...])`.
   *
   * AWS managed policies are attached; inline statements become one inline
   * policy per bundle, named after it. A bundle listed twice, or
   * `SECURITY_AUDIT` while `securityAudit` is true, fails at synth.
   *
   * @default - none
   */
  readonly permissions?: AuditPermissions[];

  /**
   * Statements a vendor asks for that no bundle covers, in one inline policy named `AdditionalPermissions`.
   *
   * Allow statements take read actions only: each action must start with a
   * read verb (`Get`, `List`, `Describe`, `Search`, `Lookup`, `View`,
   * `Query`, `Scan`, `Select`, `BatchGet`, `BatchDescribe`) and not be one of
   * the few such actions that write or hand out credentials or secrets
   * (`sts:GetSessionToken`, `secretsmanager:GetSecretValue`, ...). A wildcard
   * is accepted only after a complete read verb (`s3:Get*`), and only when
   * it matches none of those actions. `*`, `<service>:*`, write actions such
   * as `iam:Create*` or `sts:AssumeRole`, `NotAction`, `NotResource` and
   * principals fail at synth. Deny statements are not restricted.
   *
   * @default - none
   */
  readonly additionalStatements?: iam.PolicyStatement[];

  /**
   * The AWS quotas the policies are checked against at synth.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}
