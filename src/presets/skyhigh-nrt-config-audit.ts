import { Annotations, Aws, CfnParameter, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { markAuditSetup } from '../core/private/audit-tag';
import { skipCheckov } from '../core/private/checkov';
import { throwIfProblems } from '../core/private/errors';
import { defineHandOffOutputs, HandOffValue } from '../core/private/hand-off';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, PropsSpec, validate, validateList, validateRootOrOu } from '../core/private/validators';
import { NrtPublisher } from '../event-stream/nrt-publisher';
import { NrtReceiver } from '../event-stream/nrt-receiver';
import { NrtReceiverRolePolicies } from '../event-stream/nrt-receiver-role-policies';
import { OrgStackSetRollout } from '../stacksets/org-stack-set-rollout';
import { defineTemplateStack } from '../stacksets/private/template-stack';
import { SelfManagedStackSetRollout } from '../stacksets/self-managed-stack-set-rollout';
import { StackSetAdminRole } from '../stacksets/stack-set-admin-role';
import { StackSetAdminRolePolicy } from '../stacksets/stack-set-admin-role-policy';
import { StackSetExecutionPermissions } from '../stacksets/stack-set-execution-permissions';
import { StackSetExecutionRole } from '../stacksets/stack-set-execution-role';
import { StackSetExecutionRolePolicy } from '../stacksets/stack-set-execution-role-policy';
import { StackSetTemplate } from '../stacksets/stack-set-template';
import { Mode, readMode } from './private/skyhigh-mode';
import { SkyhighNrtAccountRole, SkyhighNrtMode } from './skyhigh-nrt-mode';

const ADMIN_ROLE_NAME = 'AWSCloudFormationStackSetAdministrationRole';
const DEFAULT_QUEUE_NAME_PREFIX = 'StackSet-';
/** The template parameter that carries the receiver account into the publisher template. */
const RECEIVER_ACCOUNT_PARAMETER = 'ReceiverAccountId';

/**
 * Properties of a `SkyhighNrtConfigAudit`.
 */
export interface SkyhighNrtConfigAuditProps {
  /**
   * What this stack's account is, with the options of that kind of account.
   *
   * @default SkyhighNrtMode.receiverAndPublisher() - the guide's single-account setup
   */
  readonly mode?: SkyhighNrtMode;

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
   * Narrow the execution role's trust of the receiver account to the administration role (`aws:PrincipalArn`).
   *
   * AWS's recommended hardening. Off by default in the guide's setup,
   * which trusts the whole receiver account (the vendor's StackSet works
   * either way); on by default with `selfProvisioned`, whose second policy
   * gives the execution role IAM write actions. Not allowed with
   * `existingExecutionRole`, whose trust is never changed.
   *
   * @default - true with `selfProvisioned` (unless `existingExecutionRole`), otherwise false
   */
  readonly narrowExecutionRoleTrust?: boolean;

  /**
   * Add the trust of `cloudformation.amazonaws.com` on the execution role, as the guide's console steps leave it.
   *
   * StackSets do not need it: CloudFormation reaches the execution role
   * through the administration role. With it, anyone in this account who
   * may pass the role can use it as a stack's service role and act with its
   * permissions. Not allowed with `existingExecutionRole`, whose trust is
   * never changed.
   *
   * @default false
   */
  readonly cloudFormationServiceTrust?: boolean;

  /**
   * This account already has a role named `AWSCloudFormationStackSetExecutionRole`: attach the guide's execution policy to it instead of defining the role.
   *
   * For accounts set up for self-managed StackSets before (AWS's standard
   * setup): CloudFormation cannot define a second role of that name. The
   * policy `AWSCloudFormationStackSetExecutionRolePolicy` (the guide's
   * receiver or publisher variant) is attached to the existing role by name;
   * the role's trust is never changed, so it must already trust the receiver
   * account.
   * AWS's sample template trusts the administrator account it was given, with
   * `AdministratorAccess` attached: if that is not the receiver, edit the
   * trust first. Applies to this account only: with
   * `SkyhighNrtMode.organizationPublisher()` the member accounts still get
   * the role from the StackSet.
   *
   * @default false - the role is defined, trusted as the guide says
   */
  readonly existingExecutionRole?: boolean;

