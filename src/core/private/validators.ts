import { RegionInfo } from './lazy';
import { isUnresolved } from './tokens';

/**
 * Token-aware validators for the identifiers this library takes.
 *
 * Each validator is a pure function `(prop, value) => problem | undefined`:
 * it returns a sentence naming the prop as the user wrote it, the bad value,
 * what a valid value looks like and how to fix it, or `undefined` when the
 * value is valid or is an unresolved token (which is passed through untouched,
 * because only CloudFormation knows its value). Constructors collect the
 * problems of all their props and throw once with `throwIfProblems`.
 */

/** The kinds of identifier the library validates. */
export interface IdentifierRule {
  /** What a valid value is, as a phrase ("a 12-digit AWS account ID"). */
  readonly expected: string;
  /** A valid example. */
  readonly example: string;
  /** Returns a specific hint for a bad value, or undefined when it is valid. */
  readonly check: (value: string) => string | undefined;
}

const ACCOUNT_ID = /^\d{12}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ROOT_ID = /^r-[a-z0-9]{4,32}$/;
const OU_ID = /^ou-([a-z0-9]{4,32})-[a-z0-9]{8,32}$/;
const PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn'];
const IAM_NAME_CHARS = /^[\w+=,.@-]+$/;
const IAM_PATH = /^\/([\x21-\x7E]+\/)?$/;
const ARN = /^arn:(aws|aws-us-gov|aws-cn):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws)?:(.+)$/;
const IAM_PRINCIPAL_ARN = /^arn:(aws|aws-us-gov|aws-cn):(iam::\d{12}:(root|(role|user)\/.+)|sts::\d{12}:assumed-role\/.+)$/;
const SSO_INSTANCE_ARN = /^arn:(aws|aws-us-gov|aws-cn):sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const IDENTITY_STORE_ID = /^d-[0-9a-f]{10}$/;
const IDENTITY_STORE_PRINCIPAL_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const SID = /^[A-Za-z0-9]+$/;
/** The longest Sid the library writes or accepts; guardrails shorten the Sids of merged statements to it. */
export const SID_MAX = 100;
/** An IAM service prefix (`route53`, `aws-portal`, `route53-recovery-control-config`). */
const SERVICE_PREFIX = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const PRINCIPAL_ARN_PATTERN = /^arn:(\*|aws|aws-cn|aws-us-gov):(iam|sts)::(\d{12}|[\d?]*\*[\d*?]*|[\d?]{12}):(role|user|assumed-role|root|federated-user)(\/.*)?$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;
const SECRET_NAME_CHARS = /[\w/+=.@-]/;
const MANAGED_POLICY_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
const TRAIL_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{1,126})[A-Za-z0-9]$/;

function regex(re: RegExp, hint: string): (value: string) => string | undefined {
  return (value) => (re.test(value) ? undefined : hint);
}

/** "1 character", "2 characters". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The distinct characters of `value` that `allowed` rejects, quoted, in first-seen order. */
function badChars(value: string, allowed: RegExp): string {
  return [...new Set([...value].filter((c) => !allowed.test(c)))].map((c) => JSON.stringify(c)).join(', ');
}

/**
 * A hint for an ID made of a fixed prefix and a run of lowercase letters and
 * digits ("o-" + 10-32), saying which part is wrong.
 */
function prefixedId(prefix: string, min: number, max: number, where: string): (value: string) => string | undefined {
  const re = new RegExp(`^${prefix}[a-z0-9]{${min},${max}}$`);
  return (value) => {
    if (re.test(value)) return undefined;
    if (re.test(value.trim())) return 'remove the surrounding whitespace';
    if (re.test(value.toLowerCase())) return 'use lowercase letters';
    if (!value.startsWith(prefix)) return `start it with ${JSON.stringify(prefix)}; ${where}`;
    const rest = value.slice(prefix.length);
    if (!/^[a-z0-9]*$/.test(rest)) return `remove ${badChars(rest, /[a-z0-9]/)}; ${where}`;
    return `the part after ${JSON.stringify(prefix)} has ${count(rest.length, 'character')}, AWS uses ${min}-${max}; ${where}`;
  };
}

function nameRule(kind: string, max: number, example: string): IdentifierRule {
  return {
    expected: `an IAM ${kind} name of 1-${max} characters from [A-Za-z0-9+=,.@_-]`,
    example,
    check: (value) => {
      if (value.length === 0) {
        return 'it is empty';
      }
      if (value.length > max) {
        return `it has ${count(value.length, 'character')}: shorten it`;
      }
      if (!IAM_NAME_CHARS.test(value)) {
        return `remove ${badChars(value, /[\w+=,.@-]/)}`;
      }
      return undefined;
    },
  };
}

/**
 * A rule for a name of `min`-`max` characters, each matching `allowed` (a
 * one-character class), with a hint for the length or the bad characters.
 */
