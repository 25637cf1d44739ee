/**
 * Shared fixtures of the guardrails tests: the AnyCompany organization of
 * seed 003's first post (R-311) with format-valid IDs (A-60), principals of
 * a member account, and helpers that synthesize guardrails and ask the
 * simulator about them.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Guardrail, OrgGuardrailScp, OrgGuardrailScpProps } from '../../src';
import { ALLOW_ALL, PolicyDoc, SimulateResult, organizationPolicies, resolveTemplate, simulate } from '../harness';

/** AnyCompany: root; Media, Sports, Governance; Baseball, Basketball, Football under Sports. */
export const ANY = {
  org: 'o-anycompany1',
  root: 'r-acroot',
  media: 'ou-acroot-mediaou1',
  sports: 'ou-acroot-sportsou',
  governance: 'ou-acroot-governan',
  baseball: 'ou-acroot-baseball',
  basketball: 'ou-acroot-basketba',
  football: 'ou-acroot-football',
} as const;

/** The organization path of an OU chain (root first), e.g. path(ANY.sports, ANY.baseball). */
export function orgPath(...ous: string[]): string {
  return [ANY.org, ANY.root, ...ous].join('/') + '/';
}

/** A member account of AnyCompany and its principals. */
export const MEMBER = '222233334444';
export const OTHER_MEMBER = '333344445555';
export const OUTSIDER = '999988887777';
export const VENDOR = '111122223333';
export const DEVELOPER = `arn:aws:iam::${MEMBER}:role/Developer`;
export const ADMIN = `arn:aws:iam::${MEMBER}:role/SecurityAdmin`;
export const STACKSET_EXEC = `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123456789abcdef`;
export const CONTROL_TOWER = `arn:aws:iam::${MEMBER}:role/AWSControlTowerExecution`;

/**
 * The guardrails plus, when none of them is a `protectAuditSetup`, the
 * protection an `OrgGuardrailScp` requires beside wildcard-account
 * exemptions (issue 13): the onboarding role names and the other exempt
 * role names, by name only (`protectTaggedResources: false`), under the sid
 * `FixtureProtection`. Tests of one guardrail stay about that guardrail.
 */
export function withRequiredProtection(guardrails: Guardrail[]): Guardrail[] {
  if (guardrails.some((g) => g._factory() === 'Guardrail.protectAuditSetup')) return guardrails;
  const onboarding = /^(stacksets-exec-\*|AWSCloudFormationStackSetExecutionRole|AWSControlTowerExecution|aws-controltower-.*|AWSControlTower_VPCFlowLogsRole)$/;
  const names = [...new Set(guardrails.flatMap((g) => g._exemptPrincipalArns())
    .map((arn) => /^arn:[^:]+:iam::[^:]*\*[^:]*:role\/(.+)$/.exec(arn)?.[1])
    .filter((n): n is string => n !== undefined && !onboarding.test(n)))];
  const needed = names.length > 0 || guardrails.some((g) => g._exemptPrincipalArns().some((arn) => /:role\/stacksets-exec-\*$/.test(arn)));
  return needed ? [...guardrails, Guardrail.protectAuditSetup({ sid: 'FixtureProtection', roleNames: names, protectTaggedResources: false })] : guardrails;
}

/** Synthesizes one OrgGuardrailScp and returns its resolved template. */
export function synthScp(props: Partial<OrgGuardrailScpProps> & { guardrails: Guardrail[] }): any {
  const stack = new Stack(new App(), 'Org');
  new OrgGuardrailScp(stack, 'Guardrails', { targetIds: [ANY.root], ...props, guardrails: withRequiredProtection(props.guardrails) });
  return resolveTemplate(Template.fromStack(stack).toJSON());
}

/** The SCP documents the guardrails render to. */
export function scpsOf(...guardrails: Guardrail[]): PolicyDoc[] {
  return organizationPolicies(synthScp({ guardrails }), 'SERVICE_CONTROL_POLICY');
}

/** One request of a member-account principal whose identity policy allows everything: the SCPs decide. */
export interface MemberRequest {
  readonly principal?: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context?: Record<string, string | string[]>;
}

/**
 * The decision of the SCPs on a request. The caller's identity policy
 * allows everything, and so does the resource's policy (for a resource in
 * another account): only the SCPs can deny.
 */
export async function decide(scps: PolicyDoc[], req: MemberRequest): Promise<SimulateResult['result']> {
  const principal = req.principal ?? DEVELOPER;
  const result = await simulate({
    principal,
    action: req.action,
    resource: req.resource,
    resourceAccount: req.resourceAccount,
    identityPolicies: [ALLOW_ALL],
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: '*', Resource: '*' }],
    },
    scps,
    context: { 'aws:PrincipalOrgID': ANY.org, ...(req.context ?? {}) },
  });
  return result.result;
}

/** The statements of a document besides the fixture's protection and protectAuditSetup's tag statements. */
export function ownStatements(doc: PolicyDoc): any[] {
  return (doc.Statement as any[]).filter((st) => st.Sid !== 'FixtureProtection' && !/(Tagged|TagKey)$/.test(st.Sid));
}
