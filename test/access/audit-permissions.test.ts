import { Aws, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, EXTERNAL_ID, VENDOR, concreteStack, onlyOf, templateOf, undeclaredWrites } from './_helpers';
import { AuditPermissions, ReadOnlyAuditRole } from '../../src/access';
import { accessLevelOf, actionExists, arnOf, identityPolicies, isAllowed, resolveTemplate, unknownActions } from '../harness';

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:cloudtrail-data-events`;
const MACIE_QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:macie-alerts`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** Every static bundle, by the name a user writes. */
const STATIC_BUNDLES: Record<string, AuditPermissions> = {
  SECURITY_AUDIT: AuditPermissions.SECURITY_AUDIT,
  VIEW_ONLY_ACCESS: AuditPermissions.VIEW_ONLY_ACCESS,
  BUDGETS_READ: AuditPermissions.BUDGETS_READ,
  COST_EXPLORER_READ: AuditPermissions.COST_EXPLORER_READ,
  CLOUDTRAIL_READ: AuditPermissions.CLOUDTRAIL_READ,
  IAM_READ: AuditPermissions.IAM_READ,
  CLOUDWATCH_LOGS_READ: AuditPermissions.CLOUDWATCH_LOGS_READ,
  CLOUDWATCH_READ: AuditPermissions.CLOUDWATCH_READ,
  GUARDDUTY_READ: AuditPermissions.GUARDDUTY_READ,
  INSPECTOR_CLASSIC_FINDINGS: AuditPermissions.INSPECTOR_CLASSIC_FINDINGS,
  INSPECTOR_FINDINGS: AuditPermissions.INSPECTOR_FINDINGS,
  SHIELD_ATTACKS: AuditPermissions.SHIELD_ATTACKS,
  FLOW_LOG_ENRICHMENT: AuditPermissions.FLOW_LOG_ENRICHMENT,
};

/** A sample of every factory, with the arguments of the SkyFormation guide's example where it has one. */
const FACTORY_BUNDLES: Record<string, AuditPermissions> = {
  'consumeQueues': AuditPermissions.consumeQueues([QUEUE, MACIE_QUEUE]),
  'consumeQueues with a key': AuditPermissions.consumeQueues([QUEUE], { kmsKeyArns: [KEY] }),
  'redshiftAuditLogs': AuditPermissions.redshiftAuditLogs(['redshift-cluster-1-db-audit-log', 'redshift-bucket-3']),
};

const ALL_BUNDLES = { ...STATIC_BUNDLES, ...FACTORY_BUNDLES };

/** A role with one bundle and nothing else, so its template shows only that bundle. */
function roleWith(bundle: AuditPermissions, stack: Stack = concreteStack()): { stack: Stack; template: any } {
  new ReadOnlyAuditRole(stack, 'AuditRole', {
    trustedAccountId: VENDOR,
    externalId: EXTERNAL_ID,
    securityAudit: bundle === AuditPermissions.SECURITY_AUDIT,
    permissions: bundle === AuditPermissions.SECURITY_AUDIT ? [] : [bundle],
  });
  return { stack, template: templateOf(stack) };
}