function charsRule(expected: string, example: string, allowed: RegExp, min: number, max: number): IdentifierRule {
  return {
    expected,
    example,
    check: (value) => {
      if (value.length === 0) return 'it is empty';
      if (value.length < min || value.length > max) return `it has ${count(value.length, 'character')}, AWS allows ${min}-${max}`;
      const bad = badChars(value, allowed);
      return bad === '' ? undefined : `remove ${bad}`;
    },
  };
}

/**
 * A rule for the name of a standard or FIFO queue or topic: at most `max`
 * characters matching `allowed`, the ".fifo" ending of a FIFO one included.
 */
function fifoRule(expected: string, example: string, allowed: RegExp, max: number): IdentifierRule {
  const plain = charsRule(expected, example, allowed, 1, max);
  return {
    expected,
    example,
    check: (value) => {
      if (!value.endsWith('.fifo')) return plain.check(value);
      if (value.length > max) return `it has ${count(value.length, 'character')}, AWS allows 1-${max} (".fifo" included)`;
      const base = value.slice(0, -'.fifo'.length);
      return base === '' ? 'give the name before ".fifo"' : plain.check(base);
    },
  };
}

/**
 * A rule for the ARN of one resource of `service`: a valid ARN of that
 * service, without wildcards, and passing `resource` when given.
 */
function serviceArnRule(service: string, expected: string, example: string, resource?: (value: string) => string | undefined): IdentifierRule {
  return {
    expected,
    example,
    check: (value) => {
      const format = RULES.arn.check(value);
      if (format !== undefined) return format;
      const parts = value.split(':');
      if (parts[2] !== service) return `it is an ARN of service ${JSON.stringify(parts[2])}`;
      if (parts.slice(3).some((part) => part.includes('*') || part.includes('?'))) return 'it is a pattern: list each ARN without wildcards';
      if (parts[3] !== '' && !knownRegions().has(parts[3])) return `its region ${JSON.stringify(parts[3])} is not a region known to aws-cdk-lib: check the spelling`;
      if (parts[3] !== '' && RegionInfo.get(parts[3]).partition !== parts[1]) {
        return `its region ${JSON.stringify(parts[3])} is in partition ${JSON.stringify(RegionInfo.get(parts[3]).partition)}, not ${JSON.stringify(parts[1])}: copy the ARN again`;
      }
      return resource?.(parts.slice(5).join(':'));
    },
  };
}

const ORG_HINT = 'copy it from the Organizations console or `aws organizations describe-organization`';
const ROOT_HINT = 'copy it from `aws organizations list-roots`';
const OU_HINT = 'copy it from `aws organizations list-organizational-units-for-parent`';

const EVENT_RULE_NAME = charsRule('an EventBridge rule name of 1-64 characters from [A-Za-z0-9._-]', 'audit-events-rule', /[\w.-]/, 1, 64);
const EVENT_BUS_NAME = charsRule('an EventBridge event bus name of 1-256 characters from [A-Za-z0-9._-]', 'audit-bus', /[\w.-]/, 1, 256);

const TRAIL_NAME_RULE: IdentifierRule = {
  expected: 'a CloudTrail trail name of 3-128 characters from [A-Za-z0-9._-], starting and ending with a letter or digit',
  example: 'audit-trail',
  check: (value: string) => {
    if (TRAIL_NAME.test(value)) return undefined;
    if (value.length < 3 || value.length > 128) return `it has ${count(value.length, 'character')}, CloudTrail allows 3-128`;
    const bad = badChars(value, /[\w.-]/);
    return bad !== '' ? `remove ${bad}` : 'start and end it with a letter or digit';
  },
};

