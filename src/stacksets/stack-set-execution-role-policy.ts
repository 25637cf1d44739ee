import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { addExecutionPolicyValidation, defineBoundaryPolicy, defineExecutionPolicy } from './private/execution-policy';
import { EXECUTION_ROLE_NAME } from './private/guide-policies';
import { StackSetExecutionPermissions } from './stack-set-execution-permissions';
import { AwsLimits } from '../core/limits';
import { markAuditSetup } from '../core/private/audit-tag';
import { throwIfProblems } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, PropsSpec, required, validate } from '../core/private/validators';

/**
 * Properties of a `StackSetExecutionRolePolicy`.
 */
export interface StackSetExecutionRolePolicyProps {
  /**
   * What the role may do: the guide's receiver or publisher list, or a list derived from the templates.
   *
   * Only customer managed choices: `ADMINISTRATOR_ACCESS` fails, because
   * CloudFormation can attach an AWS managed policy only by changing the role
   * itself.
   */
  readonly permissions: StackSetExecutionPermissions;

  /**
   * The execution role that gets the policy.
   *
   * The role is never changed otherwise: its trust stays as it is.
   *
   * @default - the role named `AWSCloudFormationStackSetExecutionRole` in this account, imported by name
   */
  readonly role?: iam.IRole;

  /**
   * Name of the customer managed permissions policy.
   *
   * @default - 'AWSCloudFormationStackSetExecutionRolePolicy' for the guide's lists, a generated name for derived permissions
   */
  readonly policyName?: string;

  /**
   * The AWS limits to check the permissions policy against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { permissions: required('object'), role: 'object', policyName: 'string', limits: 'object' };

/**
 * The permissions policy of a StackSet execution role that this construct does not define, such as the `AWSCloudFormationStackSetExecutionRole` an account already has.
 *
 * CloudFormation cannot define a second role of that name, so in an account
 * set up for self-managed StackSets before (AWS's standard setup, or a
 * vendor's console steps), this construct attaches the customer managed
 * policy (`AWSCloudFormationStackSetExecutionRolePolicy` for the guide's
 * lists, a name that looks like an AWS managed policy's) to the existing
 * role by name, as `StackSetExecutionRole` would attach it to the role it
 * defines. It is a construct of its own, not an optional existing `role` on
 * `StackSetExecutionRole`, for the reason `StackSetAdminRolePolicy` gives:
 * the role construct writes the trust, this one never changes it.
 *
 * The role's trust is never changed. It must already trust the account that
 * administers the StackSets (`arn:<partition>:iam::<administrator>:root`, or
 * that account's administration role): AWS's sample template
 * (`AWSCloudFormationStackSetExecutionRole.yml`) defines the role trusting
 * the administrator account it was given, with `AdministratorAccess`
 * attached. A role that trusts another administrator needs its trust edited
 * by hand (or replaced by a `StackSetExecutionRole`) before StackSets of
 * this administrator can use it. With `AdministratorAccess` still attached,
 * the policy grants nothing more; it gives the role the permissions a vendor
 * guide names, which stay when `AdministratorAccess` is detached.
 *
 * Also the way to give a `StackSetExecutionRole` a second policy, e.g. the
 * permissions of further templates (`role: executionRole.role`).
 *
 * With `StackSetExecutionPermissions.fromTemplates`, it also defines the
 * permissions boundary of the roles the templates define (`boundaryPolicy`),
 * as `StackSetExecutionRole` does. The limits of derived permissions hold
 * only if no other policy of the role grants the same actions more widely:
 * with `AdministratorAccess` still attached, they limit nothing.
 *
 * cdk-nag AwsSolutions reports IAM5 on the policy (`Resource: "*"`), as for
 * `StackSetExecutionRole`: acknowledge it on the policy with the reason.
 *
 * @example
 * new audit.StackSetExecutionRolePolicy(this, 'StackSetExecutionPolicy', {
 *   permissions: audit.StackSetExecutionPermissions.GUIDE_PUBLISHER,
 * });
 */
export class StackSetExecutionRolePolicy extends Construct {
  /**
   * The customer managed permissions policy.
   */
  public readonly policy: iam.ManagedPolicy;

  /**
   * The execution role that gets the policy.
   */
  public readonly role: iam.IRole;

  /**
   * The permissions boundary of the roles the StackSet templates define, with `StackSetExecutionPermissions.fromTemplates`.
   *
   * @default - undefined for the guide's lists and `ADMINISTRATOR_ACCESS`
   */
  public readonly boundaryPolicy?: iam.ManagedPolicy;

  /**
   * ARN of the execution role.
   *
   * @attribute
   */
  public readonly roleArn: string;

  /**
   * Name of the execution role.
   *
   * @attribute
   */
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: StackSetExecutionRolePolicyProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);
    const bound = props.permissions._bind('permissions');
    const stack = Stack.of(this);
    const roleAccount = props.role?.env.account;
    throwIfProblems(this, [
      validate('policyName', 'policyName', props.policyName),
      bound.document === undefined
        ? `permissions is ${props.permissions.name}, which attaches the AWS managed policy ${bound.awsManagedPolicyName}: CloudFormation attaches an AWS managed policy only by changing the role, which this construct never does. `
          + 'Choose GUIDE_RECEIVER, GUIDE_PUBLISHER or StackSetExecutionPermissions.fromTemplates, or define the role with StackSetExecutionRole'
        : undefined,
      roleAccount !== undefined && !isUnresolved(roleAccount) && !isUnresolved(stack.account) && roleAccount !== stack.account
        ? `role is in account ${roleAccount} but this stack deploys to ${stack.account}: a managed policy attaches only to roles of its own account; define this construct in a stack of ${roleAccount}`
        : undefined,
    ]);

    this.role = props.role ?? iam.Role.fromRoleName(this, 'Role', EXECUTION_ROLE_NAME);
    this.policy = defineExecutionPolicy(this, props.permissions.name, bound.document!, props.policyName ?? bound.defaultPolicyName, this.role);
    this.boundaryPolicy = defineBoundaryPolicy(this, bound);
    addExecutionPolicyValidation(this, props.permissions.name, bound, props.limits ?? AwsLimits.DEFAULT);

    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
  }
}