  /**
   * Define the queues and rules with the library's `NrtReceiver` and `NrtPublisher`, through StackSets that use the guide's roles, instead of leaving them to the vendor.
   *
   * Not confirmed by the vendor, and never together with the vendor's own
   * provisioning: running both duplicates the queues and rules. The
   * receiver stack deploys an `NrtReceiver` to the receiver account and an
   * `NrtPublisher` to the mode's `publisherAccountIds`, in every region of
   * `regions`; with `SkyhighNrtMode.organizationPublisher()`, the management
   * account's stack deploys an `NrtPublisher` to the member accounts. This
   * account's execution role gets a second policy with the permissions its
   * template needs (`StackSetExecutionPermissions.fromTemplates`), so set it
   * in the publishers' stacks too, and deploy those first. Needs `regions`
   * in receiver stacks and in the organization publisher's stack.
   *
   * @default false - IAM only, as the guide: the vendor creates the queues and rules
   */
  readonly selfProvisioned?: boolean;

  /**
   * Write CloudFormation outputs of what the vendor console asks for: the receiver account ID, the role ARNs and the selected regions.
   *
   * @default true
   */
  readonly handOffOutputs?: boolean;
}

/**
 * The props whose setting is now an option of a mode, and where each went:
 * from JavaScript, where no compiler sees them, one still given would
 * otherwise be ignored and the stack would define another kind of account.
 */
const MOVED_PROPS: { readonly [prop: string]: string } = {
  accountRole: 'mode: SkyhighNrtMode.receiverAndPublisher(), SkyhighNrtMode.receiver(), SkyhighNrtMode.publisher({ receiverAccountId }) or SkyhighNrtMode.organizationPublisher({ receiverAccountId, organizationalUnitIds })',
  receiverAccountId: 'mode: SkyhighNrtMode.publisher({ receiverAccountId }) or SkyhighNrtMode.organizationPublisher({ receiverAccountId, organizationalUnitIds }); a receiver stack needs none',
  vendorRoleName: 'the options of the receiver modes: mode: SkyhighNrtMode.receiverAndPublisher({ vendorRoleName }) or SkyhighNrtMode.receiver({ vendorRoleName })',
  vendorQueueNamePrefix: 'the options of the receiver modes: mode: SkyhighNrtMode.receiverAndPublisher({ vendorQueueNamePrefix }) or SkyhighNrtMode.receiver({ vendorQueueNamePrefix })',
  existingAdministrationRole: 'the options of the receiver modes: mode: SkyhighNrtMode.receiverAndPublisher({ existingAdministrationRole }) or SkyhighNrtMode.receiver({ existingAdministrationRole })',
  publisherAccountIds: 'the options of the receiver modes: mode: SkyhighNrtMode.receiverAndPublisher({ publisherAccountIds }) or SkyhighNrtMode.receiver({ publisherAccountIds })',
  publisherOrganizationId: 'the options of the receiver modes: mode: SkyhighNrtMode.receiverAndPublisher({ publisherOrganizationId }) or SkyhighNrtMode.receiver({ publisherOrganizationId })',
  services: 'the options of the mode whose stack deploys rules: SkyhighNrtMode.receiverAndPublisher({ services }), SkyhighNrtMode.receiver({ services }) or SkyhighNrtMode.organizationPublisher({ ..., services })',
  publisherOrganizationalUnitIds: 'mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId, organizationalUnitIds })',
  publisherStackSetRegion: 'mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId, organizationalUnitIds, stackSetRegion })',
};

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { mode: 'object', regions: 'string[]', narrowExecutionRoleTrust: 'boolean', cloudFormationServiceTrust: 'boolean', existingExecutionRole: 'boolean', selfProvisioned: 'boolean', handOffOutputs: 'boolean' };

