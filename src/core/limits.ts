import { IConstruct } from 'constructs';
import { throwIfProblems } from './private/errors';

/**
 * Replacement values for AWS quotas, for accounts whose quotas differ from the defaults.
 *
 * Every field is optional; a field left out keeps the current AWS default.
 * Each value must be a positive integer.
 */
export interface AwsLimitsOverrides {
  /**
   * Characters in one service control policy document.
   *
   * @default 10240
   */
  readonly scpDocumentCharacters?: number;

  /**
   * Service control policies directly attached to one root, OU or account.
   *
   * @default 10
   */
  readonly scpsPerTarget?: number;

  /**
   * Characters in one resource control policy document.
   *
   * @default 5120
   */
  readonly rcpDocumentCharacters?: number;

  /**
   * Resource control policies directly attached to one root, OU or account.
   *
   * @default 5
   */
  readonly rcpsPerTarget?: number;

  /**
   * Characters in one IAM customer managed policy, whitespace not counted.
   *
   * @default 6144
   */
  readonly managedPolicyCharacters?: number;

  /**
   * Managed policies attached to one IAM role.
   *
   * @default 10
   */
  readonly managedPoliciesPerRole?: number;

  /**
   * Characters of all inline policies of one IAM role together, whitespace not counted.
   *
   * @default 10240
   */
  readonly roleInlinePolicyCharacters?: number;

  /**
   * Characters of all inline policies of one IAM user together, whitespace not counted.
   *
   * @default 2048
   */
  readonly userInlinePolicyCharacters?: number;

  /**
   * Characters of all inline policies of one IAM group together, whitespace not counted.
   *
   * @default 5120
   */
  readonly groupInlinePolicyCharacters?: number;

  /**
   * Characters in one role trust policy, whitespace not counted.
   *
   * @default 2048
   */
  readonly trustPolicyCharacters?: number;

  /**
   * Characters in an IAM role name.
   *
   * @default 64
   */
  readonly roleNameCharacters?: number;

  /**
   * Characters in an IAM path.
   *
   * @default 512
   */
  readonly iamPathCharacters?: number;

  /**
   * Characters in one EventBridge event pattern.
   *
   * @default 2048
   */
  readonly eventPatternCharacters?: number;

  /**
   * Characters in the resource policy of one EventBridge event bus.
   *
   * @default 10240
   */
  readonly eventBusPolicyCharacters?: number;

  /**
   * Bytes in the access policy of one SQS queue.
   *
   * @default 8192
   */
  readonly sqsQueuePolicyBytes?: number;

  /**
   * Bytes in a CloudFormation template body sent inline (also `AWS::CloudFormation::StackSet.TemplateBody`).
   *
   * @default 51200
   */
  readonly stackSetTemplateBodyBytes?: number;

  /**
   * Bytes in a CloudFormation template uploaded to S3 (`TemplateURL`), as `cdk deploy` sends stacks.
   *
   * @default 1000000
   */
  readonly templateBytes?: number;

  /**
   * Resources in one CloudFormation template.
   *
   * @default 500
   */
  readonly templateResources?: number;

  /**
   * Outputs in one CloudFormation template.
   *
   * @default 200
   */
  readonly templateOutputs?: number;

  /**
   * Characters in an AWS Organizations policy name.
   *
   * @default 128
   */
  readonly orgPolicyNameCharacters?: number;

  /**
   * Characters in an AWS Organizations policy description.
   *
   * @default 512
   */
  readonly orgPolicyDescriptionCharacters?: number;

  /**
   * The longest maximum session duration an IAM role accepts, in hours.
   *
   * @default 12
   */
  readonly maxSessionDurationHours?: number;
}

/** The names of all limits, in declaration order. */
const LIMIT_NAMES = [
  'scpDocumentCharacters',
  'scpsPerTarget',
  'rcpDocumentCharacters',
  'rcpsPerTarget',
  'managedPolicyCharacters',
  'managedPoliciesPerRole',
  'roleInlinePolicyCharacters',
  'userInlinePolicyCharacters',
  'groupInlinePolicyCharacters',
  'trustPolicyCharacters',
  'roleNameCharacters',
  'iamPathCharacters',
  'eventPatternCharacters',
  'eventBusPolicyCharacters',
  'sqsQueuePolicyBytes',
  'stackSetTemplateBodyBytes',
  'templateBytes',
  'templateResources',
  'templateOutputs',
  'orgPolicyNameCharacters',
  'orgPolicyDescriptionCharacters',
  'maxSessionDurationHours',
] as const;

type LimitName = (typeof LIMIT_NAMES)[number];

