import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { registerAdminRole } from './registry';
import { arnPartition, iamRoleArn, iamRoleArnsOfListToken } from '../../core/private/arns';
import { isUnresolved } from '../../core/private/tokens';
import { PropsSpec, validate, validateList } from '../../core/private/validators';

/** The JavaScript shapes of `StackSetAdminPolicyOptions`. */
export const ADMIN_POLICY_SHAPES: PropsSpec = {
  policyName: 'string',
  executionRoleName: 'string',
  targetAccountIds: 'string[]',
};

/** What the administration policy allows, as `StackSetAdminRole` and `StackSetAdminRolePolicy` take it. */
export interface AdminPolicyOptions {
  /** Name of the customer managed policy. */
  readonly policyName: string;
  /** Name of the execution role the administration role may assume. */
  readonly executionRoleName: string;
  /** The only accounts it may assume it in; undefined = every account (the guide's wildcard). */
  readonly targetAccountIds?: string[];
}

/** The problems of the options, in the order the props are documented. */
export function adminPolicyProblems(options: AdminPolicyOptions): Array<string | undefined> {
  return [
    validate('policyName', 'policyName', options.policyName),
    validate('roleName', 'executionRoleName', options.executionRoleName),
    ...validateList('accountId', 'targetAccountIds', options.targetAccountIds, { nonEmpty: true, unique: true }),
  ];
}

/**
 * The customer managed `AWSCloudFormationStackSetAdministrationRolePolicy`
 * (its name looks like an AWS managed policy's) as one `Policy` child of
 * `scope`, attached to `role`:
 * `sts:AssumeRole` on the execution role name in every account
 * (`arn:<partition>:iam::*:role/<name>`, the guide's statement) or in the
 * listed accounts. Registers the role's facts, so that a
 * `SelfManagedStackSetRollout` checks its execution role name and accounts
 * and waits for the policy.
 */
export function defineAdminPolicy(scope: Construct, role: iam.IRole, options: AdminPolicyOptions): iam.ManagedPolicy {
  const stack = Stack.of(scope);
  const accounts = options.targetAccountIds ?? ['*'];
  const resources = isUnresolved(accounts)
    ? iamRoleArnsOfListToken(scope, accounts, options.executionRoleName)
    : accounts.map((account) =>
      account === '*'
        ? stack.formatArn({ partition: arnPartition(scope), service: 'iam', region: '', account, resource: 'role', resourceName: options.executionRoleName })
        : iamRoleArn(scope, account, options.executionRoleName),
    );
  const policy = new iam.ManagedPolicy(scope, 'Policy', {
    managedPolicyName: options.policyName,
    description: 'Lets the StackSet administration role assume the StackSet execution role in target accounts',
    statements: [
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources,
      }),
    ],
    roles: [role],
  });
  registerAdminRole(role, {
    path: scope.node.path,
    construct: scope,
    executionRoleName: options.executionRoleName,
    // Known only when every account is: a token may resolve to any account.
    targetAccountIds: options.targetAccountIds && !isUnresolved(options.targetAccountIds) && !options.targetAccountIds.some((a) => isUnresolved(a))
      ? [...options.targetAccountIds] : undefined,
  });
  return policy;
}
