import { PROTECTED_ACTIONS, ProtectedKind } from '../private/protected-actions';
import { GuardrailStatement, anyPartitionArn, anyRoleArn, withExceptions } from '../private/statement';

/** Input of `protectAuditSetupStatement`: the physical names to protect, by kind. */
export interface ProtectAuditSetupInput {
  /** The statement id. */
  readonly sid: string;
  /** IAM role names (a trailing `*` protects a name prefix). */
  readonly roleNames: string[];
  /** EventBridge rule names on the default bus, or `<bus>/<rule>`. */
  readonly ruleNames: string[];
  /** SNS topic names. */
  readonly topicNames: string[];
  /** SQS queue names. */
  readonly queueNames: string[];
  /** CloudTrail trail names. */
  readonly trailNames: string[];
  /** `aws:PrincipalArn` patterns that may still change the setup. */
  readonly adminPrincipalArnPatterns: string[];
}

/** The ARN pattern (any partition, region and account) of each kind's named resource. */
const ARN_OF: Record<ProtectedKind, (name: string) => string> = {
  role: (n) => anyRoleArn(n),
  rule: (n) => anyPartitionArn('events', `rule/${n}`),
  topic: (n) => anyPartitionArn('sns', n),
  queue: (n) => anyPartitionArn('sqs', n),
  trail: (n) => anyPartitionArn('cloudtrail', `trail/${n}`),
};

/**
 * Deny every write to the named parts of the audit setup except by the
 * admin principals. One statement: the action list of each kind of
 * resource present, and the ARN patterns of every protected resource. A
 * combination of one kind's action with another kind's ARN never matches a
 * request, so the single statement denies exactly the per-kind pairs.
 *
 * No `aws:ViaAWSService` exception on purpose: CloudFormation calls on the
 * caller's behalf, so exempting calls made through AWS services would let
 * any principal change the setup by deploying a stack.
 */
export function protectAuditSetupStatement(input: ProtectAuditSetupInput): GuardrailStatement {
  const names: Record<ProtectedKind, string[]> = {
    role: input.roleNames,
    rule: input.ruleNames,
    topic: input.topicNames,
    queue: input.queueNames,
    trail: input.trailNames,
  };
  const actions: string[] = [];
  const resources: string[] = [];
  for (const kind of Object.keys(PROTECTED_ACTIONS) as ProtectedKind[]) {
    if (names[kind].length === 0) continue;
    actions.push(...PROTECTED_ACTIONS[kind]);
    resources.push(...names[kind].map(ARN_OF[kind]));
  }
  return {
    sid: input.sid,
    action: actions,
    resource: resources,
    condition: withExceptions({}, { principalArnPatterns: input.adminPrincipalArnPatterns, exemptCallsViaAwsServices: false }),
  };
}