/** The rule for each kind of identifier, with its documented format. */
export const RULES = {
  accountId: {
    expected: 'a 12-digit AWS account ID',
    example: '123456789012',
    check: (value: string) => {
      if (ACCOUNT_ID.test(value)) return undefined;
      if (value.length === 0) return 'it is empty';
      const digits = value.replace(/[\s-]/g, '');
      if (ACCOUNT_ID.test(digits)) return 'remove the dashes and spaces';
      return /^\d+$/.test(value)
        ? `it has ${count(value.length, 'digit')}; write all 12, leading zeros included, and as a string`
        : `remove ${badChars(value, /\d/)}: an account ID has digits only`;
    },
  },
  externalId: {
    expected: 'an external ID of 2-1224 characters from [A-Za-z0-9+=,.@:/_-]',
    example: 'my-tenant-1234',
    check: (value: string) => {
      if (EXTERNAL_ID.test(value)) return undefined;
      if (value.length < 2 || value.length > 1224) return `it has ${count(value.length, 'character')} (copy the value exactly as the vendor console shows it)`;
      return `remove ${badChars(value, /[\w+=,.@:/-]/)} (copy the value exactly as the vendor console shows it)`;
    },
  },
  organizationId: {
    expected: 'an AWS Organizations ID: "o-" and 10-32 lowercase letters or digits',
    example: 'o-a1b2c3d4e5',
    check: prefixedId('o-', 10, 32, ORG_HINT),
  },
  rootId: {
    expected: 'an organization root ID: "r-" and 4-32 lowercase letters or digits',
    example: 'r-ab12',
    check: prefixedId('r-', 4, 32, ROOT_HINT),
  },
  ouId: {
    expected: 'an organizational unit ID: "ou-", 4-32 lowercase letters or digits (the root ID\'s suffix), "-", 8-32 lowercase letters or digits',
    example: 'ou-ab12-11111111',
    check: (value: string) => {
      if (OU_ID.test(value)) return undefined;
      if (OU_ID.test(value.trim())) return 'remove the surrounding whitespace';
      if (OU_ID.test(value.toLowerCase())) return 'use lowercase letters';
      if (ROOT_ID.test(value)) return 'that is a root ID; use the OU\'s ID, or a root-level prop if the target is the whole organization';
      return OU_HINT;
    },
  },
  orgPath: {
    expected: 'an organization path "o-<org>/r-<root>/ou-<ou>/.../", optionally ending in "*" to include everything below',
    example: 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*',
    check: (value: string) => checkOrgPath(value),
  },
  region: {
    expected: 'an AWS region name known to aws-cdk-lib',
    example: 'us-east-1',
    check: (value: string) => {
      if (knownRegions().has(value)) return undefined;
      if (knownRegions().has(value.trim().toLowerCase())) return 'use lowercase letters and no spaces';
      const close = [...knownRegions()].filter((r) => editDistance(r, value) <= 2).sort();
      return close.length > 0 ? `did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?` : 'check the spelling';
    },
  },
  partition: {
    expected: `one of ${PARTITIONS.map((p) => JSON.stringify(p)).join(', ')}`,
    example: 'aws',
    check: (value: string) => {
      if (PARTITIONS.includes(value)) return undefined;
      if (PARTITIONS.includes(value.trim().toLowerCase())) return 'use lowercase letters and no spaces';
      return 'use the partition of the target accounts (the library does not support the ISO partitions)';
    },
  },
  roleName: nameRule('role', 64, 'SecurityAuditRole'),
  userName: nameRule('user', 64, 'SecurityAuditUser'),
  policyName: nameRule('policy', 128, 'AuditReadOnly'),
  iamPath: {
    expected: 'an IAM path of at most 512 characters that starts and ends with "/"',
    example: '/security/',
    check: (value: string) => {
      if (value.length > 512) return `it has ${count(value.length, 'character')}: shorten it`;
      if (IAM_PATH.test(value)) return undefined;
      if (!value.startsWith('/') || !value.endsWith('/')) return 'start and end it with "/"';
      return `remove ${badChars(value, /[\x21-\x7E]/)}: use printable ASCII without spaces`;
    },
  },
  arn: {
    expected: 'an ARN "arn:<partition>:<service>:<region>:<account>:<resource>"',
    example: 'arn:aws:sqs:us-west-2:123456789012:my-queue',
    check: (value: string) => {
      if (ARN.test(value)) return undefined;
      const parts = value.split(':');
      if (parts[0] !== 'arn' || parts.length < 6) return 'copy the full ARN from the console or the CLI';
      if (!PARTITIONS.includes(parts[1])) return `partition ${JSON.stringify(parts[1])} is not one of ${PARTITIONS.join(', ')}`;
      if (parts[4] !== '' && !/^(\d{12}|aws)$/.test(parts[4])) return `the account part ${JSON.stringify(parts[4])} is not 12 digits`;
      return 'copy the full ARN from the console or the CLI';
    },
  },
  principalArn: {
    expected: 'an IAM principal ARN "arn:<partition>:iam::<account>:role/<name>" (or user/<name>, root, or an STS assumed-role ARN)',
    example: 'arn:aws:iam::123456789012:role/VendorScanner',
    check: regex(IAM_PRINCIPAL_ARN, 'copy the full ARN of the role or user from the IAM console'),
  },
  // Identity Center formats, from the AllowedPattern values of AWS's Identity Center template (anchored here).
  ssoInstanceArn: {
    expected: 'an IAM Identity Center instance ARN "arn:<partition>:sso:::instance/ssoins-<16 characters>"',
    example: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
    check: regex(SSO_INSTANCE_ARN, 'copy it from `aws sso-admin list-instances`'),
  },
  identityStoreId: {
    expected: 'an identity store ID: "d-" and 10 lowercase hexadecimal digits',
    example: 'd-1234567890',
    check: regex(IDENTITY_STORE_ID, 'copy it from `aws sso-admin list-instances`'),
  },
  identityStorePrincipalId: {
    expected: 'an identity store user or group ID: a UUID, optionally prefixed by 10 hexadecimal digits and "-"',
    example: '9067000000-12345678-1234-1234-1234-123456789012',
    check: regex(IDENTITY_STORE_PRINCIPAL_ID, 'copy it from `aws identitystore list-users` or `list-groups`'),
  },
  sid: {
    expected: `a statement ID (Sid) of 1-${SID_MAX} ASCII letters and digits only, as IAM policies and SCPs require`,
    example: 'DenyLeaveOrganization',
    check: (value: string) => {
      if (value.length === 0) return 'give a non-empty Sid or leave it out';
      if (!SID.test(value)) return `remove ${badChars(value, /[A-Za-z0-9]/)}`;
      if (value.length > SID_MAX) return `it has ${count(value.length, 'character')}: shorten it`;
      return undefined;
    },
  },
  // Action patterns of guardrail statements.
  iamAction: {
    expected: 'an IAM action "<service>:<action>" (wildcards * and ? allowed in the action)',
    example: 's3:GetObject',
    check: (value: string) => {
      if (IAM_ACTION.test(value)) return undefined;
      if (value === '*') return 'it is every action of every service: name the services instead (e.g. "s3:*", "kms:*")';
      if (!value.includes(':')) return 'add the service prefix (e.g. "s3:"); check the spelling in the service authorization reference';
      return 'check the spelling in the service authorization reference';
    },
  },
  // The library checks the format of a service prefix only; the tests prove
  // that the prefixes its docs and examples use exist in AWS's service
  // authorization data, a dev dependency that cannot be read here.
  iamServicePrefix: {
    expected: 'an IAM service prefix of lowercase letters, digits and hyphens',
    example: 'route53',
    check: (value: string) => {
      if (SERVICE_PREFIX.test(value)) return undefined;
      if (value === '*' || value === '*:*') return 'it is every service: name the services to deny';
      if (value.trim() !== value) return 'remove the surrounding whitespace';
      if (value.includes(':')) {
        const prefix = value.split(':')[0];
        return SERVICE_PREFIX.test(prefix) ? `give only the service prefix, ${JSON.stringify(prefix)}: every action of it is denied` : 'give only the service prefix';
      }
      if (SERVICE_PREFIX.test(value.toLowerCase())) return `use lowercase letters (${JSON.stringify(value.toLowerCase())})`;
      if (value.includes('*') || value.includes('?')) return 'wildcards are not allowed: name each service';
      return 'check the prefix in the service authorization reference ("Actions, resources, and condition keys")';
    },
  },
  // Principals exempted from a guardrail, with * for the parts that vary.
  principalArnPattern: {
    expected: 'an IAM principal ARN or pattern "arn:<partition>:iam::<account or *>:role/<name or pattern>"',
    example: 'arn:aws:iam::*:role/SecurityAdmin',
    check: regex(PRINCIPAL_ARN_PATTERN, 'copy the role ARN and replace only the parts that vary with *'),
  },
  // S3 bucket naming rules: 3-63 characters, lowercase, no "..", not an IP address.
  bucketName: {
    expected: 'an S3 bucket name of 3-63 lowercase letters, digits, dots and hyphens that starts and ends with a letter or digit',
    example: 'redshift-audit-logs',
    check: (value: string) => {
      if (value.startsWith('arn:')) return `it is an ARN: give only the name (${JSON.stringify(value.split(':').pop()?.split('/')[0])})`;
      if (BUCKET_NAME.test(value) && !value.includes('..') && !IPV4.test(value)) return undefined;
      if (value.length < 3 || value.length > 63) return `it has ${count(value.length, 'character')}, S3 allows 3-63`;
      if (value !== value.toLowerCase()) return 'use lowercase letters';
      const bad = badChars(value, /[a-z0-9.-]/);
      if (bad !== '') return `remove ${bad}`;
      if (value.includes('..')) return 'remove the adjacent dots';
      if (IPV4.test(value)) return 'S3 does not allow a name formatted as an IP address';
      return 'start and end it with a letter or digit';
    },
  },
  instanceProfileName: nameRule('instance profile', 128, 'SecurityToolProfile'),
  secretName: charsRule('a Secrets Manager secret name of 1-512 characters from [A-Za-z0-9/_+=.@-]', 'security-vendor/access-key', SECRET_NAME_CHARS, 1, 512),
  // What follows "policy/" in an AWS managed policy ARN.
  awsManagedPolicyName: {
    expected: 'an AWS managed policy name of 1-128 characters from [A-Za-z0-9+=,.@_-], optionally after a path such as "job-function/"',
    example: 'job-function/ViewOnlyAccess',
    check: (value: string) => {
      if (value.startsWith('arn:')) {
        const at = value.indexOf(':policy/');
        return at >= 0 ? `it is an ARN: give what follows "policy/" (${JSON.stringify(value.slice(at + ':policy/'.length))})` : 'it is an ARN: give what follows "policy/"';
      }
      return MANAGED_POLICY_NAME.test(value) ? undefined : 'copy the name from the IAM console';
    },
  },
  sqsQueueArn: serviceArnRule('sqs', 'the ARN of an SQS queue "arn:<partition>:sqs:<region>:<account>:<queue name>"', 'arn:aws:sqs:us-east-1:123456789012:audit-events'),
  // IAM matches key permissions against the key ARN, never an alias ARN.
  kmsKeyArn: serviceArnRule('kms', 'the ARN of a KMS key "arn:<partition>:kms:<region>:<account>:key/<key id>"',
    'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    (resource) => {
      if (resource.startsWith('alias/')) return 'it is an alias ARN: give the key ARN ("...:key/<key id>"), because IAM matches key permissions against the key ARN';
      return resource.startsWith('key/') ? undefined : 'give the key ARN ("...:key/<key id>")';
    }),
  cloudTrailArn: serviceArnRule('cloudtrail', 'a CloudTrail trail ARN "arn:<partition>:cloudtrail:<region>:<account>:trail/<name>"',
    'arn:aws:cloudtrail:us-east-1:123456789012:trail/audit-trail',
    (resource: string): string | undefined => {
      if (!resource.startsWith('trail/')) return 'give the trail\'s ARN ("...:trail/<name>"); copy it from the CloudTrail console (Trails, then the trail\'s ARN)';
      const name = TRAIL_NAME_RULE.check(resource.slice('trail/'.length));
      return name === undefined ? undefined : `the trail name: ${name}`;
    }),
  // Names of the standard queues, topics and rules the library creates.
  sqsQueueName: charsRule('an SQS queue name of 1-80 characters from [A-Za-z0-9_-]', 'audit-events', /[\w-]/, 1, 80),
  snsTopicName: charsRule('an SNS topic name of 1-256 characters from [A-Za-z0-9_-]', 'audit-events', /[\w-]/, 1, 256),
  eventRuleName: EVENT_RULE_NAME,
  // Names of queues, topics and rules the library does not create, only names
  // in a policy (a guardrail protects them): FIFO queues and topics, and rules
  // on a custom event bus, are allowed.
  anySqsQueueName: fifoRule('an SQS queue name of 1-80 characters from [A-Za-z0-9_-], a FIFO queue\'s ending in ".fifo"', 'audit-events.fifo', /[\w-]/, 80),
  anySnsTopicName: fifoRule('an SNS topic name of 1-256 characters from [A-Za-z0-9_-], a FIFO topic\'s ending in ".fifo"', 'audit-events.fifo', /[\w-]/, 256),
  busQualifiedRuleName: {
    expected: 'an EventBridge rule name of 1-64 characters from [A-Za-z0-9._-], after "<bus>/" (a bus name of 1-256 such characters) for a rule on another bus than the default',
    example: 'audit-bus/audit-events-rule',
    check: (value: string) => {
      const slash = value.indexOf('/');
      if (slash < 0) return EVENT_RULE_NAME.check(value);
      const bus = EVENT_BUS_NAME.check(value.slice(0, slash));
      if (bus !== undefined) return `the bus name before "/": ${bus}`;
      const rule = EVENT_RULE_NAME.check(value.slice(slash + 1));
      return rule === undefined ? undefined : `the rule name after "/": ${rule}`;
    },
  },
  // The start of SQS queue names that a policy covers as "<prefix>*": at most
  // 60 characters, so that queue names (80 at most) have room after it.
  sqsQueueNamePrefix: {
    expected: 'the start of SQS queue names: 1-60 letters, digits, "-" or "_", no wildcard',
    example: 'StackSet-',
    check: (value: string) => {
      if (value.length === 0) return 'it is empty';
      if (value.length > 60) return `it has ${count(value.length, 'character')}: at most 60, to leave room for the rest of the queue name (80 at most)`;
      const bad = badChars(value, /[\w-]/);
      return bad === '' ? undefined : `remove ${bad}`;
    },
  },
  // CloudFormation stack names (and prefixes the library appends "-<region>" to).
  stackName: {
    expected: 'a CloudFormation stack name of 1-128 characters: a letter first, then letters, digits and hyphens',
    example: 'AuditEvents',
    check: (value: string) => {
      if (/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value)) return undefined;
      if (value.length === 0) return 'it is empty';
      if (value.length > 128) return `it has ${count(value.length, 'character')}: shorten it`;
      if (!/^[A-Za-z]/.test(value)) return 'start it with a letter';
      return `remove ${badChars(value, /[A-Za-z0-9-]/)}`;
    },
  },
  // CloudTrail trail naming rules.
  trailName: TRAIL_NAME_RULE,
} satisfies Record<string, IdentifierRule>;

