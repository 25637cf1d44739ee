import { App, BootstraplessSynthesizer, CfnParameter, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  Bound, Unenforced, errorOf, figure, freshStack, numericChecks, paddedSize, pastLimit, sourceFiles, sourceText, synth,
} from './_boundaries';
import { AuditAccessKeyUser, AuditPermissions, ReadOnlyAuditRole, ReadOnlyAuditRoleProps } from '../../src/access';
import { AwsLimits, AwsLimitsOverrides } from '../../src/core/limits';
import { checkStackTemplateSize } from '../../src/core/private/template-size';
import { RULES, validate } from '../../src/core/private/validators';
import { AuditedServices, CentralEventBusPolicy, CentralEventQueue, EventStreamRule } from '../../src/event-stream';
import {
  Guardrail, OrgGuardrailScp, OrgGuardrailScpProps, OrgResourceControlPolicy, OrgResourceControlPolicyProps, ProtectAuditSetupOptions, RcpService,
} from '../../src/guardrails';
import { AriaSecureCloudsOnboarding, SkyFormationAuthMethod, SkyFormationConnector, SkyhighNrtConfigAudit, SkyhighNrtMode } from '../../src/presets';
import { OrgStackSetRollout, OrgStackSetRolloutProps, StackSetTemplate } from '../../src/stacksets';
import { templateStack } from '../stacksets/_helpers';

/**
 * Exact-limit pairs (issue 20): every limit in `AwsLimits`, every length rule
 * of the core validators and every other fixed bound a construct checks has
 * two tests: the value exactly at the limit synthesizes, and the value one
 * past it fails with the library's error naming both figures. The tables are
 * complete by construction: AWS_LIMITS is typed over every `AwsLimits` key
 * (and checked against the runtime keys), VALIDATOR_BOUNDS over every
 * validator rule, and every fixed comparison or regex length range in src/
 * must be claimed by a bound or explained in NOT_LIMITS.
 */

const VENDOR = '111122223333';
const OU = 'ou-ab12-11111111';
const a = (n: number) => 'a'.repeat(n);

/** The error of an audit role with these props, construction and synthesis. */
function roleError(props: Partial<ReadOnlyAuditRoleProps>): string {
  return errorOf(() => {
    const stack = freshStack();
    new ReadOnlyAuditRole(stack, 'Role', { trustedAccountId: VENDOR, externalId: 'my-tenant-1234', ...props });
    synth(stack);
  });
}

/** The error of an SCP set holding these guardrails. */
function scpError(guardrails: () => Guardrail[], props: Partial<OrgGuardrailScpProps> = {}): string {
  return errorOf(() => {
    const stack = freshStack(false);
    new OrgGuardrailScp(stack, 'Scp', { targetIds: [OU], guardrails: guardrails(), ...props });
    synth(stack);
  });
}

/**
 * Guardrails whose subject is a limit, not the onboarding exemption: without
 * it they need no `Guardrail.protectAuditSetup()` beside them.
 */
const NO_MACHINERY = { exemptOnboardingMachinery: false } as const;

/** The error of an RCP set. */
function rcpError(props: Partial<OrgResourceControlPolicyProps> = {}): string {
  return errorOf(() => {
    const stack = freshStack(false);
    new OrgResourceControlPolicy(stack, 'Rcp', {
      organizationId: 'o-a1b2c3d4e5', targetIds: [OU], services: [RcpService.S3], confusedDeputyProtection: false, ...props,
    });
    synth(stack);
  });
}

