import * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Returns the alias when `key` is an AWS-managed key reference (`alias/aws/...`),
 * otherwise undefined.
 *
 * AWS-managed keys such as `alias/aws/sns` and `alias/aws/sqs` have a key
 * policy nobody can change, so EventBridge and SNS can never be granted their
 * use: messages are dropped without an error (aws/aws-cdk#19796, #11122).
 * Aliases survive in the unresolved ARN string, so tokens do not hide them.
 */
export function awsManagedAlias(key: kms.IKey): string | undefined {
  const candidates = [key.keyArn, key.keyId];
  const aliasName = (key as unknown as { aliasName?: unknown }).aliasName;
  if (typeof aliasName === 'string') {
    candidates.push(aliasName);
  }
  for (const c of candidates) {
    const m = /(?:^|[:/])(alias\/aws\/[\w/-]+)/.exec(c);
    if (m) {
      return m[1];
    }
  }
  return undefined;
}
