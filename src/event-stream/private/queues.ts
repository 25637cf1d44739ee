/**
 * Why a queue of this capability uses SSE-SQS rather than a KMS key, for
 * checkov's CKV_AWS_27 (which recognises only `KmsMasterKeyId`).
 */
export const SSE_SQS_REASON = 'Encrypted at rest with SSE-SQS (SqsManagedSseEnabled: true), which checkov does not recognise. '
  + 'SSE-SQS is chosen because the producers (EventBridge, SNS) can send to it without any key policy; '
  + 'the AWS-managed key alias/aws/sqs would make them drop every message (its policy cannot admit them), '
  + 'and a customer managed key would add a key policy each producer must be kept in.';
