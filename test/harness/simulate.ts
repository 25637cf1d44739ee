/**
 * "Is this request allowed?" for policies pulled out of a synthesized
 * template, with `@cloud-copilot/iam-simulate` (AGPL-3.0, a test-only dev
 * dependency that is never shipped).
 *
 * Role trust (can the vendor assume the audit role?): the trust policy is the
 * resource policy, the action `sts:AssumeRole`, the resource the role ARN.
 * A cross-account caller also needs its own identity policy to allow the call,
 * so give it {@link ALLOW_ALL} (the vendor's side is not ours to test): then
 * only the trust policy decides. `simulateAssumeRole` does exactly that.
 *
 * ```ts
 * const t = resolveTemplate(Template.fromStack(stack).toJSON());
 * await isAllowed({
 *   principal: 'arn:aws:iam::111122223333:role/Scanner', action: 'sts:AssumeRole',
 *   resource: arnOf(t, 'AuditRole'), resourcePolicy: trustPolicy(t, 'AuditRole'),
 *   identityPolicies: [ALLOW_ALL], context: { 'sts:ExternalId': 'ext-123' },
 * });
 * ```
 *
 * SCP check (does the guardrail deny what the role may do?): the principal's
 * identity policy allows the request (`ALLOW_ALL` or the role's own
 * documents), and `scps` decides: the SCPs are attached at one level together
 * with `FullAWSAccess`, as AWS attaches it by default (`scpLevels` gives every
 * level explicitly instead, with nothing added). RCPs likewise (the simulator
 * adds `RCPFullAWSAccess` itself).
 *
 * Context keys set by default, from the request, unless given in `context`:
 * - `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:userid`
 *   for IAM/STS principal ARNs (a role or assumed-role session gives the role ARN),
 * - `aws:PrincipalIsAWSService` (`true` for a service principal such as
 *   `sns.amazonaws.com`, which also gets `aws:PrincipalServiceName`; `false` otherwise),
 * - `aws:SecureTransport` = `true` (pass `'false'` to test TLS-only policies),
 * - `aws:RequestedRegion` = the resource ARN's region when it has one,
 * - `aws:ResourceAccount` = the resource account.
 * Not defaulted: `aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`,
 * `sts:ExternalId`, `aws:CurrentTime`: pass them when a policy tests them.
 *
 * Errors instead of silent results: a policy the simulator cannot parse (e.g.
 * an unresolved `{"Ref": ...}`), an unknown action, a resource that does not
 * fit the action, and a context key given in `context` that the simulator
 * ignores for this action (usually a typo) all throw.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDoc } from './policies';

/** One request and the policies that decide it. */
export interface SimulateRequest {
  /** The caller: an IAM/STS ARN (`arn:aws:iam::111122223333:role/Scanner`) or a service principal (`sns.amazonaws.com`). */
  readonly principal: string;
  /** The action, e.g. `sqs:SendMessage`. */
  readonly action: string;
  /** The resource ARN (or `*` for actions without resource types). */
  readonly resource: string;
  /** The principal's identity-based policies. */
  readonly identityPolicies?: PolicyDoc[];
  /** The resource-based policy (queue/topic/bucket/key policy, or a role's trust policy). */
  readonly resourcePolicy?: PolicyDoc;
  /** SCPs attached at one level below the root, together with FullAWSAccess. */
  readonly scps?: PolicyDoc[];
  /** SCPs by level (root first, account last), used exactly as given; excludes `scps`. */
  readonly scpLevels?: PolicyDoc[][];
  /** RCPs attached at one level (RCPFullAWSAccess is added by the simulator). */
  readonly rcps?: PolicyDoc[];
  /** The principal's permissions boundary. */
  readonly permissionBoundary?: PolicyDoc;
  /** Request context keys; they win over the defaults listed in the module comment. */
  readonly context?: Record<string, string | string[]>;
  /** The account that owns the resource. Default: the resource ARN's account (an error if it has none, e.g. S3). */
  readonly resourceAccount?: string;
  /** Do not throw when the simulator ignores a key of `context` for this request. */
  readonly allowIgnoredContextKeys?: boolean;
}

/** The decision, with the simulator's full response for diagnostics. */
export interface SimulateResult {
  readonly result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  readonly raw: unknown;
}

/** An identity policy that allows everything: lets the other policies of a request decide. */
export const ALLOW_ALL: PolicyDoc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** The FullAWSAccess SCP that AWS Organizations attaches to every root, OU and account by default. */
export const FULL_AWS_ACCESS_SCP: PolicyDoc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

const ARN = /^arn:([^:]+):([^:]*):([^:]*):([^:]*):(.*)$/;

