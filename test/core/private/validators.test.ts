import { App, Aws, CfnParameter, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import * as fc from 'fast-check';
import { checkPropShapes, checkShape, duplicateProblems, enumShape, findDuplicates, IdentifierKind, quote, RULES, validate, validateList, validateOrgTarget, validateRootOrOu } from '../../../src/core/private/validators';

/**
 * Validators (seed-digest 5.1 "Validate": R-003, R-004, R-013, R-038, R-217,
 * R-218, R-300 to R-302, R-311, R-345; A-60 strict ID formats).
 *
 * Every kind in RULES has valid cases, invalid cases with the whole message,
 * and token cases. The last describe fails when a kind is added without cases.
 */

/** The message `validate` builds, from its parts, so each case states only what varies. */
function message(kind: IdentifierKind, value: string, hint: string): string {
  const rule = RULES[kind];
  return `props.x must be ${rule.expected} (e.g. ${JSON.stringify(rule.example)}), got ${quote(value)}: ${hint}`;
}

interface KindCases {
  readonly valid: string[];
  /** [value, hint] pairs; the test asserts the whole message. */
  readonly invalid: Array<[string, string]>;
}

const ORG_HINT = 'copy it from the Organizations console or `aws organizations describe-organization`';
const ROOT_HINT = 'copy it from `aws organizations list-roots`';
const OU_HINT = 'copy it from `aws organizations list-organizational-units-for-parent`';

const CASES: Record<IdentifierKind, KindCases> = {
  // R-003: the vendor account is a required 12-digit input.
  accountId: {
    valid: ['123456789012', '000000000001', '111122223333'],
    invalid: [
      ['12345678901', 'it has 11 digits; write all 12, leading zeros included, and as a string'],
      ['1234567890123', 'it has 13 digits; write all 12, leading zeros included, and as a string'],
      ['1234-5678-9012', 'remove the dashes and spaces'],
      ['1234 5678 9012', 'remove the dashes and spaces'],
      ['12345678901a', 'remove "a": an account ID has digits only'],
      ['', 'it is empty'],
    ],
  },
  // R-004, R-013, R-038: the external ID must match the vendor's value exactly.
  externalId: {
    valid: ['ab', 'my-tenant-1234', 'a+b=c,d.e@f:g/h_i-j', 'x'.repeat(1224)],
    invalid: [
      ['a', 'it has 1 character (copy the value exactly as the vendor console shows it)'],
      ['x'.repeat(1225), 'it has 1225 characters (copy the value exactly as the vendor console shows it)'],
      ['has space', 'remove " " (copy the value exactly as the vendor console shows it)'],
      ['tenant#1!#', 'remove "#", "!" (copy the value exactly as the vendor console shows it)'],
    ],
  },
  // A-60: o- + 10-32 lowercase letters or digits; the blog's "o-acorg" is rejected.
  organizationId: {
    valid: ['o-a1b2c3d4e5', 'o-' + 'a'.repeat(32)],
    invalid: [
      ['o-acorg', `the part after "o-" has 5 characters, AWS uses 10-32; ${ORG_HINT}`],
      ['O-A1B2C3D4E5', 'use lowercase letters'],
      [' o-a1b2c3d4e5', 'remove the surrounding whitespace'],
      ['a1b2c3d4e5', `start it with "o-"; ${ORG_HINT}`],
      ['o-a1b2c3d4e5_', `remove "_"; ${ORG_HINT}`],
      ['o-' + 'a'.repeat(33), `the part after "o-" has 33 characters, AWS uses 10-32; ${ORG_HINT}`],
    ],
  },
  rootId: {
    valid: ['r-ab12', 'r-acroot', 'r-' + '9'.repeat(32)],
    invalid: [
      ['r-ab1', `the part after "r-" has 3 characters, AWS uses 4-32; ${ROOT_HINT}`],
      ['r-AB12', 'use lowercase letters'],
      ['ab12', `start it with "r-"; ${ROOT_HINT}`],
    ],
  },
  // A-60: "ou-acroot-mediaou" fails (7 characters in the last part), "ou-acroot-sportsou" passes.
  ouId: {
    valid: ['ou-ab12-11111111', 'ou-acroot-sportsou'],
    invalid: [
      ['ou-acroot-mediaou', OU_HINT],
      ['ou-ab12', OU_HINT],
      ['OU-AB12-11111111', 'use lowercase letters'],
      ['r-ab12', "that is a root ID; use the OU's ID, or a root-level prop if the target is the whole organization"],
    ],
  },
  // R-301, R-311: paths are o-/r-/ou-.../ with an optional trailing "*".
  orgPath: {
    valid: [
      'o-a1b2c3d4e5/*',
      'o-a1b2c3d4e5/r-ab12/',
      'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
      'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*',
      'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/',
    ],
    invalid: [
      ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111', 'end it with "/" (this node only) or "/*" (this node and everything below)'],
      ['o-acorg/r-ab12/', 'it must start with the organization ID, found "o-acorg"'],
      ['o-a1b2c3d4e5/ou-ab12-11111111/', 'the second element must be the root ID ("r-..."), found "ou-ab12-11111111"'],
      ['o-a1b2c3d4e5/r-ab12/ou-cd34-11111111/', 'OU "ou-cd34-11111111" does not belong to root "r-ab12" (an OU ID carries its root\'s suffix)'],
      ['o-a1b2c3d4e5/r-ab12/sports/*', '"sports" is not an OU ID ("ou-<root>-<8-32 chars>")'],
      ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-11111111/', 'OU "ou-ab12-11111111" appears twice; list each OU once, parent before child'],
      ['', 'end it with "/" (this node only) or "/*" (this node and everything below)'],
      ['o-a1b2c3d4e5/', 'the organization ID alone matches no account (every account sits under a root): write "o-.../*" for the whole organization, or add the root, "o-.../r-.../"'],
      [`o-a1b2c3d4e5/r-ab12/${[1, 2, 3, 4, 5, 6].map((i) => `ou-ab12-${String(i).repeat(8)}`).join('/')}/`, 'it lists 6 OUs, but AWS Organizations nests OUs at most 5 levels below the root: check the chain (parent first, one ID per level)'],
    ],
  },
  region: {
    valid: ['us-east-1', 'eu-west-2', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1'],
    invalid: [
      ['us-east-7', 'did you mean "us-east-1" or "us-east-2"?'],
      ['useast1', 'did you mean "us-east-1"?'],
      ['US-EAST-1', 'use lowercase letters and no spaces'],
      ['mars-north-1', 'check the spelling'],
    ],
  },
  partition: {
    valid: ['aws', 'aws-us-gov', 'aws-cn'],
    invalid: [
      ['aws-iso', 'use the partition of the target accounts (the library does not support the ISO partitions)'],
      ['AWS', 'use lowercase letters and no spaces'],
    ],
  },
  roleName: {
    valid: ['SecurityAuditRole', 'a', 'r'.repeat(64), 'A+b=c,d.e@f_g-h'],
    invalid: [
      ['', 'it is empty'],
      ['r'.repeat(65), 'it has 65 characters: shorten it'],
      ['my role!', 'remove " ", "!"'],
      ['path/Role', 'remove "/"'],
    ],
  },
  userName: {
    valid: ['SecurityAuditUser', 'u'.repeat(64)],
    invalid: [
      ['u'.repeat(65), 'it has 65 characters: shorten it'],
      ['a/b', 'remove "/"'],
    ],
  },
  policyName: {
    valid: ['AuditReadOnly', 'p'.repeat(128)],
    invalid: [
      ['p'.repeat(129), 'it has 129 characters: shorten it'],
      ['Audit:ReadOnly', 'remove ":"'],
    ],
  },
  iamPath: {
    valid: ['/', '/security/', '/a/b/c/', '/' + 'x'.repeat(510) + '/'],
    invalid: [
      ['security', 'start and end it with "/"'],
      ['/security', 'start and end it with "/"'],
      ['/with space/', 'remove " ": use printable ASCII without spaces'],
      ['/' + 'x'.repeat(511) + '/', 'it has 513 characters: shorten it'],
    ],
  },
  arn: {
    valid: [
      'arn:aws:sqs:us-west-2:123456789012:my-queue',
      'arn:aws-us-gov:iam::123456789012:role/x',
      'arn:aws-cn:s3:::bucket/*',
      'arn:aws:iam::aws:policy/SecurityAudit',
    ],
    invalid: [
      ['arn:aws:sqs:us-west-2:12345:q', 'the account part "12345" is not 12 digits'],
      ['arn:aws-iso:sqs:us-west-2:123456789012:q', 'partition "aws-iso" is not one of aws, aws-us-gov, aws-cn'],
      ['not-an-arn', 'copy the full ARN from the console or the CLI'],
      ['arn:aws:sqs:us-west-2:123456789012', 'copy the full ARN from the console or the CLI'],
    ],
  },
  // R-217: the principal that may assume the audit role.
  principalArn: {
    valid: [
      'arn:aws:iam::123456789012:role/VendorScanner',
      'arn:aws:iam::123456789012:role/path/VendorScanner',
      'arn:aws-us-gov:iam::123456789012:user/scanner',
      'arn:aws-cn:iam::123456789012:root',
      'arn:aws:sts::123456789012:assumed-role/Role/session',
    ],
    invalid: [
      ['arn:aws:iam::123456789012:role', 'copy the full ARN of the role or user from the IAM console'],
      ['arn:aws:iam::123456789012:group/x', 'copy the full ARN of the role or user from the IAM console'],
      ['arn:aws:sqs:us-east-1:123456789012:q', 'copy the full ARN of the role or user from the IAM console'],
      ['arn:aws:iam::123456789012:root/x', 'copy the full ARN of the role or user from the IAM console'],
    ],
  },
  // R-345 / A-64: the template's patterns; its own example "ssoins-abc1234567" does not match them.
  ssoInstanceArn: {
    valid: ['arn:aws:sso:::instance/ssoins-1234567890abcdef', 'arn:aws-us-gov:sso:::instance/ins-1234567890abcdef'],
    invalid: [['arn:aws:sso:::instance/ssoins-abc1234567', 'copy it from `aws sso-admin list-instances`']],
  },
  identityStoreId: {
    valid: ['d-1234567890', 'd-123456abcd'],
    invalid: [
      ['d-12345', 'copy it from `aws sso-admin list-instances`'],
      ['d-123456ABCD', 'copy it from `aws sso-admin list-instances`'],
    ],
  },
  identityStorePrincipalId: {
    valid: ['12345678-1234-1234-1234-123456789012', '9067000000-12345678-1234-1234-1234-123456789012'],
    invalid: [['not-a-uuid', 'copy it from `aws identitystore list-users` or `list-groups`']],
  },
  // A-62: the blog's Sid " DenyS3AccessOutsideMyBoundary" has a leading space IAM rejects.
  sid: {
    valid: ['DenyS3AccessOutsideMyBoundary', 'Stmt1'],
    invalid: [
      [' DenyS3AccessOutsideMyBoundary', 'remove " "'],
      ['Deny-S3_x', 'remove "-", "_"'],
      ['', 'give a non-empty Sid or leave it out'],
      ['S'.repeat(101), 'it has 101 characters: shorten it'],
    ],
  },
  // Guardrail action lists.
  iamAction: {
    valid: ['s3:*', 's3:GetObject', 's3:Get*', 'route53-recovery-cluster:Get?ontrol*'],
    invalid: [
      ['*', 'it is every action of every service: name the services instead (e.g. "s3:*", "kms:*")'],
      ['GetObject', 'add the service prefix (e.g. "s3:"); check the spelling in the service authorization reference'],
      ['s3 GetObject', 'add the service prefix (e.g. "s3:"); check the spelling in the service authorization reference'],
      ['S3:GetObject', 'check the spelling in the service authorization reference'],
      ['s3:Get-Object', 'check the spelling in the service authorization reference'],
    ],
  },
  // R-350 exempt principals and admin roles, with * for what varies.
  principalArnPattern: {
    valid: [
      'arn:aws:iam::123456789012:role/Admin',
      'arn:aws:iam::*:role/Admin',
      'arn:*:iam::*:role/stacksets-exec-*',
      'arn:aws-us-gov:iam::123456789012:user/ops',
      'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*',
    ],
    invalid: [
      ['*', 'copy the role ARN and replace only the parts that vary with *'],
      ['arn:aws:s3:::bucket', 'copy the role ARN and replace only the parts that vary with *'],
      ['arn:aws:iam::12345:role/X', 'copy the role ARN and replace only the parts that vary with *'],
      ['role/Admin', 'copy the role ARN and replace only the parts that vary with *'],
    ],
  },
  // R-lines of the SkyFormation Redshift bundle (A-43).
  bucketName: {
    valid: ['redshift-audit-logs', 'abc', 'a.b-c', 'b'.repeat(63)],
    invalid: [
      ['arn:aws:s3:::redshift-bucket-3', 'it is an ARN: give only the name ("redshift-bucket-3")'],
      ['arn:aws:s3:::redshift-bucket-3/logs/*', 'it is an ARN: give only the name ("redshift-bucket-3")'],
      ['ab', 'it has 2 characters, S3 allows 3-63'],
      ['b'.repeat(64), 'it has 64 characters, S3 allows 3-63'],
      ['Upper-Case-Bucket', 'use lowercase letters'],
      ['bucket_with_underscore', 'remove "_"'],
      ['-leading-hyphen', 'start and end it with a letter or digit'],
      ['trailing.', 'start and end it with a letter or digit'],
      ['two..dots', 'remove the adjacent dots'],
      ['192.168.5.4', 'S3 does not allow a name formatted as an IP address'],
    ],
  },
  instanceProfileName: {
    valid: ['SecurityToolProfile', 'p'.repeat(128), 'a+b=c,d.e@f_g-h'],
    invalid: [
      ['my profile', 'remove " "'],
      ['p'.repeat(129), 'it has 129 characters: shorten it'],
      ['', 'it is empty'],
    ],
  },
  secretName: {
    valid: ['security-vendor/access-key', 'a', 'x'.repeat(512), 'a/b_c+d=e.f@g-h'],
    invalid: [
      ['vendor key', 'remove " "'],
      ['x'.repeat(513), 'it has 513 characters, AWS allows 1-512'],
      ['', 'it is empty'],
      ['key#1', 'remove "#"'],
    ],
  },
  awsManagedPolicyName: {
    valid: ['SecurityAudit', 'job-function/ViewOnlyAccess', 'service-role/AWSConfigRole'],
    invalid: [
      ['arn:aws:iam::aws:policy/SecurityAudit', 'it is an ARN: give what follows "policy/" ("SecurityAudit")'],
      ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'it is an ARN: give what follows "policy/" ("job-function/ViewOnlyAccess")'],
      ['arn:aws:s3:::bucket', 'it is an ARN: give what follows "policy/"'],
      ['Security Audit', 'copy the name from the IAM console'],
      ['p'.repeat(129), 'copy the name from the IAM console'],
      ['', 'copy the name from the IAM console'],
    ],
  },
  // A-49: queues are named, never patterns.
  sqsQueueArn: {
    valid: ['arn:aws:sqs:us-east-1:123456789012:cloudtrail-data-events', 'arn:aws-cn:sqs:cn-north-1:123456789012:q.fifo'],
    invalid: [
      ['arn:aws:sns:us-east-1:123456789012:topic', 'it is an ARN of service "sns"'],
      ['arn:aws:sqs:us-east-1:123456789012:*', 'it is a pattern: list each ARN without wildcards'],
      ['arn:aws:sqs:us-east-1:123456789012:audit-*', 'it is a pattern: list each ARN without wildcards'],
      ['arn:aws:sqs:us-east-?:123456789012:q', 'copy the full ARN from the console or the CLI'],
      ['https://sqs.us-east-1.amazonaws.com/123456789012/q', 'copy the full ARN from the console or the CLI'],
      ['arn:aws:sqs:us-east-1:12345:q', 'the account part "12345" is not 12 digits'],
    ],
  },
  kmsKeyArn: {
    valid: ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234'],
    invalid: [
      ['arn:aws:kms:us-east-1:123456789012:alias/queue', 'it is an alias ARN: give the key ARN ("...:key/<key id>"), because IAM matches key permissions against the key ARN'],
      ['arn:aws:sqs:us-east-1:123456789012:q', 'it is an ARN of service "sqs"'],
      ['arn:aws:kms:us-east-1:123456789012:key/*', 'it is a pattern: list each ARN without wildcards'],
      ['arn:aws:kms:us-east-1:123456789012:1234abcd', 'give the key ARN ("...:key/<key id>")'],
    ],
  },
  // The standard queue, topic and rule names the constructs create.
  sqsQueueName: {
    valid: ['audit-events', 'cloudcoreo-events-queue', 'q', 'q'.repeat(80)],
    invalid: [
      ['nrt queue', 'remove " "'],
      ['events.fifo.x', 'remove "."'],
      ['q'.repeat(81), 'it has 81 characters, AWS allows 1-80'],
      ['', 'it is empty'],
    ],
  },
  snsTopicName: {
    valid: ['audit-events', 'cloudcoreo-events', 't'.repeat(256)],
    invalid: [
      ['cloudcoreo.events', 'remove "."'],
      ['a b', 'remove " "'],
      ['t'.repeat(257), 'it has 257 characters, AWS allows 1-256'],
    ],
  },
  eventRuleName: {
    valid: ['audit-events-rule', 'a.b_c-d', 'r'.repeat(64)],
    invalid: [
      ['my rule', 'remove " "'],
      ['bus/rule', 'remove "/"'],
      ['r'.repeat(65), 'it has 65 characters, AWS allows 1-64'],
    ],
  },
  // Issue 13 finding 9: the queue-name prefix of the Skyhigh receiver's policies (R-205).
  sqsQueueNamePrefix: {
    valid: ['StackSet-', 'shn_nrt-', 'x', 'x'.repeat(60)],
    invalid: [
      ['', 'it is empty'],
      ['*', 'remove "*"'],
      ['StackSet-*', 'remove "*"'],
      ['x'.repeat(61), 'it has 61 characters: at most 60, to leave room for the rest of the queue name (80 at most)'],
    ],
  },
  // Issue 19: one trail ARN rule for AuditTrail.fromTrailArn and the presets' existingTrailArn.
  cloudTrailArn: {
    valid: ['arn:aws:cloudtrail:us-east-1:123456789012:trail/audit-trail', 'arn:aws-us-gov:cloudtrail:us-gov-west-1:123456789012:trail/a.b_c'],
    invalid: [
      ['arn:aws:s3:::my-bucket', 'it is an ARN of service "s3"'],
      ['arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/abc', 'give the trail\'s ARN ("...:trail/<name>"); copy it from the CloudTrail console (Trails, then the trail\'s ARN)'],
      ['arn:aws:cloudtrail:us-east-1:123456789012:trail/my trail', 'the trail name: remove " "'],
      ['arn:aws:cloudtrail:us-east-1:123456789012:trail/ab', 'the trail name: it has 2 characters, CloudTrail allows 3-128'],
      ['arn:aws:cloudtrail:us-east-1:123456789012:trail/*', 'it is a pattern: list each ARN without wildcards'],
      ['arn:aws:cloudtrail:us-east-9:123456789012:trail/audit-trail', 'its region "us-east-9" is not a region known to aws-cdk-lib: check the spelling'],
    ],
  },
  // Issue 19: the names a guardrail protects come from core rules. A FIFO name
  // counts ".fifo" in the length (guardrail.ts's own regex allowed 5 more).
  anySqsQueueName: {
    valid: ['audit-events', 'events.fifo', 'q'.repeat(80), `${'q'.repeat(75)}.fifo`],
    invalid: [
      [`${'q'.repeat(76)}.fifo`, 'it has 81 characters, AWS allows 1-80 (".fifo" included)'],
      ['q'.repeat(81), 'it has 81 characters, AWS allows 1-80'],
      ['.fifo', 'give the name before ".fifo"'],
      ['events.fifo.x', 'remove "."'],
      ['my queue.fifo', 'remove " "'],
    ],
  },
  anySnsTopicName: {
    valid: ['audit-events', 'events.fifo', 't'.repeat(256), `${'t'.repeat(251)}.fifo`],
    invalid: [
      [`${'t'.repeat(252)}.fifo`, 'it has 257 characters, AWS allows 1-256 (".fifo" included)'],
      ['cloudcoreo.events', 'remove "."'],
      ['', 'it is empty'],
    ],
  },
  busQualifiedRuleName: {
    valid: ['audit-events-rule', 'audit-bus/audit-rule', 'a.b_c-d', `${'b'.repeat(256)}/${'r'.repeat(64)}`],
    invalid: [
      ['my rule', 'remove " "'],
      ['r'.repeat(65), 'it has 65 characters, AWS allows 1-64'],
      ['bus/a/b', 'the rule name after "/": remove "/"'],
      ['/rule', 'the bus name before "/": it is empty'],
      ['bus/', 'the rule name after "/": it is empty'],
      ['my bus/rule', 'the bus name before "/": remove " "'],
    ],
  },
  iamServicePrefix: {
    valid: ['route53', 'iam', 'aws-portal', 'route53-recovery-control-config'],
    invalid: [
      ['*', 'it is every service: name the services to deny'],
      ['route53:*', 'give only the service prefix, "route53": every action of it is denied'],
      ['Route53', 'use lowercase letters ("route53")'],
      [' iam', 'remove the surrounding whitespace'],
      ['-s3', 'check the prefix in the service authorization reference ("Actions, resources, and condition keys")'],
      ['s3--x', 'check the prefix in the service authorization reference ("Actions, resources, and condition keys")'],
    ],
  },
  // Issue 15: RegionalDeployment's stackNamePrefix crashed with aws-cdk-lib's stack-name error.
  stackName: {
    valid: ['AuditEvents', 'a', 'Events-us-east-1', 'A'.repeat(128)],
    invalid: [
      ['', 'it is empty'],
      ['-us-east-1', 'start it with a letter'],
      ['1 bad_name-us-east-1', 'start it with a letter'],
      ['bad_name-us-east-1', 'remove "_"'],
      ['A'.repeat(129), 'it has 129 characters: shorten it'],
    ],
  },
  trailName: {
    valid: ['audit-trail', 'abc', 'a.b_c-d9', 't'.repeat(128)],
    invalid: [
      ['a b', 'remove " "'],
      ['ab', 'it has 2 characters, CloudTrail allows 3-128'],
      ['t'.repeat(129), 'it has 129 characters, CloudTrail allows 3-128'],
      ['-trail', 'start and end it with a letter or digit'],
      ['trail-', 'start and end it with a letter or digit'],
    ],
  },
};

const KINDS = Object.keys(RULES) as IdentifierKind[];

describe('validators', () => {
  describe.each(KINDS)('%s', (kind) => {
    const cases = CASES[kind];

    test.each(cases.valid.map((v) => [quote(v), v]))('accepts %s', (_label, value) => {
      expect(validate(kind, 'props.x', value)).toBeUndefined();
    });

    test.each(cases.invalid.map(([v, hint]) => [quote(v), v, hint]))('rejects %s with prop, value, format and fix', (_label, value, hint) => {
      expect(validate(kind, 'props.x', value)).toBe(message(kind, value, hint));
    });

    test('the documented example is valid', () => {
      expect(validate(kind, 'props.x', RULES[kind].example)).toBeUndefined();
    });

    test('passes unresolved tokens untouched', () => {
      const stack = new Stack(new App(), 'S');
      const param = new CfnParameter(stack, 'P');
      for (const token of [
        Token.asString({ Ref: 'Anything' }),
        Lazy.string({ produce: () => 'not valid at all' }),
        Aws.ACCOUNT_ID,
        param.valueAsString,
      ]) {
        expect(validate(kind, 'props.x', token)).toBeUndefined();
      }
    });

    test('passes undefined (optional props are checked only when given)', () => {
      expect(validate(kind, 'props.x', undefined)).toBeUndefined();
    });
  });

  describe('messages', () => {
    test('quotes a long value shortened, with its length', () => {
      const long = 'x'.repeat(1225);
      expect(validate('externalId', 'externalId', long)).toBe(
        `externalId must be ${RULES.externalId.expected} (e.g. "my-tenant-1234"), got "${'x'.repeat(60)}"... (1225 characters): it has 1225 characters (copy the value exactly as the vendor console shows it)`,
      );
    });

    test('names the prop exactly as given', () => {
      expect(validate('accountId', 'vendorAccountIds[3]', '1')).toMatch(/^vendorAccountIds\[3\] must be /);
    });

    test('has no final period (style guide B4.6)', () => {
      for (const kind of KINDS) {
        for (const [value] of CASES[kind].invalid) {
          expect(validate(kind, 'p', value)).not.toMatch(/\.$/);
        }
      }
    });
  });

  describe('validateList', () => {
    test('an empty list fails when nonEmpty, with an example', () => {
      expect(validateList('accountId', 'accounts', [], { nonEmpty: true })).toEqual([
        'accounts must not be empty: give at least one value, e.g. ["123456789012"]',
      ]);
    });

    test('an empty list passes without nonEmpty', () => {
      expect(validateList('accountId', 'accounts', [])).toEqual([]);
    });

    test('names each bad element by its index', () => {
      expect(validateList('accountId', 'accounts', ['123456789012', '12', '111122223333', 'abc'])).toEqual([
        message('accountId', '12', 'it has 2 digits; write all 12, leading zeros included, and as a string').replace('props.x', 'accounts[1]'),
        message('accountId', 'abc', 'remove "a", "b", "c": an account ID has digits only').replace('props.x', 'accounts[3]'),
      ]);
    });

    test('reports duplicates once each, in first-seen order, when unique', () => {
      expect(validateList('accountId', 'accounts', ['111122223333', '123456789012', '111122223333', '123456789012', '111122223333'], { unique: true })).toEqual([
        'accounts lists "111122223333", "123456789012" more than once: remove the duplicates',
      ]);
    });

    test('does not report duplicates without unique', () => {
      expect(validateList('accountId', 'accounts', ['111122223333', '111122223333'])).toEqual([]);
    });

    test('reports element problems and duplicates together', () => {
      expect(validateList('ouId', 'ous', ['ou-ab12-11111111', 'ou-ab12-11111111', 'bad'], { unique: true, nonEmpty: true })).toEqual([
        message('ouId', 'bad', OU_HINT).replace('props.x', 'ous[2]'),
        'ous lists "ou-ab12-11111111" more than once: remove the duplicates',
      ]);
    });

    test('passes an unresolved list token untouched', () => {
      const stack = new Stack(new App(), 'S');
      const param = new CfnParameter(stack, 'Accounts', { type: 'CommaDelimitedList' });
      expect(validateList('accountId', 'accounts', param.valueAsList, { nonEmpty: true, unique: true })).toEqual([]);
    });

    test('passes unresolved elements and ignores them for duplicates', () => {
      const token = Token.asString({ Ref: 'Account' });
      expect(validateList('accountId', 'accounts', [token, token, '111122223333'], { unique: true })).toEqual([]);
    });

    test('passes undefined', () => {
      expect(validateList('accountId', 'accounts', undefined, { nonEmpty: true })).toEqual([]);
    });
  });

  // R-311 policy targets.
  describe('validateOrgTarget', () => {
    test.each([['r-ab12'], ['ou-ab12-11111111'], ['123456789012']])('accepts %s', (id) => {
      expect(validateOrgTarget('t', id)).toBeUndefined();
    });

    test.each([
      ['r-A', message('rootId', 'r-A', `remove "A"; ${ROOT_HINT}`)],
      ['r-a', message('rootId', 'r-a', `the part after "r-" has 1 character, AWS uses 4-32; ${ROOT_HINT}`)],
      ['ou-x', message('ouId', 'ou-x', OU_HINT)],
      ['1234', message('accountId', '1234', 'it has 4 digits; write all 12, leading zeros included, and as a string')],
      ['1111-2222-3333', message('accountId', '1111-2222-3333', 'remove the dashes and spaces')],
      [' r-ab12', message('rootId', ' r-ab12', 'remove the surrounding whitespace')],
      ['Sports', 'props.x must be a root ID ("r-ab12"), an OU ID ("ou-ab12-11111111") or a 12-digit account ID, got "Sports": '
        + 'find them with `aws organizations list-roots`, `list-organizational-units-for-parent` or `list-accounts`'],
    ])('rejects %s with the message of the kind its prefix names', (id, expected) => {
      expect(validateOrgTarget('props.x', id)).toBe(expected);
    });

    test('passes unresolved tokens and undefined', () => {
      const stack = new Stack(new App(), 'S');
      expect(validateOrgTarget('t', new CfnParameter(stack, 'P').valueAsString)).toBeUndefined();
      expect(validateOrgTarget('t', Token.asString({ Ref: 'Target' }))).toBeUndefined();
      expect(validateOrgTarget('t', undefined)).toBeUndefined();
    });
  });

  // Issue 19: the presets' own root/OU regex replaced by this one rule.
  describe('validateRootOrOu', () => {
    test.each([['r-ab12'], ['ou-ab12-11111111'], [Token.asString({ Ref: 'Ou' })], [undefined]])('accepts %s', (id) => {
      expect(validateRootOrOu('ids[0]', id)).toBeUndefined();
    });

    test.each([
      ['r-A', message('rootId', 'r-A', `remove "A"; ${ROOT_HINT}`)],
      ['ou-ab12-SALES123', message('ouId', 'ou-ab12-SALES123', 'use lowercase letters')],
      [' ou-ab12-11111111', message('ouId', ' ou-ab12-11111111', 'remove the surrounding whitespace')],
      ['R-AB12', message('rootId', 'R-AB12', 'use lowercase letters')],
      ['o-a1b2c3d4e5', 'props.x must be an organization root ID ("r-ab12") or an OU ID ("ou-ab12-11111111"), got "o-a1b2c3d4e5": '
        + 'copy it from `aws organizations list-roots` or `list-organizational-units-for-parent`'],
      ['123456789012', 'props.x must be an organization root ID ("r-ab12") or an OU ID ("ou-ab12-11111111"), got "123456789012": '
        + 'copy it from `aws organizations list-roots` or `list-organizational-units-for-parent`'],
    ])('rejects %s with the message of the kind its prefix names', (id, expected) => {
      expect(validateRootOrOu('props.x', id)).toBe(expected);
    });
  });

  describe('duplicateProblems', () => {
    test('names each repeated value once', () => {
      expect(duplicateProblems('ids', ['a', 'b', 'a', 'a'])).toEqual(['ids lists "a" more than once: remove the duplicates']);
    });

    test('ignores unresolved elements and an unresolved list', () => {
      const stack = new Stack(new App(), 'S');
      const token = Token.asString({ Ref: 'X' });
      expect(duplicateProblems('ids', [token, token])).toEqual([]);
      expect(duplicateProblems('ids', new CfnParameter(stack, 'L', { type: 'CommaDelimitedList' }).valueAsList)).toEqual([]);
    });
  });

  describe('tokens in a list', () => {
    test('an account ID list with one number token in it reports no duplicate for the token', () => {
      const n = `${Token.asNumber({ Ref: 'N' })}`;
      expect(duplicateProblems('ids', [n, n, '123456789012'])).toEqual([]);
      expect(validate('accountId', 'ids[0]', n)).toBeUndefined();
    });
  });

  describe('checkShape of an enum', () => {
    const shape = enumShape('RemovalPolicy', RemovalPolicy);
    test('names the members as code writes them, and suggests the member whose name or value the input matches', () => {
      const all = 'RemovalPolicy.DESTROY, RemovalPolicy.RETAIN, RemovalPolicy.SNAPSHOT, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE';
      expect(checkShape('secretRemovalPolicy', 'RETAIN', shape)).toBe(`secretRemovalPolicy must be one of ${all}, got "RETAIN": use RemovalPolicy.RETAIN`);
      expect(checkShape('secretRemovalPolicy', 'Retain-On-Update-Or-Delete', shape))
        .toBe(`secretRemovalPolicy must be one of ${all}, got "Retain-On-Update-Or-Delete": use RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE`);
      expect(checkShape('secretRemovalPolicy', 'keep', shape)).toBe(`secretRemovalPolicy must be one of ${all}, got "keep": pick a member of RemovalPolicy`);
      expect(checkShape('secretRemovalPolicy', RemovalPolicy.RETAIN, shape)).toBeUndefined();
    });
  });

  describe('findDuplicates', () => {
    test('returns each repeated value once, in first-seen order', () => {
      expect(findDuplicates(['b', 'a', 'b', 'c', 'a', 'b'])).toEqual(['b', 'a']);
    });

    test('returns nothing for distinct values', () => {
      expect(findDuplicates(['a', 'b'])).toEqual([]);
    });
  });

  describe('properties', () => {
    const lowerAlnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[a-z0-9]{${min},${max}}$`));

    test('every 12-digit string is an account ID', () => {
      fc.assert(fc.property(fc.stringMatching(/^\d{12}$/), (id) => validate('accountId', 'a', id) === undefined));
    });

    test('every digit string of another length is rejected, with its length in the message', () => {
      fc.assert(
        fc.property(
          fc.stringMatching(/^\d{1,30}$/).filter((s) => s.length !== 12),
          (id) => validate('accountId', 'a', id)?.includes(`it has ${id.length} digit`) === true,
        ),
      );
    });

    test('every string with a non-digit (and not just dashes or spaces) is rejected', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /[^\d\s-]/.test(s)),
          (id) => validate('accountId', 'a', id) !== undefined,
        ),
      );
    });

    test('every generated organization, root and OU ID in the AWS format passes', () => {
      fc.assert(
        fc.property(lowerAlnum(10, 32), lowerAlnum(4, 32), lowerAlnum(8, 32), (org, root, ou) => {
          return (
            validate('organizationId', 'o', `o-${org}`) === undefined &&
            validate('rootId', 'r', `r-${root}`) === undefined &&
            validate('ouId', 'u', `ou-${root}-${ou}`) === undefined
          );
        }),
      );
    });

    test('organization IDs with a suffix shorter than 10 or longer than 32 fail', () => {
      fc.assert(
        fc.property(
          fc.oneof(lowerAlnum(0, 9), lowerAlnum(33, 40)),
          (suffix) => validate('organizationId', 'o', `o-${suffix}`) !== undefined,
        ),
      );
    });

    test('every well-formed organization path passes, with or without "*"', () => {
      fc.assert(
        fc.property(
          lowerAlnum(10, 32),
          lowerAlnum(4, 32),
          fc.uniqueArray(lowerAlnum(8, 32), { maxLength: 5 }),
          fc.boolean(),
          (org, root, ous, star) => {
            const path = [`o-${org}`, `r-${root}`, ...ous.map((ou) => `ou-${root}-${ou}`)].join('/') + '/' + (star ? '*' : '');
            return validate('orgPath', 'p', path) === undefined;
          },
        ),
      );
    });

    test('an OU path whose OU carries another root suffix fails and names that OU', () => {
      fc.assert(
        fc.property(lowerAlnum(10, 32), lowerAlnum(4, 32), lowerAlnum(4, 32), lowerAlnum(8, 32), (org, root, otherRoot, ou) => {
          fc.pre(root !== otherRoot);
          const bad = `ou-${otherRoot}-${ou}`;
          const problem = validate('orgPath', 'p', `o-${org}/r-${root}/${bad}/`);
          return problem?.endsWith(`OU ${JSON.stringify(bad)} does not belong to root "r-${root}" (an OU ID carries its root's suffix)`) === true;
        }),
      );
    });

    test('every external ID of 2-1224 allowed characters passes, and one more character fails', () => {
      const allowed = fc.constantFrom(...'abcXYZ019+=,.@:/_-'.split(''));
      fc.assert(
        fc.property(fc.array(allowed, { minLength: 2, maxLength: 1224 }), (chars) => {
          const id = chars.join('');
          return validate('externalId', 'e', id) === undefined && validate('externalId', 'e', id + 'x'.repeat(1225 - id.length)) !== undefined;
        }),
        { numRuns: 50 },
      );
    });

    test('a role name with any character outside [A-Za-z0-9+=,.@_-] fails and names that character', () => {
      fc.assert(
        fc.property(
          fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
          fc.constantFrom(' ', '/', '!', '#', '$', '%', '*', ':', '\\', 'é'),
          (name, bad) => validate('roleName', 'r', name + bad)?.endsWith(`remove ${JSON.stringify(bad)}`) === true,
        ),
      );
    });

    test('a one-letter typo of a region fails and suggests the region', () => {
      const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1'];
      fc.assert(
        fc.property(fc.constantFrom(...regions), fc.nat(), fc.constantFrom(...'abcxyz789'.split('')), (region, at, c) => {
          const i = at % region.length;
          const typo = region.slice(0, i) + c + region.slice(i + 1);
          fc.pre(typo !== region && !isKnownRegion(typo));
          return validate('region', 'r', typo)?.includes(JSON.stringify(region)) === true;
        }),
      );
    });
  });

  test('every kind has test cases', () => {
    expect(Object.keys(CASES).sort()).toEqual([...KINDS].sort());
    for (const kind of KINDS) {
      expect(CASES[kind].valid.length).toBeGreaterThan(0);
      expect(CASES[kind].invalid.length).toBeGreaterThan(0);
    }
  });
});