/** The name of a validated identifier kind. */
export type IdentifierKind = keyof typeof RULES;

/**
 * Validates one value. Returns the problem sentence or `undefined`.
 *
 * `undefined` values pass (optional props are checked only when given) and
 * unresolved tokens pass untouched.
 */
export function validate(kind: IdentifierKind, prop: string, value: string | undefined): string | undefined {
  if (value === undefined || isUnresolved(value)) {
    return undefined;
  }
  if (typeof value !== 'string') {
    // From JavaScript: e.g. an account ID written as a number.
    return `${prop} must be ${RULES[kind].expected} written as a string (e.g. ${JSON.stringify(RULES[kind].example)}), got ${describeValue(value)}: write it in quotes`;
  }
  const rule: IdentifierRule = RULES[kind];
  const hint = rule.check(value);
  if (hint === undefined) {
    return undefined;
  }
  return `${prop} must be ${rule.expected} (e.g. ${JSON.stringify(rule.example)}), got ${quote(value)}: ${hint}`;
}

/**
 * Validates an Organizations policy target: a root ID (`r-`), an OU ID
 * (`ou-`) or a 12-digit account ID, by the rule of the kind its prefix
 * names, so the message is that kind's.
 */
export function validateOrgTarget(prop: string, value: string | undefined): string | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  if (isRootOrOu(value)) return validateRootOrOu(prop, value);
  if (/^[\d\s-]+$/.test(value)) return validate('accountId', prop, value);
  return `${prop} must be a root ID ("r-ab12"), an OU ID ("ou-ab12-11111111") or a 12-digit account ID, got ${quote(value)}: `
    + 'find them with `aws organizations list-roots`, `list-organizational-units-for-parent` or `list-accounts`';
}

