import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { addExecutionPolicyValidation, defineBoundaryPolicy, defineExecutionPolicy } from './private/execution-policy';
import { EXECUTION_ROLE_NAME } from './private/guide-policies';
import { StackSetExecutionPermissions } from './stack-set-execution-permissions';
import { AwsLimits } from '../core/limits';
import { iamRoleArn } from '../core/private/arns';
import { markAuditSetup } from '../core/private/audit-tag';
import { throwIfProblems } from '../core/private/errors';
import { claimFixedName } from '../core/private/fixed-names';
import { checkPropShapes, PropsSpec, required, validate } from '../core/private/validators';

/**
 * Properties of a `StackSetExecutionRole`.
 */
export interface StackSetExecutionRoleProps {
  /**
   * The account that administers the StackSets (where the `StackSetAdminRole` is).
   *
   * The role trusts `arn:<partition>:iam::<administratorAccountId>:root`,
   * as in the McAfee MVISION Cloud / Skyhigh Security NRT guide.
   */
  readonly administratorAccountId: string;

  /**
   * What the role may do: the guide's receiver or publisher list, a list
   * derived from the templates, or `AdministratorAccess`.
   *
   * Required, because each choice trades least privilege against coverage.
   */
  readonly permissions: StackSetExecutionPermissions;

  /**
   * Name of the execution role.
   *
   * CloudFormation assumes the role of this name in each target account.
   * Another name (such as a custom name given to the bulk script of the
   * VMware Aria Automation for Secure Clouds guide) needs the same name in
   * `StackSetAdminRole.executionRoleName` and in the rollout.
   *
   * @default 'AWSCloudFormationStackSetExecutionRole'
   */
  readonly roleName?: string;

  /**
   * Name of the customer managed permissions policy.
   *
   * Not allowed with `StackSetExecutionPermissions.ADMINISTRATOR_ACCESS`,
   * which attaches the AWS managed policy.
   *
   * @default - 'AWSCloudFormationStackSetExecutionRolePolicy' for the guide's lists, a generated name for derived permissions
   */
  readonly policyName?: string;

  /**
   * Narrows the trust to this role of the administrator account.
   *
   * Adds an `aws:PrincipalArn` condition, so only that role (normally the
   * `StackSetAdminRole`) may assume the execution role; AWS recommends this
   * hardening. The principal stays the account, so the execution role can be
   * deployed before the administration role exists.
   *
   * @default - any principal of the administrator account whose own policies allow `sts:AssumeRole` on this role (the guide's trust)
   */
  readonly administrationRoleName?: string;

  /**
   * Also trust `cloudformation.amazonaws.com`, as the guide's console steps
   * create the role ("AWS Service > CloudFormation").
   *
   * StackSets do not need it (the administration role assumes the execution
   * role); it lets CloudFormation use the role as a stack service role in
   * this account. The statement is limited with `aws:SourceAccount` to this
   * account.
   *
   * @default false
   */
  readonly cloudFormationServiceTrust?: boolean;

  /**
   * The AWS limits to check the permissions policy against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { administratorAccountId: required('string'), permissions: required('object'), roleName: 'string', policyName: 'string', administrationRoleName: 'string', cloudFormationServiceTrust: 'boolean', limits: 'object' };

/**
 * The execution role of self-managed StackSets, in each target account.
 *
 * Named `AWSCloudFormationStackSetExecutionRole` by default, trusted by
 * the administrator account, optionally only by its administration
 * role, with the permissions chosen explicitly through
 * `StackSetExecutionPermissions`.
 *
 * With `StackSetExecutionPermissions.fromTemplates`, it also defines the
 * permissions boundary of the roles the templates define (`boundaryPolicy`,
 * a customer managed policy of a fixed name, attached to no principal): the
 * role may create and change those roles only with that boundary, so someone
 * who can update a StackSet that uses it cannot make a role of the account
 * administrator. See `fromTemplates` for exactly what is and is not limited.
 *
 * cdk-nag AwsSolutions reports what each choice implies: IAM5 on the policy
 * for the guide's lists and derived permissions (`Resource: "*"`, since the
 * resources the StackSets will create are not known when the role is
 * defined) and on the boundary, IAM4 on the role for
 * `ADMINISTRATOR_ACCESS`. Acknowledge the finding on that resource with the
 * reason for your choice.
 *
 * CloudFormation cannot define a role whose name already exists. In an
 * account that already has `AWSCloudFormationStackSetExecutionRole` (AWS's
 * standard self-managed StackSet setup), attach the permissions to that role
 * with `StackSetExecutionRolePolicy` instead.
 *
 * @example
 * new audit.StackSetExecutionRole(this, 'StackSetExecution', {
 *   administratorAccountId: '111122223333',
 *   administrationRoleName: 'AWSCloudFormationStackSetAdministrationRole',
 *   permissions: audit.StackSetExecutionPermissions.GUIDE_PUBLISHER,
 * });
 */
export class StackSetExecutionRole extends Construct {
  /**
   * The execution role.
   */
  public readonly role: iam.Role;

  /**
   * The customer managed permissions policy; undefined with `ADMINISTRATOR_ACCESS`.
   */
  public readonly policy?: iam.ManagedPolicy;

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

  constructor(scope: Construct, id: string, props: StackSetExecutionRoleProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);
    const roleName = props.roleName ?? EXECUTION_ROLE_NAME;
    const bound = props.permissions._bind('permissions');
    throwIfProblems(this, [
      validate('accountId', 'administratorAccountId', props.administratorAccountId),
      validate('roleName', 'roleName', roleName),
      validate('roleName', 'administrationRoleName', props.administrationRoleName),
      validate('policyName', 'policyName', props.policyName),
      props.policyName !== undefined && bound.document === undefined
        ? `policyName is ${JSON.stringify(props.policyName)} but permissions is ${props.permissions.name}, which attaches the AWS managed policy ${bound.awsManagedPolicyName}: remove policyName or choose a customer managed permission set`
        : undefined,
    ]);

    const stack = Stack.of(this);
    const admin = new iam.AccountPrincipal(props.administratorAccountId);
    const trusted =
      props.administrationRoleName === undefined
        ? admin
        : new iam.PrincipalWithConditions(admin, {
          ArnEquals: {
            'aws:PrincipalArn': iamRoleArn(this, props.administratorAccountId, props.administrationRoleName),
          },
        });

    this.role = new iam.Role(this, 'Role', {
      roleName,
      description: 'Execution role of self-managed CloudFormation StackSets: deploys StackSet stacks in this account',
      assumedBy: trusted,
    });
    claimFixedName(this, 'roleName', 'IAM role', roleName, 'account');
    if (props.cloudFormationServiceTrust ?? false) {
      this.role.assumeRolePolicy?.addStatements(
        new iam.PolicyStatement({
          actions: ['sts:AssumeRole'],
          principals: [new iam.ServicePrincipal('cloudformation.amazonaws.com')],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      );
    }

    if (bound.document) {
      this.policy = defineExecutionPolicy(this, props.permissions.name, bound.document, props.policyName ?? bound.defaultPolicyName, this.role);
    } else if (bound.awsManagedPolicyName) {
      this.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(bound.awsManagedPolicyName));
    }
    this.boundaryPolicy = defineBoundaryPolicy(this, bound);
    addExecutionPolicyValidation(this, props.permissions.name, bound, props.limits ?? AwsLimits.DEFAULT);

    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
  }
}