/**
 * The McAfee MVISION Cloud / Skyhigh Security near-real-time configuration audit guide as one construct, for a receiver, a publisher, or one account that is both.
 *
 * Reproduces the guide's IAM setup: in the receiver, the
 * policies `MVC_NrtConfigAuditReceiver` and
 * `MVC_NrtConfigAuditReceiver_Publishers` attached to the vendor's existing
 * `MVC_for_AWS_role`, the StackSet administration role and policy, and the
 * execution role `AWSCloudFormationStackSetExecutionRole` with the receiver
 * variant of `AWSCloudFormationStackSetExecutionRolePolicy`; in a publisher,
 * the execution role with the publisher variant, trusted by the receiver.
 * The vendor then creates the queues and rules itself. `mode` says
 * which kind of account the stack's is (`SkyhighNrtMode`).
 * `existingExecutionRole` and the receiver's `existingAdministrationRole`
 * attach the guide's policies to roles the account already has; `selfProvisioned` has
 * the library create the queues and rules instead of the vendor (not
 * confirmed by the vendor).
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
 *
 * // In each monitored account:
 * new audit.SkyhighNrtConfigAudit(this, 'NrtPublisher', {
 *   mode: audit.SkyhighNrtMode.publisher({ receiverAccountId: '111122223333' }),
 * });
 */
export class SkyhighNrtConfigAudit extends Construct {
  /** The receiver's two vendor-role policies (receiver accounts). */
  public readonly receiverPolicies?: NrtReceiverRolePolicies;

  /**
   * The StackSet administration role (receiver accounts).
   *
   * @default - undefined in publisher stacks, and with the receiver's `existingAdministrationRole`: see `existingAdministrationRolePolicy`
   */
  public readonly adminRole?: StackSetAdminRole;

  /**
   * The guide's administration policy on the role this receiver account already has (`existingAdministrationRole`).
   *
   * @default - undefined unless `existingAdministrationRole`
   */
  public readonly existingAdministrationRolePolicy?: StackSetAdminRolePolicy;

  /**
   * The guide's `AWSCloudFormationStackSetAdministrationRolePolicy` of this receiver account, on the defined or the existing role.
   *
   * @default - undefined in publisher stacks
   */
  public readonly administrationPolicy?: iam.ManagedPolicy;

  /**
   * ARN of this receiver account's StackSet administration role, defined or existing.
   *
   * @default - undefined in publisher stacks
   */
  public readonly administrationRoleArn?: string;

  /**
   * The StackSet execution role of this account.
   *
   * @default - undefined with `existingExecutionRole`: see `existingExecutionRolePolicy`
   */
  public readonly executionRole?: StackSetExecutionRole;

  /**
   * The guide's execution policy on the role this account already has (`existingExecutionRole`).
   *
   * @default - undefined unless `existingExecutionRole`
   */
  public readonly existingExecutionRolePolicy?: StackSetExecutionRolePolicy;

  /**
   * The guide's `AWSCloudFormationStackSetExecutionRolePolicy` of this account, on the defined or the existing role.
   */
  public readonly executionPolicy: iam.ManagedPolicy;

  /**
   * ARN of this account's StackSet execution role, defined or existing.
   *
   * @attribute
   */
  public readonly executionRoleArn: string;

  /**
   * The execution role in the member-account StackSet template (`SkyhighNrtMode.organizationPublisher()`).
   *
   * Acknowledge cdk-nag findings on it as on `executionRole`: it is the same role.
   */
  public readonly memberExecutionRole?: StackSetExecutionRole;

  /** The StackSet that gives member accounts the publisher execution role (`SkyhighNrtMode.organizationPublisher()`). */
  public readonly publisherRollout?: OrgStackSetRollout;

  /**
   * Self-provisioned mode: the second policy of this account's execution role, with the permissions the library's templates need.
   *
   * @default - undefined unless `selfProvisioned`
   */
  public readonly selfProvisioningPolicy?: StackSetExecutionRolePolicy;

  /**
   * Self-provisioned mode: the `NrtReceiver` in the receiver's StackSet template (receiver accounts).
   *
   * @default - undefined unless `selfProvisioned` in a receiver stack
   */
  public readonly receiver?: NrtReceiver;

