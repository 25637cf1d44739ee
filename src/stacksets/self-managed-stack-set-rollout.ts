import { CfnResource } from 'aws-cdk-lib';
import { CfnStackSet } from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { EXECUTION_ROLE_NAME } from './private/guide-policies';
import { adminRoleFacts } from './private/registry';
import { baseProblems, defineStackSet, ROLLOUT_BASE_SHAPES } from './private/rollout';
import { StackSetRolloutBaseProps } from './stack-set-rollout-options';
import { throwIfProblems } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, PropsSpec, required, validate, validateList } from '../core/private/validators';

/**
 * Properties of a `SelfManagedStackSetRollout`.
 */
export interface SelfManagedStackSetRolloutProps extends StackSetRolloutBaseProps {
  /**
   * The accounts to deploy to.
   *
   * Each needs the execution role (`StackSetExecutionRole`) trusting this
   * account, deployed beforehand.
   */
  readonly accountIds: string[];

  /**
   * The administration role CloudFormation uses in this account.
   *
   * Pass `StackSetAdminRole.role` (or `StackSetAdminRolePolicy.role`, for a
   * role the account already has) to have its execution role name and target
   * accounts checked against this rollout, and the StackSet wait for the
   * role's policy.
   *
   * @default - the role named `AWSCloudFormationStackSetAdministrationRole` in this account (CloudFormation's convention)
   */
  readonly administrationRole?: iam.IRole;

  /**
   * Name of the execution role in the target accounts.
   *
   * @default 'AWSCloudFormationStackSetExecutionRole'
   */
  readonly executionRoleName?: string;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { ...ROLLOUT_BASE_SHAPES, accountIds: required('string[]'), administrationRole: 'object', executionRoleName: 'string' };

/**
 * A self-managed StackSet that deploys a template to listed accounts, in chosen regions.
 *
 * For accounts outside an organization, or for a vendor flow that administers
 * StackSets from its own receiver account (as in the McAfee MVISION Cloud /
 * Skyhigh Security NRT guide): the administrator
 * account holds a `StackSetAdminRole`, each target account a
 * `StackSetExecutionRole` that trusts it. Defines one
 * `AWS::CloudFormation::StackSet` with `PermissionModel: SELF_MANAGED`, the
 * target accounts, `CAPABILITY_NAMED_IAM`, the inlined template and the same
 * fast operation preferences as `OrgStackSetRollout`. There is no automatic
 * deployment: a new account is added to `accountIds`.
 *
 * @example
 * import { BootstraplessSynthesizer, Stage } from 'aws-cdk-lib';
 *
 * const templates = new Stage(this, 'PublisherTemplates');
 * const ruleStack = new Stack(templates, 'Rules', {
 *   synthesizer: new BootstraplessSynthesizer(),
 * });
 * new sns.Topic(ruleStack, 'Topic', { enforceSSL: true });
 *
 * const admin = new audit.StackSetAdminRole(this, 'StackSetAdmin');
 * new audit.SelfManagedStackSetRollout(this, 'Publishers', {
 *   template: audit.StackSetTemplate.fromStack(ruleStack),
 *   accountIds: ['111111111111', '222222222222'],
 *   regions: ['us-east-1', 'eu-west-1'],
 *   administrationRole: admin.role,
 * });
 */
export class SelfManagedStackSetRollout extends Construct {
  /**
   * The StackSet.
   */
  public readonly stackSet: CfnStackSet;

  /**
   * ID of the StackSet (`name:uuid`).
   *
   * @attribute
   */
  public readonly stackSetId: string;

  /**
   * Name of the StackSet.
   *
   * @attribute
   */
  public readonly stackSetName: string;

  constructor(scope: Construct, id: string, props: SelfManagedStackSetRolloutProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    const executionRoleName = props.executionRoleName ?? EXECUTION_ROLE_NAME;
    throwIfProblems(this, [
      ...baseProblems(this, props),
      ...(isUnresolved(props.accountIds) || props.accountIds.length > 0
        ? validateList('accountId', 'accountIds', props.accountIds, { unique: true })
        : ['accountIds must not be empty: give the 12-digit IDs of the accounts to deploy to, e.g. ["111111111111"]']),
      validate('roleName', 'executionRoleName', executionRoleName),
      ...adminRoleProblems(props, executionRoleName),
    ]);

    this.stackSet = defineStackSet(this, props, {
      permissionModel: 'SELF_MANAGED',
      administrationRoleArn: props.administrationRole?.roleArn,
      executionRoleName,
      deploymentTargets: { accounts: props.accountIds },
    });
    // The administration role is useless until its policy is attached: wait
    // for the policy too. The role itself is already waited for through the
    // ARN's Fn::GetAtt, and a DependsOn on it as well is redundant (cfn-lint W3005).
    const facts = adminRoleFacts(props.administrationRole);
    if (facts) {
      const role = props.administrationRole!.node.defaultChild;
      for (const c of facts.construct.node.findAll()) {
        if (CfnResource.isCfnResource(c) && c !== role) this.stackSet.addDependency(c);
      }
    }
    this.stackSetId = this.stackSet.attrStackSetId;
    this.stackSetName = this.stackSet.stackSetName;
  }
}

function adminRoleProblems(props: SelfManagedStackSetRolloutProps, executionRoleName: string): string[] {
  const facts = adminRoleFacts(props.administrationRole);
  if (!facts) return [];
  const problems: string[] = [];
  if (!isUnresolved(executionRoleName) && facts.executionRoleName !== executionRoleName) {
    problems.push(
      `executionRoleName is ${JSON.stringify(executionRoleName)} but administrationRole (${facts.path}) may only assume ${JSON.stringify(facts.executionRoleName)}: use the same name in both`,
    );
  }
  if (facts.targetAccountIds && !isUnresolved(props.accountIds)) {
    const outside = props.accountIds.filter((a) => !isUnresolved(a) && !facts.targetAccountIds!.includes(a));
    if (outside.length > 0) {
      problems.push(
        `accountIds lists ${outside.map((a) => JSON.stringify(a)).join(', ')}, which administrationRole (${facts.path}) may not deploy to: add them to its targetAccountIds or remove them here`,
      );
    }
  }
  return problems;
}