/** The error of a service-managed StackSet rollout of the template `fill` builds. */
function rolloutError(fill: (template: Stack) => void, props: Partial<OrgStackSetRolloutProps> = {}): string {
  return errorOf(() => {
    // aws-cdk-lib's own 500-resource check is off, so the rollout's check is the one that speaks.
    const app = new App({ context: { '@aws-cdk/core:stackResourceLimit': 0 } });
    const host = new Stack(app, 'Host');
    const inner = templateStack(host);
    fill(inner);
    new OrgStackSetRollout(host, 'Rollout', { template: StackSetTemplate.fromStack(inner), organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'], ...props });
    app.synth();
  });
}

/** A string parameter whose value is at most `n` characters: the size checks count a reference to it as `n`. */
function paddingParameter(stack: Stack, n: number): string {
  return new CfnParameter(stack, 'Padding', { type: 'String', maxLength: n }).valueAsString;
}

/** AWS managed policies that exist (audit-permissions.managed-policies.test.ts proves the library's own). */
const MANAGED = [
  'job-function/ViewOnlyAccess', 'AWSCloudTrail_ReadOnlyAccess', 'IAMReadOnlyAccess', 'CloudWatchLogsReadOnlyAccess', 'CloudWatchReadOnlyAccess',
  'AmazonGuardDutyReadOnlyAccess', 'AWSBillingReadOnlyAccess', 'AWSBudgetsReadOnlyAccess', 'AmazonInspector2ReadOnlyAccess',
  'AWSAccountManagementReadOnlyAccess', 'AmazonS3ReadOnlyAccess',
];

const POLICY_SIZE = /needs? (?:at most |at least )?([\d,]+) characters/;

/**
 * Every limit of `AwsLimits`. Each is tested at the figure AWS applies,
 * written out here and built with the default limits, so a changed default,
 * a `>` turned `>=` or a size counted one off all fail here.
 */
const AWS_LIMITS: Record<keyof AwsLimitsOverrides, Bound | Unenforced> = {
  scpDocumentCharacters: paddedSize(10_240, /alone needs ([\d,]+) characters as a document/, (pad) => scpError(() => [
    Guardrail.denyResourcesOutsideOrganization({ ...NO_MACHINERY, actions: ['s3:*'], exemptPrincipalArns: [`arn:aws:iam::111122223333:role/${a(pad)}`] }),
  ])),
  scpsPerTarget: {
    limit: 10,
    // n policies on the target: n - 1 already attached, plus this one
    attempt: (n) => scpError(() => [Guardrail.denyLeaveOrganization(NO_MACHINERY)], { slotsAlreadyTaken: n - 1 }),
    names: (limit, past) => [`limit ${limit} per target, ${past - 1} already taken`, 'need 1 service control policy'],
  },
  rcpDocumentCharacters: paddedSize(5_120, /alone needs ([\d,]+) characters as a document/,
    (pad) => rcpError({ trustedPrincipalArns: [`arn:aws:iam::${VENDOR}:role/${a(pad)}`] })),
  rcpsPerTarget: {
    limit: 5,
    attempt: (n) => rcpError({ trustedAccounts: [VENDOR], slotsAlreadyTaken: n - 1 }),
    names: (limit, past) => [`limit ${limit} per target, ${past - 1} already taken`, 'need 1 resource control policy'],
  },
  managedPolicyCharacters: paddedSize(6_144, POLICY_SIZE, (pad) => errorOf(() => {
    const stack = freshStack();
    new AuditAccessKeyUser(stack, 'User', {
      additionalStatements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::${a(pad)}`] })],
    });
    synth(stack);
  })),
  managedPoliciesPerRole: {
    limit: 10,
    // SecurityAudit plus n - 1 more
    attempt: (n) => roleError({ permissions: MANAGED.slice(0, n - 1).map((name) => AuditPermissions.awsManagedPolicy(name)) }),
    names: (limit, past) => [`has ${past} managed policies attached, the limit is ${limit} per role`],
  },
  roleInlinePolicyCharacters: paddedSize(10_240, /need (?:at most )?([\d,]+) characters together/, (pad) => roleError({
    additionalStatements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::${a(pad)}`] })],
  })),
  userInlinePolicyCharacters: paddedSize(2_048, /need (?:at most )?([\d,]+) characters together/, (pad) => errorOf(() => {
    const stack = freshStack();
    const user = new AuditAccessKeyUser(stack, 'User', {});
    user.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [`arn:aws:sqs:us-east-1:123456789012:${a(pad)}`] }));
    synth(stack);
  })),
  groupInlinePolicyCharacters: { unenforced: 'no construct of the library defines an IAM group' },
  trustPolicyCharacters: paddedSize(2_048, POLICY_SIZE,
    (pad) => roleError({ trustedPrincipalArns: [`arn:aws:iam::${VENDOR}:role/${a(pad)}`] })),
  // Enforced by the roleName validator (a fixed 64, the same as the default).
  roleNameCharacters: {
    limit: 64,
    attempt: (n) => roleError({ roleName: a(n) }),
    names: (limit, past) => [`1-${limit} characters`, `it has ${past} characters`],
  },
  // Enforced by the iamPath validator (a fixed 512, the same as the default).
  iamPathCharacters: {
    limit: 512,
    attempt: (n) => roleError({ path: `/${a(n - 2)}/` }),
    names: (limit, past) => [`at most ${limit} characters`, `it has ${past} characters`],
  },
  eventPatternCharacters: paddedSize(2_048, /event pattern of ([\d,]+) characters/, (pad) => errorOf(() => {
    const stack = freshStack();
    new EventStreamRule(stack, 'Rule', { services: AuditedServices.fromEventSources('iam.amazonaws.com', `${a(pad)}.amazonaws.com`) });
    synth(stack);
  })),
  eventBusPolicyCharacters: paddedSize(10_240, POLICY_SIZE, (pad) => errorOf(() => {
    const stack = freshStack();
    new CentralEventBusPolicy(stack, 'Bus', { sourceOrganizationId: paddingParameter(stack, pad) });
    synth(stack);
  })),
  sqsQueuePolicyBytes: paddedSize(8_192, POLICY_SIZE, (pad) => errorOf(() => {
    const stack = freshStack();
    new CentralEventQueue(stack, 'Queue', { sourceOrganizationId: paddingParameter(stack, pad) });
    synth(stack);
  })),
  stackSetTemplateBodyBytes: paddedSize(51_200, /renders to ([\d,]+) bytes/, (pad) => rolloutError((inner) => {
    new CfnResource(inner, 'Big', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: a(pad) } });
  })),
  templateResources: {
    limit: 500,
    attempt: (n) => rolloutError((inner) => {
      for (let i = 0; i < n; i++) new CfnResource(inner, `H${i}`, { type: 'AWS::CloudFormation::WaitConditionHandle' });
    }),
    names: (limit, past) => [`has ${past} resources, the template limit is ${limit}`],
  },
  templateUrlBytes: paddedSize(1_000_000, /is ([\d,]+) bytes, the CloudFormation limit/, (pad) => {
    const stack = new Stack(new App(), 'Padded', { synthesizer: new BootstraplessSynthesizer() });
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic', properties: { DisplayName: a(pad) } });
    checkStackTemplateSize(stack, AwsLimits.DEFAULT);
    return errorOf(() => Template.fromStack(stack));
  }),
  templateOutputs: { unenforced: 'no construct counts the outputs of a template' },
  orgPolicyNameCharacters: {
    // Three characters stay free for the "-<n>" suffix of later policies.
    limit: 128 - 3,
    attempt: (n) => scpError(() => [Guardrail.denyLeaveOrganization(NO_MACHINERY)], { policyName: a(n) }),
    names: (limit, past) => [`1-${limit} characters (the Organizations limit is ${limit + 3}`, `got ${past}`],
  },
  orgPolicyDescriptionCharacters: {
    limit: 512,
    attempt: (n) => scpError(() => [Guardrail.denyLeaveOrganization(NO_MACHINERY)], { description: a(n) }),
    names: (limit, past) => [`at most ${limit} characters, got ${past}`],
  },
  maxSessionDurationHours: {
    // In seconds: 12 hours exactly, then one second more.
    limit: 12 * 3600,
    attempt: (n) => roleError({ maxSessionDuration: Duration.seconds(n) }),
    names: (limit, past) => [`between 1 and ${limit / 3600} hours`, `(${past} seconds)`],
  },
};