  /**
   * Self-provisioned mode: the `NrtPublisher` in the publishers' StackSet template.
   *
   * With `SkyhighNrtMode.publisher()` no StackSet of this stack deploys
   * it: it sizes `selfProvisioningPolicy`, and the receiver's StackSet
   * deploys the same template.
   *
   * @default - undefined unless `selfProvisioned`, and in a receiver stack the mode's `publisherAccountIds`
   */
  public readonly publisher?: NrtPublisher;

  /**
   * Self-provisioned mode: the StackSet that deploys the `NrtReceiver` to the receiver account in each region.
   *
   * @default - undefined unless `selfProvisioned` in a receiver stack
   */
  public readonly receiverQueuesRollout?: SelfManagedStackSetRollout;

  /**
   * Self-provisioned mode: the StackSet that deploys the `NrtPublisher` to the receiver's `publisherAccountIds` in each region.
   *
   * @default - undefined unless `selfProvisioned` with the receiver's `publisherAccountIds`
   */
  public readonly publisherRulesRollout?: SelfManagedStackSetRollout;

  /**
   * Self-provisioned mode of an organization publisher: the service-managed StackSet that deploys the `NrtPublisher` to the member accounts in each region.
   *
   * @default - undefined unless `selfProvisioned` with `SkyhighNrtMode.organizationPublisher()`
   */
  public readonly memberRulesRollout?: OrgStackSetRollout;

  /** The receiver account's ID. */
  public readonly receiverAccountId: string;

  constructor(scope: Construct, id: string, props: SkyhighNrtConfigAuditProps = {}) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    throwIfProblems(this, Object.keys(MOVED_PROPS).filter((p) => (props as { readonly [p: string]: unknown })[p] !== undefined)
      .map((p) => `${p} is not a prop of SkyhighNrtConfigAudit: the mode says what the account is and takes the options of that kind of account. Remove ${p} and give ${MOVED_PROPS[p]}`));
    const mode = readMode(this, props.mode ?? SkyhighNrtMode.receiverAndPublisher());
    markAuditSetup(this);
    const stack = Stack.of(this);
    throwIfProblems(this, checkProps(stack, mode, props));

    const receiverOptions = mode.receiver;
    this.receiverAccountId = mode.receiverAccountId ?? stack.account;
    const handOff: HandOffValue[] = [
      { id: 'ReceiverAccountId', value: this.receiverAccountId, description: 'Skyhigh NRT: the receiver AWS account to select in Real-Time Monitoring' },
    ];

    if (receiverOptions) {
      // The two policies on the vendor's existing role.
      // Self-provisioned: the library creates the queues and rules, so the
      // vendor role gets no StackSet action and cannot reach any execution role.
      this.receiverPolicies = new NrtReceiverRolePolicies(this, 'VendorRolePolicies', {
        vendorRoleName: receiverOptions.vendorRoleName,
        vendorQueueNamePrefix: receiverOptions.vendorQueueNamePrefix,
        vendorProvisioning: !props.selfProvisioned,
      });
      // The administration policy and role, or only the policy on
      // the role the account already has. The same id either way: the
      // policy keeps its logical id and path.
      if (receiverOptions.existingAdministrationRole) {
        this.existingAdministrationRolePolicy = new StackSetAdminRolePolicy(this, 'StackSetAdministration');
        this.administrationPolicy = this.existingAdministrationRolePolicy.policy;
        this.administrationRoleArn = this.existingAdministrationRolePolicy.roleArn;
      } else {
        this.adminRole = new StackSetAdminRole(this, 'StackSetAdministration');
        this.administrationPolicy = this.adminRole.policy;
        this.administrationRoleArn = this.adminRole.roleArn;
      }
      handOff.push({ id: 'AdministrationRoleArn', value: this.administrationRoleArn, description: 'Skyhigh NRT: StackSet administration role' });
    }

