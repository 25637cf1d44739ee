import { isUnresolved } from '../../core/private/tokens';
import { duplicateProblems, validate } from '../../core/private/validators';

/**
 * `prop` must be a non-empty list of distinct IAM service prefixes. An
 * unresolved list passes; so does each unresolved element.
 */
export function checkServicePrefixes(prop: string, values: ReadonlyArray<string> | undefined): string[] {
  if (values === undefined) {
    return [`${prop} is required: list the service prefixes to deny, e.g. ["route53"]`];
  }
  if (isUnresolved(values)) return [];
  const problems: string[] = [];
  if (values.length === 0) {
    problems.push(`${prop} must not be empty: list the service prefixes to deny, e.g. ["route53"]`);
  }
  values.forEach((value, i) => {
    const p = validate('iamServicePrefix', `${prop}[${i}]`, value);
    if (p) problems.push(p);
  });
  problems.push(...duplicateProblems(prop, values));
  return problems;
}