/** The runtime values of every limit (its keys are the limits `AwsLimits` has). */
function limitValues(): Record<string, number> {
  return Object.fromEntries(Object.entries(AwsLimits.DEFAULT).filter(([, v]) => typeof v === 'number'));
}

/** A validator rule's length bound: `make(n)` is a value that is valid except, maybe, for its length `n`. */
interface LengthRule {
  readonly limit: number;
  readonly direction?: 'max' | 'min';
  readonly make: (n: number) => string;
  /** What the message names besides the value (default: the limit and "n characters"). */
  readonly names?: Bound['names'];
}

const QUOTED = (make: (n: number) => string): Bound['names'] => (limit, past) => [`${limit}`, JSON.stringify(make(past)).slice(0, 40)];

/**
 * Every validator rule: its length bounds, or why it has none. Typed over
 * every rule, so a new rule cannot be added without deciding.
 */
const VALIDATOR_BOUNDS: Record<keyof typeof RULES, LengthRule[] | string> = {
  accountId: [
    { limit: 12, make: (n) => '1'.repeat(n), names: (_l, past) => [`it has ${past} digits`, 'write all 12'] },
    { limit: 12, direction: 'min', make: (n) => '1'.repeat(n), names: (_l, past) => [`it has ${past} digits`, 'write all 12'] },
  ],
  externalId: [
    { limit: 1224, make: a },
    { limit: 2, direction: 'min', make: a, names: (limit, past) => [`${limit}-1224`, `it has ${past} character`] },
  ],
  organizationId: [
    { limit: 32, make: (n) => `o-${a(n)}`, names: (limit, past) => [`has ${past} characters, AWS uses 10-${limit}`] },
    { limit: 10, direction: 'min', make: (n) => `o-${a(n)}`, names: (limit, past) => [`has ${past} characters, AWS uses ${limit}-32`] },
  ],
  rootId: [
    { limit: 32, make: (n) => `r-${a(n)}`, names: (limit, past) => [`has ${past} characters, AWS uses 4-${limit}`] },
    { limit: 4, direction: 'min', make: (n) => `r-${a(n)}`, names: (limit, past) => [`has ${past} characters, AWS uses ${limit}-32`] },
  ],
  ouId: [
    { limit: 32, make: (n) => `ou-${a(n)}-11111111`, names: QUOTED((n) => `ou-${a(n)}-11111111`) },
    { limit: 32, make: (n) => `ou-ab12-${'1'.repeat(n)}`, names: QUOTED((n) => `ou-ab12-${'1'.repeat(n)}`) },
    { limit: 8, direction: 'min', make: (n) => `ou-ab12-${'1'.repeat(n)}`, names: QUOTED((n) => `ou-ab12-${'1'.repeat(n)}`) },
  ],
  orgPath: [{
    limit: 5,
    make: (n) => `o-a1b2c3d4e5/r-ab12/${Array.from({ length: n }, (_, i) => `ou-ab12-1111111${i}`).join('/')}/`,
    names: (limit, past) => [`${past} OUs`, `${limit}`],
  }],
  region: 'a name from a list, no length',
  partition: 'a name from a list, no length',
  roleName: [{ limit: 64, make: a, names: (limit, past) => [`1-${limit} characters`, `it has ${past} characters`] }],
  userName: [{ limit: 64, make: a, names: (limit, past) => [`1-${limit} characters`, `it has ${past} characters`] }],
  policyName: [{ limit: 128, make: a, names: (limit, past) => [`1-${limit} characters`, `it has ${past} characters`] }],
  iamPath: [{ limit: 512, make: (n) => `/${a(n - 2)}/`, names: (limit, past) => [`at most ${limit} characters`, `it has ${past} characters`] }],
  arn: 'a format, no length',
  principalArn: 'a format, no length',
  ssoInstanceArn: [{ limit: 16, make: (n) => `arn:aws:sso:::instance/ssoins-${a(n)}`, names: QUOTED((n) => `arn:aws:sso:::instance/ssoins-${a(n)}`) }],
  identityStoreId: [{ limit: 10, make: (n) => `d-${'1'.repeat(n)}`, names: QUOTED((n) => `d-${'1'.repeat(n)}`) }],
  identityStorePrincipalId: 'a UUID format (fixed groups of 8-4-4-4-12 hexadecimal digits), not a length limit',
  sid: [{ limit: 100, make: a, names: (limit, past) => [`1-${limit} ASCII letters`, `it has ${past} characters`] }],
  iamAction: 'a format, no length',
  principalArnPattern: 'a format, no length',
  bucketName: [
    { limit: 63, make: a, names: (limit, past) => [`it has ${past} characters, S3 allows 3-${limit}`] },
    { limit: 3, direction: 'min', make: a, names: (limit, past) => [`it has ${past} characters, S3 allows ${limit}-63`] },
  ],
  instanceProfileName: [{ limit: 128, make: a, names: (limit, past) => [`1-${limit} characters`, `it has ${past} characters`] }],
  secretName: [{ limit: 512, make: a, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit}`] }],
  awsManagedPolicyName: [{ limit: 128, make: (n) => `job-function/${a(n)}`, names: QUOTED((n) => `job-function/${a(n)}`) }],
  sqsQueueArn: 'a format, no length',
  kmsKeyArn: 'a format, no length',
  sqsQueueName: [{ limit: 80, make: a, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit}`] }],
  snsTopicName: [{ limit: 256, make: a, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit}`] }],
  eventRuleName: [{ limit: 64, make: a, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit}`] }],
  cloudTrailArn: [{
    limit: 128, make: (n) => `arn:aws:cloudtrail:us-east-1:123456789012:trail/${a(n)}`, names: (limit, past) => [`the trail name: it has ${past} characters, CloudTrail allows 3-${limit}`],
  }],
  anySqsQueueName: [
    { limit: 80, make: a, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit}`] },
    { limit: 80, make: (n) => `${a(n - 5)}.fifo`, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit} (".fifo" included)`] },
  ],
  anySnsTopicName: [
    { limit: 256, make: a, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit}`] },
    { limit: 256, make: (n) => `${a(n - 5)}.fifo`, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit} (".fifo" included)`] },
  ],
  busQualifiedRuleName: [
    { limit: 64, make: a, names: (limit, past) => [`it has ${past} characters, AWS allows 1-${limit}`] },
    { limit: 64, make: (n) => `audit-bus/${a(n)}`, names: (limit, past) => [`the rule name after "/": it has ${past} characters, AWS allows 1-${limit}`] },
    { limit: 256, make: (n) => `${a(n)}/rule`, names: (limit, past) => [`the bus name before "/": it has ${past} characters, AWS allows 1-${limit}`] },
  ],
  iamServicePrefix: 'a format, no length',
  sqsQueueNamePrefix: [{ limit: 60, make: a, names: (limit, past) => [`it has ${past} characters: at most ${limit}`] }],
  stackName: [{ limit: 128, make: a, names: (limit, past) => [`1-${limit} characters`, `it has ${past} characters`] }],
  trailName: [
    { limit: 128, make: a, names: (limit, past) => [`it has ${past} characters, CloudTrail allows 3-${limit}`] },
    { limit: 3, direction: 'min', make: a, names: (limit, past) => [`it has ${past} characters, CloudTrail allows ${limit}-128`] },
  ],
};

