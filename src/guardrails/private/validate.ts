import { Token } from 'aws-cdk-lib';
import { findDuplicates, validate } from '../../core/private/validators';

/**
 * Checks specific to guardrails, built on the core validators.
 *
 * Stopgap: `core/private/validators.ts` has no rule yet for IAM action
 * patterns, principal ARN patterns (with `*`), statement ids or
 * Organizations target IDs; they live here, small, until core has them.
 * Every function returns problem sentences (empty when valid) and lets
 * unresolved tokens through.
 */

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const PRINCIPAL_ARN_PATTERN = /^arn:(\*|aws|aws-cn|aws-us-gov):(iam|sts)::(\d{12}|[\d?]*\*[\d*?]*|[\d?]{12}):(role|user|assumed-role|root|federated-user)(\/.*)?$/;
const SID = /^[A-Za-z0-9]{1,100}$/;

/** `prop` must be a non-empty list of IAM action patterns (`s3:*`, `s3:GetObject`, `s3:Get*`). */
export function checkActions(prop: string, actions: ReadonlyArray<string> | undefined, required: boolean): string[] {
  if (actions === undefined) {
    return required ? [`${prop} is required: list the actions to deny, e.g. ["s3:*"]`] : [];
  }
  if (Token.isUnresolved(actions)) return [];
  const problems: string[] = [];
  if (required && actions.length === 0) {
    problems.push(`${prop} must not be empty: list the actions to deny, e.g. ["s3:*"]`);
  }
  actions.forEach((a, i) => {
    if (Token.isUnresolved(a)) return;
    if (a === '*') {
      problems.push(`${prop}[${i}] is "*": name the services instead (e.g. "s3:*", "kms:*"), a guardrail on every action also blocks the calls that keep accounts running`);
    } else if (!ACTION.test(a)) {
      problems.push(`${prop}[${i}] must be an IAM action "<service>:<action>" (wildcards * and ? allowed, e.g. "s3:*"), got ${JSON.stringify(a)}: check the spelling in the service authorization reference`);
    }
  });
  problems.push(...duplicates(prop, actions));
  return problems;
}

/** `prop` must list IAM principal ARNs or patterns (`arn:aws:iam::*:role/Admin`), without a bare `*`. */
export function checkPrincipalArnPatterns(prop: string, arns: ReadonlyArray<string> | undefined): string[] {
  if (arns === undefined || Token.isUnresolved(arns)) return [];
  const problems: string[] = [];
  arns.forEach((a, i) => {
    if (Token.isUnresolved(a)) return;
    if (!PRINCIPAL_ARN_PATTERN.test(a)) {
      problems.push(`${prop}[${i}] must be an IAM principal ARN or pattern "arn:<partition>:iam::<account or *>:role/<name or pattern>" `
        + `(e.g. "arn:aws:iam::*:role/SecurityAdmin"), got ${JSON.stringify(a)}: copy the role ARN and replace only the parts that vary with *`);
    }
  });
  problems.push(...duplicates(prop, arns));
  return problems;
}

/** A statement id: letters and digits only (IAM rejects anything else, A-62). */
export function checkSid(prop: string, sid: string | undefined): string[] {
  if (sid === undefined || Token.isUnresolved(sid)) return [];
  if (SID.test(sid)) return [];
  return [`${prop} must be 1-100 letters or digits (IAM accepts nothing else in a Sid), got ${JSON.stringify(sid)}: remove spaces and punctuation`];
}

/**
 * An Organizations policy target: a root ID (`r-`), an OU ID (`ou-`) or a
 * 12-digit account ID, validated by the core rule for its kind.
 */
export function checkTargetId(prop: string, id: string): string | undefined {
  if (Token.isUnresolved(id)) return undefined;
  if (id.startsWith('r-')) return validate('rootId', prop, id);
  if (id.startsWith('ou-')) return validate('ouId', prop, id);
  if (/^[\d\s-]+$/.test(id)) return validate('accountId', prop, id);
  return `${prop} must be a root ID ("r-ab12"), an OU ID ("ou-ab12-11111111") or a 12-digit account ID, got ${JSON.stringify(id)}: `
    + 'find them with `aws organizations list-roots`, `list-organizational-units-for-parent` or `list-accounts`';
}

/** Resource ARNs or patterns: a non-empty string starting with `arn:` or exactly `*`. */
export function checkResources(prop: string, resources: ReadonlyArray<string> | undefined): string[] {
  if (resources === undefined || Token.isUnresolved(resources)) return [];
  const problems: string[] = [];
  if (resources.length === 0) {
    problems.push(`${prop} must not be empty: leave it out to cover every resource ("*")`);
  }
  resources.forEach((r, i) => {
    if (Token.isUnresolved(r)) return;
    if (r !== '*' && !/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/.test(r)) {
      problems.push(`${prop}[${i}] must be "*" or a resource ARN (pattern) "arn:<partition>:<service>:<region>:<account>:<resource>", got ${JSON.stringify(r)}`);
    }
  });
  problems.push(...duplicates(prop, resources));
  return problems;
}

/** Names of a given kind (role, topic, ...): validated by `check` one by one, plus duplicates. */
export function duplicates(prop: string, values: ReadonlyArray<string>): string[] {
  const d = findDuplicates(values.filter((v) => !Token.isUnresolved(v)));
  return d.length > 0 ? [`${prop} lists ${d.map((v) => JSON.stringify(v)).join(', ')} more than once: remove the duplicates`] : [];
}
