import { isUnresolved } from '../../core/private/tokens';
import { duplicateProblems, validateList } from '../../core/private/validators';

/**
 * Checks specific to guardrails, built on the core validators: the shape of
 * guardrail props (required lists, resource patterns). The identifier rules
 * themselves (IAM actions, principal ARN patterns, Sids, Organizations
 * targets) are in `core/private/validators.ts`. Every function returns
 * problem sentences (empty when valid) and lets unresolved tokens through.
 */

/** `prop` must be a non-empty list of IAM action patterns (`s3:*`, `s3:GetObject`, `s3:Get*`). */
export function checkActions(prop: string, actions: ReadonlyArray<string> | undefined, required: boolean): string[] {
  if (actions === undefined) {
    return required ? [`${prop} is required: list the actions to deny, e.g. ["s3:*"]`] : [];
  }
  if (isUnresolved(actions)) return [];
  const problems: string[] = [];
  if (required && actions.length === 0) {
    problems.push(`${prop} must not be empty: list the actions to deny, e.g. ["s3:*"]`);
  }
  problems.push(...validateList('iamAction', prop, actions, { unique: true }));
  return problems;
}

/** Resource ARNs or patterns: a non-empty string starting with `arn:` or exactly `*`. */
export function checkResources(prop: string, resources: ReadonlyArray<string> | undefined): string[] {
  if (resources === undefined || isUnresolved(resources)) return [];
  const problems: string[] = [];
  if (resources.length === 0) {
    problems.push(`${prop} must not be empty: leave it out to cover every resource ("*")`);
  }
  resources.forEach((r, i) => {
    if (isUnresolved(r)) return;
    if (r !== '*' && !/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/.test(r)) {
      problems.push(`${prop}[${i}] must be "*" or a resource ARN (pattern) "arn:<partition>:<service>:<region>:<account>:<resource>", got ${JSON.stringify(r)}`);
    }
  });
  problems.push(...duplicateProblems(prop, resources));
  return problems;
}