/** The validator bounds as table rows. */
function validatorBounds(): Array<[string, Bound]> {
  return Object.entries(VALIDATOR_BOUNDS).flatMap(([kind, rules]) => (typeof rules === 'string' ? [] : rules.map((rule, i): [string, Bound] => [
    `${kind}${rules.length > 1 ? ` #${i + 1}` : ''}`,
    {
      limit: rule.limit,
      direction: rule.direction,
      attempt: (n) => validate(kind as keyof typeof RULES, 'value', rule.make(n)) ?? '',
      names: rule.names,
    },
  ])));
}

/** A bound that is not an `AwsLimits` value, with the places in src/ it covers (`file: snippet`, see `numericChecks`). */
interface FixedBound extends Bound {
  readonly sources: string[];
}

const ARIA = { vendorAccountId: VENDOR, externalId: 'my-tenant-1234', account: '123456789012' };
/** Root and OU IDs the presets check with the core root and OU rules: [what, make, limit, direction, the rule's phrase]. */
const ORG_UNIT_MAKERS: Array<[string, (n: number) => string, number, 'max' | 'min', string]> = [
  ['root suffix', (n) => `r-${a(n)}`, 32, 'max', 'must be an organization root ID'],
  ['root suffix', (n) => `r-${a(n)}`, 4, 'min', 'must be an organization root ID'],
  ['OU suffix', (n) => `ou-ab12-${a(n)}`, 32, 'max', 'must be an organizational unit ID'],
  ['OU suffix', (n) => `ou-ab12-${a(n)}`, 8, 'min', 'must be an organizational unit ID'],
];

