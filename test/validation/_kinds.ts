import { Token } from 'aws-cdk-lib';
import { Kind } from './_subjects';

/** One bad value of a kind: a label for the row and the value. */
export interface BadValue {
  readonly label: string;
  readonly value: unknown;
  /** The row asserts that the value synthesizes (a documented edge that looks wrong). */
  readonly ok?: true;
}

const wrongTypeOfString: BadValue[] = [
  { label: 'wrong JS type (number)', value: 123456789012 },
  { label: 'wrong JS type (object)', value: { a: 1 } },
];
const wrongTypeOfList: BadValue[] = [
  { label: 'wrong JS type (a string, not a list)', value: 'us-east-1' },
  { label: 'wrong JS type (a number in the list)', value: [12345] },
];
const empty: BadValue = { label: 'empty', value: '' };
const tooLong: BadValue = { label: 'too long', value: 'a'.repeat(1300) };
const illegal: BadValue = { label: 'illegal characters', value: 'bad name!' };

/**
 * The bad values of each kind: every row must be the library's error naming
 * the construct path and the prop. Kinds without string content get the
 * wrong-type rows only.
 */
export const BAD_VALUES: Record<Kind, BadValue[]> = {
  'accountId': [...wrongTypeOfString, empty, { label: 'too short', value: '1234' }, { label: 'illegal characters', value: '1234-5678-901a' },
    { label: 'wrong kind (an ARN)', value: 'arn:aws:iam::123456789012:root' }],
  'accountIds': [...wrongTypeOfList, { label: 'bad element', value: ['1234'] }, { label: 'duplicate', value: ['444455556666', '444455556666'] }],
  'externalId': [...wrongTypeOfString, { label: 'too short', value: 'x' }, tooLong, illegal],
  'roleName': [...wrongTypeOfString, empty, tooLong, illegal],
  'policyName': [...wrongTypeOfString, empty, tooLong, illegal],
  'userName': [...wrongTypeOfString, empty, tooLong, illegal],
  'iamPath': [...wrongTypeOfString, { label: 'no slashes', value: 'security' }, { label: 'too long', value: `/${'a'.repeat(600)}/` }],
  'queueName': [...wrongTypeOfString, empty, tooLong, illegal],
  'topicName': [...wrongTypeOfString, empty, tooLong, illegal],
  'ruleName': [...wrongTypeOfString, empty, tooLong, illegal],
  'trailName': [...wrongTypeOfString, { label: 'too short', value: 'ab' }, illegal],
  'stackSetName': [...wrongTypeOfString, empty, { label: 'illegal characters', value: '1 bad_name' }],
  'orgId': [...wrongTypeOfString, { label: 'too short', value: 'o-abc' }, { label: 'uppercase', value: 'O-A1B2C3D4E5' }],
  'ouIds': [...wrongTypeOfList, { label: 'empty list', value: [] }, { label: 'bad element', value: ['ou-x'] },
    { label: 'duplicate', value: ['ou-ab12-11111111', 'ou-ab12-11111111'] }, { label: 'OUs of two roots', value: ['ou-ab12-11111111', 'ou-cd34-22222222'] }],
  'targetIds': [...wrongTypeOfList, { label: 'empty list (documented: defines the policies without attaching them)', value: [], ok: true }, { label: 'bad element', value: ['x-1'] }, { label: 'duplicate', value: ['r-ab12', 'r-ab12'] }],
  'region': [...wrongTypeOfString, empty, { label: 'unknown region', value: 'us-east-9' }],
  'regions': [...wrongTypeOfList, { label: 'empty list', value: [] }, { label: 'unknown region', value: ['us-east-9'] },
    { label: 'duplicate', value: ['us-east-1', 'us-east-1'] }, { label: 'mixed partitions', value: ['us-east-1', 'cn-north-1'] }],
  'sqsQueueArn': [...wrongTypeOfString, { label: 'not an ARN', value: 'my-queue' }, { label: 'wrong service', value: 'arn:aws:sns:us-west-2:111122223333:q' },
    { label: 'wildcard', value: 'arn:aws:sqs:*:111122223333:q' }, { label: 'unknown region in the ARN', value: 'arn:aws:sqs:us-west-9:111122223333:q' },
    { label: 'wrong partition', value: 'arn:aws-cn:sqs:cn-north-1:111122223333:q' }],
  'trailArn': [...wrongTypeOfString, { label: 'not an ARN', value: 'trail' }],
  'principalArns': [...wrongTypeOfList, { label: 'bad element', value: ['not-an-arn'] },
    { label: 'duplicate', value: ['arn:aws:iam::111122223333:role/Scanner', 'arn:aws:iam::111122223333:role/Scanner'] }],
  'bucketNames': [...wrongTypeOfList, { label: 'empty list', value: [] }, { label: 'bad element', value: ['Bad_Bucket'] },
    { label: 'duplicate', value: ['audit-logs', 'audit-logs'] }, { label: 'an ARN instead of a name', value: ['arn:aws:s3:::audit-logs'] }],
  'string': [{ label: 'wrong JS type (number)', value: 5 }],
  'orgPolicyName': [{ label: 'wrong JS type (number)', value: 5 }, empty, { label: 'too long', value: 'a'.repeat(129) },
    { label: 'spaces and punctuation (allowed by Organizations)', value: 'Audit guardrails!', ok: true }],
  'boolean': [{ label: 'wrong JS type (string)', value: 'yes' }, { label: 'wrong JS type (number)', value: 1 }],
  'number': [{ label: 'wrong JS type (string)', value: '5' }, { label: 'NaN', value: NaN }],
  'object': [{ label: 'wrong JS type (string)', value: 'x' }, { label: 'wrong JS type (number)', value: 5 }],
  'object[]': [{ label: 'wrong JS type (string)', value: 'x' }, { label: 'wrong JS type (a string in the list)', value: ['x'] }],
  'map': [{ label: 'wrong JS type (string)', value: 'x' }, { label: 'wrong JS type (a number value)', value: { 444455556666: 5 } }],
  'enum': [{ label: 'not a member', value: 'ADMIN' }, { label: 'wrong JS type (number)', value: 3 }],
};

