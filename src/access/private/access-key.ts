import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { skipCheckov } from '../../core/private/checkov';
import { isUnresolved } from '../../core/private/tokens';
import { enumShape, PropsSpec, validate } from '../../core/private/validators';

/** The JavaScript shapes of `AuditAccessKeyOptions`. */
export const ACCESS_KEY_SHAPES: PropsSpec = {
  accessKeySerial: 'number',
  secretName: 'string',
  secretEncryptionKey: 'object',
  secretRemovalPolicy: enumShape('RemovalPolicy', RemovalPolicy),
};

/** How the access key and its secret are defined. */
export interface AccessKeyChoice {
  readonly accessKeySerial?: number;
  readonly secretName?: string;
  readonly secretEncryptionKey?: kms.IKey;
  readonly secretRemovalPolicy?: RemovalPolicy;
}

/** What `defineAccessKey` defines. */
export interface DefinedAccessKey {
  readonly accessKey: iam.AccessKey;
  readonly secret: secretsmanager.Secret;
}

/** Validates the access-key props. */
export function checkAccessKeyChoice(choice: AccessKeyChoice): string[] {
  const problems: string[] = [];
  const serial = choice.accessKeySerial;
  if (serial !== undefined && !isUnresolved(serial) && (!Number.isInteger(serial) || serial < 0)) {
    problems.push(`accessKeySerial must be a whole number of at least 0, got ${JSON.stringify(serial)}: increase it by one to rotate the key`);
  }
  const name = validate('secretName', 'secretName', choice.secretName);
  if (name) problems.push(name);
  return problems;
}

/**
 * Defines an access key of `user` and a Secrets Manager secret that holds
 * it, as JSON `{"accessKeyId": ..., "secretAccessKey": ...}`.
 *
 * The secret access key is never in the template in clear: the secret's
 * `SecretString` holds a `Fn::GetAtt` of the key's `SecretAccessKey`
 * attribute, which CloudFormation resolves at deploy time and hands to
 * Secrets Manager only (the standard CDK pattern). Nothing else may
 * reference that attribute; the hand-off helper refuses to output it.
 */
export function defineAccessKey(scope: Construct, user: iam.IUser, choice: AccessKeyChoice, description: string): DefinedAccessKey {
  const accessKey = new iam.AccessKey(scope, 'AccessKey', { user, serial: choice.accessKeySerial });
  const secret = new secretsmanager.Secret(scope, 'Secret', {
    secretName: choice.secretName,
    description,
    encryptionKey: choice.secretEncryptionKey,
    removalPolicy: choice.secretRemovalPolicy ?? RemovalPolicy.DESTROY,
    secretObjectValue: {
      accessKeyId: SecretValue.unsafePlainText(accessKey.accessKeyId),
      secretAccessKey: accessKey.secretAccessKey,
    },
  });
  if (choice.secretEncryptionKey === undefined) {
    skipCheckov(secret.node.defaultChild as secretsmanager.CfnSecret, 'CKV_AWS_149',
      'Encrypted with the AWS managed key aws/secretsmanager by default: the secret holds one access key that the account\'s own administrators read once to hand to the vendor, '
      + 'so a customer managed key (about 1 USD a month per key and region, plus a key policy to maintain) would add no separation that IAM on GetSecretValue does not already give. '
      + 'Teams that require one pass secretEncryptionKey, which removes this skip.');
  }
  return { accessKey, secret };
}
