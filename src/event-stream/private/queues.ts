import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { skipCheckov } from '../../core/private/checkov';

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
}

/**
 * Defines a queue the way every queue of the event stream is defined: SSE-SQS
 * (producers need no key policy), TLS only, 14 days' retention, RETAIN (it
 * holds events), and the checkov skip that explains SSE-SQS.
 */
export function defineSecureQueue(scope: Construct, id: string, options: SecureQueueOptions = {}): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    queueName: options.queueName,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    retentionPeriod: options.retentionPeriod ?? Duration.days(14),
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
    deadLetterQueue: options.deadLetterQueue,
  });
  skipCheckov(queue.node.defaultChild as sqs.CfnQueue, 'CKV_AWS_27', SSE_SQS_REASON);
  return queue;
}

/**
 * Defines the `DeadLetterQueue` child of a construct: a secure queue that
 * acknowledges cdk-nag's "no DLQ" finding, since it is itself the DLQ.
 *
 * @param of what it is the dead-letter queue of, for the acknowledgment's reason
 */
export function defineDeadLetterQueue(scope: Construct, of: string): sqs.Queue {
  const queue = defineSecureQueue(scope, 'DeadLetterQueue');
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter queue of ${of}`,
  });
  return queue;
}