/** Kinds whose props accept an unresolved token (it passes untouched to CloudFormation). */
export const TOKEN_OK: ReadonlySet<Kind> = new Set<Kind>(['accountId', 'externalId', 'roleName', 'policyName', 'string']);

/** A token of a string, as a CloudFormation parameter would give. */
export function stringToken(): string {
  return Token.asString({ Ref: 'SomeParameter' });
}

/** Valid values of each kind, for the property tests; kinds whose valid values depend on the prop have none (left out instead). */
export const GOOD_VALUES: Record<Kind, unknown[]> = {
  'accountId': ['111122223333', '444455556666'],
  'accountIds': [['444455556666'], ['444455556666', '777788889999']],
  'externalId': ['tenant-0001', `t${'x'.repeat(60)}`],
  'roleName': ['AuditRole', 'a'.repeat(64)],
  'policyName': ['AuditPolicy', 'p'.repeat(128)],
  'userName': ['audit-user'],
  'iamPath': ['/', '/security/'],
  'queueName': ['audit-events'],
  'topicName': ['audit-topic'],
  'ruleName': ['audit-rule'],
  'trailName': ['audit-trail'],
  'stackSetName': ['AuditEvents'],
  'orgId': ['o-a1b2c3d4e5'],
  'ouIds': [['ou-ab12-11111111'], ['r-ab12']],
  'targetIds': [['r-ab12'], ['ou-ab12-11111111', '444455556666']],
  'region': ['us-east-1', 'eu-west-1'],
  'regions': [['us-east-1'], ['us-east-1', 'eu-west-1']],
  'sqsQueueArn': ['arn:aws:sqs:us-west-2:111122223333:audit-events'],
  'trailArn': ['arn:aws:cloudtrail:us-east-1:123456789012:trail/audit'],
  'principalArns': [['arn:aws:iam::111122223333:role/Scanner']],
  'bucketNames': [['audit-logs'], ['audit-logs', 'redshift-logs']],
  'string': ['Audit access'],
  'orgPolicyName': ['Guardrails'],
  'boolean': [true, false],
  'number': [1, 5],
  'object': [],
  'object[]': [],
  'map': [{ 444455556666: 'tenant-a-0001' }],
  'enum': [],
};
