import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { skipCheckov } from '../../core/private/checkov';
import { claimFixedName } from '../../core/private/fixed-names';

/**
 * Why a queue of this capability uses SSE-SQS rather than a KMS key, for
 * checkov's CKV_AWS_27 (which recognises only `KmsMasterKeyId`).
 */
export const SSE_SQS_REASON = 'Encrypted at rest with SSE-SQS (SqsManagedSseEnabled: true), which checkov does not recognise. '
  + 'SSE-SQS is chosen because the producers (EventBridge, SNS) can send to it without any key policy; '
  + 'the AWS-managed key alias/aws/sqs would make them drop every message (its policy cannot admit them), '
  + 'and a customer managed key would add a key policy each producer must be kept in.';

/** What a queue of this capability may set; everything else is the secure default. */
export interface SecureQueueOptions {
  readonly queueName?: string;
  /** @default Duration.days(14), the SQS maximum */
  readonly retentionPeriod?: Duration;
  readonly deadLetterQueue?: sqs.DeadLetterQueue;
  /**
   * A customer managed key to encrypt with (SSE-KMS). The caller grants the
   * producers and consumers their use of it in its key policy.
   *
   * @default - SSE-SQS
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * Defines a queue the way every queue of the event stream is defined: SSE-SQS
 * (producers need no key policy) unless a customer managed key is given,
 * TLS only, 14 days' retention, RETAIN (it holds events), and for SSE-SQS
 * the checkov skip that explains it.
 */
export function defineSecureQueue(scope: Construct, id: string, options: SecureQueueOptions = {}): sqs.Queue {
  claimFixedName(scope, 'queueName', 'SQS queue', options.queueName, 'region');
  const queue = new sqs.Queue(scope, id, {
    queueName: options.queueName,
    encryption: options.encryptionKey ? sqs.QueueEncryption.KMS : sqs.QueueEncryption.SQS_MANAGED,
    encryptionMasterKey: options.encryptionKey,
    retentionPeriod: options.retentionPeriod ?? Duration.days(14),
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
    deadLetterQueue: options.deadLetterQueue,
  });
  if (!options.encryptionKey) {
    skipCheckov(queue.node.defaultChild as sqs.CfnQueue, 'CKV_AWS_27', SSE_SQS_REASON);
  }
  return queue;
}

/**
 * Defines the `DeadLetterQueue` child of a construct: a secure queue that
 * acknowledges cdk-nag's "no DLQ" finding, since it is itself the DLQ.
 *
 * @param of what it is the dead-letter queue of, for the acknowledgment's reason
 * @param encryptionKey the customer managed key to encrypt with (default: SSE-SQS)
 */
export function defineDeadLetterQueue(scope: Construct, of: string, encryptionKey?: kms.IKey): sqs.Queue {
  const queue = defineSecureQueue(scope, 'DeadLetterQueue', { encryptionKey });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of ${of}`,
  });
  return queue;
}
