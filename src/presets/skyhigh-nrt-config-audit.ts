import { BootstraplessSynthesizer, Stack, Stage, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { throwIfProblems } from '../core/private/errors';
import { defineHandOffOutputs, HandOffValue } from '../core/private/hand-off';
import { validate, validateList } from '../core/private/validators';
import { NrtReceiverRolePolicies } from '../event-stream/nrt-receiver-role-policies';
import { OrgStackSetRollout } from '../stacksets/org-stack-set-rollout';
import { StackSetAdminRole } from '../stacksets/stack-set-admin-role';
import { StackSetExecutionPermissions } from '../stacksets/stack-set-execution-permissions';
import { StackSetExecutionRole } from '../stacksets/stack-set-execution-role';
import { StackSetTemplate } from '../stacksets/stack-set-template';

const ORG_UNIT = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const ADMIN_ROLE_NAME = 'AWSCloudFormationStackSetAdministrationRole';

/**
 * What an account is in the near-real-time configuration audit.
 */
export enum SkyhighNrtAccountRole {
  /** The one account that houses the vendor's queues, and administers its StackSets. */
  RECEIVER = 'RECEIVER',
  /** A monitored account whose events go to the receiver. */
  PUBLISHER = 'PUBLISHER',
  /** The receiver, monitored too: the common single-account setup. */
  RECEIVER_AND_PUBLISHER = 'RECEIVER_AND_PUBLISHER',
}

/**
 * Properties of a `SkyhighNrtConfigAudit`.
 */
export interface SkyhighNrtConfigAuditProps {
  /**
   * What this stack's account is.
   *
   * @default SkyhighNrtAccountRole.RECEIVER_AND_PUBLISHER - the guide's single-account setup
   */
  readonly accountRole?: SkyhighNrtAccountRole;

  /**
   * The receiver account's ID: the execution role trusts it.
   *
   * @default - the stack's account; required for `PUBLISHER`
   */
  readonly receiverAccountId?: string;

  /**
   * The name of the vendor's existing role in the receiver account, which gets the two receiver policies.
   *
   * @default 'MVC_for_AWS_role'
   */
  readonly vendorRoleName?: string;

  /**
   * The regions you select for monitoring in the vendor console, written to the hand-off outputs.
   *
   * The vendor's default is "all 14 AWS regions", which the guide does not
   * name; selecting only the regions you use speeds up the setup.
   *
   * @default - no selection: the vendor's default regions
   */
  readonly regions?: string[];

  /**
   * Narrow the execution role's trust of the receiver account to the administration role (`aws:PrincipalArn`, A-28).
   *
   * AWS's recommended hardening; off by default because the guide trusts
   * the whole receiver account.
   *
   * @default false
   */
  readonly narrowExecutionRoleTrust?: boolean;

  /**
   * Keep the trust of `cloudformation.amazonaws.com` on the execution role that the guide's console steps create.
   *
   * @default true
   */
  readonly cloudFormationServiceTrust?: boolean;

  /**
   * Organization mode, for a `PUBLISHER` stack in the organization's management account: the OUs (or root `r-...`) whose member accounts get the publisher execution role through a service-managed StackSet.
   *
   * The StackSet also reaches accounts that join later. The management
   * account's own role is defined in this stack (service-managed StackSets
   * never deploy there).
   *
   * @default - this account only
   */
  readonly publisherOrganizationalUnitIds?: string[];

  /**
   * The region of the publisher StackSet's instances (IAM is global: one region is enough).
   *
   * @default - the stack's region
   */
  readonly publisherStackSetRegion?: string;

  /**
   * Write CloudFormation outputs of what the vendor console asks for: the receiver account ID, the role ARNs and the selected regions.
   *
   * @default true
   */
  readonly handOffOutputs?: boolean;
}

/**
 * The McAfee MVISION Cloud / Skyhigh Security near-real-time configuration audit guide (seeds 001/002) as one construct, for a receiver, a publisher, or one account that is both.
 *
 * Reproduces the guide's IAM setup: in the receiver, the
 * policies `MVC_NrtConfigAuditReceiver` and
 * `MVC_NrtConfigAuditReceiver_Publishers` attached to the vendor's existing
 * `MVC_for_AWS_role`, the StackSet administration role and policy, and the
 * execution role `AWSCloudFormationStackSetExecutionRole` with the receiver
 * variant of `AWSCloudFormationStackSetExecutionRolePolicy`; in a publisher,
 * the execution role with the publisher variant, trusted by the receiver.
 * The vendor then creates the queues and rules itself.
 *
 * Deliberate deviations, each in `docs/presets/skyhigh-nrt.md` and named in
 * the faithful test: (1) `sqs:DeleteMessage` for the non-action
 * `sqs:DeleteMessageBatch`; (2) effective resources for the four
 * `events:` actions; (3) the receiver's queue actions limited to the
 * receiver's queues; (4) the administration role reconstructed from
 * convention, with confused-deputy conditions; (5) the
 * CloudFormation service trust limited to this account by
 * `aws:SourceAccount`; (6) optional trust narrowing, off by default;
 * (7) no empty `Condition` or `Sid`; (8) partition-aware ARNs.
 *
 * @example
 * new audit.SkyhighNrtConfigAudit(this, 'Nrt', {
 *   regions: ['us-east-1', 'eu-west-1'],
 * });
 */
export class SkyhighNrtConfigAudit extends Construct {
  /** The receiver's two vendor-role policies (receiver accounts). */
  public readonly receiverPolicies?: NrtReceiverRolePolicies;

  /** The StackSet administration role (receiver accounts). */
  public readonly adminRole?: StackSetAdminRole;

  /** The StackSet execution role of this account. */
  public readonly executionRole: StackSetExecutionRole;

  /**
   * The execution role in the member-account StackSet template (organization mode).
   *
   * Acknowledge cdk-nag findings on it as on `executionRole`: it is the same role.
   */
  public readonly memberExecutionRole?: StackSetExecutionRole;

  /** The StackSet that gives member accounts the publisher execution role (organization mode). */
  public readonly publisherRollout?: OrgStackSetRollout;

  /** The receiver account's ID. */
  public readonly receiverAccountId: string;

  constructor(scope: Construct, id: string, props: SkyhighNrtConfigAuditProps = {}) {
    super(scope, id);
    const accountRole = props.accountRole ?? SkyhighNrtAccountRole.RECEIVER_AND_PUBLISHER;
    const stack = Stack.of(this);
    throwIfProblems(this, checkProps(stack, accountRole, props));

    const receiver = accountRole !== SkyhighNrtAccountRole.PUBLISHER;
    this.receiverAccountId = props.receiverAccountId ?? stack.account;
    const handOff: HandOffValue[] = [
      { id: 'ReceiverAccountId', value: this.receiverAccountId, description: 'Skyhigh NRT: the receiver AWS account to select in Real-Time Monitoring (R-122)' },
    ];

    if (receiver) {
      // the two policies on the vendor's existing role.
      this.receiverPolicies = new NrtReceiverRolePolicies(this, 'VendorRolePolicies', { vendorRoleName: props.vendorRoleName });
      // administration policy and role.
      this.adminRole = new StackSetAdminRole(this, 'StackSetAdministration');
      handOff.push({ id: 'AdministrationRoleArn', value: this.adminRole.roleArn, description: 'Skyhigh NRT: StackSet administration role' });
    }

    // the execution role, receiver (superset) or publisher variant.
    this.executionRole = executionRole(this, 'StackSetExecution', receiver, this.receiverAccountId, props);
    handOff.push({ id: 'ExecutionRoleArn', value: this.executionRole.roleArn, description: 'Skyhigh NRT: StackSet execution role of this account' });

    if (props.publisherOrganizationalUnitIds !== undefined) {
      // "repeat these steps per AWS account", once for the organization.
      const templates = new Stage(this, 'MemberTemplates');
      const template = new Stack(templates, 'PublisherExecutionRole', {
        synthesizer: new BootstraplessSynthesizer(),
        description: 'Skyhigh NRT: StackSet execution role of a publisher account',
      });
      this.memberExecutionRole = executionRole(template, 'StackSetExecution', false, this.receiverAccountId, props);
      this.publisherRollout = new OrgStackSetRollout(this, 'PublisherRollout', {
        template: StackSetTemplate.fromStack(template),
        stackSetName: `${id}-publisher-execution-role`,
        description: 'Skyhigh NRT: StackSet execution role in every member account, trusted by the receiver',
        organizationalUnitIds: props.publisherOrganizationalUnitIds,
        regions: [props.publisherStackSetRegion ?? stack.region],
      });
    }

    if (props.regions !== undefined) {
      handOff.push({ id: 'Regions', value: props.regions.join(','), description: 'Skyhigh NRT: the regions to select for monitoring (R-123)' });
    }
    if (props.handOffOutputs ?? true) {
      defineHandOffOutputs(this, handOff);
    }
  }
}

function executionRole(
  scope: Construct, id: string, receiver: boolean, receiverAccountId: string, props: SkyhighNrtConfigAuditProps,
): StackSetExecutionRole {
  return new StackSetExecutionRole(scope, id, {
    administratorAccountId: receiverAccountId,
    permissions: receiver ? StackSetExecutionPermissions.GUIDE_RECEIVER : StackSetExecutionPermissions.GUIDE_PUBLISHER,
    cloudFormationServiceTrust: props.cloudFormationServiceTrust ?? true,
    administrationRoleName: props.narrowExecutionRoleTrust ? ADMIN_ROLE_NAME : undefined,
  });
}

function checkProps(stack: Stack, accountRole: SkyhighNrtAccountRole, props: SkyhighNrtConfigAuditProps): Array<string | undefined> {
  const problems: Array<string | undefined> = [
    validate('accountId', 'receiverAccountId', props.receiverAccountId),
    validate('roleName', 'vendorRoleName', props.vendorRoleName),
    validate('region', 'publisherStackSetRegion', props.publisherStackSetRegion),
    ...validateList('region', 'regions', props.regions, { nonEmpty: true, unique: true }),
  ];
  if (accountRole === SkyhighNrtAccountRole.PUBLISHER) {
    if (props.receiverAccountId === undefined) {
      problems.push('receiverAccountId is required for accountRole PUBLISHER: the execution role trusts the receiver account (R-120)');
    } else if (!Token.isUnresolved(props.receiverAccountId) && !Token.isUnresolved(stack.account) && props.receiverAccountId === stack.account) {
      problems.push(`receiverAccountId ${props.receiverAccountId} is this stack's account: use accountRole RECEIVER_AND_PUBLISHER for an account that is both (R-118 skips the publisher steps there)`);
    }
    if (props.vendorRoleName !== undefined) {
      problems.push('vendorRoleName only applies to the receiver: the vendor\'s role gets the receiver policies there (R-112); remove it');
    }
  } else {
    const given = props.receiverAccountId;
    if (given !== undefined && !Token.isUnresolved(given) && !Token.isUnresolved(stack.account) && given !== stack.account) {
      problems.push(`receiverAccountId is ${props.receiverAccountId} but this ${accountRole} stack deploys to ${stack.account}: the receiver's roles belong in the receiver account; leave receiverAccountId out or fix the stack's env`);
    }
    if (props.publisherOrganizationalUnitIds !== undefined) {
      problems.push(`publisherOrganizationalUnitIds needs accountRole PUBLISHER (got ${accountRole}): define the organization rollout in a stack of the management account, with receiverAccountId`);
    }
  }
  const ous = props.publisherOrganizationalUnitIds;
  if (ous !== undefined && ous.length === 0) {
    problems.push('publisherOrganizationalUnitIds must not be empty: give the root ID ("r-...") for every member account, or the OUs to monitor');
  }
  for (const [i, ou] of (ous ?? []).entries()) {
    if (!Token.isUnresolved(ou) && !ORG_UNIT.test(ou)) {
      problems.push(`publisherOrganizationalUnitIds[${i}] must be an organization root ("r-...") or OU ID ("ou-...-..."), got ${JSON.stringify(ou)}: copy it from the AWS Organizations console`);
    }
  }
  if (props.publisherStackSetRegion !== undefined && ous === undefined) {
    problems.push('publisherStackSetRegion only applies with publisherOrganizationalUnitIds: remove it or add the OUs');
  }
  return problems;
}
