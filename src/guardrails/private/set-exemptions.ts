import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { Exemption, claimableExemptionProblems, globCovers, parsePrincipalPattern } from './exemptions';
import { isUnresolved } from '../../core/private/tokens';
import type { Guardrail } from '../guardrail';

/**
 * The checks an SCP set makes across its guardrails at synthesis:
 *
 * - every exemption with a wildcard account is a role name that a
 *   `protectAuditSetup` guardrail of the same set protects (the same
 *   policies reach every target, so the name is protected wherever the
 *   exemption holds);
 * - no role of the app that the set exempts is trusted by
 *   `cloudformation.amazonaws.com` beside the protection guardrail (the
 *   StackSet execution role's `cloudFormationServiceTrust`): a service role
 *   of CloudFormation acts for whoever starts the stack.
 */
export function exemptionProblems(scope: IConstruct, guardrails: ReadonlyArray<Guardrail>): string[] {
  const exemptions: Exemption[] = guardrails.flatMap((g, i) =>
    g._exemptPrincipalArns().map((pattern) => ({ where: `guardrails[${i}] (${g._factory()}, sid ${JSON.stringify(g.sid)})`, pattern })));
  const protectedRoles = guardrails.flatMap((g) => g._protectedRoleArns());
  const problems = claimableExemptionProblems(exemptions, protectedRoles);
  if (protectedRoles.length > 0) problems.push(...cloudFormationTrustProblems(scope, exemptions.map((e) => e.pattern)));
  return problems;
}

function cloudFormationTrustProblems(scope: IConstruct, exemptPatterns: string[]): string[] {
  const roleParts = exemptPatterns.map((p) => parsePrincipalPattern(p)).filter((p) => p?.type === 'role').map((p) => `role/${p!.name}`);
  const problems: string[] = [];
  for (const c of scope.node.root.node.findAll()) {
    if (!iam.CfnRole.isCfnRole(c) || typeof c.roleName !== 'string' || isUnresolved(c.roleName)) continue;
    const path = typeof c.path === 'string' && !isUnresolved(c.path) ? c.path : '/';
    const rolePart = `role${path}${c.roleName}`;
    if (!roleParts.some((p) => globCovers(p, rolePart))) continue;
    if (!trustsCloudFormation(Stack.of(c).resolve(c.assumeRolePolicyDocument))) continue;
    problems.push(`the role ${JSON.stringify(c.roleName)} (${c.node.path}) is exempt from these guardrails and trusts cloudformation.amazonaws.com, `
      + 'so a member-account administrator who may pass it could act as it through a stack: turn its CloudFormation service trust off '
      + '(cloudFormationServiceTrust: false); StackSets assume the execution role without it');
  }
  return problems;
}

/** True when a trust policy lets the CloudFormation service principal assume the role. */
function trustsCloudFormation(doc: unknown): boolean {
  const statements = (doc as { Statement?: unknown[] } | undefined)?.Statement ?? [];
  return statements.some((s) => {
    const st = s as { Effect?: string; Principal?: { Service?: unknown } };
    if (st.Effect !== 'Allow') return false;
    const service = st.Principal?.Service;
    const list = Array.isArray(service) ? service : [service];
    return list.some((v) => typeof v === 'string' ? /^cloudformation\./.test(v) : JSON.stringify(v ?? '').includes('cloudformation.'));
  });
}