/** The context keys the harness derives from a request (see the module comment). */
export function defaultContext(principal: string, resource: string, resourceAccount: string): Record<string, string> {
  const ctx: Record<string, string> = { 'aws:SecureTransport': 'true', 'aws:ResourceAccount': resourceAccount };
  const p = ARN.exec(principal);
  if (p && (p[2] === 'iam' || p[2] === 'sts') && /^\d{12}$/.test(p[4])) {
    const [, partition, , , account, rest] = p;
    ctx['aws:PrincipalAccount'] = account;
    ctx['aws:PrincipalIsAWSService'] = 'false';
    if (rest === 'root') {
      ctx['aws:PrincipalArn'] = principal;
      ctx['aws:PrincipalType'] = 'Account';
      ctx['aws:userid'] = account;
    } else if (rest.startsWith('user/')) {
      ctx['aws:PrincipalArn'] = principal;
      ctx['aws:PrincipalType'] = 'User';
      ctx['aws:userid'] = `AIDA${rest.split('/').pop()!.toUpperCase()}`;
    } else if (rest.startsWith('role/')) {
      ctx['aws:PrincipalArn'] = principal;
      ctx['aws:PrincipalType'] = 'AssumedRole';
      ctx['aws:userid'] = `AROA${rest.split('/').pop()!.toUpperCase()}:session`;
    } else if (rest.startsWith('assumed-role/')) {
      const [, roleName, session] = rest.split('/');
      ctx['aws:PrincipalArn'] = `arn:${partition}:iam::${account}:role/${roleName}`;
      ctx['aws:PrincipalType'] = 'AssumedRole';
      ctx['aws:userid'] = `AROA${roleName.toUpperCase()}:${session}`;
    } else if (rest.startsWith('federated-user/')) {
      ctx['aws:PrincipalArn'] = principal;
      ctx['aws:PrincipalType'] = 'FederatedUser';
      ctx['aws:userid'] = `${account}:${rest.split('/').pop()}`;
    } else {
      ctx['aws:PrincipalArn'] = principal;
    }
  } else if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) {
    ctx['aws:PrincipalIsAWSService'] = 'true';
    ctx['aws:PrincipalServiceName'] = principal;
  }
  const r = ARN.exec(resource);
  if (r && r[3]) ctx['aws:RequestedRegion'] = r[3];
  return ctx;
}

function resourceAccountOf(req: SimulateRequest): string {
  if (req.resourceAccount) return req.resourceAccount;
  const r = ARN.exec(req.resource);
  if (r && /^\d{12}$/.test(r[4])) return r[4];
  if (req.resource === '*') {
    const p = ARN.exec(req.principal);
    if (p && /^\d{12}$/.test(p[4])) return p[4];
  }
  throw new Error(`simulate: cannot tell which account owns ${JSON.stringify(req.resource)}; pass resourceAccount`);
}

/** Builds the simulator input for a request (exported for debugging a surprising decision). */
export function toSimulation(req: SimulateRequest): Simulation {
  if (req.scps && req.scpLevels) throw new Error('simulate: pass either scps or scpLevels, not both');
  const resourceAccount = resourceAccountOf(req);
  const named = (prefix: string, docs: PolicyDoc[]) => docs.map((policy, i) => ({ name: `${prefix}-${i}`, policy }));
  const scpLevels = req.scpLevels ?? (req.scps ? [[FULL_AWS_ACCESS_SCP, ...req.scps]] : []);
  return {
    request: {
      principal: req.principal,
      action: req.action,
      resource: { resource: req.resource, accountId: resourceAccount },
      contextVariables: { ...defaultContext(req.principal, req.resource, resourceAccount), ...(req.context ?? {}) },
    },
    identityPolicies: named('identity', req.identityPolicies ?? []),
    serviceControlPolicies: scpLevels.map((docs, level) => ({
      orgIdentifier: level === 0 ? 'r-root' : `ou-level${level}`,
      policies: docs.map((policy, i) => ({ name: policy === FULL_AWS_ACCESS_SCP ? 'FullAWSAccess' : `scp-${level}-${i}`, policy })),
    })),
    resourceControlPolicies: req.rcps ? [{ orgIdentifier: 'r-root', policies: named('rcp', req.rcps) }] : [],
    resourcePolicy: req.resourcePolicy,
    permissionBoundaryPolicies: req.permissionBoundary ? named('boundary', [req.permissionBoundary]) : undefined,
  };
}

/** Runs one simulated request; throws on any simulator validation error. */
export async function simulate(req: SimulateRequest): Promise<SimulateResult> {
  const response = await runSimulation(toSimulation(req), {});
  if (response.resultType === 'error') {
    throw new Error(`simulate: the simulator rejected the request or a policy (${req.action} on ${req.resource}): ${JSON.stringify(response.errors, null, 2)}`);
  }
  if (response.resultType === 'single' && !req.allowIgnoredContextKeys) {
    const given = new Set(Object.keys(req.context ?? {}).map((k) => k.toLowerCase()));
    const ignored = (response.result.ignoredContextKeys ?? []).filter((k) => given.has(k.toLowerCase()));
    if (ignored.length > 0) {
      throw new Error(`simulate: context key(s) ${ignored.join(', ')} do not apply to ${req.action} on ${req.resource} and were ignored `
        + '(a typo?); pass allowIgnoredContextKeys: true if that is intended');
    }
  }
  return { result: response.overallResult as SimulateResult['result'], raw: response };
}

/** True if the request is allowed. */
export async function isAllowed(req: SimulateRequest): Promise<boolean> {
  return (await simulate(req)).result === 'Allowed';
}

/** The role-trust question: may `principal` call `sts:AssumeRole` on the role, given only its trust policy? */
export async function simulateAssumeRole(req: {
  readonly trustPolicy: PolicyDoc;
  readonly roleArn: string;
  readonly principal: string;
  readonly context?: Record<string, string | string[]>;
  readonly scps?: PolicyDoc[];
}): Promise<SimulateResult> {
  return simulate({
    principal: req.principal,
    action: 'sts:AssumeRole',
    resource: req.roleArn,
    resourcePolicy: req.trustPolicy,
    identityPolicies: [ALLOW_ALL],
    context: req.context,
    scps: req.scps,
  });
}