    // The execution role, receiver (superset) or publisher variant,
    // or only its policy on the role the account already has.
    // The receiver's queue actions only on the vendor's queues: whoever
    // drives a StackSet to the role cannot change another queue's policy.
    const permissions = receiverOptions
      ? StackSetExecutionPermissions.guideReceiverForQueues(receiverOptions.vendorQueueNamePrefix ?? DEFAULT_QUEUE_NAME_PREFIX)
      : StackSetExecutionPermissions.GUIDE_PUBLISHER;
    if (props.existingExecutionRole) {
      this.existingExecutionRolePolicy = new StackSetExecutionRolePolicy(this, 'StackSetExecution', { permissions });
      this.executionPolicy = this.existingExecutionRolePolicy.policy;
      this.executionRoleArn = this.existingExecutionRolePolicy.roleArn;
    } else {
      this.executionRole = executionRole(this, 'StackSetExecution', permissions, this.receiverAccountId, props);
      this.executionPolicy = this.executionRole.policy!;
      this.executionRoleArn = this.executionRole.roleArn;
    }
    handOff.push({ id: 'ExecutionRoleArn', value: this.executionRoleArn, description: 'Skyhigh NRT: StackSet execution role of this account' });

    const organization = mode.organization;
    if (organization) {
      // The guide's "repeat these steps per AWS account", once for the organization.
      const templates = new Stage(this, 'MemberTemplates');
      const template = defineTemplateStack(templates, 'PublisherExecutionRole', 'Skyhigh NRT: StackSet execution role of a publisher account');
      this.memberExecutionRole = executionRole(template, 'StackSetExecution', StackSetExecutionPermissions.GUIDE_PUBLISHER, this.receiverAccountId, props);
      this.publisherRollout = new OrgStackSetRollout(this, 'PublisherRollout', {
        template: StackSetTemplate.fromStack(template),
        stackSetName: `${id}-publisher-execution-role`,
        description: 'Skyhigh NRT: StackSet execution role in every member account, trusted by the receiver',
        organizationalUnitIds: organization.organizationalUnitIds,
        // The receiver has its own execution role of the same name (receiver
        // variant): an instance there would fail with "already exists".
        excludedAccountIds: [this.receiverAccountId],
        regions: [organization.stackSetRegion ?? stack.region],
      });
    }

    if (props.selfProvisioned) {
      const self = defineSelfProvisioning(this, props, mode, {
        receiverAccountId: this.receiverAccountId,
        // The imported role of an existing one is registered with its
        // policy too: the rollouts check it and wait for the policy.
        administrationRole: this.adminRole?.role ?? this.existingAdministrationRolePolicy?.role,
        executionRole: this.executionRole,
        executionRoleOwner: this.executionRole ?? this.existingExecutionRolePolicy!,
      });
      this.selfProvisioningPolicy = self.policy;
      this.receiver = self.receiver;
      this.publisher = self.publisher;
      this.receiverQueuesRollout = self.receiverQueuesRollout;
      this.publisherRulesRollout = self.publisherRulesRollout;
      this.memberRulesRollout = self.memberRulesRollout;
    }

    if (props.regions !== undefined) {
      handOff.push({ id: 'Regions', value: props.regions.join(','), description: 'Skyhigh NRT: the regions to select for monitoring' });
    }
    if (props.handOffOutputs ?? true) {
      defineHandOffOutputs(this, handOff);
    }
  }
}

/** What the self-provisioned mode defines. */
interface SelfProvisioning {
  readonly policy: StackSetExecutionRolePolicy;
  readonly receiver?: NrtReceiver;
  readonly publisher?: NrtPublisher;
  readonly receiverQueuesRollout?: SelfManagedStackSetRollout;
  readonly publisherRulesRollout?: SelfManagedStackSetRollout;
  readonly memberRulesRollout?: OrgStackSetRollout;
}

/** Where the self-provisioned mode plugs into the guide's IAM. */
interface GuideRoles {
  readonly receiverAccountId: string;
  /** The receiver's administration role, defined or existing (imported by name); undefined in a publisher stack. */
  readonly administrationRole?: iam.IRole;
  /** This account's execution role, or undefined for an existing one (imported by name). */
  readonly executionRole?: StackSetExecutionRole;
  /** What defines this account's execution role or its guide policy: the receiver's own StackSet waits for it. */
  readonly executionRoleOwner: IConstruct;
}

/**
 * Self-provisioned mode: the library's receiver and publishers instead of
 * the vendor's StackSet. Each template goes out through a StackSet that uses
 * the guide's roles, administered from the receiver as the vendor would; in
 * organization mode, member accounts get theirs from a service-managed
 * StackSet of the management account.
 */