/** Whether a value reads as a root ID or an OU ID (by its prefix, whatever the case or surrounding whitespace). */
function isRootOrOu(value: string): boolean {
  const lead = value.trim().toLowerCase();
  return lead.startsWith('r-') || lead.startsWith('ou-');
}

/**
 * Validates a deployment target of a StackSet: an organization root ID
 * (`r-`, every account) or an OU ID (`ou-`), by the rule of the kind its
 * prefix names, so the message is that kind's.
 */
export function validateRootOrOu(prop: string, value: string | undefined): string | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  if (typeof value !== 'string' || !isRootOrOu(value)) {
    return `${prop} must be an organization root ID ("r-ab12") or an OU ID ("ou-ab12-11111111"), got ${describeValue(value)}: `
      + 'copy it from `aws organizations list-roots` or `list-organizational-units-for-parent`';
  }
  return validate(value.trim().toLowerCase().startsWith('r-') ? 'rootId' : 'ouId', prop, value);
}

/** The longest value a message quotes in full. */
const MAX_QUOTED = 100;

/**
 * `JSON.stringify(value)`, shortened for very long values so that a message
 * stays readable: the first 60 characters, "...", and the length.
 */
export function quote(value: string): string {
  if (value.length <= MAX_QUOTED) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, 60))}... (${value.length} characters)`;
}

/** Options for `validateList`. */
export interface ListOptions {
  /** Fail when the list is empty. */
  readonly nonEmpty?: boolean;
  /** Fail when a value appears twice. */
  readonly unique?: boolean;
  /** For regions: fail when they are in more than one partition. */
  readonly onePartition?: boolean;
}

/**
 * Validates every element of a list, plus emptiness and duplicates.
 *
 * An unresolved list token (e.g. a CloudFormation parameter of type
 * `CommaDelimitedList`) passes untouched; so does each unresolved element.
 */
export function validateList(
  kind: IdentifierKind,
  prop: string,
  values: ReadonlyArray<string> | undefined,
  options: ListOptions = {},
): string[] {
  if (values === undefined || isUnresolved(values)) {
    return [];
  }
  const problems: string[] = [];
  if (options.nonEmpty && values.length === 0) {
    problems.push(`${prop} must not be empty: give at least one value, e.g. [${JSON.stringify(RULES[kind].example)}]`);
  }
  const rule: IdentifierRule = RULES[kind];
  values.forEach((v, i) => {
    // A string the rule accepts is fine whether or not it holds a token
    // (validate accepts tokens too), so the common case skips the token scan
    // and the message's property path.
    if (typeof v === 'string' && rule.check(v) === undefined) return;
    const p = validate(kind, `${prop}[${i}]`, v);
    if (p) problems.push(p);
  });
  if (options.unique) {
    problems.push(...duplicateProblems(prop, values));
  }
  if (options.onePartition) {
    problems.push(...partitionProblems(prop, values));
  }
  return problems;
}

/**
 * The problem of a list that names a value twice, or nothing. Unresolved
 * elements are ignored; so is an unresolved list.
 */
export function duplicateProblems(prop: string, values: ReadonlyArray<string>): string[] {
  if (isUnresolved(values)) return [];
  // Unresolved elements are left out after the search, not before it: the
  // token check is the costly part, and a list rarely has duplicates.
  const dupes = findDuplicates(values).filter((v) => !isUnresolved(v));
  return dupes.length > 0 ? [`${prop} lists ${dupes.map((d) => JSON.stringify(d)).join(', ')} more than once: remove the duplicates`] : [];
}

/**
 * The problem of regions in more than one partition (a StackSet, an admin
 * role or a deployment works in one partition), or nothing. Unknown and
 * unresolved regions are ignored here (the region validator reports them).
 */
export function partitionProblems(prop: string, regions: ReadonlyArray<string>): string[] {
  if (isUnresolved(regions)) return [];
  const byPartition = new Map<string, string[]>();
  for (const r of regions) {
    if (typeof r !== 'string' || isUnresolved(r) || !knownRegions().has(r)) continue;
    const p = RegionInfo.get(r).partition ?? 'unknown';
    byPartition.set(p, [...(byPartition.get(p) ?? []), r]);
  }
  if (byPartition.size <= 1) return [];
  const listed = [...byPartition.entries()].map(([p, rs]) => `${p}: ${rs.join(', ')}`).join('; ');
  return [`${prop} mixes partitions (${listed}): a partition is a separate AWS, so give the regions of one partition and define a second construct for the other`];
}

/**
 * The problem of an ARN in another partition than the stack's, when the
 * stack's region is known at synth; nothing otherwise.
 */
export function arnPartitionProblem(prop: string, arn: string | undefined, stackRegion: string): string | undefined {
  if (arn === undefined || typeof arn !== 'string' || isUnresolved(arn) || isUnresolved(stackRegion) || !knownRegions().has(stackRegion)) return undefined;
  const arnPartition = arn.split(':')[1];
  const stackPartition = RegionInfo.get(stackRegion).partition;
  if (arnPartition === undefined || isUnresolved(arnPartition) || arnPartition === stackPartition) return undefined;
  return `${prop} ${quote(arn)} is in partition ${JSON.stringify(arnPartition)}, but the stack deploys to ${JSON.stringify(stackRegion)} in ${JSON.stringify(stackPartition)}: resources of one partition cannot reach another; give the ARN in ${JSON.stringify(stackPartition)}`;
}

/** Returns each value that appears more than once, in first-seen order. */
export function findDuplicates(values: ReadonlyArray<string>): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dupes.add(v);
    seen.add(v);
  }
  return [...dupes];
}

/** How deep AWS Organizations nests OUs below a root (Organizations quotas: five levels). */
export const MAX_OU_DEPTH = 5;

function checkOrgPath(value: string): string | undefined {
  const body = value.endsWith('*') ? value.slice(0, -1) : value;
  if (!body.endsWith('/')) {
    return 'end it with "/" (this node only) or "/*" (this node and everything below)';
  }
  const parts = body.slice(0, -1).split('/');
  if (!ORG_ID.test(parts[0])) {
    return `it must start with the organization ID, found ${JSON.stringify(parts[0])}`;
  }
  if (parts.length === 1) {
    // Every account sits under a root, so "o-.../" alone matches nothing.
    return value.endsWith('*') ? undefined : 'the organization ID alone matches no account (every account sits under a root): write "o-.../*" for the whole organization, or add the root, "o-.../r-.../"';
  }
  const root = ROOT_ID.exec(parts[1]);
  if (!root) {
    return `the second element must be the root ID ("r-..."), found ${JSON.stringify(parts[1])}`;
  }
  const rootSuffix = parts[1].slice(2);
  const ous = parts.slice(2);
  if (ous.length > MAX_OU_DEPTH) {
    return `it lists ${ous.length} OUs, but AWS Organizations nests OUs at most ${MAX_OU_DEPTH} levels below the root: check the chain (parent first, one ID per level)`;
  }
  const repeated = findDuplicates(ous);
  if (repeated.length > 0) {
    return `OU ${JSON.stringify(repeated[0])} appears twice; list each OU once, parent before child`;
  }
  for (const ou of ous) {
    const m = OU_ID.exec(ou);
    if (!m) {
      return `${JSON.stringify(ou)} is not an OU ID ("ou-<root>-<8-32 chars>")`;
    }
    if (m[1] !== rootSuffix) {
      return `OU ${JSON.stringify(ou)} does not belong to root ${JSON.stringify(parts[1])} (an OU ID carries its root's suffix)`;
    }
  }
  return undefined;
}

