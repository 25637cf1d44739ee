/**
 * Unit tests of src/guardrails/private/guardrail-checks.ts, the checks and
 * statement inputs the Guardrail factories share: the onboarding
 * exemptions, the problems of the common and perimeter options, the
 * perimeter statement input, and the audit roles' ARN patterns.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  auditRoleArnPatterns,
  commonProblems,
  exceptionsOf,
  onboardingArns,
  perimeterInput,
  perimeterProblems,
  push,
  unique,
} from '../../../src/guardrails/private/guardrail-checks';

const ONBOARDING = [
  'arn:*:iam::*:role/stacksets-exec-*',
  'arn:*:iam::*:role/AWSCloudFormationStackSetExecutionRole',
  'arn:*:iam::*:role/AWSControlTowerExecution',
  'arn:*:iam::*:role/aws-controltower-ConfigRecorderRole',
  'arn:*:iam::*:role/aws-controltower-ForwardSnsNotificationRole',
  'arn:*:iam::*:role/AWSControlTower_VPCFlowLogsRole',
];
const BREAK_GLASS = 'arn:aws:iam::444455556666:role/BreakGlass';

describe('guardrail-checks', () => {
  test('onboardingArns are the onboarding role names in any partition and account', () => {
    expect(onboardingArns()).toEqual(ONBOARDING);
  });

  test('exceptionsOf puts the onboarding machinery before the own exemptions, unless turned off', () => {
    expect(exceptionsOf({ exemptPrincipalArns: [BREAK_GLASS] }, true))
      .toEqual({ principalArnPatterns: [...ONBOARDING, BREAK_GLASS], exemptCallsViaAwsServices: true });
    expect(exceptionsOf({ exemptOnboardingMachinery: false, exemptPrincipalArns: [BREAK_GLASS] }, false))
      .toEqual({ principalArnPatterns: [BREAK_GLASS], exemptCallsViaAwsServices: false });
    expect(exceptionsOf({ exemptOnboardingMachinery: false }, false)).toEqual({ principalArnPatterns: [], exemptCallsViaAwsServices: false });
  });

  test('commonProblems reports the sid first, then the format, the duplicates and the no-op patterns', () => {
    const noOp = (i: number) => `exemptPrincipalArns[${i}] is "arn:aws:iam::*:role/*", which matches every role of every account and turns the guardrail `
      + 'into a no-op: name the roles, e.g. "arn:aws:iam::444455556666:role/SecurityAdmin"';
    expect(commonProblems({ sid: 'Bad Sid', exemptPrincipalArns: ['Admin', 'arn:aws:iam::*:role/*', 'arn:aws:iam::*:role/*'] })).toEqual([
      'sid must be a statement ID (Sid) of 1-100 ASCII letters and digits only, as IAM policies and SCPs require (e.g. "DenyLeaveOrganization"), '
      + 'got "Bad Sid": remove " "',
      'exemptPrincipalArns[0] must be an IAM principal ARN or pattern "arn:<partition>:iam::<account or *>:role/<name or pattern>" '
      + '(e.g. "arn:aws:iam::*:role/SecurityAdmin"), got "Admin": copy the role ARN and replace only the parts that vary with *',
      'exemptPrincipalArns lists "arn:aws:iam::*:role/*" more than once: remove the duplicates',
      noOp(1),
      noOp(2),
    ]);
    expect(commonProblems({ exemptPrincipalArns: [BREAK_GLASS] })).toEqual([]);
  });

  describe('perimeterProblems', () => {
    test.each([['*'], ['arn:*:*:*:*:*'], ['arn:*:*:*:*:*/*'], ['arn:aws:*:*:*:*'], ['arn:aws-us-gov:*:*:*:*/*']])('refuses exemptResources %j, which exempts every resource', (resource) => {
      expect(perimeterProblems({ actions: ['s3:*'], exemptResources: ['arn:aws:s3:::aws-glue-assets-*', resource] })).toEqual([
        `exemptResources[1] is ${JSON.stringify(resource)}, which exempts every resource and turns the guardrail into a no-op: `
        + 'list the AWS-owned resources your principals read on purpose, e.g. "arn:aws:s3:::aws-glue-assets-*"',
      ]);
    });

    test('accepts every resource of one service beside actions of another, and a token', () => {
      const token = new CfnParameter(new Stack(new App(), 'S'), 'P').valueAsString;
      expect(perimeterProblems({ actions: ['s3:*', 'sqs:*'], exemptResources: ['arn:*:s3:::*', 'arn:aws:s3:::aws-glue-assets-*/*', token] })).toEqual([]);
      // All objects are not all buckets: bucket actions are still denied.
      expect(perimeterProblems({ actions: ['s3:*'], exemptResources: ['arn:*:s3:::*/*'] })).toEqual([]);
    });

    test.each([
      [['s3:*'], ['arn:*:s3:::*'], 'exemptResources[0] "arn:*:s3:::*" exempts every resource of s3, the only service of actions'],
      [['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::aws-glue-assets-*', 'arn:aws:s3:::*'], 'exemptResources[1] "arn:aws:s3:::*" exempts every resource of s3, the only service of actions'],
      [['sqs:*', 'kms:Decrypt'], ['arn:aws:sqs:*:*:*', 'arn:*:kms:*:*:*'], 'exemptResources[0] "arn:aws:sqs:*:*:*" and exemptResources[1] "arn:*:kms:*:*:*" exempt every resource of sqs, kms, the only services of actions'],
    ])('refuses actions %j with exemptResources %j, which leave the guardrail nothing to deny', (actions, exemptResources, message) => {
      expect(perimeterProblems({ actions, exemptResources })).toEqual([
        `${message}, so the guardrail denies nothing: list the AWS-owned resources your principals read on purpose instead, e.g. "arn:aws:s3:::aws-glue-assets-*"`,
      ]);
    });
  });

  test('perimeterInput covers every resource and exempts calls via AWS services by default', () => {
    expect(perimeterInput('P', { actions: ['s3:*'] })).toEqual({
      sid: 'P',
      actions: ['s3:*'],
      resources: ['*'],
      notResources: undefined,
      trustedAccounts: [],
      exceptions: { principalArnPatterns: ONBOARDING, exemptCallsViaAwsServices: true },
    });
    const explicit = perimeterInput('Q', {
      actions: ['kms:*'],
      exemptResources: ['arn:aws:s3:::aws-glue-assets-*'],
      trustedAccounts: ['111122223333'],
      exemptCallsViaAwsServices: false,
      exemptOnboardingMachinery: false,
    });
    expect(explicit).toEqual({
      sid: 'Q',
      actions: ['kms:*'],
      resources: ['*'],
      notResources: ['arn:aws:s3:::aws-glue-assets-*'],
      trustedAccounts: ['111122223333'],
      exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: false },
    });
  });

  describe('auditRoleArnPatterns', () => {
    test('renders the names, then the roles, as role patterns of every account, and reports each bad one at its index', () => {
      const stack = new Stack(new App(), 'Member');
      const roles = [
        new iam.Role(stack, 'Named', { roleName: 'ScannerRole', path: '/vendor/', assumedBy: new iam.AccountRootPrincipal() }),
        new iam.Role(stack, 'Generated', { assumedBy: new iam.AccountRootPrincipal() }),
      ];
      const problems: string[] = [];
      expect(auditRoleArnPatterns(['VendorAuditRole', 'Vendor Audit', 'security/AuditRole'], roles, problems))
        .toEqual(['arn:*:iam::*:role/VendorAuditRole', 'arn:*:iam::*:role/security/AuditRole', 'arn:*:iam::*:role/vendor/ScannerRole']);
      expect(problems).toEqual([
        'auditRoleNames[1] must be an IAM role name of 1-64 characters from [A-Za-z0-9+=,.@_-] (e.g. "SecurityAuditRole"), got "Vendor Audit": remove " "',
        'auditRoles[1] (Member/Generated) has no fixed name: give the role a roleName, because the policy names it in every account',
      ]);
    });

    test('reports missing names (a JavaScript caller), and accepts an empty list', () => {
      const problems: string[] = [];
      expect(auditRoleArnPatterns(undefined, undefined, problems)).toEqual([]);
      expect(problems).toEqual(['auditRoleNames is required: name the security vendor\'s audit roles, which the guardrail would otherwise block, '
        + 'or pass [] when no vendor scans the target accounts']);
      const none: string[] = [];
      expect(auditRoleArnPatterns([], undefined, none)).toEqual([]);
      expect(none).toEqual([]);
    });
  });

  test('unique keeps the first of each value in order, and push skips undefined', () => {
    expect(unique(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
    const problems = ['p'];
    push(problems, undefined);
    push(problems, '');
    push(problems, 'q');
    expect(problems).toEqual(['p', 'q']);
  });
});