function defineSelfProvisioning(scope: Construct, props: SkyhighNrtConfigAuditProps, mode: Mode, guide: GuideRoles): SelfProvisioning {
  const templates = new Stage(scope, 'SelfProvisionedTemplates');
  const regions = props.regions ?? [];
  const admin = guide.administrationRole;

  const admitted = mode.receiver ?? {};
  let receiver: NrtReceiver | undefined;
  let receiverTemplate: StackSetTemplate | undefined;
  if (admin) {
    const receiverStack = defineTemplateStack(templates, 'Receiver', 'Skyhigh NRT (self-provisioned): the receiver queue, default-bus policy and rule of one region');
    receiver = new NrtReceiver(receiverStack, 'Receiver', {
      // An account that is both, with no other publisher: NrtReceiver needs
      // an admitted publisher, and admitting the receiver's own account on
      // its own bus changes nothing (same-account calls are decided by IAM).
      publisherAccountIds: admitted.publisherAccountIds ?? (admitted.publisherOrganizationId === undefined ? [Aws.ACCOUNT_ID] : undefined),
      publisherOrganizationId: admitted.publisherOrganizationId,
      services: mode.services,
      // The vendor consumes through MVC_NrtConfigAuditReceiver, which covers
      // queues of this prefix: the template then defines no IAM resource, so
      // its execution role needs no IAM action.
      queueName: `${mode.receiver?.vendorQueueNamePrefix ?? DEFAULT_QUEUE_NAME_PREFIX}nrt-${Aws.REGION}`,
    });
    receiverTemplate = StackSetTemplate.fromStack(receiverStack);
  }

  let publisher: NrtPublisher | undefined;
  let publisherTemplate: StackSetTemplate | undefined;
  const buildPublisher = (id: string) => {
    const publisherStack = defineTemplateStack(templates, id, 'Skyhigh NRT (self-provisioned): forwards the configuration events of one region to the receiver\'s default event bus');
    // A parameter, not the literal: the receiver's account may be a token of
    // its own stack, which a StackSet template cannot reference.
    const receiverAccount = new CfnParameter(publisherStack, RECEIVER_ACCOUNT_PARAMETER, {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      description: 'The NRT receiver account, whose default event bus in each region receives the events',
    });
    return { stack: publisherStack, publisher: new NrtPublisher(publisherStack, 'Publisher', { receiverAccountId: receiverAccount.valueAsString, services: mode.services }) };
  };
  const publisherAccountIds = mode.receiver?.publisherAccountIds;
  if (!admin || publisherAccountIds !== undefined) {
    const built = buildPublisher('Publisher');
    // Deployed by the execution roles of this library (fromTemplates): its
    // role carries their permissions boundary.
    StackSetExecutionPermissions.prepareTemplate(built.stack);
    publisher = built.publisher;
    publisherTemplate = StackSetTemplate.fromStack(built.stack);
  }
  const parameters = { [RECEIVER_ACCOUNT_PARAMETER]: guide.receiverAccountId };

  // The receiver's execution role deploys the receiver template, a
  // publisher's the publisher template: each gets what its template needs,
  // next to the guide's policy.
  const ownTemplate = receiverTemplate ?? publisherTemplate;
  const policy = new StackSetExecutionRolePolicy(scope, 'SelfProvisioningPermissions', {
    permissions: StackSetExecutionPermissions.fromTemplates(ownTemplate ? [ownTemplate] : []),
    role: guide.executionRole?.role,
  });
  skipCheckov(policy.policy.node.defaultChild as iam.CfnManagedPolicy, 'CKV_AWS_110',
    'IAM write actions that could escalate privileges: the NRT templates define IAM resources (the receiver\'s grant to the vendor role, the publisher rule\'s role), '
    + 'which CloudFormation creates with this execution role, so it needs them (AWS\'s sample execution role has AdministratorAccess instead). '
    + 'Only the receiver account may assume the role, and, unless narrowExecutionRoleTrust is set to false (the construct then warns), only its StackSet administration role.');

  let receiverQueuesRollout: SelfManagedStackSetRollout | undefined;
  let publisherRulesRollout: SelfManagedStackSetRollout | undefined;
  let memberRulesRollout: OrgStackSetRollout | undefined;
  if (admin && receiverTemplate) {
    receiverQueuesRollout = new SelfManagedStackSetRollout(scope, 'ReceiverQueuesRollout', {
      template: receiverTemplate,
      description: 'Skyhigh NRT (self-provisioned): the receiver queue, default-bus policy and rule in each region',
      accountIds: [guide.receiverAccountId],
      regions,
      administrationRole: admin,
    });
    // The rollout waits for the administration role and its policy itself;
    // the receiver's own stack instances also need its execution role with
    // both policies.
    receiverQueuesRollout.node.addDependency(guide.executionRoleOwner, policy);

    if (publisherTemplate && publisherAccountIds !== undefined) {
      publisherRulesRollout = new SelfManagedStackSetRollout(scope, 'PublisherRulesRollout', {
        template: publisherTemplate,
        description: 'Skyhigh NRT (self-provisioned): the publisher rule to the receiver\'s default bus in each region',
        accountIds: publisherAccountIds,
        regions,
        parameters,
        administrationRole: admin,
      });
      // The bus must admit the publishers before their rules send to it (and
      // the administration role is then there too).
      publisherRulesRollout.node.addDependency(receiverQueuesRollout);
    }
  } else if (publisherTemplate && mode.organization) {
    // Member accounts deploy it with the service-managed execution role,
    // and have no boundary policy: the same template without the boundary.
    memberRulesRollout = new OrgStackSetRollout(scope, 'MemberRulesRollout', {
      template: StackSetTemplate.fromStack(buildPublisher('MemberPublisher').stack),
      description: 'Skyhigh NRT (self-provisioned): the publisher rule to the receiver\'s default bus in every member account and region',
      organizationalUnitIds: mode.organization.organizationalUnitIds,
      // A receiver inside the OUs must not forward to its own bus: its own rule already sees its events.
      excludedAccountIds: [guide.receiverAccountId],
      regions,
      parameters,
    });
  }

  if (!props.existingExecutionRole && !narrowsTrust(props)) {
    Annotations.of(scope).addWarningV2('cdk-audit-baseline:skyhigh-nrt-self-provisioned-trust',
      'selfProvisioned gives the StackSet execution role the IAM, queue and rule permissions of the library\'s templates, and narrowExecutionRoleTrust: false lets every principal of the receiver account assume it: '
      + 'leave narrowExecutionRoleTrust out (true in this mode) so that only the receiver\'s StackSet administration role may assume it');
  }
  return { policy, receiver, publisher, receiverQueuesRollout, publisherRulesRollout, memberRulesRollout };
}

