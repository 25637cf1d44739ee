import { ArnFormat, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { skipCheckov } from '../core/private/checkov';
import { throwIfProblems } from '../core/private/errors';
import { checkPropShapes, PropsSpec, validate } from '../core/private/validators';

/**
 * The 16 actions of `MVC_NrtConfigAuditReceiver` (seed 001, R-110), with
 * `sqs:DeleteMessageBatch`, which is not an IAM action, replaced by
 * `sqs:DeleteMessage`, which authorizes the batch call too, in two
 * groups: these stay on every resource, as the guide has them ...
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
 * ... and these act on a queue, so they are limited to the queues of the
 * receiver account (the vendor's queues are created there, R-104/R-105).
 */
const RECEIVER_QUEUE_ACTIONS = [
  'sqs:AddPermission',
  'sqs:DeleteMessage',
  'sqs:ReceiveMessage',
  'sqs:CreateQueue',
];

/**
 * Properties of `NrtReceiverRolePolicies`.
 */
export interface NrtReceiverRolePoliciesProps {
  /**
   * The name of the vendor's existing role in the receiver account, which gets both policies.
   *
   * The role predates the NRT guide and is not changed otherwise.
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
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { vendorRoleName: 'string', receiverPolicyName: 'string', publishersPolicyName: 'string' };

/**
 * The two customer managed policies seeds 001/002 attach to the vendor's existing role in the NRT receiver account, once per account.
 *
 * `MVC_NrtConfigAuditReceiver` keeps the guide's name, Sid and
 * actions, with `sqs:DeleteMessage` instead of `sqs:DeleteMessageBatch`
 * (not an IAM action; as written the vendor could receive but never delete
 * messages, A-22); its queue actions (`sqs:AddPermission`, `CreateQueue`,
 * `ReceiveMessage`, `DeleteMessage`) apply to this account's queues only,
 * under a second Sid, while the CloudFormation StackSet actions and
 * `sqs:ListQueues` stay on every resource, as the guide has them. `MVC_NrtConfigAuditReceiver_Publishers` keeps
 * the name and first Sid but gives each action the resource it applies
 * to: as written, only `events:DescribeEventBus` was effective, because
 * `events:PutPermission` and `events:RemovePermission` take no resource and
 * `events:DescribeRule` applies to rules, not buses.
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

    const vendorRoleName = props.vendorRoleName ?? 'MVC_for_AWS_role';
    const receiverPolicyName = props.receiverPolicyName ?? 'MVC_NrtConfigAuditReceiver';
    const publishersPolicyName = props.publishersPolicyName ?? 'MVC_NrtConfigAuditReceiver_Publishers';
    throwIfProblems(this, [
      validate('roleName', 'vendorRoleName', vendorRoleName),
      validate('policyName', 'receiverPolicyName', receiverPolicyName),
      validate('policyName', 'publishersPolicyName', publishersPolicyName),
      !Token.isUnresolved(receiverPolicyName) && receiverPolicyName === publishersPolicyName
        ? `receiverPolicyName and publishersPolicyName are both ${JSON.stringify(receiverPolicyName)}: give them different names`
        : undefined,
    ]);

    const stack = Stack.of(this);
    this.vendorRole = iam.Role.fromRoleName(this, 'VendorRole', vendorRoleName);

    const accountQueues = stack.formatArn({ service: 'sqs', region: '*', resource: '*', arnFormat: ArnFormat.NO_RESOURCE_NAME });
    this.receiverPolicy = new iam.ManagedPolicy(this, 'ReceiverPolicy', {
      managedPolicyName: receiverPolicyName,
      roles: [this.vendorRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'ShnNrtConfigAuditReceiverPermissions',
          actions: RECEIVER_ACTIONS,
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ShnNrtConfigAuditReceiverQueues',
          actions: RECEIVER_QUEUE_ACTIONS,
          resources: [accountQueues],
        }),
      ],
    });
    const receiverReason = 'Seed 001 grants these StackSet and SQS actions on every resource: the vendor creates its StackSets and per-region queues with names the guide does not give (R-110); '
      + 'the queue actions are limited to this account\'s queues';
    const receiverAcknowledged: Record<string, string> = {};
    for (const arn of ['*', accountQueues]) {
      receiverAcknowledged[`annotation::AwsSolutions-IAM5[Resource::${nagRendering(stack, arn)}]`] = receiverReason;
    }
    this.receiverPolicy.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, receiverAcknowledged);
    skipCheckov(this.receiverPolicy.node.defaultChild as iam.CfnManagedPolicy, 'CKV_AWS_111',
      'The write actions left on Resource "*" are the guide\'s CloudFormation StackSet actions (R-110): CreateStackSet supports no resource-level permission, '
      + 'and the vendor\'s StackSet creates, updates and deletes stack instances whose StackSet names, target accounts and regions it chooses itself (R-103 to R-106), '
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
        new iam.PolicyStatement({
          // PutPermission and RemovePermission take no resource: they can
          // only change the caller's own account's bus policies.
          sid: 'ShnNrtConfigAuditReceiverProducerPermissions',
          actions: ['events:PutPermission', 'events:RemovePermission'],
          resources: ['*'],
        }),
      ],
    });
    const reason = 'Seed 001 lets the vendor manage the receiver\'s default-bus permissions in every region: '
      + 'events:PutPermission and RemovePermission take no resource, and the rules are named by the vendor (R-111, A-23)';
    // Validations.acknowledge() refuses IDs with more than one "::", which a
    // finding on an ARN with a CloudFormation reference has
    // ("Resource::arn:<AWS::Partition>:..."). This writes the same metadata
    // entry that acknowledge() writes and cdk-nag reads.
    const acknowledged: Record<string, string> = {};
    for (const arn of ['*', busArns, ruleArns]) {
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
