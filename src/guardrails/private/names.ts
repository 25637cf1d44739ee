import { CfnResource, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { isUnresolved } from '../../core/private/tokens';
import { IdentifierKind, quote, validate } from '../../core/private/validators';

/**
 * The literal names a guardrail writes into its policy, read from names the
 * user gives or from constructs (a literal ARN, the L1 name property). A
 * policy applies in every account, so a name that is a token is a problem.
 */

const ID_PATTERN = /^arn:[^:]+:iam::[^:]*:role\/(.+)$/;

/** A name, or the problem that kept it from being read. */
export type NameResult = { name: string } | { problem: string };

export function collect(names: string[], problems: string[], result: NameResult): void {
  if ('name' in result) names.push(result.name);
  else problems.push(result.problem);
}

/** A literal name by a core rule (the policy names it in every account, so a token is refused). */
export function checkName(kind: IdentifierKind, name: string, prop: string): NameResult {
  if (isUnresolved(name)) {
    return { problem: `${prop} is an unresolved token: the policy applies in every account, so give the literal name` };
  }
  const problem = validate(kind, prop, name);
  return problem ? { problem } : { name };
}

/** A role name, or `path/name` (the path without its leading slash). */
export function checkRoleName(value: string, prop: string): NameResult {
  if (isUnresolved(value)) {
    return { problem: `${prop} is an unresolved token: the policy applies in every account, so give the literal name` };
  }
  if (value.startsWith('/')) {
    return { problem: `${prop} ${quote(value)} starts with "/": give the path without its leading slash, as the role's ARN shows it after "role/" (e.g. ${quote(value.replace(/^\/+/, ''))})` };
  }
  const slash = value.lastIndexOf('/');
  const name = value.slice(slash + 1);
  const problem = validate('roleName', prop, name);
  if (problem) return { problem };
  if (slash >= 0) {
    const pathProblem = validate('iamPath', `the path of ${prop}`, `/${value.slice(0, slash + 1)}`);
    if (pathProblem) return { problem: pathProblem };
  }
  return { name: value };
}

/** The name of a role: from a literal ARN (keeps the path), a literal name, or the L1 `RoleName` (plus `Path`). */
export function roleNameOf(role: iam.IRole, prop: string): NameResult {
  if (!isUnresolved(role.roleArn)) {
    const m = ID_PATTERN.exec(role.roleArn);
    if (m) return { name: m[1] };
  }
  const child = role.node.defaultChild;
  if (iam.CfnRole.isCfnRole(child) && typeof child.roleName === 'string' && !isUnresolved(child.roleName)) {
    if (typeof child.path === 'string' && isUnresolved(child.path)) {
      return { problem: `${prop} (${role.node.path}) has a path that is an unresolved token: give the role a literal path, because the policy names the role by its path and name in every account` };
    }
    const path = typeof child.path === 'string' ? child.path.replace(/^\//, '') : '';
    return { name: `${path}${child.roleName}` };
  }
  if (!isUnresolved(role.roleName)) return { name: role.roleName };
  return { problem: `${prop} (${role.node.path}) has no fixed name: give the role a roleName, because the policy names it in every account` };
}

export function ruleNameOf(rule: events.IRule, prop: string): NameResult {
  if (!isUnresolved(rule.ruleArn)) {
    const m = /:rule\/(.+)$/.exec(rule.ruleArn);
    if (m) return { name: m[1] };
  }
  const child = rule.node.defaultChild;
  if (events.CfnRule.isCfnRule(child) && typeof child.name === 'string' && !isUnresolved(child.name)) {
    const bus = child.eventBusName === undefined ? 'default' : busNameOf(child);
    if (bus === undefined) {
      return { problem: `${prop} (${rule.node.path}) is on an event bus whose name is not known at synth: pass ruleNames: ["<bus>/<rule>"] instead` };
    }
    return { name: bus === 'default' ? child.name : `${bus}/${child.name}` };
  }
  if (!isUnresolved(rule.ruleName)) return { name: rule.ruleName };
  return { problem: `${prop} (${rule.node.path}) has no fixed name: give the rule a ruleName, because the policy names it in every account` };
}

/**
 * The literal name of a rule's event bus: the property itself, or the `Name`
 * of the `AWS::Events::EventBus` of this stack that a `Ref` points to.
 */
function busNameOf(rule: events.CfnRule): string | undefined {
  const value: unknown = rule.eventBusName;
  if (typeof value === 'string' && !isUnresolved(value)) return value;
  const stack = Stack.of(rule);
  const resolved = stack.resolve(value);
  const ref = resolved && typeof resolved === 'object' ? (resolved as Record<string, unknown>).Ref : undefined;
  if (typeof ref !== 'string') return undefined;
  const bus = stack.node.findAll().find((c): c is events.CfnEventBus => events.CfnEventBus.isCfnEventBus(c) && stack.resolve(c.logicalId) === ref);
  return bus && !isUnresolved(bus.name) ? bus.name : undefined;
}

/** The physical name of a topic or queue: the literal attribute, else the L1 name property. */
export function nameOf(resource: IConstruct, literal: string, prop: string, cfnType: string, cfnProp: 'topicName' | 'queueName'): NameResult {
  if (!isUnresolved(literal)) return { name: literal };
  const child = resource.node.defaultChild;
  if (child && CfnResource.isCfnResource(child) && child.cfnResourceType === cfnType) {
    const value: unknown = (child as unknown as Record<string, unknown>)[cfnProp];
    if (typeof value === 'string' && !isUnresolved(value)) return { name: value };
  }
  return { problem: `${prop} (${resource.node.path}) has no fixed name: give it a ${cfnProp}, because the policy names it in every account` };
}