function executionRole(
  scope: Construct, id: string, permissions: StackSetExecutionPermissions, receiverAccountId: string, props: SkyhighNrtConfigAuditProps,
): StackSetExecutionRole {
  return new StackSetExecutionRole(scope, id, {
    administratorAccountId: receiverAccountId,
    permissions,
    cloudFormationServiceTrust: props.cloudFormationServiceTrust ?? false,
    administrationRoleName: narrowsTrust(props) ? ADMIN_ROLE_NAME : undefined,
  });
}

/** `narrowExecutionRoleTrust`, with its default: on in self-provisioned mode, whose execution role can write IAM. */
function narrowsTrust(props: SkyhighNrtConfigAuditProps): boolean {
  return props.narrowExecutionRoleTrust ?? (props.selfProvisioned === true && props.existingExecutionRole !== true);
}

function checkProps(stack: Stack, mode: Mode, props: SkyhighNrtConfigAuditProps): Array<string | undefined> {
  const problems: Array<string | undefined> = [
    validate('accountId', 'mode.receiverAccountId', mode.receiverAccountId),
    validate('roleName', 'mode.vendorRoleName', mode.receiver?.vendorRoleName),
    validate('region', 'mode.stackSetRegion', mode.organization?.stackSetRegion),
    ...validateList('region', 'regions', props.regions, { nonEmpty: true, unique: true, onePartition: true }),
  ];
  const receiverAccountId = mode.receiverAccountId;
  if (receiverAccountId !== undefined && !isUnresolved(receiverAccountId) && !isUnresolved(stack.account) && receiverAccountId === stack.account) {
    problems.push(`mode.receiverAccountId ${receiverAccountId} is this stack's account: use SkyhighNrtMode.receiverAndPublisher() for an account that is both (the guide skips the publisher steps there)`);
  }
  const ous = mode.organization?.organizationalUnitIds;
  if (ous !== undefined && ous.length === 0) {
    problems.push('mode.organizationalUnitIds must not be empty: give the root ID ("r-...") for every member account, or the OUs to monitor');
  }
  (ous ?? []).forEach((ou, i) => problems.push(validateRootOrOu(`mode.organizationalUnitIds[${i}]`, ou)));
  problems.push(...existingRoleProblems(props));
  problems.push(...selfProvisioningProblems(stack, mode, props));
  return problems;
}

