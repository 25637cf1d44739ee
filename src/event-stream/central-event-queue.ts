import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { awsManagedAlias, keyPolicyOf, KMS_KEY_POLICY_BYTES } from './private/kms';
import { defineDeadLetterQueue, defineSecureQueue } from './private/queues';
import { AwsLimits } from '../core/limits';
import { markAuditSetup } from '../core/private/audit-tag';
import { throwIfProblems } from '../core/private/errors';
import { checkPolicySize } from '../core/private/policy-size';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, PropsSpec, validate, validateList } from '../core/private/validators';

/** The queue name of the VMware Aria guide's subscription endpoint. */
const DEFAULT_QUEUE_NAME = 'cloudcoreo-events-queue';
/** The topic name the VMware Aria guide requires. */
const DEFAULT_SOURCE_TOPIC_NAME = 'cloudcoreo-events';

/** What a consumer of the queue may do: read, delete and extend the visibility of messages. */
const CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
];

/** What SNS needs of the queue's key to deliver: a data key, and decrypting it to check it. */
const SNS_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey*'];
/** What a consumer needs of the queue's key to read messages. */
const CONSUMER_KEY_ACTIONS = ['kms:Decrypt'];

/**
 * Properties of a `CentralEventQueue`.
 */
export interface CentralEventQueueProps {
  /**
   * The name of the queue.
   *
   * @default 'cloudcoreo-events-queue' - the queue name of the VMware Aria Automation for Secure Clouds guide's subscription endpoint
   */
  readonly queueName?: string;

  /**
   * Accounts whose event-stream topics may send to the queue.
   *
   * Give this, `sourceOrganizationId`, or both.
   *
   * @default - no account is admitted by ID
   */
  readonly sourceAccountIds?: string[];

  /**
   * The organization whose accounts' event-stream topics may send to the queue.
   *
   * Admits any account of the organization, present or future, through the
   * `aws:SourceOrgID` condition.
   *
   * @default - no organization is admitted
   */
  readonly sourceOrganizationId?: string;

  /**
   * The name of the source topics; only topics of this name may send.
   *
   * @default 'cloudcoreo-events' - the topic name the VMware Aria Automation for Secure Clouds guide requires, the default of `EventStreamRule`
   */
  readonly sourceTopicName?: string;

  /**
   * IAM principals (the vendor's role, or an account root) allowed to receive and delete messages.
   *
   * They get `sqs:ReceiveMessage`, `sqs:DeleteMessage`,
   * `sqs:ChangeMessageVisibility`, `sqs:GetQueueAttributes` and
   * `sqs:GetQueueUrl` on this queue through the queue policy. For principals
   * defined in the app, use `grantConsumeMessages()`.
   *
   * @default - none
   */
  readonly consumerPrincipalArns?: string[];

  /**
   * How long the queue keeps a message that nobody consumed.
   *
   * @default Duration.days(14) - the SQS maximum
   */
  readonly retentionPeriod?: Duration;

  /**
   * How many times a message may be received before it moves to the dead-letter queue.
   *
   * @default 10
   */
  readonly maxReceiveCount?: number;

  /**
   * A customer managed KMS key to encrypt the queue and its dead-letter queue with (SSE-KMS).
   *
   * For a key defined in the app, its key policy gets two statements:
   * `sns.amazonaws.com` may use `kms:GenerateDataKey*` and `kms:Decrypt`
   * only for topics named `sourceTopicName` of the listed accounts (an
   * `aws:SourceArn` pattern per account) or, with `sourceOrganizationId`,
   * of any account; and `consumerPrincipalArns` may use `kms:Decrypt`
   * only through SQS (`kms:ViaService`); a consumer in another account also
   * needs `kms:Decrypt` on the key in its own IAM policy. For an imported
   * key, whose policy cannot be changed here, a warning names the
   * statements to add. A key in another region, or an AWS-managed key
   * (`alias/aws/sqs`, whose policy cannot admit SNS, so every event would
   * be dropped), fails at synth.
   *
   * @default - SQS-managed encryption (SSE-SQS), which needs no key grant
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The AWS quotas the queue policy is checked against.
   *
   * Each account in `sourceAccountIds` adds about 15 bytes to the queue
   * policy, which SQS caps at 8,192 bytes: a few hundred accounts fit, a
   * whole organization should use `sourceOrganizationId`.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { queueName: 'string', sourceAccountIds: 'string[]', sourceOrganizationId: 'string', sourceTopicName: 'string', consumerPrincipalArns: 'string[]', retentionPeriod: 'object', maxReceiveCount: 'number', encryptionKey: 'object', limits: 'object' };

/**
 * The SQS queue that receives the event streams of many accounts and regions.
 *
 * It is the `cloudcoreo-events-queue` of the VMware Aria Automation for
 * Secure Clouds guide for users who host the receiving side themselves, and
 * the per-region queue of an NRT receiver (the McAfee MVISION Cloud /
 * Skyhigh Security NRT guide). The queue is encrypted with SQS-managed
 * keys (so SNS topics in other accounts can send without key grants) or
 * with the customer managed key `encryptionKey`, keeps messages 14 days,
 * has a dead-letter queue, refuses non-TLS requests, is retained when the
 * stack is deleted, and admits only SNS topics of the listed accounts or of
 * the organization, named `sourceTopicName`.
 *
 * With `encryptionKey`, the key policy scopes SNS by `aws:SourceArn`, the
 * one confused-deputy key the SQS documentation lists for SNS delivering
 * to an SSE-KMS queue. `aws:SourceAccount` and `aws:SourceOrgID` are not
 * listed for this path, and a source key the service does not send makes
 * the key policy refuse every delivery. `aws:SourceArn` cannot name an
 * organization, so with `sourceOrganizationId` SNS may use the key for a
 * topic of that name in any account: the queue policy (`aws:SourceOrgID`)
 * still decides which topics may send, and a foreign topic could at most
 * have SNS encrypt with the key for a queue that names it, which nobody it
 * controls may decrypt. The dead-letter queue uses the same key:
 * only SQS writes to it (on redrive), and readers of dead letters need the
 * source queue's key anyway, so one key means one grant.
 *
 * @example
 * new audit.CentralEventQueue(this, 'Queue', {
 *   sourceOrganizationId: 'o-a1b2c3d4e5',
 *   consumerPrincipalArns: [`arn:${Aws.PARTITION}:iam::111122223333:role/VendorEventReader`],
 * });
 */
export class CentralEventQueue extends Construct {
  /** The receiving queue. */
  public readonly queue: sqs.Queue;