/** A name length that `Guardrail.protectAuditSetup` checks, by a core rule. */
function protectedName(
  limit: number, options: (n: number) => Partial<ProtectAuditSetupOptions>, expected: (limit: number) => string,
): FixedBound {
  return {
    limit,
    attempt: (n) => scpError(() => [Guardrail.protectAuditSetup(options(n))]),
    names: (l) => [expected(l), JSON.stringify(a(40)).slice(0, 30)],
    sources: [],
  };
}

/** Every other fixed bound a construct checks. */
const FIXED_BOUNDS: Record<string, FixedBound> = {
  'KMS key policy of CentralEventQueue (32,768)': {
    ...paddedSize(32_768, /key policy of encryptionKey needs (?:at most )?([\d,]+) characters/, (pad) => errorOf(() => {
      const stack = freshStack();
      const key = new kms.Key(stack, 'Key');
      key.addToResourcePolicy(new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        principals: [new iam.AccountRootPrincipal()],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:PrincipalTag/team': a(pad) } },
      }));
      new CentralEventQueue(stack, 'Queue', { sourceAccountIds: ['123456789012'], encryptionKey: key });
      synth(stack);
    })),
    sources: [],
  },
  'ReadOnlyAuditRole description (1,000)': {
    limit: 1000,
    attempt: (n) => roleError({ description: a(n) }),
    names: (limit, past) => [`at most ${limit} characters, got ${past}`],
    sources: ['src/access/private/audit-role.ts: > 1000'],
  },
  'ReadOnlyAuditRole maxSessionDuration at least 1 hour (seconds)': {
    limit: 3600,
    direction: 'min',
    attempt: (n) => roleError({ maxSessionDuration: Duration.seconds(n) }),
    names: (_limit, past) => ['between 1 and 12 hours', `(${past} seconds)`],
    sources: ['src/access/private/audit-role.ts: < 3600', 'src/access/private/audit-role.ts: > maxHours * 3600'],
  },
  'AwsLimits.of maxSessionDurationHours (12)': {
    limit: 12,
    attempt: (n) => errorOf(() => AwsLimits.of({ maxSessionDurationHours: n })),
    names: (limit, past) => [`between 1 and ${limit}`, `got ${past}`],
    sources: ['src/core/limits.ts: > 12'],
  },
  'StackSet description (1,024)': {
    limit: 1024,
    attempt: (n) => rolloutError(() => undefined, { description: a(n) }),
    names: (limit, past) => [`description has ${past} characters, the StackSet limit is ${limit}`],
    sources: ['src/stacksets/private/rollout.ts: > DESCRIPTION_MAX'],
  },
  'StackSet name (128)': {
    limit: 128,
    attempt: (n) => rolloutError(() => undefined, { stackSetName: a(n) }),
    names: (limit) => [`1-${limit} letters`, JSON.stringify(a(40)).slice(0, 30)],
    sources: ['src/stacksets/private/rollout.ts: {0,127}'],
  },
  'StackSet maxConcurrentPercentage (100)': {
    limit: 100,
    attempt: (n) => rolloutError(() => undefined, { maxConcurrentPercentage: n }),
    names: (limit, past) => [`from 1 to ${limit}, got ${past}`],
    sources: ['src/stacksets/private/rollout.ts: > 100'],
  },
  'StackSet failureTolerancePercentage (100)': {
    limit: 100,
    attempt: (n) => rolloutError(() => undefined, { failureTolerancePercentage: n }),
    names: (limit, past) => [`from 0 to ${limit}, got ${past}`],
    sources: ['src/stacksets/private/rollout.ts: > 100'],
  },
  'CentralEventQueue retentionPeriod at least 60 seconds': {
    limit: 60,
    direction: 'min',
    attempt: (n) => errorOf(() => new CentralEventQueue(freshStack(), 'Queue', { sourceAccountIds: ['123456789012'], retentionPeriod: Duration.seconds(n) })),
    names: (_limit, past) => ['between 1 minute and 14 days', `got ${past} seconds`],
    sources: ['src/event-stream/central-event-queue.ts: >= 60'],
  },
  'CentralEventQueue retentionPeriod at most 14 days': {
    limit: 1_209_600,
    attempt: (n) => errorOf(() => new CentralEventQueue(freshStack(), 'Queue', { sourceAccountIds: ['123456789012'], retentionPeriod: Duration.seconds(n) })),
    names: (_limit, past) => ['between 1 minute and 14 days', `got ${past} seconds`],
    sources: ['src/event-stream/central-event-queue.ts: <= 1_209_600'],
  },
  'CentralEventQueue maxReceiveCount (1,000)': {
    limit: 1000,
    attempt: (n) => errorOf(() => new CentralEventQueue(freshStack(), 'Queue', { sourceAccountIds: ['123456789012'], maxReceiveCount: n })),
    names: (limit, past) => [`from 1 to ${limit}, got ${past}`],
    sources: ['src/event-stream/central-event-queue.ts: <= 1000'],
  },
  'EventStreamRule retryAttempts (185)': {
    limit: 185,
    attempt: (n) => errorOf(() => new EventStreamRule(freshStack(), 'Rule', { retryAttempts: n })),
    names: (limit, past) => [`from 0 to ${limit}, got ${past}`],
    sources: ['src/event-stream/event-stream-rule.ts: <= MAX_RETRY_ATTEMPTS'],
  },
  'EventStreamRule maxEventAge at most 24 hours': {
    limit: 86_400,
    attempt: (n) => errorOf(() => new EventStreamRule(freshStack(), 'Rule', { maxEventAge: Duration.seconds(n) })),
    names: (_limit, past) => ['between 60 seconds and 24 hours', `got ${past} seconds`],
    sources: ['src/event-stream/event-stream-rule.ts: <= MAX_EVENT_AGE_SECONDS'],
  },
  'EventStreamRule maxEventAge at least 60 seconds': {
    limit: 60,
    direction: 'min',
    attempt: (n) => errorOf(() => new EventStreamRule(freshStack(), 'Rule', { maxEventAge: Duration.seconds(n) })),
    names: (_limit, past) => ['between 60 seconds and 24 hours', `got ${past} seconds`],
    sources: ['src/event-stream/event-stream-rule.ts: >= MIN_EVENT_AGE_SECONDS'],
  },
  'OrgPath depth (5 OUs)': {
    limit: 5,
    attempt: (n) => scpError(() => [Guardrail.denyResourcesOutsideOrgPaths({
      ...NO_MACHINERY,
      actions: ['s3:*'],
      orgPaths: [`o-a1b2c3d4e5/r-ab12/${Array.from({ length: n }, (_, i) => `ou-ab12-1111111${i}`).join('/')}/`],
    })]),
    names: (limit, past) => [`${past} OUs`, `${limit}`],
    sources: ['src/guardrails/org-path.ts: > MAX_OU_DEPTH'],
  },
  'Guardrail.protectAuditSetup rule name (64)': protectedName(64, (n) => ({ ruleNames: [a(n)] }), (limit) => `1-${limit} characters`),
  'Guardrail.protectAuditSetup rule bus name (256)': protectedName(256, (n) => ({ ruleNames: [`${a(n)}/rule`] }), (limit) => `the bus name before "/": it has ${limit + 1} characters`),
  'Guardrail.protectAuditSetup topic name (256)': protectedName(256, (n) => ({ topicNames: [a(n)] }), (limit) => `1-${limit} characters`),
  'Guardrail.protectAuditSetup queue name (80)': protectedName(80, (n) => ({ queueNames: [a(n)] }), (limit) => `1-${limit} characters`),
  'Guardrail.protectAuditSetup FIFO queue name (80, ".fifo" included)': protectedName(80, (n) => ({ queueNames: [`${a(n - 5)}.fifo`] }), (limit) => `it has ${limit + 1} characters, AWS allows 1-${limit} (".fifo" included)`),
  'Guardrail.denyUnlessFromSourceIp IPv4 number (255)': {
    limit: 255,
    attempt: (n) => scpError(() => [Guardrail.denyUnlessFromSourceIp({ ...NO_MACHINERY, allowedCidrs: [`203.0.113.${n}/32`], auditRoleNames: [] })]),
    names: () => ['each of the four numbers must be 0-255', '"203.0.113.256/32"'],
    sources: ['src/guardrails/private/network.ts: > 255', 'src/guardrails/private/network.ts: {1,3}'],
  },
  'Guardrail.denyUnlessFromSourceIp IPv4 prefix length (32)': {
    limit: 32,
    attempt: (n) => scpError(() => [Guardrail.denyUnlessFromSourceIp({ ...NO_MACHINERY, allowedCidrs: [`203.0.113.7/${n}`], auditRoleNames: [] })]),
    names: () => ['the prefix length after "/" must be 0-32', '"203.0.113.7/33"'],
    sources: ['src/guardrails/private/network.ts: {1,3}'],
  },
  'Guardrail.denyUnlessFromSourceIp IPv6 group digits (4)': {
    limit: 4,
    attempt: (n) => scpError(() => [Guardrail.denyUnlessFromSourceIp({ ...NO_MACHINERY, allowedCidrs: [`2001:db8::${'f'.repeat(n)}/128`], auditRoleNames: [] })]),
    names: () => ['each group must be 1-4 hexadecimal digits', '"2001:db8::fffff/128"'],
    sources: ['src/guardrails/private/network.ts: {1,4}'],
  },
  'Guardrail.denyUnlessFromSourceIp IPv6 "::" count (1)': {
    limit: 1,
    attempt: (n) => scpError(() => [Guardrail.denyUnlessFromSourceIp({
      ...NO_MACHINERY,
      allowedCidrs: [n === 1 ? '2001:db8::1/128' : '2001::db8::1/128'],
      auditRoleNames: [],
    })]),
    names: () => ['use "::" at most once', '"2001::db8::1/128"'],
    sources: ['src/guardrails/private/network.ts: > 2'],
  },
  'SkyFormationConnector roleSessionName (64)': {
    limit: 64,
    attempt: (n) => errorOf(() => {
      const stack = freshStack();
      new SkyFormationConnector(stack, 'Sky', { authMethod: SkyFormationAuthMethod.STS_ASSUME_ROLE, roleSessionName: a(n) });
      synth(stack);
    }),
    names: (limit) => [`2-${limit} characters`, JSON.stringify(a(40)).slice(0, 30)],
    sources: ['src/presets/sky-formation-connector.ts: {2,64}'],
  },
  'AriaSecureCloudsOnboarding eventQueueArn queue name (80)': {
    limit: 80,
    attempt: (n) => errorOf(() => {
      const app = new App();
      new AriaSecureCloudsOnboarding(app, 'Aria', { ...ARIA, eventStreamRegions: ['us-east-1'], eventQueueArn: `arn:aws:sqs:us-west-2:111122223333:${a(n)}` });
      app.synth();
    }),
    names: () => ['the queue name in eventQueueArn must be an SQS queue name of 1-80 characters', 'it has 81 characters, AWS allows 1-80'],
    sources: [],
  },
  ...Object.fromEntries(ORG_UNIT_MAKERS.flatMap(([what, make, limit, direction, phrase]) => [
    [`AriaSecureCloudsOnboarding organizationalUnitIds ${what} (${direction} ${limit})`, {
      limit,
      direction,
      attempt: (n: number) => errorOf(() => {
        const app = new App();
        new AriaSecureCloudsOnboarding(app, 'Aria', { ...ARIA, organizationalUnitIds: [make(n)] });
        app.synth();
      }),
      names: (_limit: number, past: number) => [`organizationalUnitIds[0] ${phrase}`, JSON.stringify(make(past))],
      sources: [],
    }],
    [`SkyhighNrtConfigAudit SkyhighNrtMode.organizationPublisher() organizationalUnitIds ${what} (${direction} ${limit})`, {
      limit,
      direction,
      attempt: (n: number) => errorOf(() => {
        const stack = freshStack();
        new SkyhighNrtConfigAudit(stack, 'Skyhigh', {
          mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: '444455556666', organizationalUnitIds: [make(n)] }),
        });
        synth(stack);
      }),
      names: (_limit: number, past: number) => [`mode.organizationalUnitIds[0] ${phrase}`, JSON.stringify(make(past))],
      sources: [],
    }],
  ])),
};

