/**
 * Unit tests of src/event-stream/private/kms.ts: recognising AWS-managed keys
 * (alias/aws/...) and finding the key policy of a key defined in the app.
 */
import { App, Aws, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { awsManagedAlias, keyPolicyOf, KMS_KEY_POLICY_BYTES } from '../../../src/event-stream/private/kms';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function stack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111122223333', region: 'eu-west-1' } });
}

describe('kms', () => {
  describe('awsManagedAlias', () => {
    test('finds the alias in an imported alias name, an alias ARN, and an alias ARN built from pseudo parameters', () => {
      const s = stack();
      expect(awsManagedAlias(kms.Alias.fromAliasName(s, 'Name', 'alias/aws/sqs'))).toBe('alias/aws/sqs');
      expect(awsManagedAlias(kms.Key.fromKeyArn(s, 'Arn', 'arn:aws:kms:eu-west-1:111122223333:alias/aws/sns'))).toBe('alias/aws/sns');
      expect(awsManagedAlias(kms.Key.fromKeyArn(s, 'Tokens', `arn:${Aws.PARTITION}:kms:${Aws.REGION}:${Aws.ACCOUNT_ID}:alias/aws/sns`))).toBe('alias/aws/sns');
    });

    test('is undefined for customer aliases, even those whose name starts like aws', () => {
      const s = stack();
      const names = ['alias/audit-events', 'alias/awsome', 'alias/aws-managed/x', 'alias/team/aws/sqs'];
      expect(names.map((n, i) => awsManagedAlias(kms.Alias.fromAliasName(s, `A${i}`, n)))).toEqual(names.map(() => undefined));
    });

    test('is undefined for a customer alias that has alias/aws/ inside its name: only the start of a name is reserved', () => {
      const s = stack();
      expect(awsManagedAlias(kms.Alias.fromAliasName(s, 'Inner', 'alias/team/alias/aws/sqs'))).toBeUndefined();
      expect(awsManagedAlias(kms.Key.fromKeyArn(s, 'InnerArn', 'arn:aws:kms:eu-west-1:111122223333:alias/team/alias/aws/sqs'))).toBeUndefined();
    });

    test('is undefined for a key by ID, a key defined in the app, and an alias of it', () => {
      const s = stack();
      const key = new kms.Key(s, 'Key');
      expect(awsManagedAlias(kms.Key.fromKeyArn(s, 'Imported', KEY_ARN))).toBeUndefined();
      expect(awsManagedAlias(key)).toBeUndefined();
      expect(awsManagedAlias(key.addAlias('alias/audit-events'))).toBeUndefined();
    });
  });

  describe('keyPolicyOf', () => {
    test('is the policy document of a key defined in the app, as the template renders it', () => {
      const s = stack();
      const key = new kms.Key(s, 'Key');
      const policy = keyPolicyOf(key);
      expect(policy).toBe((key.node.defaultChild as kms.CfnKey).keyPolicy);
      const [resource] = Object.values(Template.fromStack(s).findResources('AWS::KMS::Key')) as any[];
      expect(s.resolve(policy)).toEqual(resource.Properties.KeyPolicy);
    });

    test('is the target key\'s policy for an alias defined in the app', () => {
      const s = stack();
      const key = new kms.Key(s, 'Key');
      const policy = keyPolicyOf(key);
      expect(policy).toBeDefined();
      expect(keyPolicyOf(key.addAlias('alias/audit-events'))).toBe(policy);
      expect(keyPolicyOf(new kms.Alias(s, 'Alias', { aliasName: 'alias/other', targetKey: key }))).toBe(policy);
    });

    test('is undefined for an imported key, an imported alias, and an alias of an imported key', () => {
      const s = stack();
      const imported = kms.Key.fromKeyArn(s, 'Imported', KEY_ARN);
      expect(keyPolicyOf(imported)).toBeUndefined();
      expect(keyPolicyOf(kms.Alias.fromAliasName(s, 'ImportedAlias', 'alias/audit-events'))).toBeUndefined();
      expect(keyPolicyOf(new kms.Alias(s, 'Alias', { aliasName: 'alias/audit-events', targetKey: imported }))).toBeUndefined();
    });
  });

  test('KMS_KEY_POLICY_BYTES is the fixed KMS key policy quota, 32,768', () => {
    expect(KMS_KEY_POLICY_BYTES).toBe(32_768);
  });
});
