/**
 * The permissions boundary and key tag of `StackSetExecutionPermissions.fromTemplates`:
 * names, the escalation ceiling, and how a template is read for them.
 */
import { Aws, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** Default name of the permissions boundary managed policy (not `StackSet-*`, the prefix of generated names). */
export const DEFAULT_BOUNDARY_POLICY_NAME = 'AuditBaselineStackSetBoundary';

/** The tag every KMS key of a prepared template carries: the execution role administers only keys with it. */
export const TEMPLATE_KEY_TAG_KEY = 'audit-baseline:stack-set-key';
export const TEMPLATE_KEY_TAG_VALUE = 'true';

/**
 * What the boundary denies to every role the templates define, whatever
 * their policies say: IAM writes (so also any change to the boundary itself
 * or its removal), Organizations and account writes, key policies, grants
 * and key deletion. A template that grants one of them fails synthesis.
 */
export const DENIED_TO_TEMPLATE_ROLES: ReadonlyArray<string> = [
  'iam:Accept*', 'iam:Add*', 'iam:Associate*', 'iam:Attach*', 'iam:Change*', 'iam:Create*', 'iam:Deactivate*', 'iam:Delete*', 'iam:Detach*', 'iam:Disable*',
  'iam:Enable*', 'iam:Put*', 'iam:Reject*', 'iam:Remove*', 'iam:Reset*', 'iam:Resync*', 'iam:Send*', 'iam:Set*', 'iam:Tag*', 'iam:Untag*', 'iam:Update*', 'iam:Upload*',
  'organizations:Accept*', 'organizations:Attach*', 'organizations:Cancel*', 'organizations:Close*', 'organizations:Create*',
  'organizations:Decline*', 'organizations:Delete*', 'organizations:Deregister*', 'organizations:Detach*', 'organizations:Disable*',
  'organizations:Enable*', 'organizations:Invite*', 'organizations:Leave*', 'organizations:Move*', 'organizations:Put*',
  'organizations:Register*', 'organizations:Remove*', 'organizations:Tag*', 'organizations:Terminate*', 'organizations:Untag*', 'organizations:Update*',
  'account:Accept*', 'account:Close*', 'account:Delete*', 'account:Disable*', 'account:Enable*', 'account:Put*', 'account:Start*',
  'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:RevokeGrant', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:ReplicateKey',
];

/** Actions the boundary allows only on the templates' own roles. */
export const TEMPLATE_ROLES_ONLY: ReadonlyArray<string> = ['iam:PassRole', 'sts:AssumeRole'];

/** The boundary's ARN in the account where it is evaluated (the stack's). */
export function boundaryArn(name: string): string {
  return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:policy/${name}`;
}

/**
 * Gives every IAM role of `stack` the boundary and every KMS key the tag.
 * Idempotent: a second call with the same name changes nothing.
 */
export function prepareTemplateStack(stack: Stack, name: string): void {
  const id = `StackSetExecutionBoundary${name}`;
  const existing = stack.node.tryFindChild(id) as iam.IManagedPolicy | undefined;
  const policy = existing ?? iam.ManagedPolicy.fromManagedPolicyArn(stack, id, boundaryArn(name));
  if (existing) return;
  iam.PermissionsBoundary.of(stack).apply(policy);
  Tags.of(stack).add(TEMPLATE_KEY_TAG_KEY, TEMPLATE_KEY_TAG_VALUE, { includeResourceTypes: ['AWS::KMS::Key'] });
}

/**
 * A template value as a string, with `{partition}` and `{account}` for the
 * pseudo parameters; undefined for anything else an intrinsic computes.
 */
export function flatten(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const ref = (value as any)?.Ref;
  if (ref === 'AWS::Partition') return '{partition}';
  if (ref === 'AWS::AccountId') return '{account}';
  const join = (value as any)?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map(flatten);
    return parts.some((p: string | undefined) => p === undefined) ? undefined : parts.join(join[0]);
  }
  return undefined;
}

/** Whether IAM's `*`/`?` pattern `pattern` matches `value` (case-insensitive, as for actions). */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = true): boolean {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('')}$`, caseInsensitive ? 'i' : '');
  return re.test(value);
}

/**
 * Whether two action patterns can name a common action: some string matches
 * both (IAM compares actions case-insensitively). `iam:*Policy` and
 * `iam:Put*` overlap in `iam:PutRolePolicy`, although neither matches the
 * other as a literal.
 */
export function actionsOverlap(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const seen = new Map<number, boolean>();
  // Both patterns read together: a `*` may take nothing, or one character of
  // the other side and stay; two characters meet when equal or one is `?`.
  const step = (i: number, j: number): boolean => {
    if (i === x.length && j === y.length) return true;
    if (i < x.length && x[i] === '*' && meet(i + 1, j)) return true;
    if (j < y.length && y[j] === '*' && meet(i, j + 1)) return true;
    if (i === x.length || j === y.length) return false;
    if (x[i] === '*') return meet(i, j + 1);
    if (y[j] === '*') return meet(i + 1, j);
    return (x[i] === y[j] || x[i] === '?' || y[j] === '?') && meet(i + 1, j + 1);
  };
  const meet = (i: number, j: number): boolean => {
    const key = i * (y.length + 1) + j;
    let result = seen.get(key);
    if (result === undefined) {
      result = step(i, j);
      seen.set(key, result);
    }
    return result;
  };
  return meet(0, 0);
}