  /** The queue that keeps messages consumers failed to process. */
  public readonly deadLetterQueue: sqs.Queue;

  /**
   * The customer managed key of the queue and its dead-letter queue.
   *
   * @default - undefined: SQS-managed encryption
   */
  public readonly encryptionKey?: kms.IKey;

  /**
   * The ARN of the receiving queue: what each `EventStreamRule` takes as `queueArn`.
   *
   * @attribute
   */
  public readonly queueArn: string;

  /**
   * The URL of the receiving queue: what the vendor polls.
   *
   * @attribute
   */
  public readonly queueUrl: string;

  constructor(scope: Construct, id: string, props: CentralEventQueueProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);

    const queueName = props.queueName ?? DEFAULT_QUEUE_NAME;
    const topicName = props.sourceTopicName ?? DEFAULT_SOURCE_TOPIC_NAME;
    const accounts = props.sourceAccountIds;
    throwIfProblems(this, [
      accounts === undefined && props.sourceOrganizationId === undefined
        ? 'give sourceAccountIds, sourceOrganizationId or both: without them no topic may send to the queue'
        : undefined,
      ...validateList('accountId', 'sourceAccountIds', accounts, { nonEmpty: true, unique: true }),
      validate('organizationId', 'sourceOrganizationId', props.sourceOrganizationId),
      ...validateList('principalArn', 'consumerPrincipalArns', props.consumerPrincipalArns, { unique: true }),
      validate('sqsQueueName', 'queueName', queueName),
      validate('snsTopicName', 'sourceTopicName', topicName),
      checkRetention(props.retentionPeriod),
      checkMaxReceiveCount(props.maxReceiveCount),
      checkAwsManagedKey(props.encryptionKey),
      checkKeyRegion(this, props.encryptionKey),
    ]);

    const retentionPeriod = props.retentionPeriod ?? Duration.days(14);
    this.encryptionKey = props.encryptionKey;
    this.deadLetterQueue = defineDeadLetterQueue(this, 'the central event queue', props.encryptionKey);
    this.queue = defineSecureQueue(this, 'Queue', {
      queueName,
      retentionPeriod,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 10 },
      encryptionKey: props.encryptionKey,
    });
    this.queueArn = this.queue.queueArn;
    this.queueUrl = this.queue.queueUrl;

