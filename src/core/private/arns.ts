import { ArnFormat, Aws, Fn, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { throwIfProblems } from './errors';
import { RegionInfo } from './lazy';
import { partitionOf } from './partition-facts';
import { isUnresolved } from './tokens';
import { validate } from './validators';

/**
 * Partition-aware ARN builders. Never a literal `arn:aws:`.
 *
 * The partition is, in order: the partition of `region` when the ARN's
 * region is concrete; the partition of the stack when the stack's region is
 * concrete; otherwise `AWS::Partition`, resolved at deploy time. This does
 * not depend on the `@aws-cdk/core:enablePartitionLiterals` feature flag,
 * so templates are the same in every app.
 *
 * Inputs are validated (tokens pass untouched) and a bad one throws an
 * `AuditBaselineError` naming the scope.
 */

/** The partition to write into an ARN built in `scope` for `region`. */
export function arnPartition(scope: IConstruct, region?: string): string {
  if (region !== undefined && region !== '' && !isUnresolved(region)) {
    const fromRegion = RegionInfo.get(region).partition;
    if (fromRegion) return fromRegion;
  }
  return partitionOf(scope) ?? Aws.PARTITION;
}

/** Joins an IAM path ("/a/b/" or undefined) and a name into "a/b/name". */
function withPath(path: string | undefined, name: string): string {
  if (path === undefined || path === '/') return name;
  return `${path.slice(1)}${name}`;
}

/** An ARN needs the path's text (its leading "/" is dropped), so a token path is refused. */
function checkPathIsConcrete(path: string | undefined): string | undefined {
  if (path !== undefined && isUnresolved(path)) {
    return 'path must be a literal IAM path to build an ARN from it, got an unresolved token: pass the path as a string such as "/security/", or pass the full ARN instead';
  }
  return undefined;
}

/**
 * `arn:<partition>:iam::<account>:role/<path><name>`.
 *
 * @param path an IAM path such as `/security/` (default: `/`)
 */
export function iamRoleArn(scope: IConstruct, account: string, roleName: string, path?: string): string {
  return iamPrincipalArn(scope, 'role', account, roleName, path);
}

/**
 * `iamRoleArn` for each account of a list known only at deploy time (a
 * CommaDelimitedList parameter, for instance): the list is joined with the
 * text between two ARNs and split again, which CloudFormation evaluates to
 * one role ARN per account.
 */
export function iamRoleArnsOfListToken(scope: IConstruct, accounts: string[], roleName: string): string[] {
  const prefix = `arn:${arnPartition(scope)}:iam::`;
  const suffix = `:role/${roleName}`;
  return Fn.split(',', Fn.join('', [prefix, Fn.join(`${suffix},${prefix}`, accounts), suffix]));
}

/**
 * `arn:<partition>:iam::<account>:user/<path><name>`.
 *
 * @param path an IAM path such as `/security/` (default: `/`)
 */
export function iamUserArn(scope: IConstruct, account: string, userName: string, path?: string): string {
  return iamPrincipalArn(scope, 'user', account, userName, path);
}

/** The ARN of a role or user, after validating its parts (the name is checked as `roleName` or `userName`). */
function iamPrincipalArn(scope: IConstruct, resource: 'role' | 'user', account: string, name: string, path: string | undefined): string {
  throwIfProblems(scope, [
    validate('accountId', 'account', account),
    resource === 'role' ? validate('roleName', 'roleName', name) : validate('userName', 'userName', name),
    validate('iamPath', 'path', path),
    checkPathIsConcrete(path),
  ]);
  return Stack.of(scope).formatArn({
    partition: arnPartition(scope),
    service: 'iam',
    region: '',
    account,
    resource,
    resourceName: withPath(path, name),
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** `arn:<partition>:iam::<account>:root`, the account principal. */
export function accountRootArn(scope: IConstruct, account: string): string {
  throwIfProblems(scope, [validate('accountId', 'account', account)]);
  return Stack.of(scope).formatArn({
    partition: arnPartition(scope),
    service: 'iam',
    region: '',
    account,
    resource: 'root',
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });
}

/** `arn:<partition>:sqs:<region>:<account>:<name>`. */
export function sqsQueueArn(scope: IConstruct, region: string, account: string, queueName: string): string {
  return regionalArn(scope, 'sqs', region, account, queueName);
}

/** `arn:<partition>:sns:<region>:<account>:<name>`. */
export function snsTopicArn(scope: IConstruct, region: string, account: string, topicName: string): string {
  return regionalArn(scope, 'sns', region, account, topicName);
}

/** `arn:<partition>:<service>:<region>:<account>:<name>`, after validating the region and the account. */
function regionalArn(scope: IConstruct, service: string, region: string, account: string, name: string): string {
  throwIfProblems(scope, [validate('region', 'region', region), validate('accountId', 'account', account)]);
  return Stack.of(scope).formatArn({
    partition: arnPartition(scope, region),
    service,
    region,
    account,
    resource: name,
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });
}

/** `arn:<partition>:events:<region>:<account>:event-bus/<name>`. */
export function eventBusArn(scope: IConstruct, region: string, account: string, busName: string = 'default'): string {
  throwIfProblems(scope, [validate('region', 'region', region), validate('accountId', 'account', account)]);
  return Stack.of(scope).formatArn({
    partition: arnPartition(scope, region),
    service: 'events',
    region,
    account,
    resource: 'event-bus',
    resourceName: busName,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/**
 * `arn:<partition>:iam::aws:policy/<name>`, an AWS managed policy.
 *
 * To attach one to a role, prefer `iam.ManagedPolicy.fromAwsManagedPolicyName`;
 * this is for places that need the ARN string (SCP conditions, outputs).
 *
 * @param policyName the name, with its path if any (`service-role/AWSConfigRole`)
 */
export function awsManagedPolicyArn(scope: IConstruct, policyName: string): string {
  return Stack.of(scope).formatArn({
    partition: arnPartition(scope),
    service: 'iam',
    region: '',
    account: 'aws',
    resource: 'policy',
    resourceName: policyName,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/**
 * A string made of literals and pseudo parameters, such as the
 * `arn:${Aws.PARTITION}:sqs:...` a user writes, as `Fn::Sub` instead of the
 * `Fn::Join` with an empty delimiter that aws-cdk-lib renders for it:
 * cfn-lint warns on that join (W3694, "Prefer using Fn::Sub"), in the
 * user's template. A literal, and a token with any other part (a resource
 * reference, an attribute), is returned as given.
 */
export function joinAsSub(scope: IConstruct, value: string): string {
  if (!isUnresolved(value)) return value;
  const join = (Stack.of(scope).resolve(value) as Record<string, unknown> | undefined)?.['Fn::Join'];
  if (!Array.isArray(join) || join[0] !== '' || !Array.isArray(join[1])) return value;
  let template = '';
  for (const part of join[1] as unknown[]) {
    const ref = typeof part === 'object' && part !== null && Object.keys(part).length === 1 ? (part as { Ref?: unknown }).Ref : undefined;
    if (typeof part === 'string') template += part.replace(/\$\{/g, '${!');
    else if (typeof ref === 'string' && ref.startsWith('AWS::')) template += `\${${ref}}`;
    else return value;
  }
  return Fn.sub(template);
}
