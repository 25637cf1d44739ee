import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { AwsLimits } from '../../core/limits';
import { checkPolicySize, formatCount, measurePolicy, PolicyKind } from '../../core/private/policy-size';

/**
 * Synth-time size checks of a role's or user's policies, run from
 * `node.addValidation` so that they see every policy attached to the
 * principal by the end of construction (including grants made by other
 * constructs, which CDK puts in a `DefaultPolicy`).
 */

/** Every `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy` of the stack attached to the principal `ref`. */
function attachedPolicies(scope: IConstruct, type: string, listProp: 'roles' | 'users', ref: unknown, name: unknown): CfnResource[] {
  const stack = Stack.of(scope);
  const wanted = new Set([JSON.stringify(ref), JSON.stringify(name)]);
  return stack.node.findAll().filter((c): c is CfnResource => {
    if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== type || Stack.of(c) !== stack) return false;
    const list = stack.resolve((c as unknown as Record<string, unknown>)[listProp]);
    return Array.isArray(list) && list.some((entry) => wanted.has(JSON.stringify(entry)));
  });
}

/**
 * The characters of several inline policies together, and how to word the
 * figure: a policy with a reference of no known longest value is counted at
 * its least ("at least"), one with references of known longest values at
 * their longest ("at most"); a sum of both kinds is neither ("about").
 */
function sumInline(scope: IConstruct, kind: PolicyKind, docs: unknown[]): { characters: number; amount: string } {
  let characters = 0;
  let lowerBound = false;
  let upperBound = false;
  for (const doc of docs) {
    const size = measurePolicy(scope, kind, doc);
    characters += size.characters;
    if (size.unbounded.length > 0) lowerBound = true;
    else if (size.estimated) upperBound = true;
  }
  const amount = lowerBound && upperBound ? 'about ' : lowerBound ? 'at least ' : upperBound ? 'at most ' : '';
  return { characters, amount };
}

/**
 * Checks a role: trust policy size, the total size of its inline policies
 * (its `Policies` property plus every `AWS::IAM::Policy` attached to it), and
 * the number of managed policies attached to it.
 */
export function checkRoleLimits(scope: IConstruct, role: iam.CfnRole, limits: AwsLimits, what: string): string[] {
  const stack = Stack.of(scope);
  const problems: string[] = [];
  const trust = checkPolicySize(scope, 'trust', role.assumeRolePolicyDocument, limits.trustPolicyCharacters, `the trust policy of ${what}`);
  if (trust) problems.push(trust);

  const own = (stack.resolve(role.policies) ?? []) as Array<{ PolicyDocument?: unknown; policyDocument?: unknown }>;
  const attached = attachedPolicies(scope, 'AWS::IAM::Policy', 'roles', stack.resolve(role.ref), role.roleName);
  const docs = [
    ...own.map((p) => p.PolicyDocument ?? p.policyDocument),
    ...attached.map((p) => (p as iam.CfnPolicy).policyDocument),
  ];
  const inline = sumInline(scope, 'roleInline', docs);
  if (inline.characters > limits.roleInlinePolicyCharacters) {
    problems.push(`the inline policies of ${what} need ${inline.amount}${formatCount(inline.characters)} characters together, the role inline policy limit is ${formatCount(limits.roleInlinePolicyCharacters)}: give fewer permission bundles or additional statements, or move statements into customer managed policies`);
  }

  const arns = stack.resolve(role.managedPolicyArns);
  const managedCount = (Array.isArray(arns) ? arns.length : 0)
    + attachedPolicies(scope, 'AWS::IAM::ManagedPolicy', 'roles', stack.resolve(role.ref), role.roleName).length;
  if (managedCount > limits.managedPoliciesPerRole) {
    problems.push(`${what} has ${managedCount} managed policies attached, the limit is ${limits.managedPoliciesPerRole} per role: give fewer bundles that attach AWS managed policies, or raise the quota and pass AwsLimits.of({ managedPoliciesPerRole })`);
  }
  return problems;
}

/**
 * Checks a user: the total size of its inline policies, the size of each
 * customer managed policy attached to it, and the number of managed
 * policies attached to it (IAM's per-user quota is the same as the per-role
 * one: 10 by default).
 */
export function checkUserLimits(scope: IConstruct, user: iam.CfnUser, limits: AwsLimits, what: string): string[] {
  const stack = Stack.of(scope);
  const problems: string[] = [];
  const ref = stack.resolve(user.ref);
  const own = (stack.resolve(user.policies) ?? []) as Array<{ PolicyDocument?: unknown; policyDocument?: unknown }>;
  const attached = attachedPolicies(scope, 'AWS::IAM::Policy', 'users', ref, user.userName);
  const docs = [
    ...own.map((p) => p.PolicyDocument ?? p.policyDocument),
    ...attached.map((p) => (p as iam.CfnPolicy).policyDocument),
  ];
  const inline = sumInline(scope, 'userInline', docs);
  if (inline.characters > limits.userInlinePolicyCharacters) {
    problems.push(`the inline policies of ${what} need ${inline.amount}${formatCount(inline.characters)} characters together, the user inline policy limit is ${formatCount(limits.userInlinePolicyCharacters)}: move statements into customer managed policies`);
  }

  const managed = attachedPolicies(scope, 'AWS::IAM::ManagedPolicy', 'users', ref, user.userName) as iam.CfnManagedPolicy[];
  for (const m of managed) {
    const p = checkPolicySize(scope, 'managed', m.policyDocument, limits.managedPolicyCharacters, `the managed policy ${m.node.path} of ${what}`,
      'give fewer permission bundles or additional statements');
    if (p) problems.push(p);
  }
  const arns = stack.resolve(user.managedPolicyArns);
  const managedCount = (Array.isArray(arns) ? arns.length : 0) + managed.length;
  if (managedCount > limits.managedPoliciesPerRole) {
    problems.push(`${what} has ${managedCount} managed policies attached, the limit is ${limits.managedPoliciesPerRole} per user: give fewer bundles that attach AWS managed policies`);
  }
  return problems;
}
