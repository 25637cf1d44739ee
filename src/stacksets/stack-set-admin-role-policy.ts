import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { adminPolicyProblems, defineAdminPolicy, ADMIN_POLICY_SHAPES } from './private/admin-policy';
import { ADMIN_POLICY_NAME, ADMIN_ROLE_NAME, EXECUTION_ROLE_NAME } from './private/guide-policies';
import { adminRoleFacts } from './private/registry';
import { StackSetAdminPolicyOptions } from './stack-set-admin-role';
import { throwIfProblems } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, PropsSpec } from '../core/private/validators';

/**
 * Properties of a `StackSetAdminRolePolicy`.
 */
export interface StackSetAdminRolePolicyProps extends StackSetAdminPolicyOptions {
  /**
   * The administration role that gets the policy.
   *
   * The role is never changed otherwise: its name, its trust and the
   * regional CloudFormation principals it trusts stay as they are. To set
   * them, define the role with `StackSetAdminRole`.
   *
   * @default - the role named `AWSCloudFormationStackSetAdministrationRole` in this account, imported by name
   */
  readonly role?: iam.IRole;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { ...ADMIN_POLICY_SHAPES, role: 'object' };

/**
 * The permissions policy of a StackSet administration role that this construct does not define, such as the `AWSCloudFormationStackSetAdministrationRole` an account already has.
 *
 * CloudFormation cannot define a second role of that name, so in an account
 * that administered self-managed StackSets before (AWS's standard setup),
 * this construct attaches the customer managed policy
 * `AWSCloudFormationStackSetAdministrationRolePolicy` (`sts:AssumeRole` on
 * the execution role name in every account, or in the listed accounts) to
 * the existing role by name, exactly as `StackSetAdminRole` attaches it to
 * the role it defines. The policy's name looks like an AWS managed
 * policy's, but it is customer managed.
 *
 * Why a construct of its own rather than an optional existing `role` on
 * `StackSetAdminRole` (as aws-cdk-lib's constructs take one): a construct
 * named after a role should define that role, and the two differ in what
 * they may do. `StackSetAdminRole` writes the trust with its confused-deputy
 * conditions; this construct never touches the trust of a role it did not
 * create, and says so in its props and warnings.
 *
 * The role's trust is never changed. CloudFormation assumes the role as
 * `cloudformation.amazonaws.com` (as `cloudformation.<region>.amazonaws.com`
 * in opt-in regions), so the trust must name that service principal. AWS's
 * sample template (`AWSCloudFormationStackSetAdministrationRole.yml`)
 * defines the role trusted by `cloudformation.amazonaws.com` without
 * conditions, and with an inline policy that already allows
 * `sts:AssumeRole` on `AWSCloudFormationStackSetExecutionRole` in every
 * account. While that inline policy stays, this policy grants nothing more
 * and `targetAccountIds` narrows nothing: IAM allows what any of the role's
 * policies allows. Remove the inline policy by hand to make this policy the
 * one that counts, and add the `aws:SourceAccount` and `aws:SourceArn`
 * conditions that `StackSetAdminRole` puts on its trust against the
 * confused deputy, or replace the role with a `StackSetAdminRole`.
 *
 * Pass `role` to `SelfManagedStackSetRollout` as `administrationRole`: the
 * rollout then checks its execution role name and accounts against this
 * policy, and the StackSet waits for the policy to be attached.
 *
 * cdk-nag AwsSolutions reports IAM5 on the policy when `targetAccountIds`
 * is left out, as for `StackSetAdminRole`: list the accounts, or
 * acknowledge the finding on the policy.
 *
 * @example
 * const adminPolicy = new audit.StackSetAdminRolePolicy(this, 'StackSetAdminPolicy', {
 *   targetAccountIds: ['111111111111', '222222222222'],
 * });
 */
export class StackSetAdminRolePolicy extends Construct {
  /**
   * The customer managed policy attached to the role.
   */
  public readonly policy: iam.ManagedPolicy;

  /**
   * The administration role that gets the policy.
   */
  public readonly role: iam.IRole;

  /**
   * ARN of the administration role.
   *
   * @attribute
   */
  public readonly roleArn: string;

  /**
   * Name of the administration role.
   *
   * @attribute
   */
  public readonly roleName: string;

  /**
   * Name of the execution role the administration role may assume.
   */
  public readonly executionRoleName: string;

  constructor(scope: Construct, id: string, props: StackSetAdminRolePolicyProps = {}) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    const policyOptions = {
      policyName: props.policyName ?? ADMIN_POLICY_NAME,
      executionRoleName: props.executionRoleName ?? EXECUTION_ROLE_NAME,
      targetAccountIds: props.targetAccountIds,
    };
    const stack = Stack.of(this);
    const roleAccount = props.role?.env.account;
    const owner = adminRoleFacts(props.role);
    throwIfProblems(this, [
      ...adminPolicyProblems(policyOptions),
      roleAccount !== undefined && !isUnresolved(roleAccount) && !isUnresolved(stack.account) && roleAccount !== stack.account
        ? `role is in account ${roleAccount} but this stack deploys to ${stack.account}: a managed policy attaches only to roles of its own account; define this construct in a stack of ${roleAccount}`
        : undefined,
      owner
        ? `role already gets the administration policy of ${owner.path}, which lets it assume ${JSON.stringify(owner.executionRoleName)}: `
          + 'a role has one execution role name and one account list, which SelfManagedStackSetRollout checks. Set executionRoleName and targetAccountIds there instead'
        : undefined,
    ]);

    this.role = props.role ?? iam.Role.fromRoleName(this, 'Role', ADMIN_ROLE_NAME);
    this.policy = defineAdminPolicy(this, this.role, policyOptions);

    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
    this.executionRoleName = policyOptions.executionRoleName;
  }
}
