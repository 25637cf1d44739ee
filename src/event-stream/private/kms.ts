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
    const m = /(?:^|:)(alias\/aws\/[\w/-]+)/.exec(c);
    if (m) {
      return m[1];
    }
  }
  return undefined;
}

/**
 * Bytes in one KMS key policy: 32,768. A fixed KMS quota (not adjustable),
 * so it is not one of the `AwsLimits` a user may raise.
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html
 */
export const KMS_KEY_POLICY_BYTES = 32_768;

/**
 * The key policy document of a key defined in the app (its `AWS::KMS::Key`
 * resource's `KeyPolicy`), or undefined for an imported key or alias, whose
 * policy is not in the app.
 */
export function keyPolicyOf(key: kms.IKey): unknown {
  // instanceof: kms.Alias has no isAlias() (the L1 below is checked with isCfnKey).
  const target = key instanceof kms.Alias ? key.aliasTargetKey : key;
  const resource = target.node.defaultChild;
  return kms.CfnKey.isCfnKey(resource) ? resource.keyPolicy : undefined;
}
