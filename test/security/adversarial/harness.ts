/**
 * The adversarial harness: configurations (what the README and examples/
 * deploy), moves (what an attacker tries, as data, see `moves.ts`) and one
 * function that asks the simulator about every pair.
 *
 * Reuse: build a `Configuration` from any synthesized app with
 * `configurationFromApp()`, write moves as `Move` records, and call
 * `expandMoves()` + `decideMove()`; a move whose placeholders the
 * configuration cannot fill is not applicable to it (and is counted so).
 *
 * How a request is decided (the worst case for the defender):
 * - member-account principals (the member admin, the StackSet execution
 *   role, the security admin's role, the vendor's audit role) have an
 *   identity policy `Allow *`, and the resource's own policy allows them
 *   too; the SCPs of the configuration sit next to `FullAWSAccess`;
 * - outsiders have `Allow *` too, and the resource policy allows them (a
 *   member admin could write that): only the configuration's RCPs decide.
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ALLOW_ALL, PolicyDoc, organizationPolicies, resolveTemplate, simulate } from '../../harness';

/** The organization and accounts of every configuration (fake, format-valid). */
export const ORG_ID = 'o-a1b2c3d4e5';
export const MEMBER = '222233334444';
/** The security account: a target too, where a named-account admin works. */
export const SECURITY = '444455556666';
export const OUTSIDER = '999988887777';
export const VENDOR = '111122223333';
export const REGION = 'us-east-1';

/** The audit-setup tag, as the library's constructs set it. */
export const TAG_KEY = 'audit-baseline:protected';

/** Names of the audit setup a configuration deploys in each member account, by kind. */
export interface Setup {
  readonly roles: string[];
  readonly rules: string[];
  readonly topics: string[];
  readonly queues: string[];
  readonly trails: string[];
}

/** Which guardrails a configuration has, for the moves that only one kind of guardrail stops. */
export type Feature = 'protect' | 'leave' | 'regions' | 'perimeter' | 'services' | 'sourceIp' | 'rcp';

/** One configuration under attack. */
export interface Configuration {
  /** Where it is shown, e.g. `examples/guardrails-org-perimeter.ts`. */
  readonly name: string;
  readonly scps: PolicyDoc[];
  readonly rcps: PolicyDoc[];
  readonly features: Feature[];
  /** The setup the configuration protects by name (as the README or example names it). */
  readonly setup: Setup;
  /** Member-account principals that must keep changing the setup (the security admin's role). */
  readonly admins: string[];
  /** Names of the vendor's audit roles in member accounts (they must keep reading). */
  readonly vendorRoles: string[];
  /** Regions requests may target, when the configuration restricts them. */
  readonly allowedRegions?: string[];
  /** A network requests may come from, when the configuration restricts it. */
  readonly allowedIp?: string;
}

/** A placeholder of a move: filled from the configuration; a move with a placeholder the configuration cannot fill does not apply. */
export type Placeholder = 'role' | 'rule' | 'topic' | 'queue' | 'trail' | 'exempt' | 'exemptElsewhere' | 'vendorRole' | 'admin';

/** One move of an attacker, or one legitimate operation, as data. */
export interface Move {
  readonly attacker: 'member-admin' | 'outsider' | 'legitimate';
  /** What the move tries, in a few words; `{x}` is filled in. */
  readonly description: string;
  /** The issue 13 finding it re-tries, if any. */
  readonly finding?: number;
  readonly action: string;
  /** The resource ARN, with placeholders: `{member}`, `{region}`, `{role}`, `{rule}`, `{topic}`, `{queue}`, `{trail}`, `{exempt}`, ... */
  readonly resource: string;
  /** The caller: default the member admin (`arn:aws:iam::{member}:role/Admin`) or, for outsiders, a role of the outsider account. */
  readonly principal?: string;
  readonly context?: Record<string, string | string[]>;
  /** The guardrail kind the move needs; absent: every configuration (member-admin moves: every one with `protect`). */
  readonly requires?: Feature;
  /** The expected decision: `denied` for attacks (default), `allowed` for legitimate operations. */
  readonly expect?: 'denied' | 'allowed';
}

/** A move with its placeholders filled, ready to simulate. */
export interface ConcreteMove extends Move {
  readonly principal: string;
  readonly title: string;
}

const ROLE_ARN = /^arn:[^:]+:iam::([^:]*):role\/(.+)$/;

/**
 * The role names the SCPs exempt (`ArnNotLike` on `aws:PrincipalArn`),
 * read from the policies themselves so that every exemption is attacked,
 * `*` replaced by a concrete string. `wildcardAccount` picks the ones that
 * hold in every account (claimable by name) or the ones tied to one account.
 */
export function exemptRoleNames(scps: PolicyDoc[], wildcardAccount: boolean): string[] {
  const names = new Set<string>();
  for (const doc of scps) {
    for (const s of doc.Statement as any[]) {
      const v = s.Condition?.ArnNotLike?.['aws:PrincipalArn'];
      for (const arn of v === undefined ? [] : Array.isArray(v) ? v : [v]) {
        const m = ROLE_ARN.exec(arn);
        if (m && (m[1] === '*' || !/^\d{12}$/.test(m[1])) === wildcardAccount) names.add(m[2].replace(/\*/g, 'claimed'));
      }
    }
  }
  return [...names];
}

