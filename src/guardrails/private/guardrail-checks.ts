import * as iam from 'aws-cdk-lib/aws-iam';
import { principalPatternProblems } from './exemptions';
import { checkRoleName, collect, roleNameOf } from './names';
import { onboardingRoleNames } from './onboarding';
import { StatementExceptions, anyRoleArn } from './statement';
import { checkActions, checkResources } from './validate';
import { isUnresolved } from '../../core/private/tokens';
import { duplicateProblems, validate, validateList } from '../../core/private/validators';
import { GuardrailOptions, ResourcePerimeterOptions } from '../guardrail-options';
import { PerimeterStatementInput } from '../statements/perimeter';

/**
 * The checks and statement inputs the `Guardrail` factories share: the
 * problems of the common and perimeter options, the exemptions they render,
 * and the audit roles a guardrail exempts.
 */

/** The `aws:PrincipalArn` patterns of the onboarding machinery. */
export function onboardingArns(): string[] {
  return onboardingRoleNames().map(anyRoleArn);
}

export function exceptionsOf(options: GuardrailOptions, exemptCallsViaAwsServices: boolean): StatementExceptions {
  const machinery = options.exemptOnboardingMachinery ?? true;
  return {
    principalArnPatterns: [...(machinery ? onboardingArns() : []), ...(options.exemptPrincipalArns ?? [])],
    exemptCallsViaAwsServices,
  };
}

export function commonProblems(options: GuardrailOptions): string[] {
  const problems = validateList('principalArnPattern', 'exemptPrincipalArns', options.exemptPrincipalArns, { unique: true });
  problems.push(...principalPatternProblems('exemptPrincipalArns', options.exemptPrincipalArns));
  const sid = validate('sid', 'sid', options.sid);
  return sid ? [sid, ...problems] : problems;
}

export function perimeterProblems(options: ResourcePerimeterOptions): string[] {
  const problems = commonProblems(options);
  problems.push(...checkActions('actions', options.actions, true));
  problems.push(...checkResources('resources', options.resources));
  problems.push(...checkResources('exemptResources', options.exemptResources));
  (options.exemptResources ?? []).forEach((r, i) => {
    // "*", or an ARN that is wildcards after its partition ("arn:aws:*:*:*:*"):
    // every resource (of that partition, the only one the policy applies in).
    if (!isUnresolved(r) && (r === '*' || /^arn(:[^:]*)?(:[*/]*)+$/.test(r))) {
      problems.push(`exemptResources[${i}] is ${JSON.stringify(r)}, which exempts every resource and turns the guardrail into a no-op: `
        + 'list the AWS-owned resources your principals read on purpose, e.g. "arn:aws:s3:::aws-glue-assets-*"');
    }
  });
  problems.push(...wholeServiceExemptionProblems(options.actions, options.exemptResources));
  if (options.resources !== undefined && options.exemptResources !== undefined) {
    problems.push('resources and exemptResources cannot be combined: a statement has either Resource or NotResource; '
      + 'keep resources to cover only some resources, or exemptResources to cover all but some');
  }
  problems.push(...validateList('accountId', 'trustedAccounts', options.trustedAccounts, { unique: true }));
  return problems;
}

/**
 * Exemptions that cover every resource of a service ("arn:*:s3:::*",
 * "arn:aws:sqs:*:*:*") when every action of the guardrail is of such a
 * service: the statement then denies nothing. An exemption of one service
 * beside actions of another service leaves the guardrail something to deny,
 * and is accepted.
 */
function wholeServiceExemptionProblems(actions: string[] | undefined, exemptResources: string[] | undefined): string[] {
  const whole = new Map<string, number>();
  (exemptResources ?? []).forEach((r, i) => {
    const service = isUnresolved(r) ? undefined : /^arn:[^:]*:([a-z0-9-]+)(:\**)*:\*+$/.exec(r)?.[1];
    if (service !== undefined && !whole.has(service)) whole.set(service, i);
  });
  const literal = (actions ?? []).filter((a) => !isUnresolved(a));
  if (whole.size === 0 || literal.length === 0 || literal.length !== (actions ?? []).length) return [];
  const services = [...new Set(literal.map((a) => a.split(':')[0]))];
  if (!services.every((svc) => whole.has(svc))) return [];
  const named = services.map((svc) => `exemptResources[${whole.get(svc)}] ${JSON.stringify(exemptResources![whole.get(svc)!])}`);
  return [`${named.join(' and ')} ${named.length === 1 ? 'exempts' : 'exempt'} every resource of ${services.join(', ')}, the only service${services.length === 1 ? '' : 's'} of actions, `
    + 'so the guardrail denies nothing: list the AWS-owned resources your principals read on purpose instead, e.g. "arn:aws:s3:::aws-glue-assets-*"'];
}

export function perimeterInput(sid: string, options: ResourcePerimeterOptions): PerimeterStatementInput {
  return {
    sid,
    actions: options.actions ?? [],
    resources: options.resources ?? ['*'],
    notResources: options.exemptResources,
    trustedAccounts: options.trustedAccounts ?? [],
    exceptions: exceptionsOf(options, options.exemptCallsViaAwsServices ?? true),
  };
}

/**
 * The `aws:PrincipalArn` patterns of the audit roles, from names and
 * constructs. `auditRoleNames` is required: its absence, which only
 * a JavaScript caller can cause, is a problem.
 */
export function auditRoleArnPatterns(names: string[] | undefined, roles: iam.IRole[] | undefined, problems: string[]): string[] {
  if (names === undefined) {
    problems.push('auditRoleNames is required: name the security vendor\'s audit roles, which the guardrail would otherwise block, '
      + 'or pass [] when no vendor scans the target accounts');
  }
  const found: string[] = [];
  (names ?? []).forEach((name, i) => collect(found, problems, checkRoleName(name, `auditRoleNames[${i}]`)));
  (roles ?? []).forEach((role, i) => collect(found, problems, roleNameOf(role, `auditRoles[${i}]`)));
  problems.push(...duplicateProblems('auditRoleNames/auditRoles', found));
  return found.map(anyRoleArn);
}

/** The values in first-seen order, each once. */
export function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function push(problems: string[], p: string | undefined): void {
  if (p) problems.push(p);
}
