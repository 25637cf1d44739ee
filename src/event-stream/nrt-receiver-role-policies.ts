import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { markAuditSetup } from '../core/private/audit-tag';
import { skipCheckov } from '../core/private/checkov';
import { throwIfProblems } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, PropsSpec, validate } from '../core/private/validators';

/**
 * The 16 actions of `MVC_NrtConfigAuditReceiver` (in the McAfee MVISION
 * Cloud / Skyhigh Security NRT guide), with `sqs:DeleteMessageBatch`,
 * which is not an IAM action, replaced by `sqs:DeleteMessage`, which
 * authorizes the batch call too, in two groups: these stay on every resource, as the guide has them ...
 */
const RECEIVER_ACTIONS = [
  'cloudformation:CreateStackInstances',
  'cloudformation:DeleteStackInstances',
  'cloudformation:UpdateStackInstances',
  'cloudformation:ListStackInstances',
  'cloudformation:DescribeStacks',
  'sqs:ListQueues',
  'cloudformation:DescribeStackSet',
  'cloudformation:CreateStackSet',
  'cloudformation:UpdateStackSet',
  'cloudformation:DescribeStackSetOperation',
  'cloudformation:ListStackSetOperationResults',
  'cloudformation:DeleteStackSet',
];

/**
 * ... and these act on a queue, so they are limited to the vendor's queues
 * of the receiver account (the vendor's queues are created there), by name
 * prefix.
 */
const RECEIVER_QUEUE_ACTIONS = [
  'sqs:AddPermission',
  'sqs:DeleteMessage',
  'sqs:ReceiveMessage',
  'sqs:CreateQueue',
];

/**
 * When the library provisions the queues, the vendor only consumes them:
 * the actions `Queue.grantConsumeMessages()` grants.
 */
const CONSUMER_QUEUE_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];

/** The name prefix of the queues the vendor role may use, unless given. */
const DEFAULT_QUEUE_NAME_PREFIX = 'StackSet-';

/**
 * Properties of `NrtReceiverRolePolicies`.
 */
export interface NrtReceiverRolePoliciesProps {
  /**
   * The name of the vendor's existing role in the receiver account, which gets both policies.
   *
   * The role predates the NRT guide, which does not describe it, and is not
   * changed otherwise.
   *
   * @default 'MVC_for_AWS_role'
   */
  readonly vendorRoleName?: string;

  /**
   * The name of the managed policy with the receiver's permissions.
   *
   * @default 'MVC_NrtConfigAuditReceiver'
   */
  readonly receiverPolicyName?: string;

  /**
   * The name of the managed policy with the event-bus permissions.
   *
   * @default 'MVC_NrtConfigAuditReceiver_Publishers'
   */
  readonly publishersPolicyName?: string;

  /**
   * The name prefix of the vendor's queues: the vendor role may receive, delete, create and add permissions only on queues of this account whose names start with it.
   *
   * The vendor's StackSet creates the queues, and CloudFormation names what
   * a StackSet creates after its stack (`StackSet-<StackSet name>-...`)
   * unless the template names it. If the vendor's queues are named
   * otherwise, give their common prefix. Up to 60 letters, digits, `-` and `_`.
   *
   * @default 'StackSet-'
   */
  readonly vendorQueueNamePrefix?: string;

  /**
   * The vendor provisions the queues and rules itself, through its own StackSet, as the guide describes.
   *
   * When false (the library's self-provisioned receiver), the vendor role
   * gets no StackSet, queue-creation or permission actions at all: only
   * `sqs:ListQueues`, consuming the queues of `vendorQueueNamePrefix`, and
   * describing the default bus and rules. It then cannot drive a StackSet,
   * so it cannot reach any account's StackSet execution role.
   *
   * @default true
   */
  readonly vendorProvisioning?: boolean;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { vendorRoleName: 'string', receiverPolicyName: 'string', publishersPolicyName: 'string' };

/**
 * The two customer managed policies the McAfee MVISION Cloud / Skyhigh Security NRT guide attaches to the vendor's existing role in the NRT receiver account, once per account.
 *
 * `MVC_NrtConfigAuditReceiver` keeps the guide's name, Sid and
 * actions, with `sqs:DeleteMessage` instead of `sqs:DeleteMessageBatch`
 * (not an IAM action; as written the vendor could receive but never delete
 * messages); its queue actions (`sqs:AddPermission`, `CreateQueue`,
 * `ReceiveMessage`, `DeleteMessage`) apply only to this account's queues
 * whose names start with `vendorQueueNamePrefix`, under a second Sid, while
 * the CloudFormation StackSet actions and `sqs:ListQueues` stay on every
 * resource, as the guide has them. `MVC_NrtConfigAuditReceiver_Publishers`
 * keeps the name and first Sid and grants what the guide's statement
 * effectively grants: `events:DescribeEventBus` on the default bus and
 * `events:DescribeRule` on the rules. `events:PutPermission` and
 * `events:RemovePermission`, which the guide lists on the default bus but
 * which take no resource (so the guide's statement never granted them), are
 * left out: IAM could only grant them on every bus of the account.
 *
 * With `vendorProvisioning: false` (the library provisions the queues), the
 * vendor role gets no StackSet, queue-creation or permission action: only
 * `sqs:ListQueues`, consuming its queues and the two describe actions.
 *
 * These are account-wide: define them once in the receiver account, not per
 * region.
 *
 * @example
 * new audit.NrtReceiverRolePolicies(this, 'VendorPolicies');
 */
export class NrtReceiverRolePolicies extends Construct {
  /** `MVC_NrtConfigAuditReceiver`. */
  public readonly receiverPolicy: iam.ManagedPolicy;

