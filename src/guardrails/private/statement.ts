/**
 * The internal shape of one guardrail statement, and the helpers every
 * statement builder in `../statements/` shares.
 *
 * Builders return plain data (no CDK objects) so that they stay pure
 * functions of their options, can be merged and packed by `packing.ts`, and
 * render to compact JSON with the keys in IAM's usual order.
 */

/** A condition block: operator -> key -> value(s). */
export type ConditionBlock = Record<string, Record<string, string | string[]>>;

/** One Deny statement of an SCP, an RCP or an identity policy. */
export interface GuardrailStatement {
  /** Alphanumeric statement id (IAM accepts only letters and digits). */
  readonly sid: string;
  /** `*` for resource control policies; absent for SCPs and identity policies. */
  readonly principal?: '*';
  /** The actions denied (exclusive with `notAction`). */
  readonly action?: string[];
  /** Every action except these is denied (exclusive with `action`). */
  readonly notAction?: string[];
  /** The resources the deny covers (exclusive with `notResource`). */
  readonly resource?: string[];
  /** Every resource except these is covered (exclusive with `resource`). */
  readonly notResource?: string[];
  /** The conditions, all of which must hold for the deny to apply. */
  readonly condition?: ConditionBlock;
}

/** The exceptions every SCP guardrail statement can carry. */
export interface StatementExceptions {
  /** `aws:PrincipalArn` patterns that the deny does not apply to. */
  readonly principalArnPatterns: string[];
  /** When true, requests an AWS service makes on a principal's behalf are not denied. */
  readonly exemptCallsViaAwsServices: boolean;
}

/**
 * Adds the exception conditions to a condition block (a new object is returned).
 *
 * - `ArnNotLike` on `aws:PrincipalArn`: the listed principals are exempt. The
 *   key is always present for IAM principals, which are the only principals
 *   an SCP applies to, so the plain operator is enough.
 * - `BoolIfExists` `aws:ViaAWSService` = `false`: the deny applies only to
 *   calls a principal makes directly. A call a service makes with
 *   forward access sessions carries `true` and is exempt.
 */
export function withExceptions(condition: ConditionBlock, exceptions: StatementExceptions): ConditionBlock {
  const out: ConditionBlock = { ...condition };
  if (exceptions.principalArnPatterns.length > 0) {
    out.ArnNotLike = { ...(out.ArnNotLike ?? {}), 'aws:PrincipalArn': [...exceptions.principalArnPatterns] };
  }
  if (exceptions.exemptCallsViaAwsServices) {
    out.BoolIfExists = { ...(out.BoolIfExists ?? {}), 'aws:ViaAWSService': 'false' };
  }
  return out;
}

/** A list of one renders as a plain string, which saves characters in size-limited documents. */
function compactList(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}

function compactCondition(condition: ConditionBlock): Record<string, Record<string, string | string[]>> {
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const [op, keys] of Object.entries(condition)) {
    const block: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(keys)) {
      block[key] = Array.isArray(value) ? compactList(value) : value;
    }
    out[op] = block;
  }
  return out;
}

/**
 * The statement as IAM JSON, keys in the usual order (Sid, Effect,
 * Principal, Action, Resource, Condition), one-element lists as strings.
 * Values may still hold CDK tokens; the caller resolves them.
 */
export function statementToJson(s: GuardrailStatement): Record<string, unknown> {
  const json: Record<string, unknown> = { Sid: s.sid, Effect: 'Deny' };
  if (s.principal) json.Principal = s.principal;
  if (s.action) json.Action = compactList(s.action);
  if (s.notAction) json.NotAction = compactList(s.notAction);
  if (s.resource) json.Resource = compactList(s.resource);
  if (s.notResource) json.NotResource = compactList(s.notResource);
  if (s.condition && Object.keys(s.condition).length > 0) json.Condition = compactCondition(s.condition);
  return json;
}

/** A policy document of the given statements, as IAM JSON. */
export function documentToJson(statements: GuardrailStatement[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements.map(statementToJson) };
}

/**
 * Builds an ARN pattern that matches in every partition (`arn:*:`), so the
 * policy text needs no `AWS::Partition` reference and its size is exact.
 * Region and account default to `*` (any).
 */
export function anyPartitionArn(service: string, resource: string, region = '*', account = '*'): string {
  return ['arn', '*', service, region, account, resource].join(':');
}

/** An IAM role ARN pattern in any partition and any account: `arn:*:iam::*:role/<nameOrPattern>`. */
export function anyRoleArn(nameOrPattern: string): string {
  return anyPartitionArn('iam', `role/${nameOrPattern}`, '');
}