let regionCache: Set<string> | undefined;
function knownRegions(): Set<string> {
  if (!regionCache) {
    regionCache = new Set(RegionInfo.regions.map((r) => r.name));
  }
  return regionCache;
}

/** Levenshtein distance, for "did you mean" hints on region typos. */
function editDistance(a: string, b: string): number {
  const dp: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/**
 * The JavaScript shape a prop must have, checked before anything reads it,
 * so that a prop of the wrong type from JavaScript (where no compiler checks
 * it) is the library's error, never a `TypeError`:
 * `string`, `number`, `boolean`, `string[]`, a `map` of strings (plain
 * object), an `object` (an instance such as an `IRole`, a `Duration` or a
 * struct), an `object[]`, or the members of an enum.
 */
export type PropShape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'string[]'
  | 'map'
  | 'object'
  | 'object[]'
  | { readonly enumName: string; readonly members: { readonly [key: string]: string } };

/** The shape of each prop of a construct, and which props are required. */
export interface PropsSpec {
  readonly [prop: string]: PropShape | { readonly shape: PropShape; readonly required: true };
}

/** A value of any JavaScript type, as a message shows it: strings quoted, others named by type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'number') return `number ${String(value)}`;
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'no prototype'})`;
  return `${typeof value} ${String(value)}`;
}

function shapeName(shape: PropShape): string {
  // Members by name (RemovalPolicy.RETAIN), not by value ("retain"): the name is what code writes.
  if (typeof shape !== 'string') return `one of ${Object.keys(shape.members).map((k) => `${shape.enumName}.${k}`).join(', ')}`;
  return {
    'string': 'a string',
    'number': 'a number',
    'boolean': 'true or false',
    'string[]': 'a list of strings',
    'map': 'a map of string keys to string values',
    'object': 'an object',
    'object[]': 'a list of objects',
  }[shape];
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problem of a value that does not have `shape`, or undefined. Tokens pass. */
export function checkShape(prop: string, value: unknown, shape: PropShape): string | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  const got = describeValue(value);
  if (typeof shape !== 'string') {
    if (Object.values(shape.members).includes(value as string)) return undefined;
    const close = typeof value === 'string'
      ? Object.entries(shape.members).find(([k, v]) => v.toLowerCase() === value.toLowerCase() || k.toLowerCase() === value.toLowerCase())?.[0]
      : undefined;
    return `${prop} must be ${shapeName(shape)}, got ${got}: ${close ? `use ${shape.enumName}.${close}` : `pick a member of ${shape.enumName}`}`;
  }
  switch (shape) {
    case 'string':
      if (typeof value === 'string') return undefined;
      return `${prop} must be a string, got ${got}: write the value in quotes${typeof value === 'number' ? ' (an account ID keeps its leading zeros only as a string)' : ''}`;
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return undefined;
      return `${prop} must be a number, got ${typeof value === 'number' ? String(value) : got}: give a finite number without quotes`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${prop} must be true or false, got ${got}: give a boolean without quotes`;
    case 'string[]': {
      if (!Array.isArray(value)) return `${prop} must be a list of strings, got ${got}: wrap the value in a list, e.g. [${typeof value === 'string' ? JSON.stringify(value) : '"..."'}]`;
      const bad = value.findIndex((v) => typeof v !== 'string' && !isUnresolved(v));
      return bad < 0 ? undefined : `${prop}[${bad}] must be a string, got ${describeValue(value[bad])}: write every element in quotes`;
    }
    case 'map': {
      if (!isObject(value)) return `${prop} must be ${shapeName(shape)}, got ${got}: e.g. { "key": "value" }`;
      const bad = Object.entries(value as object).find(([, v]) => typeof v !== 'string' && !isUnresolved(v));
      return bad === undefined ? undefined : `${prop}[${JSON.stringify(bad[0])}] must be a string, got ${describeValue(bad[1])}: write every value in quotes`;
    }
    case 'object':
      return isObject(value) ? undefined : `${prop} must be an object, got ${got}: pass the construct or struct itself (see the prop's documentation)`;
    case 'object[]': {
      if (!Array.isArray(value)) return `${prop} must be a list, got ${got}: wrap the value in a list`;
      const bad = value.findIndex((v) => !isObject(v));
      return bad < 0 ? undefined : `${prop}[${bad}] must be an object, got ${describeValue(value[bad])}: pass the objects the prop's documentation names`;
    }
  }
}

/** Where the props `checkPropShapes` checks come from, when they are not a constructor's props. */
export interface ShapeCheckOptions {
  /** Written before each prop's name in messages, e.g. `mode.` for the options of a factory given as the prop `mode`. */
  readonly prefix?: string;
  /** What the props are, for the message about a value that is no object, e.g. `the options of SkyhighNrtMode.publisher()`. */
  readonly what?: string;
}

/**
 * The problems of props given from JavaScript with a wrong shape, or
 * without a required prop. Constructors call it first (`checkPropShapes`) and throw at once,
 * before any other check reads a prop. With `options`, it checks the options
 * struct of a factory the same way.
 */
export function checkPropShapes(props: unknown, spec: PropsSpec, options: ShapeCheckOptions = {}): string[] {
  if (props !== undefined && !isObject(props)) {
    return options.what === undefined
      ? [`props must be an object of properties, got ${describeValue(props)}: pass { ... } as the third argument`]
      : [`${options.what} must be an object of properties, got ${describeValue(props)}: pass { ... }`];
  }
  const given = (props ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const prefix = options.prefix ?? '';
  for (const [prop, entry] of Object.entries(spec)) {
    const shape = typeof entry === 'object' && 'shape' in entry ? entry.shape : (entry as PropShape);
    const isRequired = typeof entry === 'object' && 'required' in entry;
    const value = given[prop];
    const name = `${prefix}${prop}`;
    if (value === undefined || value === null) {
      if (isRequired) problems.push(`${name} is required: give ${shapeName(shape)}`);
      else if (value === null) problems.push(`${name} must be ${shapeName(shape)} or left out, got null: leave it out for the default`);
      continue;
    }
    const p = checkShape(name, value, shape);
    if (p) problems.push(p);
  }
  return problems;
}

/** Marks a prop of a `PropsSpec` as required. */
export function required(shape: PropShape): { readonly shape: PropShape; readonly required: true } {
  return { shape, required: true };
}

/** An enum's shape for `checkProps`: `enumShape('StackSetCallAs', StackSetCallAs)`. */
export function enumShape(enumName: string, members: { readonly [key: string]: string }): PropShape {
  return { enumName, members };
}
