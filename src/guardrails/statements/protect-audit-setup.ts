import { AUDIT_POLICY_PATH, AUDIT_TAG_KEY, AUDIT_TAG_VALUE } from '../../core/private/audit-tag';
import { PROTECTED_ACTIONS, ProtectedKind, TAGGED_ACTIONS } from '../private/protected-actions';
import { GuardrailStatement, anyPartitionArn, anyRoleArn, withExceptions } from '../private/statement';

/** Input of `protectAuditSetupStatements`: the physical names to protect, by kind. */
export interface ProtectAuditSetupInput {
  /** The statement id; the tag statements get `Tagged` and `TagKey` appended. */
  readonly sid: string;
  /** IAM role names, optionally with their path (a trailing `*` protects a name prefix). */
  readonly roleNames: string[];
  /** EventBridge rule names on the default bus, or `<bus>/<rule>`. */
  readonly ruleNames: string[];
  /** SNS topic names. */
  readonly topicNames: string[];
  /** SQS queue names. */
  readonly queueNames: string[];
  /** CloudTrail trail names. */
  readonly trailNames: string[];
  /** Also protect the resources tagged as part of the audit setup, and the tag itself. */
  readonly protectTagged: boolean;
  /** `aws:PrincipalArn` patterns that may still change the setup. */
  readonly adminPrincipalArnPatterns: string[];
}

/**
 * The role ARN patterns that protect a role name: the name at the root path
 * and under any path. Role names are unique in an account whatever the path,
 * so a role `/x/<name>` would keep the StackSet from creating `<name>`.
 */
export function protectedRoleArns(nameWithPath: string): string[] {
  const name = nameWithPath.slice(nameWithPath.lastIndexOf('/') + 1);
  return [anyRoleArn(name), anyRoleArn(`*/${name}`)];
}

/** The ARN pattern of the customer managed policies of the audit setup (by their path). */
export const AUDIT_POLICY_ARN = anyPartitionArn('iam', `policy${AUDIT_POLICY_PATH}*`, '');

/** The ARN patterns (any partition, region and account) of each kind's named resource. */
const ARNS_OF: Record<Exclude<ProtectedKind, 'policy'>, (name: string) => string[]> = {
  role: protectedRoleArns,
  rule: (n) => [anyPartitionArn('events', `rule/${n}`)],
  topic: (n) => [anyPartitionArn('sns', n)],
  queue: (n) => [anyPartitionArn('sqs', n)],
  trail: (n) => [anyPartitionArn('cloudtrail', `trail/${n}`)],
};

/**
 * Deny every write to the audit setup except by the admin principals.
 *
 * 1. By name: the action list of each kind of resource present, and the
 *    ARN patterns of every protected resource (roles under any path, the
 *    managed policies under the audit-setup path). A combination of one
 *    kind's action with another kind's ARN never matches a request, so the
 *    single statement denies exactly the per-kind pairs.
 * 2. By tag (`protectTagged`): the writes on any resource whose
 *    `aws:ResourceTag` marks it as part of the setup, for the parts
 *    CloudFormation names.
 * 3. The tag itself: any request that sets or removes the tag key
 *    (`aws:TagKeys`, on create and on tag/untag calls).
 *
 * No `aws:ViaAWSService` exception on purpose: CloudFormation calls on the
 * caller's behalf, so exempting calls made through AWS services would let
 * any principal change the setup by deploying a stack.
 */
export function protectAuditSetupStatements(input: ProtectAuditSetupInput): GuardrailStatement[] {
  const names: Record<Exclude<ProtectedKind, 'policy'>, string[]> = {
    role: input.roleNames,
    rule: input.ruleNames,
    topic: input.topicNames,
    queue: input.queueNames,
    trail: input.trailNames,
  };
  const actions: string[] = [];
  const resources: string[] = [];
  for (const kind of Object.keys(ARNS_OF) as Array<keyof typeof ARNS_OF>) {
    if (names[kind].length === 0) continue;
    actions.push(...PROTECTED_ACTIONS[kind]);
    resources.push(...names[kind].flatMap(ARNS_OF[kind]));
  }
  if (input.protectTagged) {
    actions.push(...PROTECTED_ACTIONS.policy);
    resources.push(AUDIT_POLICY_ARN);
  }
  const except = (condition: GuardrailStatement['condition']) =>
    withExceptions(condition ?? {}, { principalArnPatterns: input.adminPrincipalArnPatterns, exemptCallsViaAwsServices: false });
  const statements: GuardrailStatement[] = [{ sid: input.sid, action: actions, resource: unique(resources), condition: except({}) }];
  if (input.protectTagged) {
    statements.push({
      sid: `${input.sid}Tagged`,
      action: [...TAGGED_ACTIONS],
      resource: ['*'],
      condition: except({ StringEquals: { [`aws:ResourceTag/${AUDIT_TAG_KEY}`]: AUDIT_TAG_VALUE } }),
    });
    statements.push({
      sid: `${input.sid}TagKey`,
      action: ['*'],
      resource: ['*'],
      condition: except({ 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': [AUDIT_TAG_KEY] } }),
    });
  }
  return statements;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