    const stack = Stack.of(this);
    const topicArn = (account: string) => stack.formatArn({ service: 'sns', region: '*', account, resource: topicName });
    if (accounts !== undefined) {
      this.queue.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowEventStreamTopicsOfListedAccounts',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': accounts },
          // aws:SourceAccount already names the accounts: one ARN pattern keeps
          // the policy from growing by a topic ARN per account.
          ArnLike: { 'aws:SourceArn': topicArn('*') },
        },
      }));
    }
    if (props.sourceOrganizationId !== undefined) {
      this.queue.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowEventStreamTopicsOfOrganization',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: {
          StringEquals: { 'aws:SourceOrgID': props.sourceOrganizationId },
          ArnLike: { 'aws:SourceArn': topicArn('*') },
        },
      }));
    }
    const limits = props.limits ?? AwsLimits.DEFAULT;
    const key = props.encryptionKey;
    const keyPolicy = key ? keyPolicyOf(key) : undefined;
    this.node.addValidation({
      validate: () => {
        const fix = 'admit the organization with sourceOrganizationId instead of listing accounts in sourceAccountIds';
        const problems = [
          checkPolicySize(this, 'resource', (this.queue.node.tryFindChild('Policy') as sqs.QueuePolicy | undefined)?.document ?? {}, limits.sqsQueuePolicyBytes,
            'the queue policy', fix),
          key && keyPolicy !== undefined
            ? checkPolicySize(key, 'resource', keyPolicy, KMS_KEY_POLICY_BYTES, 'the key policy of encryptionKey', fix)
            : undefined,
        ];
        return problems.filter((p): p is string => p !== undefined);
      },
    });
    if (props.consumerPrincipalArns && props.consumerPrincipalArns.length > 0) {
      this.queue.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowConsumersToReceiveAndDelete',
        principals: props.consumerPrincipalArns.map((arn) => new iam.ArnPrincipal(arn)),
        actions: CONSUME_ACTIONS,
        resources: [this.queue.queueArn],
      }));
    }
    if (key) {
      this.grantKeyUse(key, topicName, props.sourceOrganizationId !== undefined ? [topicArn('*')] : (accounts ?? []).map(topicArn), props.consumerPrincipalArns ?? []);
    }
  }

  /**
   * Adds the key policy statements SNS and the consumers need, or warns with
   * them when the key is imported.
   *
   * @param sourceTopicArns the `aws:SourceArn` patterns of the topics SNS may use the key for
   */
  private grantKeyUse(key: kms.IKey, topicName: string, sourceTopicArns: string[], consumers: string[]): void {
    const missing: string[] = [];
    // aws:SourceArn only: the SQS key-management guide lists it for SNS
    // delivering to an SSE-KMS queue; see the class comment.
    const sns = key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventStreamTopicsToUseKey',
      principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
      actions: SNS_KEY_ACTIONS,
      resources: ['*'],
      conditions: { ArnLike: { 'aws:SourceArn': sourceTopicArns } },
    }), /* allowNoOp */ true);
    if (!sns.statementAdded) {
      missing.push(`the service principal sns.amazonaws.com ${SNS_KEY_ACTIONS.join(' and ')} with ArnLike aws:SourceArn arn:<partition>:sns:*:<account>:${topicName} for each source account (or * for the organization), without aws:SourceAccount or aws:SourceOrgID conditions`);
    }
    if (consumers.length > 0) {
      const consumer = key.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AllowConsumersToDecryptThroughSqs',
        principals: consumers.map((arn) => new iam.ArnPrincipal(arn)),
        actions: CONSUMER_KEY_ACTIONS,
        resources: ['*'],
        conditions: { StringLike: { 'kms:ViaService': 'sqs.*' } },
      }), /* allowNoOp */ true);
      if (!consumer.statementAdded) {
        missing.push(`each of consumerPrincipalArns ${CONSUMER_KEY_ACTIONS.join(' and ')} with StringLike kms:ViaService sqs.*`);
      }
    }
    if (missing.length > 0) {
      Annotations.of(this).addWarningV2('cdk-audit-baseline:centralEventQueueKeyPolicy',
        `encryptionKey is imported, so its key policy cannot be changed here: allow ${missing.join('; and allow ')}; or SNS drops every event it delivers to the queue and the consumers cannot read them`);
    }
  }

  /**
   * Lets an IAM principal of this app receive and delete messages of the queue.
   *
   * @param grantee the principal that consumes the events
   */
  public grantConsumeMessages(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantConsumeMessages(grantee);
  }
}

function checkAwsManagedKey(key: kms.IKey | undefined): string | undefined {
  const alias = key ? awsManagedAlias(key) : undefined;
  if (!alias) return undefined;
  return `encryptionKey uses the AWS-managed key ${JSON.stringify(alias)}: SNS cannot use it to deliver to the queue, so every event would be dropped, because an AWS-managed key policy cannot be changed; use a customer managed key (kms.Key) or leave encryptionKey out for SQS-managed encryption`;
}

function checkKeyRegion(scope: Construct, key: kms.IKey | undefined): string | undefined {
  if (!key) return undefined;
  const here = Stack.of(scope).region;
  const there = key.env.region;
  if (isUnresolved(here) || isUnresolved(there) || here === there) return undefined;
  return `encryptionKey is in region ${there}, this stack is in region ${here}: SQS encrypts a queue only with a key of its own region; use a key of ${here} or leave encryptionKey out`;
}

function checkRetention(value: Duration | undefined): string | undefined {
  if (value === undefined || value.isUnresolved()) return undefined;
  const seconds = value.toSeconds();
  if (seconds >= 60 && seconds <= 1_209_600) return undefined;
  return `retentionPeriod must be between 1 minute and 14 days, got ${seconds} seconds`;
}

function checkMaxReceiveCount(value: number | undefined): string | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  if (Number.isInteger(value) && value >= 1 && value <= 1000) return undefined;
  return `maxReceiveCount must be a whole number from 1 to 1000, got ${JSON.stringify(value)}`;
}
