import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { adminPolicyProblems, defineAdminPolicy, ADMIN_POLICY_SHAPES } from './private/admin-policy';
import { ADMIN_POLICY_NAME, ADMIN_ROLE_NAME, EXECUTION_ROLE_NAME } from './private/guide-policies';
import { arnPartition } from '../core/private/arns';
import { throwIfProblems } from '../core/private/errors';
import { claimFixedName } from '../core/private/fixed-names';
import { checkPropShapes, PropsSpec, validate, validateList } from '../core/private/validators';

/**
 * The permissions policy of a StackSet administration role, as `StackSetAdminRole` and `StackSetAdminRolePolicy` define it.
 */
export interface StackSetAdminPolicyOptions {
  /**
   * Name of the customer managed policy that lets the role assume the execution roles.
   *
   * @default 'AWSCloudFormationStackSetAdministrationRolePolicy'
   */
  readonly policyName?: string;

  /**
   * Name of the execution role in the target accounts.
   *
   * Must match the `roleName` of the `StackSetExecutionRole` in the targets
   * (the custom admin-role case of the VMware Aria Automation for Secure
   * Clouds guide).
   *
   * @default 'AWSCloudFormationStackSetExecutionRole'
   */
  readonly executionRoleName?: string;

  /**
   * The only accounts in which the role may assume the execution role.
   *
   * @default - every account, as the guide's policy (`arn:<partition>:iam::*:role/<executionRoleName>`)
   */
  readonly targetAccountIds?: string[];
}

/**
 * Properties of a `StackSetAdminRole`.
 */
export interface StackSetAdminRoleProps extends StackSetAdminPolicyOptions {
  /**
   * Name of the administration role.
   *
   * CloudFormation uses the role of this exact name when a self-managed
   * StackSet names no `AdministrationRoleARN`; give another name only when
   * the rollout passes this role explicitly.
   *
   * @default 'AWSCloudFormationStackSetAdministrationRole'
   */
  readonly roleName?: string;

  /**
   * Opt-in regions in which self-managed StackSets will run.
   *
   * CloudFormation in an opt-in region assumes the administration role with
   * its regional service principal (`cloudformation.<region>.amazonaws.com`),
   * which the trust policy then also names.
   *
   * @default - only `cloudformation.amazonaws.com` is trusted (regions enabled by default)
   */
  readonly optInRegions?: string[];
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { ...ADMIN_POLICY_SHAPES, roleName: 'string', optInRegions: 'string[]' };

/**
 * The administration role of self-managed StackSets, in the account that administers them.
 *
 * Defines the customer managed policy `AWSCloudFormationStackSetAdministrationRolePolicy`
 * (`sts:AssumeRole` on the execution role name in every account, or in the
 * listed accounts) and the role `AWSCloudFormationStackSetAdministrationRole`
 * trusted by `cloudformation.amazonaws.com` (the guide gives only the role's
 * name). The trust carries the confused-deputy conditions AWS documents for
 * this role:
 * `aws:SourceAccount` is this account and `aws:SourceArn` is a StackSet of
 * this account.
 *
 * Both names are exactly those of the McAfee MVISION Cloud / Skyhigh
 * Security NRT guide by default, because CloudFormation looks the role up
 * by name. The policy is customer managed, although its name looks like an
 * AWS managed policy's. In an account that already has a role of that name
 * (AWS's standard setup), `StackSetAdminRolePolicy` attaches the same
 * policy to it instead.
 *
 * cdk-nag AwsSolutions reports IAM5 on the policy when `targetAccountIds`
 * is left out: the guide's account wildcard (`iam::*:role/...`) is what lets
 * one administrator reach every account. List the accounts to avoid it, or
 * acknowledge the finding on the policy.
 *
 * @example
 * const admin = new audit.StackSetAdminRole(this, 'StackSetAdmin', {
 *   targetAccountIds: ['111111111111', '222222222222'],
 * });
 */
export class StackSetAdminRole extends Construct {
  /**
   * The administration role.
   */
  public readonly role: iam.Role;

  /**
   * The customer managed policy attached to the role.
   */
  public readonly policy: iam.ManagedPolicy;

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

  constructor(scope: Construct, id: string, props: StackSetAdminRoleProps = {}) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    const roleName = props.roleName ?? ADMIN_ROLE_NAME;
    const policyName = props.policyName ?? ADMIN_POLICY_NAME;
    const executionRoleName = props.executionRoleName ?? EXECUTION_ROLE_NAME;
    const policyOptions = { policyName, executionRoleName, targetAccountIds: props.targetAccountIds };
    throwIfProblems(this, [
      validate('roleName', 'roleName', roleName),
      ...adminPolicyProblems(policyOptions),
      ...validateList('region', 'optInRegions', props.optInRegions, { nonEmpty: true, unique: true, onePartition: true }),
    ]);

    const stack = Stack.of(this);
    const conditions = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          partition: arnPartition(this),
          service: 'cloudformation',
          region: '*',
          resource: 'stackset',
          resourceName: '*',
        }),
      },
    };

    this.role = new iam.Role(this, 'Role', {
      roleName,
      description: 'Administration role of self-managed CloudFormation StackSets: assumes the StackSet execution role in target accounts',
      assumedBy: new iam.PrincipalWithConditions(new iam.ServicePrincipal('cloudformation.amazonaws.com'), conditions),
    });
    claimFixedName(this, 'roleName', 'IAM role', roleName, 'account');
    const regional = (props.optInRegions ?? []).map((r) => new iam.ServicePrincipal(`cloudformation.${r}.amazonaws.com`));
    if (regional.length > 0) {
      this.role.assumeRolePolicy?.addStatements(
        new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: regional, conditions }),
      );
    }

    // Shared with StackSetAdminRolePolicy, which attaches the same policy to an existing role.
    this.policy = defineAdminPolicy(this, this.role, policyOptions);

    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
    this.executionRoleName = executionRoleName;
  }
}