describe('checkPropShapes', () => {
  const spec = { receiverAccountId: { shape: 'string' as const, required: true as const }, organizationalUnitIds: 'string[]' as const };

  test('names a constructor\'s props as written, and props that are not an object as props', () => {
    expect(checkPropShapes({ organizationalUnitIds: ['r-ab12', 5] }, spec)).toEqual([
      'receiverAccountId is required: give a string',
      'organizationalUnitIds[1] must be a string, got number 5: write every element in quotes',
    ]);
    expect(checkPropShapes('oops', spec)).toEqual(['props must be an object of properties, got "oops": pass { ... } as the third argument']);
  });

  test('with a prefix and a name, names a factory\'s options through the prop that holds them', () => {
    const options = { prefix: 'mode.', what: 'the options of SkyhighNrtMode.publisher()' };
    expect(checkPropShapes({ organizationalUnitIds: 'r-ab12' }, spec, options)).toEqual([
      'mode.receiverAccountId is required: give a string',
      'mode.organizationalUnitIds must be a list of strings, got "r-ab12": wrap the value in a list, e.g. ["r-ab12"]',
    ]);
    expect(checkPropShapes(7, spec, options)).toEqual(['the options of SkyhighNrtMode.publisher() must be an object of properties, got number 7: pass { ... }']);
  });
});

function isKnownRegion(name: string): boolean {
  return RegionInfo.regions.some((r) => r.name === name);
}
