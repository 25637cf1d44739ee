import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isUnresolved } from './tokens';

/**
 * Fixed physical names claimed by the library's constructs, checked once the
 * app is complete: two resources of one type with the same fixed name where
 * they would meet at deploy time (one account for global IAM names, one
 * account and region otherwise) fail with "already exists". A name that is a
 * token, or stacks whose environments cannot be compared at synth, are not
 * reported, except two claims in one stack, which always meet.
 */

/** Where a name must be unique. */
export type NameScope = 'account' | 'region';

interface Claim {
  readonly construct: IConstruct;
  readonly prop: string;
  readonly what: string;
  readonly name: string;
  readonly where: NameScope;
  readonly stack: Stack;
}

const CLAIMS = new WeakMap<IConstruct, Claim[]>();

/**
 * Records that `construct` gives a resource of kind `what` (e.g. "IAM role")
 * the fixed name `name` through `prop`, and adds the check to `construct`.
 */
export function claimFixedName(construct: IConstruct, prop: string, what: string, name: string | undefined, where: NameScope): void {
  if (name === undefined || typeof name !== 'string' || isUnresolved(name)) return;
  const root = construct.node.root;
  const claims = CLAIMS.get(root) ?? [];
  CLAIMS.set(root, claims);
  const claim: Claim = { construct, prop, what, name, where, stack: Stack.of(construct) };
  claims.push(claim);
  construct.node.addValidation({ validate: () => clashes(claim, claims) });
}

/** Whether two stacks deploy to the same account (and region) as far as synth can tell. */
function meet(a: Stack, b: Stack, where: NameScope): boolean {
  if (a === b) return true;
  const known = (v: string) => !isUnresolved(v);
  if (!known(a.account) || !known(b.account) || a.account !== b.account) return false;
  if (where === 'account') return true;
  return known(a.region) && known(b.region) && a.region === b.region;
}

function clashes(claim: Claim, claims: ReadonlyArray<Claim>): string[] {
  const others = claims.filter((c) => c !== claim && c.what === claim.what && c.name === claim.name && meet(c.stack, claim.stack, claim.where));
  if (others.length === 0) return [];
  const place = claim.where === 'account' ? 'account' : 'account and region';
  return [
    `${claim.prop} ${JSON.stringify(claim.name)} names a ${claim.what} that ${others.map((o) => `${o.construct.node.path} (${o.prop})`).join(', ')} also names, in the same ${place}: `
    + `the second fails at deploy with "already exists". Give one of them another ${claim.prop}, or define the construct once`,
  ];
}