/** The values a placeholder takes in a configuration. */
function valuesOf(c: Configuration, p: Placeholder): string[] {
  switch (p) {
    case 'role': return c.setup.roles;
    case 'rule': return c.setup.rules;
    case 'topic': return c.setup.topics;
    case 'queue': return c.setup.queues;
    case 'trail': return c.setup.trails;
    case 'exempt': return exemptRoleNames(c.scps, true);
    case 'exemptElsewhere': return exemptRoleNames(c.scps, false);
    case 'vendorRole': return c.vendorRoles;
    case 'admin': return c.admins;
  }
}

const PLACEHOLDER = /\{(role|rule|topic|queue|trail|exempt|exemptElsewhere|vendorRole|admin)\}/g;

/**
 * Every concrete instance of the moves for a configuration: one per value
 * of the (single) setup placeholder a move uses; `{member}`, `{region}`,
 * `{outsider}`, `{vendor}` are fixed, and `{principalAccount}` in a resource is the caller's account. Returns the applicable instances and
 * the number of moves that did not apply.
 */
export function expandMoves(c: Configuration, moves: ReadonlyArray<Move>): { instances: ConcreteMove[]; notApplicable: number } {
  const instances: ConcreteMove[] = [];
  let notApplicable = 0;
  for (const move of moves) {
    // the member admin is stopped by SCPs: its moves need the protection guardrail at least
    const requires = move.requires ?? (move.attacker === 'member-admin' ? 'protect' : undefined);
    if (requires && !c.features.includes(requires)) {
      notApplicable++;
      continue;
    }
    const text = [move.resource, move.principal ?? '', move.description, JSON.stringify(move.context ?? {})].join(' ');
    const used = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as Placeholder))];
    if (used.length > 1) throw new Error(`move "${move.description}" uses ${used.join(', ')}: one setup placeholder per move`);
    const values = used.length === 0 ? [''] : valuesOf(c, used[0]);
    if (values.length === 0) {
      notApplicable++;
      continue;
    }
    for (const value of values) {
      const fill = (s: string) => s.replace(PLACEHOLDER, value).replace(/\{member\}/g, MEMBER).replace(/\{region\}/g, REGION)
        .replace(/\{outsider\}/g, OUTSIDER).replace(/\{vendor\}/g, VENDOR);
      const context = move.context && JSON.parse(fill(JSON.stringify(move.context)));
      const defaultPrincipal = move.attacker === 'outsider' ? `arn:aws:iam::${OUTSIDER}:role/Attacker` : `arn:aws:iam::${MEMBER}:role/Admin`;
      const principal = fill(move.principal ?? defaultPrincipal);
      instances.push({
        ...move,
        principal,
        resource: fill(move.resource).replace(/\{principalAccount\}/g, accountOf(principal)),
        description: fill(move.description),
        context,
        title: `${move.attacker}: ${fill(move.description)}${move.finding ? ` (finding ${move.finding})` : ''}`,
      });
    }
  }
  return { instances, notApplicable };
}

/** The account of an ARN, else the member account (actions on `*`, S3 ARNs). */
function accountOf(arn: string): string {
  const a = arn.split(':')[4];
  return /^\d{12}$/.test(a ?? '') ? a : MEMBER;
}

/** Simulates a concrete move against a configuration; returns the decision. */
export async function decideMove(c: Configuration, m: ConcreteMove): Promise<string> {
  // SCPs apply to the IAM principals of the member accounts only (not to outsiders, nor to AWS service principals).
  const memberPrincipal = m.attacker !== 'outsider' && m.principal.startsWith('arn:') && [MEMBER, SECURITY].includes(accountOf(m.principal));
  const outsider = !memberPrincipal;
  const principalOrg = accountOf(m.principal) === OUTSIDER || accountOf(m.principal) === VENDOR ? undefined : ORG_ID;
  const result = await simulate({
    principal: m.principal,
    action: m.action,
    resource: m.resource,
    resourceAccount: accountOf(m.resource),
    identityPolicies: [ALLOW_ALL],
    resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: m.principal }, Action: '*', Resource: '*' }] },
    // SCPs apply only to principals of the member accounts; RCPs to the member accounts' resources.
    scps: outsider ? undefined : c.scps,
    rcps: c.rcps.length > 0 ? c.rcps : undefined,
    context: {
      ...(principalOrg ? { 'aws:PrincipalOrgID': principalOrg } : {}),
      'aws:ResourceOrgID': ORG_ID,
      ...(c.allowedIp && !outsider ? { 'aws:SourceIp': c.allowedIp } : {}),
      ...(m.context ?? {}),
    },
    allowIgnoredContextKeys: true,
  });
  return result.result;
}

/** The SCP and RCP documents of every stack of an app (synthesized, with nested Stage assemblies). */
export function policiesOfApp(app: App): { scps: PolicyDoc[]; rcps: PolicyDoc[] } {
  const templates = templatesOf(app.synth());
  return {
    scps: templates.flatMap((t) => organizationPolicies(resolveTemplate(t), 'SERVICE_CONTROL_POLICY')),
    rcps: templates.flatMap((t) => organizationPolicies(resolveTemplate(t), 'RESOURCE_CONTROL_POLICY')),
  };
}

/** Every stack template of an assembly and of the assemblies nested in it (StackSet member templates live in Stages). */
export function templatesOf(assembly: CloudAssembly): any[] {
  return [...assembly.stacks.map((s) => s.template), ...assembly.nestedAssemblies.flatMap((n) => templatesOf(n.nestedAssembly))];
}
