/**
 * Checks that no exemption of a guardrail can be claimed by someone it is
 * not meant for, and that no wildcard turns a guardrail into a no-op.
 *
 * An exempt principal is an `aws:PrincipalArn` pattern. A pattern with a
 * literal account names principals of that one account. A pattern with a
 * wildcard account (`arn:aws:iam::*:role/SecurityAdmin`) names a role in
 * every account the policy applies to, so any administrator of a member
 * account could create a role of that name, or rewrite its trust, and act
 * as it: such a pattern is accepted only when the same SCP set protects
 * the role name (creation under any path, trust, policies, passing) with
 * `Guardrail.protectAuditSetup()`.
 */

const ARN = /^arn:([^:]*):(iam|sts)::([^:]*):([a-z-]+)(?:\/(.*))?$/;

/** The parts of a principal ARN pattern, or undefined when it is not one. */
export function parsePrincipalPattern(pattern: string): { account: string; type: string; name: string } | undefined {
  const m = ARN.exec(pattern);
  return m ? { account: m[3], type: m[4], name: m[5] ?? '' } : undefined;
}

/** True when the account part is not one literal account ID. */
export function hasWildcardAccount(pattern: string): boolean {
  const p = parsePrincipalPattern(pattern);
  return p !== undefined && !/^\d{12}$/.test(p.account);
}

/** The CDK bootstrap template's CloudFormation execution role (`cdk-<qualifier>-cfn-exec-role-<account>-<region>`). */
const CDK_CFN_EXEC_ROLE = /cfn-exec-role/i;

/**
 * Problems of principal patterns that would make a guardrail a no-op or
 * hand its exemption to any member-account administrator, whatever else
 * the policy set holds: a pattern with no name (it matches no principal),
 * a wildcard account with a name that is only
 * wildcards (every role, user or session of every account), and the CDK bootstrap execution role, which anyone who may
 * deploy with CDK in the account (its deploy role trusts the account)
 * passes to CloudFormation.
 */
export function principalPatternProblems(prop: string, patterns: ReadonlyArray<string> | undefined): string[] {
  const problems: string[] = [];
  (patterns ?? []).forEach((pattern, i) => {
    const p = parsePrincipalPattern(pattern);
    if (!p) return; // the format validator reports it
    if (p.type !== 'root' && p.name === '') {
      // "arn:aws:iam::*:role": no principal's ARN ends there, so it matches none.
      problems.push(`${prop}[${i}] is ${JSON.stringify(pattern)}, which names no ${p.type}: no principal's ARN matches it, so it exempts nothing; `
        + `add the name after "${p.type}/", e.g. "arn:aws:iam::444455556666:role/SecurityAdmin"`);
    } else if (hasWildcardAccount(pattern) && (p.type === 'root' || /^[*/?]*$/.test(p.name))) {
      problems.push(`${prop}[${i}] is ${JSON.stringify(pattern)}, which matches every ${p.type === 'root' ? 'account\'s root user' : `${p.type} of every account`} `
        + 'and turns the guardrail into a no-op: name the roles, e.g. "arn:aws:iam::444455556666:role/SecurityAdmin"');
    }
    if (CDK_CFN_EXEC_ROLE.test(p.name)) {
      problems.push(`${prop}[${i}] is ${JSON.stringify(pattern)}, the CDK bootstrap CloudFormation execution role: every principal `
        + 'that may assume the account\'s CDK deploy role (by default, the account itself) can pass it to CloudFormation and act as it, '
        + 'so exempting it exempts the member account\'s administrators; deploy the audit setup with StackSets, whose execution role is exempt');
    }
  });
  return problems;
}

/** True when every name `inner` matches is also matched by `outer` (IAM `*` and `?` wildcards). */
export function globCovers(outer: string, inner: string): boolean {
  const re = new RegExp(`^${outer.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '[^*]' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('')}$`);
  return re.test(inner);
}

/** One exemption of one guardrail, for the error message. */
export interface Exemption {
  /** Where it comes from, e.g. `guardrails[1] (sid "DenyRegionsOutside")`. */
  readonly where: string;
  /** The `aws:PrincipalArn` pattern. */
  readonly pattern: string;
}

/** The onboarding roles' names, matched in exemption patterns (see `onboarding.ts`). */
const ONBOARDING_NAME = /^(stacksets-exec-\*|AWSCloudFormationStackSetExecutionRole|AWSControlTowerExecution|aws-controltower-ConfigRecorderRole|aws-controltower-ForwardSnsNotificationRole|AWSControlTower_VPCFlowLogsRole)$/;

/**
 * The exemptions with a wildcard account whose role name no protected
 * pattern covers, one sentence per guardrail and kind (the onboarding
 * machinery's names together). `protectedRoleArns` are the role ARN
 * patterns that a `protectAuditSetup` guardrail of the same set protects.
 */
export function claimableExemptionProblems(exemptions: ReadonlyArray<Exemption>, protectedRoleArns: ReadonlyArray<string>): string[] {
  const machinery = new Map<string, string[]>();
  const own = new Map<string, Array<{ pattern: string; name?: string }>>();
  for (const { where, pattern } of exemptions) {
    if (!hasWildcardAccount(pattern)) continue;
    const p = parsePrincipalPattern(pattern)!;
    const roleName = p.type === 'role' ? p.name : p.type === 'assumed-role' ? p.name.split('/')[0] : undefined;
    if (roleName !== undefined && protectedRoleArns.some((arn) => globCovers(arn.slice(arn.indexOf(':role/') + 1), `role/${roleName}`))) continue;
    const target = roleName !== undefined && ONBOARDING_NAME.test(roleName) ? machinery : own;
    if (target === machinery) machinery.set(where, [...(machinery.get(where) ?? []), roleName!]);
    else own.set(where, [...(own.get(where) ?? []), { pattern, name: roleName }]);
  }
  const problems: string[] = [];
  for (const [where, names] of machinery) {
    problems.push(`${where} exempts the onboarding machinery (${names.join(', ')}) in every account of the targets, but no `
      + 'Guardrail.protectAuditSetup() of this OrgGuardrailScp protects those role names, so any administrator of a member account can create '
      + 'a role with one of them and escape the guardrail: add Guardrail.protectAuditSetup() (exemptOnboardingMachinery left on) to the same '
      + 'guardrails, or set exemptOnboardingMachinery: false on this guardrail');
  }
  for (const [where, list] of own) {
    for (const { pattern, name } of list) {
      problems.push(`${where} exempts ${JSON.stringify(pattern)} in every account of the targets, so any administrator of a member account can `
        + 'create a principal that matches it (or take over a role by rewriting its trust) and escape the guardrail: '
        + claimableExemptionFix(name));
    }
  }
  return problems;
}

/** What to do about an exemption in every account, by the role name it exempts (undefined: not a role). */
function claimableExemptionFix(roleName: string | undefined): string {
  if (roleName === undefined) {
    return 'name one account in the ARN instead of "*" (only role names can be protected)';
  }
  if (/[*?]/.test(roleName)) {
    return `name one account in the ARN instead of "*", or exempt literal role names (protectAuditSetup protects names, not a pattern such as ${JSON.stringify(roleName)})`;
  }
  return `add Guardrail.protectAuditSetup({ roleNames: [${JSON.stringify(roleName)}] }) to this same OrgGuardrailScp, so that the same policies `
    + 'protect the name in every target, or name one account in the ARN instead of "*"';
}
