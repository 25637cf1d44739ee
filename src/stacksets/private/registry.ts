import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * What the administration policy of a `StackSetAdminRole` or a
 * `StackSetAdminRolePolicy` allows, keyed by its role, so a rollout can check
 * that it matches.
 */
export interface AdminRoleFacts {
  /** The construct path, for messages. */
  readonly path: string;
  /** The `StackSetAdminRole` (role and policy) or `StackSetAdminRolePolicy` (policy): a StackSet must not be created before the policy is attached. */
  readonly construct: IConstruct;
  /** The execution role name it may assume. */
  readonly executionRoleName: string;
  /** The accounts it may assume it in; undefined = every account. */
  readonly targetAccountIds?: ReadonlyArray<string>;
}

const ADMIN_ROLES = new WeakMap<iam.IRole, AdminRoleFacts>();

export function registerAdminRole(role: iam.IRole, facts: AdminRoleFacts): void {
  ADMIN_ROLES.set(role, facts);
}

export function adminRoleFacts(role: iam.IRole | undefined): AdminRoleFacts | undefined {
  return role ? ADMIN_ROLES.get(role) : undefined;
}
