import { App, Aws, CfnParameter, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  accountRootArn,
  arnPartition,
  awsManagedPolicyArn,
  eventBusArn,
  iamRoleArn,
  iamUserArn,
  snsTopicArn,
  sqsQueueArn,
} from '../../../src/core/private/arns';

/**
 * Partition-aware ARN helpers (style guide B5.1, B5.5; A-82; seed-digest 5.1
 * "Arns": ). Each helper is rendered env-agnostic (the
 * partition is `Ref: AWS::Partition`) and in a concrete region of each
 * partition (a literal partition).
 */

const ACCOUNT = '111122223333';

function envStack(region?: string): Stack {
  return new Stack(new App(), 'S', region ? { env: { region, account: ACCOUNT } } : {});
}

/** The env-agnostic rendering: `arn:` + partition reference + the rest. */
function joined(rest: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] };
}

interface HelperCase {
  readonly name: string;
  readonly build: (s: Stack) => string;
  /** The ARN after "arn:<partition>". */
  readonly rest: string;
}

const HELPERS: HelperCase[] = [
  { name: 'iamRoleArn', build: (s) => iamRoleArn(s, ACCOUNT, 'VendorAudit'), rest: `:iam::${ACCOUNT}:role/VendorAudit` },
  { name: 'iamRoleArn with a path', build: (s) => iamRoleArn(s, ACCOUNT, 'VendorAudit', '/security/audit/'), rest: `:iam::${ACCOUNT}:role/security/audit/VendorAudit` },
  { name: 'iamRoleArn with path "/"', build: (s) => iamRoleArn(s, ACCOUNT, 'VendorAudit', '/'), rest: `:iam::${ACCOUNT}:role/VendorAudit` },
  { name: 'iamUserArn', build: (s) => iamUserArn(s, ACCOUNT, 'scanner'), rest: `:iam::${ACCOUNT}:user/scanner` },
  { name: 'iamUserArn with a path', build: (s) => iamUserArn(s, ACCOUNT, 'scanner', '/tools/'), rest: `:iam::${ACCOUNT}:user/tools/scanner` },
  { name: 'accountRootArn', build: (s) => accountRootArn(s, ACCOUNT), rest: `:iam::${ACCOUNT}:root` },
  { name: 'awsManagedPolicyArn', build: (s) => awsManagedPolicyArn(s, 'SecurityAudit'), rest: ':iam::aws:policy/SecurityAudit' },
  { name: 'awsManagedPolicyArn with a path', build: (s) => awsManagedPolicyArn(s, 'job-function/ViewOnlyAccess'), rest: ':iam::aws:policy/job-function/ViewOnlyAccess' },
];

/** Regional helpers, built with a token region so the partition stays the stack's. */
const REGIONAL: HelperCase[] = [
  { name: 'sqsQueueArn', build: (s) => sqsQueueArn(s, s.region, ACCOUNT, 'cloudcoreo-events-queue'), rest: ':sqs:REGION:111122223333:cloudcoreo-events-queue' },
  { name: 'snsTopicArn', build: (s) => snsTopicArn(s, s.region, ACCOUNT, 'cloudcoreo-events'), rest: ':sns:REGION:111122223333:cloudcoreo-events' },
  { name: 'eventBusArn (default bus)', build: (s) => eventBusArn(s, s.region, ACCOUNT), rest: ':events:REGION:111122223333:event-bus/default' },
  { name: 'eventBusArn (named bus)', build: (s) => eventBusArn(s, s.region, ACCOUNT, 'audit'), rest: ':events:REGION:111122223333:event-bus/audit' },
];

const CONCRETE: Array<[string, string]> = [
  ['aws', 'us-east-1'],
  ['aws-us-gov', 'us-gov-west-1'],
  ['aws-cn', 'cn-north-1'],
];

