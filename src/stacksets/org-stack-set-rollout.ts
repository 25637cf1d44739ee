import { CfnStackSet } from 'aws-cdk-lib/aws-cloudformation';
import { Construct } from 'constructs';
import { baseProblems, defineStackSet, ROLLOUT_BASE_SHAPES } from './private/rollout';
import { StackSetRolloutBaseProps } from './stack-set-rollout-options';
import { throwIfProblems } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, duplicateProblems, enumShape, PropsSpec, required, validateList, validateRootOrOu } from '../core/private/validators';

/**
 * Whom CloudFormation acts as when it manages a service-managed StackSet.
 */
export enum StackSetCallAs {
  /** The organization's management account (deploy the rollout's stack there). */
  SELF = 'SELF',
  /**
   * A delegated administrator for CloudFormation StackSets (deploy the
   * rollout's stack in that member account, after registering it from the
   * management account).
   */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/**
 * Properties of an `OrgStackSetRollout`.
 */
export interface OrgStackSetRolloutProps extends StackSetRolloutBaseProps {
  /**
   * The organizational units, or the organization root, whose accounts get the template.
   *
   * Explicit on purpose: a root ID (`r-...`) means every account of the
   * organization, now and later. To leave an OU out (e.g. a Suspended OU),
   * list its sibling OUs instead of the root. The management account
   * is never a target, even when it sits under a listed OU or the root.
   */
  readonly organizationalUnitIds: string[];

  /**
   * Accounts of the listed OUs that do not get the template (`AccountFilterType: DIFFERENCE`).
   *
   * Not allowed together with `includedAccountIds`.
   *
   * @default - every account of the listed OUs
   */
  readonly excludedAccountIds?: string[];

  /**
   * The only accounts of the listed OUs that get the template (`AccountFilterType: INTERSECTION`).
   *
   * Not allowed together with `excludedAccountIds`. Account filters apply to
   * the operations this stack starts; automatic deployment acts on OU
   * membership, so do not rely on this list to keep accounts that join later
   * out.
   *
   * @default - every account of the listed OUs
   */
  readonly includedAccountIds?: string[];

  /**
   * Keep the stacks (and what they created) in an account that leaves the targeted OUs or the organization.
   *
   * The default removes them, as the AWS Organizations blog post that
   * deploys an organization-wide role does: an account that left should not
   * keep a role a vendor can assume.
   *
   * @default false
   */
  readonly retainStacksOnAccountRemoval?: boolean;

  /**
   * Whom CloudFormation acts as: the management account or a delegated administrator.
   *
   * `DELEGATED_ADMIN` fails when the stack is deployed in the management
   * account, and `SELF` fails in any other account; choose the one that
   * matches where the rollout's stack is deployed.
   *
   * @default StackSetCallAs.SELF
   */
  readonly callAs?: StackSetCallAs;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { ...ROLLOUT_BASE_SHAPES, organizationalUnitIds: required('string[]'), excludedAccountIds: 'string[]', includedAccountIds: 'string[]', retainStacksOnAccountRemoval: 'boolean', callAs: enumShape('StackSetCallAs', StackSetCallAs) };

/**
 * A service-managed StackSet that deploys a template to every account of
 * organizational units (or of the whole organization), in chosen regions, and
 * to every account that joins them later.
 *
 * What gets defined: one `AWS::CloudFormation::StackSet` with
 * `PermissionModel: SERVICE_MANAGED`, automatic deployment on (accounts that
 * join the targeted OUs get the stacks),
 * `CAPABILITY_NAMED_IAM`, the template inlined as `TemplateBody`, and fast
 * operation preferences (all regions in parallel, every account at once, a
 * failure tolerance that lets every account be tried).
 *
 * Things to know:
 * - Prerequisite: trusted access between AWS Organizations and CloudFormation
 *   StackSets must be enabled in the management account; the
 *   CloudFormation error otherwise says the organization has no trusted
 *   access. No `OrganizationAccountAccessRole` is needed (the bulk script
 *   of the VMware Aria Automation for Secure Clouds guide needs one):
 *   StackSets uses its own `stacksets-exec-*` roles.
 * - The organization's management account is never a target of a
 *   service-managed StackSet. Cover it with a plain stack that uses the same
 *   constructs (e.g. the same `ReadOnlyAuditRole`) deployed to that account.
 * - Automatic deployment ignores the operation preferences: an account that
 *   joins is deployed with CloudFormation's defaults (one region at a time,
 *   no failure tolerance), and a failure fails that automatic operation. It
 *   also does not apply stack-instance parameter overrides. A template for
 *   new accounts must not assume that anything else (a trail, an enabled
 *   service) is already there.
 * - IAM is global: a template with named IAM resources must deploy to one
 *   region only; put regional resources in a second rollout. The construct
 *   fails synthesis otherwise.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html
 *
 * @example
 * import { BootstraplessSynthesizer, Stage } from 'aws-cdk-lib';
 *
 * const templates = new Stage(this, 'MemberTemplates');
 * const roleStack = new Stack(templates, 'AuditRole', {
 *   synthesizer: new BootstraplessSynthesizer(),
 * });
 * new iam.Role(roleStack, 'Role', {
 *   roleName: 'VendorAudit',
 *   assumedBy: new iam.AccountPrincipal('111122223333'),
 * });
 *
 * new audit.OrgStackSetRollout(this, 'AuditRoleRollout', {
 *   template: audit.StackSetTemplate.fromStack(roleStack),
 *   organizationalUnitIds: ['r-ab12'],
 *   regions: ['us-east-1'],
 * });
 */
export class OrgStackSetRollout extends Construct {
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