/** Fixed comparisons and ranges in src/ that are not limits a user's input can hit. */
const NOT_LIMITS: Record<string, string> = {
  'src/core/private/validators.ts: <= MAX_QUOTED': 'how much of a bad value an error message quotes',
  'src/core/private/validators.ts: < 6': 'an ARN has six colon-separated parts: a format check',
  'src/core/private/validators.ts: <= 2': 'the edit distance of a region name worth suggesting',
  'src/guardrails/private/packing.ts: <= SID_MAX': 'the length of a Sid the library generates when merging statements',
  'src/guardrails/private/network.ts: < 8': 'the loop over the eight groups of an IPv6 address',
  'src/core/private/read-only-actions.ts: > 3': 'how many matched actions an error message names',
  'src/stacksets/org-stack-set-rollout.ts: {4,32}': 'reads the root part of IDs the validator has already checked',
  'src/core/private/tokens.ts: {10,16}': 'the digits of an encoded number token written into a string: a token format',
};

/** The bounds the validator table covers, by the places in validators.ts they sit. */
const VALIDATOR_SOURCES = [
  '< 2', '< 3', '> 1224', '> 128', '> 512', '> 63', '> MAX_OU_DEPTH', '> SID_MAX',
  '{1,126}', '{1,128}', '{1,61}', '{10,32}', '{2,1224}', '{4,32}', '{8,32}', '{0,127}', '> 60',
].map((s) => `src/core/private/validators.ts: ${s}`);

