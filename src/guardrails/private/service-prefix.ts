import { Token } from 'aws-cdk-lib';
import { duplicateProblems, quote } from '../../core/private/validators';

/**
 * The format of an IAM service prefix (`route53`, `iam`, `aws-portal`,
 * `route53-recovery-control-config`): lowercase letters, digits and hyphens.
 * The library checks the format only; the tests prove that the prefixes its
 * docs and examples use exist in AWS's service authorization data, which is a
 * dev dependency and cannot be read here.
 */
const SERVICE_PREFIX = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A hint for a bad service prefix, or undefined when the format is right. */
function hint(value: string): string | undefined {
  if (SERVICE_PREFIX.test(value)) return undefined;
  if (value === '*' || value === '*:*') return 'it is every service: name the services to deny';
  if (value.trim() !== value) return 'remove the surrounding whitespace';
  if (value.includes(':')) {
    const prefix = value.split(':')[0];
    return SERVICE_PREFIX.test(prefix) ? `give only the service prefix, ${JSON.stringify(prefix)}: every action of it is denied` : 'give only the service prefix';
  }
  if (SERVICE_PREFIX.test(value.toLowerCase())) return `use lowercase letters (${JSON.stringify(value.toLowerCase())})`;
  if (value.includes('*') || value.includes('?')) return 'wildcards are not allowed: name each service';
  return 'check the prefix in the service authorization reference ("Actions, resources, and condition keys")';
}

/**
 * `prop` must be a non-empty list of distinct IAM service prefixes. An
 * unresolved list passes; so does each unresolved element.
 */
export function checkServicePrefixes(prop: string, values: ReadonlyArray<string> | undefined): string[] {
  if (values === undefined) {
    return [`${prop} is required: list the service prefixes to deny, e.g. ["route53"]`];
  }
  if (Token.isUnresolved(values)) return [];
  const problems: string[] = [];
  if (values.length === 0) {
    problems.push(`${prop} must not be empty: list the service prefixes to deny, e.g. ["route53"]`);
  }
  values.forEach((value, i) => {
    if (Token.isUnresolved(value)) return;
    const h = hint(value);
    if (h) problems.push(`${prop}[${i}] must be an IAM service prefix of lowercase letters, digits and hyphens (e.g. "route53"), got ${quote(value)}: ${h}`);
  });
  problems.push(...duplicateProblems(prop, values));
  return problems;
}