  /** `MVC_NrtConfigAuditReceiver_Publishers`. */
  public readonly publishersPolicy: iam.ManagedPolicy;

  /** The vendor's role, imported by name. */
  public readonly vendorRole: iam.IRole;

  constructor(scope: Construct, id: string, props: NrtReceiverRolePoliciesProps = {}) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);

    const vendorRoleName = props.vendorRoleName ?? 'MVC_for_AWS_role';
    const receiverPolicyName = props.receiverPolicyName ?? 'MVC_NrtConfigAuditReceiver';
    const publishersPolicyName = props.publishersPolicyName ?? 'MVC_NrtConfigAuditReceiver_Publishers';
    const queuePrefix = props.vendorQueueNamePrefix ?? DEFAULT_QUEUE_NAME_PREFIX;
    const provisions = props.vendorProvisioning ?? true;
    throwIfProblems(this, [
      validate('sqsQueueNamePrefix', 'vendorQueueNamePrefix', queuePrefix),
      validate('roleName', 'vendorRoleName', vendorRoleName),
      validate('policyName', 'receiverPolicyName', receiverPolicyName),
      validate('policyName', 'publishersPolicyName', publishersPolicyName),
      !isUnresolved(receiverPolicyName) && receiverPolicyName === publishersPolicyName
        ? `receiverPolicyName and publishersPolicyName are both ${JSON.stringify(receiverPolicyName)}: give them different names`
        : undefined,
    ]);

    const stack = Stack.of(this);
    this.vendorRole = iam.Role.fromRoleName(this, 'VendorRole', vendorRoleName);

    const accountQueues = stack.formatArn({ service: 'sqs', region: '*', resource: `${queuePrefix}*`, arnFormat: ArnFormat.NO_RESOURCE_NAME });
    this.receiverPolicy = new iam.ManagedPolicy(this, 'ReceiverPolicy', {
      managedPolicyName: receiverPolicyName,
      roles: [this.vendorRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'ShnNrtConfigAuditReceiverPermissions',
          actions: provisions ? RECEIVER_ACTIONS : ['sqs:ListQueues'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ShnNrtConfigAuditReceiverQueues',
          actions: provisions ? RECEIVER_QUEUE_ACTIONS : CONSUMER_QUEUE_ACTIONS,
          resources: [accountQueues],
        }),
      ],
    });
    const receiverReason = 'The McAfee MVISION Cloud / Skyhigh Security NRT guide grants these StackSet and SQS actions on every resource: the vendor creates its StackSets and per-region queues with names the guide does not give; '
      + 'the queue actions are limited to this account\'s queues';
    const receiverAcknowledged: Record<string, string> = {};
    for (const arn of ['*', accountQueues]) {
      receiverAcknowledged[`annotation::AwsSolutions-IAM5[Resource::${nagRendering(stack, arn)}]`] = receiverReason;
    }
    this.receiverPolicy.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, receiverAcknowledged);
    skipCheckov(this.receiverPolicy.node.defaultChild as iam.CfnManagedPolicy, 'CKV_AWS_111',
      'The write actions left on Resource "*" are the guide\'s CloudFormation StackSet actions: CreateStackSet supports no resource-level permission, '
      + 'and the vendor\'s StackSet creates, updates and deletes stack instances whose StackSet names, target accounts and regions it chooses itself, '
      + 'so they cannot be listed when this policy is defined. The SQS write and permission actions are limited to the queues of this account; only the vendor\'s role gets the policy.');

    const anyRegion = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'events', region: '*', resource, resourceName });
    const busArns = anyRegion('event-bus', 'default');
    const ruleArns = anyRegion('rule', '*');
    this.publishersPolicy = new iam.ManagedPolicy(this, 'PublishersPolicy', {
      managedPolicyName: publishersPolicyName,
      roles: [this.vendorRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'ShnNrtConfigAuditReceiverProducerList',
          actions: ['events:DescribeEventBus'],
          resources: [busArns],
        }),
        new iam.PolicyStatement({
          sid: 'ShnNrtConfigAuditReceiverProducerRules',
          actions: ['events:DescribeRule'],
          resources: [ruleArns],
        }),
        // events:PutPermission and RemovePermission are not granted: they
        // take no resource, so IAM could only grant them on every event bus
        // of the account, and the guide's statement, which names the default
        // bus, never granted them either.
      ],
    });
    const reason = 'The guide lets the vendor describe the receiver\'s default bus and rules in every region; the rules are named by the vendor';
    // Validations.acknowledge() refuses IDs with more than one "::", which a
    // finding on an ARN with a CloudFormation reference has
    // ("Resource::arn:<AWS::Partition>:..."). This writes the same metadata
    // entry that acknowledge() writes and cdk-nag reads.
    const acknowledged: Record<string, string> = {};
    for (const arn of [busArns, ruleArns]) {
      acknowledged[`annotation::AwsSolutions-IAM5[Resource::${nagRendering(stack, arn)}]`] = reason;
    }
    this.publishersPolicy.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, acknowledged);
  }
}

/**
 * How cdk-nag names a resource in a finding ID: the string as it resolves,
 * with each `Ref` rendered `<Name>` and each `Fn::GetAtt` `<Id.Attr>`.
 */
function nagRendering(stack: Stack, value: string): string {
  const render = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (typeof o.Ref === 'string') return `<${o.Ref}>`;
      if (Array.isArray(o['Fn::GetAtt'])) return `<${(o['Fn::GetAtt'] as string[]).join('.')}>`;
      if (Array.isArray(o['Fn::Join'])) {
        const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
        return parts.map(render).join(sep);
      }
    }
    return JSON.stringify(v);
  };
  return render(stack.resolve(value));
}