/**
 * The AWS quotas the library checks synthesized policies, templates and names against.
 *
 * Quotas change (AWS doubled the SCP size and count limits on 2026-05-15), so
 * every number lives here, with its source, instead of scattered through the
 * code. `AwsLimits.DEFAULT` holds the current AWS values; `AwsLimits.of()`
 * replaces some of them, e.g. when an account has a raised quota or when an
 * organization must still fit the older, smaller limits.
 *
 * @example
 * const limits = audit.AwsLimits.of({ scpsPerTarget: 5 });
 */
export class AwsLimits {
  /**
   * The current AWS default quotas.
   */
  public static readonly DEFAULT: AwsLimits = new AwsLimits({});

  /**
   * The default quotas with some values replaced.
   *
   * Throws when a value is not a positive integer, or when
   * `maxSessionDurationHours` is above 12 (IAM's hard maximum).
   *
   * @param overrides the quotas to replace; the others keep their AWS default
   */
  public static of(overrides: AwsLimitsOverrides): AwsLimits {
    return new AwsLimits(overrides);
  }

  /**
   * Characters in one service control policy document: 10,240.
   *
   * Raised from 5,120 on 2026-05-15 (per the project's aws-limits.md; the
   * copy of the quotas page available offline predates the change and still
   * lists 5,120). Counted as stored: the console strips whitespace, but the
   * Organizations API (and so CloudFormation) stores exactly the document it
   * is sent, so the library emits compact JSON.
   *
   * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
   */
  public readonly scpDocumentCharacters: number;

  /**
   * Service control policies directly attached to one root, OU or account: 10.
   *
   * Raised from 5 on 2026-05-15 (per aws-limits.md; not re-verified offline).
   * `FullAWSAccess` takes one slot and AWS Control Tower uses up to 3 more;
   * inherited policies do not count.
   *
   * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
   */
  public readonly scpsPerTarget: number;

  /**
   * Characters in one resource control policy document: 5,120.
   *
   * Verified: the Organizations quotas page lists 5,120 characters for RCPs.
   * To verify: whether the 2026-05-15 SCP increase left RCPs unchanged
   * (reportedly it did).
   *
   * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
   */
  public readonly rcpDocumentCharacters: number;

  /**
   * Resource control policies directly attached to one root, OU or account: 5.
   *
   * To verify: read second-hand only; reportedly not part of the 2026 SCP
   * increase. `RCPFullAWSAccess` takes one slot.
   *
   * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
   */
  public readonly rcpsPerTarget: number;

  /**
   * Characters in one IAM customer managed policy: 6,144.
   *
   * IAM does not count whitespace.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  public readonly managedPolicyCharacters: number;

  /**
   * Managed policies attached to one IAM role: 10.
   *
   * Adjustable up to 20 on request.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  public readonly managedPoliciesPerRole: number;

  /**
   * Characters of all inline policies of one IAM role together: 10,240.
   *
   * IAM does not count whitespace.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  public readonly roleInlinePolicyCharacters: number;

  /**
   * Characters of all inline policies of one IAM user together: 2,048.
   *
   * IAM does not count whitespace.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  public readonly userInlinePolicyCharacters: number;

  /**
   * Characters of all inline policies of one IAM group together: 5,120.
   *
   * IAM does not count whitespace.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  public readonly groupInlinePolicyCharacters: number;

  /**
   * Characters in one role trust policy: 2,048.
   *
   * The default quota. It can be raised on request; to verify: to how much.
   * IAM does not count whitespace.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  public readonly trustPolicyCharacters: number;

  /**
   * Characters in an IAM role name: 64.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  public readonly roleNameCharacters: number;

  /**
   * Characters in an IAM path: 512.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  public readonly iamPathCharacters: number;

  /**
   * Characters in one EventBridge event pattern: 2,048.
   *
   * The quota table's value; the `EventPattern` API field itself accepts
   * 4,096. Split a long `source` or `eventName` list across rules.
   *
   * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html
   */
  public readonly eventPatternCharacters: number;

  /**
   * Characters in the resource policy of one EventBridge event bus: 10,240.
   *
   * Adjustable. The policy grows with each account granted: prefer an
   * organization condition.
   *
   * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html
   */
  public readonly eventBusPolicyCharacters: number;

  /**
   * Bytes in the access policy of one SQS queue: 8,192.
   *
   * The same quota page caps a queue policy at 20 statements, 50 principals
   * and 10 conditions. A queue that admits many accounts should admit the
   * organization instead.
   *
   * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-policies.html
   */
  public readonly sqsQueuePolicyBytes: number;