describe('arns', () => {
  describe.each(HELPERS)('$name', ({ build, rest }) => {
    test('env-agnostic: the partition is Ref AWS::Partition, never a literal "arn:aws:"', () => {
      const s = envStack();
      const resolved = s.resolve(build(s));
      expect(resolved).toEqual(joined(rest));
      expect(JSON.stringify(resolved)).not.toContain('arn:aws:');
    });

    test.each(CONCRETE)('in %s (%s): the literal partition', (partition, region) => {
      const s = envStack(region);
      expect(s.resolve(build(s))).toBe(`arn:${partition}${rest}`);
    });
  });

  describe.each(REGIONAL)('$name', ({ build, rest }) => {
    test('env-agnostic: partition and region are references', () => {
      const s = envStack();
      const [before, after] = rest.split('REGION');
      expect(s.resolve(build(s))).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, before, { Ref: 'AWS::Region' }, after]],
      });
    });

    test.each(CONCRETE)('in %s (%s): literal partition and region', (partition, region) => {
      const s = envStack(region);
      expect(s.resolve(build(s))).toBe(`arn:${partition}${rest.replace('REGION', region)}`);
    });
  });

  describe('the partition follows a concrete ARN region', () => {
    test.each(CONCRETE)('an env-agnostic stack building an ARN in %s region %s writes that partition', (partition, region) => {
      const s = envStack();
      expect(s.resolve(sqsQueueArn(s, region, ACCOUNT, 'q'))).toBe(`arn:${partition}:sqs:${region}:${ACCOUNT}:q`);
    });

    test('arnPartition: the region wins over the stack, the stack over AWS::Partition', () => {
      expect(arnPartition(envStack('us-east-1'), 'cn-north-1')).toBe('aws-cn');
      expect(arnPartition(envStack('us-gov-west-1'))).toBe('aws-us-gov');
      expect(envStack().resolve(arnPartition(envStack()))).toEqual({ Ref: 'AWS::Partition' });
    });
  });

  test('awsManagedPolicyArn renders what iam.ManagedPolicy.fromAwsManagedPolicyName renders', () => {
    const s = envStack();
    const policy = iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit');
    expect(s.resolve(awsManagedPolicyArn(s, 'SecurityAudit'))).toEqual(s.resolve(policy.managedPolicyArn));
  });

  test('a token account passes through', () => {
    const s = envStack();
    expect(s.resolve(accountRootArn(s, Aws.ACCOUNT_ID))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
    });
  });

  test('a parameter role name passes through', () => {
    const s = envStack();
    const name = new CfnParameter(s, 'RoleName').valueAsString;
    expect(s.resolve(iamRoleArn(s, ACCOUNT, name))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:role/`, { Ref: 'RoleName' }]],
    });
  });

  describe('bad input throws with the construct path, the value and the fix', () => {
    test('an account that is not 12 digits', () => {
      const s = envStack();
      expect(() => iamRoleArn(s, '1234', 'Role')).toThrow(
        'S: account must be a 12-digit AWS account ID (e.g. "123456789012"), got "1234": it has 4 digits; write all 12, leading zeros included, and as a string',
      );
    });

    test('a role name with a space, and a bad path, in one error', () => {
      const s = envStack();
      expect(() => iamRoleArn(s, ACCOUNT, 'My Role', 'security')).toThrow(
        'S: \n  - roleName must be an IAM role name of 1-64 characters from [A-Za-z0-9+=,.@_-] (e.g. "SecurityAuditRole"), got "My Role": remove " "' +
          '\n  - path must be an IAM path of at most 512 characters that starts and ends with "/" (e.g. "/security/"), got "security": start and end it with "/"',
      );
    });

    test('a token path (its text is needed to build the ARN)', () => {
      const s = envStack();
      expect(() => iamUserArn(s, ACCOUNT, 'u', Token.asString({ Ref: 'Path' }))).toThrow(
        'S: path must be a literal IAM path to build an ARN from it, got an unresolved token: pass the path as a string such as "/security/", or pass the full ARN instead',
      );
    });

    test('a misspelled region', () => {
      const s = envStack();
      expect(() => eventBusArn(s, 'us-east-7', ACCOUNT)).toThrow(
        'S: region must be an AWS region name known to aws-cdk-lib (e.g. "us-east-1"), got "us-east-7": did you mean "us-east-1" or "us-east-2"?',
      );
    });
  });
});