  constructor(scope: Construct, id: string, props: OrgStackSetRolloutProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    throwIfProblems(this, [
      ...baseProblems(this, props),
      ...targetProblems(props),
    ]);

    const accounts = props.excludedAccountIds ?? props.includedAccountIds;
    const filter = props.excludedAccountIds ? 'DIFFERENCE' : props.includedAccountIds ? 'INTERSECTION' : undefined;
    this.stackSet = defineStackSet(this, props, {
      permissionModel: 'SERVICE_MANAGED',
      callAs: props.callAs ?? StackSetCallAs.SELF,
      autoDeployment: {
        enabled: true,
        retainStacksOnAccountRemoval: props.retainStacksOnAccountRemoval ?? false,
      },
      deploymentTargets: {
        organizationalUnitIds: props.organizationalUnitIds,
        accounts,
        accountFilterType: filter,
      },
    });
    this.stackSetId = this.stackSet.attrStackSetId;
    this.stackSetName = this.stackSet.stackSetName;
  }
}

function targetProblems(props: OrgStackSetRolloutProps): Array<string | undefined> {
  const problems: Array<string | undefined> = [];
  const ids = props.organizationalUnitIds;
  if (!isUnresolved(ids)) {
    if (ids.length === 0) {
      problems.push(
        'organizationalUnitIds must not be empty: give the OU IDs to deploy to (e.g. ["ou-ab12-11111111"]), or the root ID (e.g. ["r-ab12"]) for every account of the organization',
      );
    }
    ids.forEach((value, i) => {
      problems.push(validateRootOrOu(`organizationalUnitIds[${i}]`, value));
    });
    problems.push(...duplicateProblems('organizationalUnitIds', ids));
    const roots = [...new Set(ids.filter((v) => typeof v === 'string' && !isUnresolved(v)).map((v) => /^(?:ou|r)-([a-z0-9]{4,32})(?:-|$)/.exec(v)?.[1]).filter((r) => r !== undefined))];
    if (roots.length > 1) {
      problems.push(`organizationalUnitIds names OUs of ${roots.length} different roots (${roots.map((r) => `r-${r}`).join(', ')}), but an organization has one root (an OU ID carries its root's suffix): the IDs come from different organizations; copy them again from \`aws organizations list-organizational-units-for-parent\``);
    }
  }
  if (props.excludedAccountIds !== undefined && props.includedAccountIds !== undefined) {
    problems.push(
      'excludedAccountIds and includedAccountIds are both set: CloudFormation takes one account filter per target (DIFFERENCE or INTERSECTION, and UNION is rejected for StackSet resources), so keep one of them',
    );
  }
  problems.push(...validateList('accountId', 'excludedAccountIds', props.excludedAccountIds, { nonEmpty: true, unique: true }));
  problems.push(...validateList('accountId', 'includedAccountIds', props.includedAccountIds, { nonEmpty: true, unique: true }));
  return problems;
}