/** Props that shape the trust of a role the construct defines make no sense on a role it only attaches a policy to. */
function existingRoleProblems(props: SkyhighNrtConfigAuditProps): string[] {
  if (!props.existingExecutionRole) return [];
  const problems: string[] = [];
  const why = 'the existing AWSCloudFormationStackSetExecutionRole keeps its trust, which this construct never changes';
  if (props.narrowExecutionRoleTrust !== undefined) {
    problems.push(`narrowExecutionRoleTrust is ${props.narrowExecutionRoleTrust} but existingExecutionRole is true: ${why}. Remove narrowExecutionRoleTrust and add the aws:PrincipalArn condition to the role's trust yourself, or drop existingExecutionRole after deleting the role`);
  }
  if (props.cloudFormationServiceTrust !== undefined) {
    problems.push(`cloudFormationServiceTrust is ${props.cloudFormationServiceTrust} but existingExecutionRole is true: ${why}. Remove cloudFormationServiceTrust`);
  }
  return problems;
}

function selfProvisioningProblems(stack: Stack, mode: Mode, props: SkyhighNrtConfigAuditProps): Array<string | undefined> {
  const receiver = mode.receiver;
  if (!props.selfProvisioned) {
    const options: { readonly [option: string]: unknown } = { ...receiver, services: mode.services };
    const given = (['publisherAccountIds', 'publisherOrganizationId', 'services'] as const).filter((p) => options[p] !== undefined);
    return given.map((p) => `mode.${p} only applies with selfProvisioned: true, where the library defines the queues and rules; the vendor's own provisioning needs no ${p}. Remove it from ${mode.factory} or set selfProvisioned`);
  }
  const problems: Array<string | undefined> = [
    ...validateList('accountId', 'mode.publisherAccountIds', receiver?.publisherAccountIds, { nonEmpty: true, unique: true }),
    validate('organizationId', 'mode.publisherOrganizationId', receiver?.publisherOrganizationId),
  ];
  if (props.regions === undefined && (receiver || mode.organization)) {
    problems.push(`selfProvisioned needs regions with ${mode.factory}: the StackSets deploy the ${receiver ? 'receiver queue and ' : ''}rules to each of them; give the regions you select in the vendor console, e.g. ["us-east-1", "eu-west-1"]`);
  }
  if (!receiver) return problems;
  const admitsNone = receiver.publisherAccountIds === undefined && receiver.publisherOrganizationId === undefined;
  if (mode.accountRole === SkyhighNrtAccountRole.RECEIVER && admitsNone) {
    problems.push('selfProvisioned with SkyhighNrtMode.receiver() needs mode.publisherAccountIds, mode.publisherOrganizationId or both: the receiver\'s default event bus admits only those publishers. For an account that is monitored too, use SkyhighNrtMode.receiverAndPublisher()');
  }
  const own = stack.account;
  const listed = receiver.publisherAccountIds;
  if (!isUnresolved(own) && listed !== undefined && !isUnresolved(listed) && listed.includes(own)) {
    problems.push(`mode.publisherAccountIds lists the receiver account ${own}: the receiver's own rule already forwards its events, and a publisher rule there would send them to its own bus again. Remove it (use SkyhighNrtMode.receiverAndPublisher() to monitor the receiver)`);
  }
  return problems;
}