  /**
   * Bytes in a template body sent inline: 51,200.
   *
   * Applies to `AWS::CloudFormation::StackSet.TemplateBody`; larger
   * templates need `TemplateURL` (an S3 object of up to 1 MB).
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  public readonly stackSetTemplateBodyBytes: number;

  /**
   * Bytes in a template uploaded to S3 (`TemplateURL`): 1 MB, counted as 1,000,000 bytes as cfn-lint does.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  public readonly templateBytes: number;

  /**
   * Resources in one CloudFormation template: 500.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  public readonly templateResources: number;

  /**
   * Outputs in one CloudFormation template: 200.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  public readonly templateOutputs: number;

  /**
   * Characters in an AWS Organizations policy name: 128.
   *
   * @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreatePolicy.html
   */
  public readonly orgPolicyNameCharacters: number;

  /**
   * Characters in an AWS Organizations policy description: 512.
   *
   * @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreatePolicy.html
   */
  public readonly orgPolicyDescriptionCharacters: number;

  /**
   * The longest maximum session duration an IAM role accepts, in hours: 12.
   *
   * The shortest is 1 hour; role chaining caps a session at 1 hour whatever
   * the role allows.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   */
  public readonly maxSessionDurationHours: number;

  private constructor(overrides: AwsLimitsOverrides) {
    const problems = checkOverrides(overrides);
    if (problems.length > 0) {
      throwIfProblems(LIMITS_SCOPE, problems);
    }
    this.scpDocumentCharacters = overrides.scpDocumentCharacters ?? 10_240;
    this.scpsPerTarget = overrides.scpsPerTarget ?? 10;
    this.rcpDocumentCharacters = overrides.rcpDocumentCharacters ?? 5_120;
    this.rcpsPerTarget = overrides.rcpsPerTarget ?? 5;
    this.managedPolicyCharacters = overrides.managedPolicyCharacters ?? 6_144;
    this.managedPoliciesPerRole = overrides.managedPoliciesPerRole ?? 10;
    this.roleInlinePolicyCharacters = overrides.roleInlinePolicyCharacters ?? 10_240;
    this.userInlinePolicyCharacters = overrides.userInlinePolicyCharacters ?? 2_048;
    this.groupInlinePolicyCharacters = overrides.groupInlinePolicyCharacters ?? 5_120;
    this.trustPolicyCharacters = overrides.trustPolicyCharacters ?? 2_048;
    this.roleNameCharacters = overrides.roleNameCharacters ?? 64;
    this.iamPathCharacters = overrides.iamPathCharacters ?? 512;
    this.eventPatternCharacters = overrides.eventPatternCharacters ?? 2_048;
    this.eventBusPolicyCharacters = overrides.eventBusPolicyCharacters ?? 10_240;
    this.sqsQueuePolicyBytes = overrides.sqsQueuePolicyBytes ?? 8_192;
    this.stackSetTemplateBodyBytes = overrides.stackSetTemplateBodyBytes ?? 51_200;
    this.templateBytes = overrides.templateBytes ?? 1_000_000;
    this.templateResources = overrides.templateResources ?? 500;
    this.templateOutputs = overrides.templateOutputs ?? 200;
    this.orgPolicyNameCharacters = overrides.orgPolicyNameCharacters ?? 128;
    this.orgPolicyDescriptionCharacters = overrides.orgPolicyDescriptionCharacters ?? 512;
    this.maxSessionDurationHours = overrides.maxSessionDurationHours ?? 12;
  }

  /**
   * One line per limit, `name = value`, in a stable order.
   *
   * Handy in error messages and to show which values an app runs with.
   */
  public describe(): string[] {
    return LIMIT_NAMES.map((name) => `${name} = ${this[name]}`);
  }
}

/**
 * AwsLimits is not a construct, so its errors name this pseudo path.
 * (AuditBaselineError only reads `node.path`.)
 */
const LIMITS_SCOPE = { node: { path: 'AwsLimits.of' } } as unknown as IConstruct;

function checkOverrides(overrides: AwsLimitsOverrides): string[] {
  const problems: string[] = [];
  const known = new Set<string>(LIMIT_NAMES);
  for (const key of Object.keys(overrides)) {
    if (!known.has(key)) {
      problems.push(`${key} is not a known limit: use one of ${LIMIT_NAMES.join(', ')}`);
    }
  }
  for (const name of LIMIT_NAMES) {
    const value: unknown = (overrides as Record<LimitName, unknown>)[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
      problems.push(`${name} must be a positive integer, got ${shown}: give a whole number of at least 1, or leave it out to keep the AWS default`);
    } else if (name === 'maxSessionDurationHours' && value > 12) {
      problems.push(`maxSessionDurationHours must be between 1 and 12 (IAM's hard maximum), got ${value}: use 12 or less`);
    }
  }
  return problems;
}