function isUnenforced(entry: Bound | Unenforced): entry is Unenforced {
  return 'unenforced' in entry;
}

const AWS_ROWS = Object.entries(AWS_LIMITS).filter((e): e is [string, Bound] => !isUnenforced(e[1]));
const ROWS: Array<[string, Bound]> = [
  ...AWS_ROWS.map(([name, bound]): [string, Bound] => [`AwsLimits.${name}`, bound]),
  ...validatorBounds().map(([name, bound]): [string, Bound] => [`validator ${name}`, bound]),
  ...Object.entries(FIXED_BOUNDS),
];

describe('exact-limit pairs', () => {
  describe.each(ROWS)('%s', (_name, bound) => {
    test(`exactly at the limit (${bound.limit}) is accepted`, () => {
      expect(bound.attempt(bound.limit)).toBe('');
    });

    test('one past the limit fails with the library\'s error naming both figures', () => {
      const past = pastLimit(bound);
      const message = bound.attempt(past);
      expect(message).not.toBe('');
      const expected = bound.names ? bound.names(bound.limit, past) : [figure(past), figure(bound.limit)];
      for (const part of expected) {
        if (typeof part === 'string') expect(message).toContain(part);
        else expect(message).toMatch(part);
      }
    });
  });
});

describe('the tables are complete', () => {
  test('every AwsLimits key has a pair, or is enforced by no construct', () => {
    expect(Object.keys(AWS_LIMITS).sort()).toEqual(Object.keys(limitValues()).sort());
    expect(Object.keys(limitValues()).sort()).toEqual(AwsLimits.DEFAULT.describe().map((line) => line.split(' = ')[0]).sort());
  });

  test('a limit marked unenforced is read by no code in src/ (once it is, it needs its pair)', () => {
    const unenforced = Object.entries(AWS_LIMITS).filter(([, e]) => isUnenforced(e)).map(([name]) => name);
    expect(unenforced).toEqual(['groupInlinePolicyCharacters', 'templateOutputs']);
    const readers = sourceFiles().filter((f) => f !== 'src/core/limits.ts')
      .flatMap((file) => unenforced.filter((name) => sourceText(file).includes(`.${name}`)).map((name) => `${file} reads ${name}`));
    expect(readers).toEqual([]);
  });

  test('every validator rule has its length pairs, or says why it has no length', () => {
    expect(Object.keys(VALIDATOR_BOUNDS).sort()).toEqual(Object.keys(RULES).sort());
  });

  test('every fixed comparison and regex length range in src/ is claimed by a bound or explained', () => {
    const claimed = new Set([
      ...Object.values(FIXED_BOUNDS).flatMap((b) => b.sources),
      ...VALIDATOR_SOURCES,
      ...Object.keys(NOT_LIMITS),
    ]);
    const found = numericChecks(sourceFiles());
    expect(found.filter((f) => !claimed.has(f))).toEqual([]);
    // and nothing claimed is stale
    expect([...claimed].filter((c) => !found.includes(c))).toEqual([]);
  });

});

