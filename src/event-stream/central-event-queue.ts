import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { defineDeadLetterQueue, defineSecureQueue } from './private/queues';
import { AwsLimits } from '../core/limits';
import { throwIfProblems } from '../core/private/errors';
import { checkPolicySize } from '../core/private/policy-size';
import { validate, validateList } from '../core/private/validators';

/** The queue name of seed 000's subscription endpoint (R-033). */
const DEFAULT_QUEUE_NAME = 'cloudcoreo-events-queue';
/** The topic name of seed 000. */
const DEFAULT_SOURCE_TOPIC_NAME = 'cloudcoreo-events';


/** What a consumer of the queue may do: read, delete and extend the visibility of messages. */
const CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
];

/**
 * Properties of a `CentralEventQueue`.
 */
export interface CentralEventQueueProps {
  /**
   * The name of the queue.
   *
   * @default 'cloudcoreo-events-queue' - the queue name of seed 000's subscription endpoint (R-033)
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
   * @default 'cloudcoreo-events' - the topic name of seed 000, the default of `EventStreamRule`
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

/**
 * The SQS queue that receives the event streams of many accounts and regions.
 *
 * It is the `cloudcoreo-events-queue` of seed 000 for users who
 * host the receiving side themselves, and the per-region queue of an NRT
 * receiver (seed 001, R-101, R-105). The queue is encrypted with SQS-managed
 * keys (so SNS topics in other accounts can send without key grants), keeps
 * messages 14 days, has a dead-letter queue, refuses non-TLS requests, is
 * retained when the stack is deleted, and admits only SNS topics of the
 * listed accounts or of the organization, named `sourceTopicName`.
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
    ]);

    const retentionPeriod = props.retentionPeriod ?? Duration.days(14);
    this.deadLetterQueue = defineDeadLetterQueue(this, 'the central event queue');
    this.queue = defineSecureQueue(this, 'Queue', {
      queueName,
      retentionPeriod,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 10 },
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
    this.node.addValidation({
      validate: () => {
        const problem = checkPolicySize(this, 'resource', (this.queue.node.tryFindChild('Policy') as sqs.QueuePolicy | undefined)?.document ?? {}, limits.sqsQueuePolicyBytes,
          'the queue policy',
          'admit the organization with sourceOrganizationId instead of listing accounts in sourceAccountIds');
        return problem ? [problem] : [];
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

function checkRetention(value: Duration | undefined): string | undefined {
  if (value === undefined || value.isUnresolved()) return undefined;
  const seconds = value.toSeconds();
  if (seconds >= 60 && seconds <= 1_209_600) return undefined;
  return `retentionPeriod must be between 1 minute and 14 days, got ${seconds} seconds`;
}

function checkMaxReceiveCount(value: number | undefined): string | undefined {
  if (value === undefined || Token.isUnresolved(value)) return undefined;
  if (Number.isInteger(value) && value >= 1 && value <= 1000) return undefined;
  return `maxReceiveCount must be a whole number from 1 to 1000, got ${JSON.stringify(value)}`;
}