/** Builds a role with `bundle` and returns the error text (or '' if none). */
function errorOf(bundle: () => AuditPermissions): string {
  try {
    roleWith(bundle());
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('AuditPermissions', () => {
  describe('content, per the vendor guides', () => {
    test('SECURITY_AUDIT is the AWS managed SecurityAudit policy and nothing else (R-002)', () => {
      expect(AuditPermissions.SECURITY_AUDIT.managedPolicyNames).toEqual(['SecurityAudit']);
      expect(AuditPermissions.SECURITY_AUDIT.actions).toEqual([]);
    });

    test('VIEW_ONLY_ACCESS is job-function/ViewOnlyAccess, with the path its ARN has', () => {
      expect(AuditPermissions.VIEW_ONLY_ACCESS.managedPolicyNames).toEqual(['job-function/ViewOnlyAccess']);
    });

    test.each([
      ['CLOUDTRAIL_READ', 'AWSCloudTrail_ReadOnlyAccess'],
      ['IAM_READ', 'IAMReadOnlyAccess'],
      ['CLOUDWATCH_LOGS_READ', 'CloudWatchLogsReadOnlyAccess'],
      ['CLOUDWATCH_READ', 'CloudWatchReadOnlyAccess'],
      ['GUARDDUTY_READ', 'AmazonGuardDutyReadOnlyAccess'],
    ])('%s attaches the AWS managed policy %s (R-204; A-40 for CloudTrail)', (bundle, policy) => {
      expect(STATIC_BUNDLES[bundle].managedPolicyNames).toEqual([policy]);
      expect(STATIC_BUNDLES[bundle].actions).toEqual([]);
    });

    test('CLOUDTRAIL_READ does not use the retired name AWSCloudTrailReadOnlyAccess of the guide (A-40)', () => {
      expect(AuditPermissions.CLOUDTRAIL_READ.managedPolicyNames).not.toContain('AWSCloudTrailReadOnlyAccess');
    });

    test('BUDGETS_READ is the five Read actions of decision A-03', () => {
      expect(AuditPermissions.BUDGETS_READ.actions).toEqual([
        'budgets:ViewBudget',
        'budgets:DescribeBudgetAction',
        'budgets:DescribeBudgetActionHistories',
        'budgets:DescribeBudgetActionsForAccount',
        'budgets:DescribeBudgetActionsForBudget',
      ]);
    });

    test('COST_EXPLORER_READ includes GetCostAndUsage and GetCostForecast (A-03) and only ce: actions', () => {
      expect(AuditPermissions.COST_EXPLORER_READ.actions).toEqual(expect.arrayContaining(['ce:GetCostAndUsage', 'ce:GetCostForecast']));
      expect(AuditPermissions.COST_EXPLORER_READ.actions.every((a) => a.startsWith('ce:'))).toBe(true);
    });

    test('INSPECTOR_CLASSIC_FINDINGS is exactly the guide\'s two Inspector Classic actions (R-210, A-45)', () => {
      expect(AuditPermissions.INSPECTOR_CLASSIC_FINDINGS.actions).toEqual(['inspector:ListFindings', 'inspector:DescribeFindings']);
    });

    test('INSPECTOR_FINDINGS uses the current inspector2: prefix (A-45)', () => {
      expect(AuditPermissions.INSPECTOR_FINDINGS.actions.every((a) => a.startsWith('inspector2:'))).toBe(true);
      expect(AuditPermissions.INSPECTOR_FINDINGS.actions).toContain('inspector2:ListFindings');
    });

    test('SHIELD_ATTACKS is exactly shield:ListAttacks (R-209)', () => {
      expect(AuditPermissions.SHIELD_ATTACKS.actions).toEqual(['shield:ListAttacks']);
    });

    test('FLOW_LOG_ENRICHMENT is ec2:DescribeInstances and iam:ListAccountAliases (R-211)', () => {
      expect(AuditPermissions.FLOW_LOG_ENRICHMENT.actions).toEqual(['ec2:DescribeInstances', 'iam:ListAccountAliases']);
    });

    test('consumeQueues grants ReceiveMessage and DeleteMessage, never the non-action DeleteMessageBatch (R-205, R-206, A-22)', () => {
      const bundle = AuditPermissions.consumeQueues([QUEUE]);
      expect(bundle.actions).toEqual(['sqs:ReceiveMessage', 'sqs:DeleteMessage']);
      expect(actionExists('sqs:DeleteMessageBatch')).toBe(false);
    });

    test('redshiftAuditLogs grants the guide\'s five metadata actions plus ListBucket and GetObject (R-208)', () => {
      expect(AuditPermissions.redshiftAuditLogs(['redshift-bucket-3']).actions).toEqual([
        'redshift:DescribeEvents',
        'redshift:DescribeClusters',
        'redshift:DescribeLoggingStatus',
        'redshift:DescribeClusterParameters',
        'iam:GetUser',
        's3:ListBucket',
        's3:GetObject',
      ]);
    });

    test('the Macie queue bundle does not carry the stray redshift:DescribeEvents of the guide (A-42)', () => {
      expect(AuditPermissions.consumeQueues([MACIE_QUEUE]).actions).not.toContain('redshift:DescribeEvents');
    });
  });

  describe('action names and access levels (iam-data)', () => {
    test.each(Object.entries(ALL_BUNDLES))('every action of %s exists', (_name, bundle) => {
      expect(bundle.actions.filter((a) => !actionExists(a))).toEqual([]);
    });

    test.each(Object.entries(ALL_BUNDLES))('every action of %s is List or Read, except the Write actions it declares', (_name, bundle) => {
      const nonRead = bundle.actions.filter((a) => !['List', 'Read'].includes(accessLevelOf(a)));
      expect(nonRead).toEqual(bundle.writeActions);
    });

    test('only consumeQueues declares Write actions, and they are DeleteMessage and, for keys, kms:Decrypt', () => {
      const withWrites = Object.entries(ALL_BUNDLES).filter(([, b]) => b.writeActions.length > 0).map(([n, b]) => [n, b.writeActions]);
      expect(withWrites).toEqual([
        ['consumeQueues', ['sqs:DeleteMessage']],
        ['consumeQueues with a key', ['sqs:DeleteMessage', 'kms:Decrypt']],
      ]);
    });

    test.each(Object.entries(ALL_BUNDLES))('the template of a role with %s emits only existing actions', (_name, bundle) => {
      expect(unknownActions(roleWith(bundle).template)).toEqual([]);
    });

    test.each(Object.entries(ALL_BUNDLES))('the statements %s renders grant no undeclared Write action', (_name, bundle) => {
      const { template } = roleWith(bundle);
      expect(undeclaredWrites(identityPolicies(template, onlyOf(template, 'AWS::IAM::Role')).documents, bundle.writeActions)).toEqual([]);
    });
  });

  describe('rendering', () => {
    test('a fixed bundle with actions becomes one inline policy named after it, with one statement on *', () => {
      const { template } = roleWith(AuditPermissions.SHIELD_ATTACKS);
      Template.fromJSON(template).hasResourceProperties('AWS::IAM::Role', {
        Policies: [{
          PolicyName: 'ShieldAttacks',
          PolicyDocument: { Statement: [{ Sid: 'ShieldAttacks', Effect: 'Allow', Action: 'shield:ListAttacks', Resource: '*' }] },
        }],
      });
    });

    test('a managed-policy bundle attaches its policy by a partition-aware ARN and adds no inline policy', () => {
      const { template } = roleWith(AuditPermissions.GUARDDUTY_READ);
      const role = Object.values(template.Resources).find((r: any) => r.Type === 'AWS::IAM::Role') as any;
      expect(role.Properties.ManagedPolicyArns).toEqual([
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonGuardDutyReadOnlyAccess']] },
      ]);
      expect(role.Properties.Policies).toBeUndefined();
    });

    test('consumeQueues scopes both actions to the given queue ARNs only', () => {
      const { template } = roleWith(AuditPermissions.consumeQueues([QUEUE, MACIE_QUEUE]));
      Template.fromJSON(template).hasResourceProperties('AWS::IAM::Role', {
        Policies: [{
          PolicyName: 'ConsumeQueues',
          PolicyDocument: {
            Statement: [{ Sid: 'ConsumeQueues', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: [QUEUE, MACIE_QUEUE] }],
          },
        }],
      });
    });

    test('consumeQueues with kmsKeyArns allows kms:Decrypt on those keys only through SQS', () => {
      const { template } = roleWith(AuditPermissions.consumeQueues([QUEUE], { kmsKeyArns: [KEY] }));
      Template.fromJSON(template).hasResourceProperties('AWS::IAM::Role', {
        Policies: [{
          PolicyDocument: {
            Statement: Match.arrayWith([{
              Sid: 'DecryptQueueMessages',
              Effect: 'Allow',
              Action: 'kms:Decrypt',
              Resource: KEY,
              Condition: { StringLike: { 'kms:ViaService': 'sqs.*' } },
            }]),
          },
        }],
      });
    });

    test('redshiftAuditLogs gives ListBucket on each bucket ARN and GetObject on its objects, in the stack\'s partition (R-208, A-43)', () => {
      const { template } = roleWith(AuditPermissions.redshiftAuditLogs(['redshift-cluster-1-db-audit-log', 'redshift-bucket-3']));
      const doc = identityPolicies(resolveTemplate(template, { partition: 'aws-us-gov', region: 'us-gov-west-1' }), onlyOf(template, 'AWS::IAM::Role')).documents[0];
      expect(doc.Statement).toEqual([
        {
          Sid: 'RedshiftAuditLogMetadata',
          Effect: 'Allow',
          Action: ['redshift:DescribeEvents', 'redshift:DescribeClusters', 'redshift:DescribeLoggingStatus', 'redshift:DescribeClusterParameters', 'iam:GetUser'],
          Resource: '*',
        },
        {
          Sid: 'RedshiftAuditLogBuckets',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: ['arn:aws-us-gov:s3:::redshift-cluster-1-db-audit-log', 'arn:aws-us-gov:s3:::redshift-bucket-3'],
        },
        {
          Sid: 'RedshiftAuditLogObjects',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: ['arn:aws-us-gov:s3:::redshift-cluster-1-db-audit-log/*', 'arn:aws-us-gov:s3:::redshift-bucket-3/*'],
        },
      ]);
    });

    test('redshiftAuditLogs writes no literal partition into the template', () => {
      const { template } = roleWith(AuditPermissions.redshiftAuditLogs(['redshift-bucket-3']));
      expect(JSON.stringify(template)).not.toContain('arn:aws:');
    });

    test('the same bundle kind given twice gets two inline policies, the second numbered', () => {
      const stack = concreteStack();
      new ReadOnlyAuditRole(stack, 'AuditRole', {
        trustedAccountId: VENDOR,
        externalId: EXTERNAL_ID,
        permissions: [AuditPermissions.consumeQueues([QUEUE]), AuditPermissions.consumeQueues([MACIE_QUEUE])],
      });
      const role = Object.values(templateOf(stack).Resources).find((r: any) => r.Type === 'AWS::IAM::Role') as any;
      expect(role.Properties.Policies.map((p: any) => p.PolicyName)).toEqual(['ConsumeQueues', 'ConsumeQueues2']);
    });

    test('awsManagedPolicy attaches any AWS managed policy by name, with its path', () => {
      const { template } = roleWith(AuditPermissions.awsManagedPolicy('AWSBillingReadOnlyAccess'));
      const role = Object.values(template.Resources).find((r: any) => r.Type === 'AWS::IAM::Role') as any;
      expect(role.Properties.ManagedPolicyArns).toEqual([
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSBillingReadOnlyAccess']] },
      ]);
    });

    test('tokens are accepted as queue ARNs and bucket names', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues([`arn:${Aws.PARTITION}:sqs:${Aws.REGION}:${Aws.ACCOUNT_ID}:q`]))).toBe('');
      expect(errorOf(() => AuditPermissions.redshiftAuditLogs([`logs-${Aws.ACCOUNT_ID}`]))).toBe('');
    });
  });

  describe('bad input', () => {
    test('consumeQueues fails on an empty list, naming the prop and an example', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues([]))).toBe(
        'TestStack/AuditRole: permissions[0] (AuditPermissions.consumeQueues(queueArns)): queueArns must not be empty: give the ARN of at least one SQS queue, e.g. ["arn:aws:sqs:us-east-1:123456789012:cloudtrail-data-events"]',
      );
    });

    test('consumeQueues fails on an ARN of another service (A-49)', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues([`arn:aws:sns:us-east-1:${ACCOUNT}:topic`]))).toMatch(
        /queueArns\[0\] must be the ARN of an SQS queue .* got "arn:aws:sns:us-east-1:123456789012:topic": it is an ARN of service "sns"$/,
      );
    });

    test('consumeQueues fails on a wildcard queue ARN: queues are named, never * (A-49)', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues([`arn:aws:sqs:us-east-1:${ACCOUNT}:*`]))).toMatch(
        /queueArns\[0\] must be the ARN of an SQS queue .* got "arn:aws:sqs:us-east-1:123456789012:\*": it is a pattern: list each ARN without wildcards$/,
      );
    });

    test('consumeQueues fails on something that is not an ARN', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues(['https://sqs.us-east-1.amazonaws.com/123456789012/q']))).toMatch(
        /queueArns\[0\] must be the ARN of an SQS queue "arn:<partition>:sqs:<region>:<account>:<queue name>" .* got "https:\/\/sqs.*": copy the full ARN from the console or the CLI$/,
      );
    });

    test('consumeQueues fails on a duplicate queue', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues([QUEUE, QUEUE]))).toMatch(/queueArns lists "arn:aws:sqs:us-east-1:123456789012:cloudtrail-data-events" more than once: remove the duplicates/);
    });

    test('consumeQueues fails on a queue ARN given as a key ARN', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues([QUEUE], { kmsKeyArns: [QUEUE] }))).toMatch(/kmsKeyArns\[0\] must be the ARN of a KMS key .* it is an ARN of service "sqs"$/);
    });

    test('consumeQueues fails on a KMS alias ARN, which IAM never matches for kms:Decrypt', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues([QUEUE], { kmsKeyArns: [`arn:aws:kms:us-east-1:${ACCOUNT}:alias/queue`] }))).toMatch(
        /kmsKeyArns\[0\] must be the ARN of a KMS key .* got "arn:aws:kms:us-east-1:123456789012:alias\/queue": it is an alias ARN: give the key ARN/,
      );
    });

    test('consumeQueues fails on an empty kmsKeyArns', () => {
      expect(errorOf(() => AuditPermissions.consumeQueues([QUEUE], { kmsKeyArns: [] }))).toMatch(/kmsKeyArns must not be empty: give the ARN of at least one KMS key, e.g. /);
    });

    test('redshiftAuditLogs fails on an empty bucket list (A-43)', () => {
      expect(errorOf(() => AuditPermissions.redshiftAuditLogs([]))).toBe(
        'TestStack/AuditRole: permissions[0] (AuditPermissions.redshiftAuditLogs(bucketNames)): bucketNames must not be empty: give the name of every bucket Redshift writes audit logs to, e.g. ["redshift-audit-logs"]',
      );
    });

    test('redshiftAuditLogs fails on a bucket ARN and says which name to give', () => {
      expect(errorOf(() => AuditPermissions.redshiftAuditLogs(['arn:aws:s3:::redshift-bucket-3']))).toMatch(
        /bucketNames\[0\] must be an S3 bucket name .* got "arn:aws:s3:::redshift-bucket-3": it is an ARN: give only the name \("redshift-bucket-3"\)$/,
      );
    });

    test.each([
      ['Upper-Case-Bucket'],
      ['ab'],
      ['bucket_with_underscore'],
      ['-leading-hyphen'],
      ['two..dots'],
      ['192.168.5.4'],
    ])('redshiftAuditLogs fails on the invalid bucket name %s', (name) => {
      expect(errorOf(() => AuditPermissions.redshiftAuditLogs([name]))).toContain(`bucketNames[0] must be an S3 bucket name of 3-63 lowercase letters, digits, dots and hyphens that starts and ends with a letter or digit (e.g. "redshift-audit-logs"), got ${JSON.stringify(name)}`);
    });

    test('redshiftAuditLogs fails on a duplicate bucket', () => {
      expect(errorOf(() => AuditPermissions.redshiftAuditLogs(['redshift-bucket-3', 'redshift-bucket-3']))).toMatch(/bucketNames lists "redshift-bucket-3" more than once/);
    });

    test('awsManagedPolicy fails on an ARN instead of a name', () => {
      expect(errorOf(() => AuditPermissions.awsManagedPolicy('arn:aws:iam::aws:policy/SecurityAudit'))).toMatch(
        /policyName must be an AWS managed policy name .* got "arn:aws:iam::aws:policy\/SecurityAudit": it is an ARN: give what follows "policy\/" \("SecurityAudit"\)$/,
      );
    });

    test('awsManagedPolicy fails on a name with a space', () => {
      expect(errorOf(() => AuditPermissions.awsManagedPolicy('Security Audit'))).toMatch(/policyName must be an AWS managed policy name .* got "Security Audit"/);
    });

    test('all problems of all bundles are reported at once', () => {
      const stack = concreteStack();
      expect(() => new ReadOnlyAuditRole(stack, 'AuditRole', {
        trustedAccountId: VENDOR,
        externalId: EXTERNAL_ID,
        permissions: [AuditPermissions.consumeQueues([]), AuditPermissions.redshiftAuditLogs([])],
      })).toThrow(/permissions\[0\] .*queueArns must not be empty[\s\S]*permissions\[1\] .*bucketNames must not be empty/);
    });
  });

  describe('simulation of what the bundles allow and deny', () => {
    function policiesOf(bundle: AuditPermissions) {
      const { template } = roleWith(bundle);
      const t = resolveTemplate(template, { account: ACCOUNT });
      return { docs: identityPolicies(t, onlyOf(template, 'AWS::IAM::Role')).documents, principal: arnOf(t, onlyOf(template, 'AWS::IAM::Role')) };
    }

    test('consumeQueues: the role may receive and delete on its queue', async () => {
      const { docs, principal } = policiesOf(AuditPermissions.consumeQueues([QUEUE]));
      expect(await isAllowed({ principal, action: 'sqs:ReceiveMessage', resource: QUEUE, identityPolicies: docs })).toBe(true);
      expect(await isAllowed({ principal, action: 'sqs:DeleteMessage', resource: QUEUE, identityPolicies: docs })).toBe(true);
    });

    test('consumeQueues: the role may not receive from another queue, nor send or purge its own', async () => {
      const { docs, principal } = policiesOf(AuditPermissions.consumeQueues([QUEUE]));
      expect(await isAllowed({ principal, action: 'sqs:ReceiveMessage', resource: MACIE_QUEUE, identityPolicies: docs })).toBe(false);
      expect(await isAllowed({ principal, action: 'sqs:SendMessage', resource: QUEUE, identityPolicies: docs })).toBe(false);
      expect(await isAllowed({ principal, action: 'sqs:PurgeQueue', resource: QUEUE, identityPolicies: docs })).toBe(false);
    });

    test('consumeQueues with a key: kms:Decrypt is allowed through SQS and denied when called directly', async () => {
      const { docs, principal } = policiesOf(AuditPermissions.consumeQueues([QUEUE], { kmsKeyArns: [KEY] }));
      // A KMS key needs its key policy to let IAM policies decide: the default key policy delegates to the account.
      const keyPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };
      const common = { principal, action: 'kms:Decrypt', resource: KEY, identityPolicies: docs, resourcePolicy: keyPolicy };
      expect(await isAllowed({ ...common, context: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } })).toBe(true);
      expect(await isAllowed(common)).toBe(false);
    });

    test('redshiftAuditLogs: the role may list the log bucket and read its objects', async () => {
      const { docs, principal } = policiesOf(AuditPermissions.redshiftAuditLogs(['redshift-bucket-3']));
      const common = { principal, identityPolicies: docs, resourceAccount: ACCOUNT };
      expect(await isAllowed({ ...common, action: 's3:ListBucket', resource: 'arn:aws:s3:::redshift-bucket-3' })).toBe(true);
      expect(await isAllowed({ ...common, action: 's3:GetObject', resource: 'arn:aws:s3:::redshift-bucket-3/2026/11/useractivitylog.gz' })).toBe(true);
      expect(await isAllowed({ ...common, action: 'redshift:DescribeLoggingStatus', resource: `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:c1` })).toBe(true);
    });

    test('redshiftAuditLogs: the role may not read other buckets, nor write or delete log objects', async () => {
      const { docs, principal } = policiesOf(AuditPermissions.redshiftAuditLogs(['redshift-bucket-3']));
      const common = { principal, identityPolicies: docs, resourceAccount: ACCOUNT };
      expect(await isAllowed({ ...common, action: 's3:GetObject', resource: 'arn:aws:s3:::payroll-data/report.csv' })).toBe(false);
      expect(await isAllowed({ ...common, action: 's3:PutObject', resource: 'arn:aws:s3:::redshift-bucket-3/x' })).toBe(false);
      expect(await isAllowed({ ...common, action: 's3:DeleteObject', resource: 'arn:aws:s3:::redshift-bucket-3/x' })).toBe(false);
    });

    test('BUDGETS_READ: the role may view budgets but not modify them', async () => {
      const { docs, principal } = policiesOf(AuditPermissions.BUDGETS_READ);
      const budget = `arn:aws:budgets::${ACCOUNT}:budget/monthly`;
      expect(await isAllowed({ principal, action: 'budgets:ViewBudget', resource: budget, identityPolicies: docs })).toBe(true);
      expect(await isAllowed({ principal, action: 'budgets:ModifyBudget', resource: budget, identityPolicies: docs })).toBe(false);
    });

    test('SHIELD_ATTACKS: the role may list attacks but not create a protection', async () => {
      const { docs, principal } = policiesOf(AuditPermissions.SHIELD_ATTACKS);
      expect(await isAllowed({ principal, action: 'shield:ListAttacks', resource: '*', identityPolicies: docs })).toBe(true);
      expect(await isAllowed({ principal, action: 'shield:CreateProtection', resource: '*', identityPolicies: docs })).toBe(false);
    });
  });
});
