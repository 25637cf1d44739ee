/**
 * Unit tests of src/access/private/access-key.ts: the access-key props check,
 * their JavaScript shapes, and `defineAccessKey` on its own.
 */
import { CfnParameter, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AuditAccessKeyOptions } from '../../../src/access';
import { ACCESS_KEY_SHAPES, checkAccessKeyChoice, defineAccessKey } from '../../../src/access/private/access-key';
import { checkPropShapes } from '../../../src/core/private/validators';
import { ACCOUNT, concreteStack, onlyOf, templateOf } from '../_helpers';

describe('access-key', () => {
  describe('checkAccessKeyChoice', () => {
    test('accepts no props, serial 0 (the first key) and a valid secret name', () => {
      expect(checkAccessKeyChoice({})).toEqual([]);
      expect(checkAccessKeyChoice({ accessKeySerial: 0, secretName: 'vendor/access-key' })).toEqual([]);
    });

    test('passes tokens through: only CloudFormation knows their values', () => {
      const stack = concreteStack();
      const serial = new CfnParameter(stack, 'Serial', { type: 'Number' });
      const name = new CfnParameter(stack, 'SecretName', { type: 'String' });
      expect(Token.isUnresolved(serial.valueAsNumber)).toBe(true);
      expect(checkAccessKeyChoice({ accessKeySerial: serial.valueAsNumber, secretName: name.valueAsString })).toEqual([]);
    });

    test('reports the serial and the secret name together, serial first', () => {
      expect(checkAccessKeyChoice({ accessKeySerial: -2, secretName: 'vendor key!' })).toEqual([
        'accessKeySerial must be a whole number of at least 0, got -2: increase it by one to rotate the key',
        'secretName must be a Secrets Manager secret name of 1-512 characters from [A-Za-z0-9/_+=.@-] (e.g. "security-vendor/access-key"), got "vendor key!": remove " ", "!"',
      ]);
    });
  });

  describe('ACCESS_KEY_SHAPES', () => {
    /** Every member of the public options, each with a valid value. */
    const every: Required<AuditAccessKeyOptions> = {
      accessKeySerial: 1,
      secretName: 'vendor/access-key',
      secretEncryptionKey: kms.Key.fromKeyArn(concreteStack(), 'Key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
      secretRemovalPolicy: RemovalPolicy.RETAIN,
    };

    test('names exactly the members of AuditAccessKeyOptions, and accepts valid values of each', () => {
      expect(Object.keys(ACCESS_KEY_SHAPES).sort()).toEqual(Object.keys(every).sort());
      expect(checkPropShapes(every, ACCESS_KEY_SHAPES)).toEqual([]);
    });

    test('accepts every RemovalPolicy member and refuses other values from JavaScript', () => {
      for (const policy of Object.values(RemovalPolicy)) {
        expect(checkPropShapes({ secretRemovalPolicy: policy }, ACCESS_KEY_SHAPES)).toEqual([]);
      }
      expect(checkPropShapes({ secretRemovalPolicy: 'keep', accessKeySerial: '2' }, ACCESS_KEY_SHAPES)).toEqual([
        'accessKeySerial must be a number, got "2": give a finite number without quotes',
        expect.stringMatching(/^secretRemovalPolicy must be one of RemovalPolicy\..*, got "keep": pick a member of RemovalPolicy$/),
      ]);
    });
  });

  describe('defineAccessKey', () => {
    test('defines the key and the secret as children AccessKey and Secret of the scope, the secret with the given description', () => {
      const stack = concreteStack();
      const scope = new Construct(stack, 'Holder');
      const defined = defineAccessKey(scope, new iam.User(stack, 'User'), {}, 'Access key of the vendor user');
      expect(scope.node.findChild('AccessKey')).toBe(defined.accessKey);
      expect(scope.node.findChild('Secret')).toBe(defined.secret);
      const template = templateOf(stack);
      expect(template.Resources[onlyOf(template, 'AWS::IAM::AccessKey')].Properties).toEqual({ UserName: { Ref: onlyOf(template, 'AWS::IAM::User') } });
      const secret = template.Resources[onlyOf(template, 'AWS::SecretsManager::Secret')];
      expect(secret.Properties.Description).toBe('Access key of the vendor user');
      expect(secret.Properties.Name).toBeUndefined();
      expect(secret.DeletionPolicy).toBe('Delete');
    });
  });
});
