import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ACCOUNT, attributeReferences, concreteStack, newStack, onlyOf, templateOf, undeclaredWrites, synthErrorOf } from './_helpers';
import { AuditAccessKeyUser, AuditAccessKeyUserProps, AuditPermissions } from '../../src/access';
import { AwsLimits } from '../../src/core/limits';
import { defineHandOffOutputs } from '../../src/core/private/hand-off';
import { arnOf, identityPolicies, isAllowed, nagFindings, resolveTemplate, unknownActions } from '../harness';

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:cloudtrail-data-events`;
const PARTITION_JOIN = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, suffix]] });

function userIn(stack: Stack, props: AuditAccessKeyUserProps = {}): AuditAccessKeyUser {
  return new AuditAccessKeyUser(stack, 'AuditUser', props);
}

function errorOf(props: AuditAccessKeyUserProps): string {
  try {
    userIn(concreteStack(), props);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}


describe('AuditAccessKeyUser', () => {
  describe('template', () => {
    test('a user with the AWS managed SecurityAudit policy, as in the GovCloud guide (R-020)', () => {
      const stack = concreteStack();
      userIn(stack, { userName: 'SecureStateUser' });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::User', {
        UserName: 'SecureStateUser',
        ManagedPolicyArns: [PARTITION_JOIN(':iam::aws:policy/SecurityAudit')],
      });
    });

    test('one access key of the user and one secret; nothing else by default', () => {
      const stack = concreteStack();
      userIn(stack);
      const t = templateOf(stack);
      expect(Object.values(t.Resources).map((r: any) => r.Type).sort()).toEqual(['AWS::IAM::AccessKey', 'AWS::IAM::User', 'AWS::SecretsManager::Secret']);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::AccessKey', { UserName: { Ref: onlyOf(t, 'AWS::IAM::User') } });
      expect(t.Outputs ?? {}).toEqual({});
    });

    test('the secret holds the key ID and the secret key as JSON, resolved by CloudFormation at deploy time', () => {
      const stack = concreteStack();
      userIn(stack);
      const t = templateOf(stack);
      const key = onlyOf(t, 'AWS::IAM::AccessKey');
      expect(t.Resources[onlyOf(t, 'AWS::SecretsManager::Secret')].Properties.SecretString).toEqual({
        'Fn::Join': ['', ['{"accessKeyId":"', { Ref: key }, '","secretAccessKey":"', { 'Fn::GetAtt': [key, 'SecretAccessKey'] }, '"}']],
      });
    });

    test('the secret access key is referenced only in the secret\'s SecretString: never in an output or another resource (A-17, A-47)', () => {
      const stack = concreteStack();
      userIn(stack, { handOffOutputs: true, permissions: [AuditPermissions.SHIELD_ATTACKS] });
      const t = templateOf(stack);
      expect(attributeReferences(t, 'SecretAccessKey')).toEqual([`Resources.${onlyOf(t, 'AWS::SecretsManager::Secret')}.Properties.SecretString`]);
    });

    test('the template holds no access key material in clear', () => {
      const stack = concreteStack();
      userIn(stack, { handOffOutputs: true });
      const text = JSON.stringify(templateOf(stack));
      expect(text).not.toMatch(/AKIA[0-9A-Z]{16}/);
      expect(text).not.toMatch(/[A-Za-z0-9/+=]{40}/);
    });

    test('the secret is deleted with the stack by default (it only holds the key, which is deleted with the user)', () => {
      const stack = concreteStack();
      userIn(stack);
      Template.fromStack(stack).hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    });

    test('secretRemovalPolicy RETAIN keeps the secret', () => {
      const stack = concreteStack();
      userIn(stack, { secretRemovalPolicy: RemovalPolicy.RETAIN });
      Template.fromStack(stack).hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    });

    test('secretName, secretEncryptionKey, accessKeySerial, path and permissionsBoundary are passed through', () => {
      const stack = concreteStack();
      const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
      const boundary = iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'AuditBoundary');
      userIn(stack, { secretName: 'vendor/access-key', secretEncryptionKey: key, accessKeySerial: 2, path: '/vendors/', permissionsBoundary: boundary });
      const t = Template.fromStack(stack);
      t.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'vendor/access-key', KmsKeyId: key.keyArn });
      t.hasResourceProperties('AWS::IAM::AccessKey', { Serial: 2 });
      t.hasResourceProperties('AWS::IAM::User', { Path: '/vendors/', PermissionsBoundary: PARTITION_JOIN(`:iam::${ACCOUNT}:policy/AuditBoundary`) });
    });

    test('with the default aws/secretsmanager key the secret carries a justified checkov skip of CKV_AWS_149', () => {
      const stack = concreteStack();
      userIn(stack);
      const t = templateOf(stack);
      const secret = t.Resources[onlyOf(t, 'AWS::SecretsManager::Secret')];
      expect(secret.Properties.KmsKeyId).toBeUndefined();
      expect(secret.Metadata.checkov.skip).toEqual([{ id: 'CKV_AWS_149', comment: expect.stringMatching(/aws\/secretsmanager.*secretEncryptionKey/s) }]);
    });

    test('with secretEncryptionKey the secret has no checkov skip', () => {
      const stack = concreteStack();
      userIn(stack, { secretEncryptionKey: new kms.Key(stack, 'SecretKey', { enableKeyRotation: true }) });
      const t = templateOf(stack);
      expect(t.Resources[onlyOf(t, 'AWS::SecretsManager::Secret')].Metadata?.checkov).toBeUndefined();
    });

    test('bundle statements go into one customer managed policy attached to the user, not into user inline policies', () => {
      const stack = concreteStack();
      userIn(stack, { permissions: [AuditPermissions.BUDGETS_READ, AuditPermissions.CLOUDTRAIL_READ] });
      const t = templateOf(stack);
      const user = t.Resources[onlyOf(t, 'AWS::IAM::User')];
      expect(user.Properties.Policies).toBeUndefined();
      expect(user.Properties.ManagedPolicyArns).toEqual([
        PARTITION_JOIN(':iam::aws:policy/SecurityAudit'),
        PARTITION_JOIN(':iam::aws:policy/AWSCloudTrail_ReadOnlyAccess'),
      ]);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: { Statement: [{ Sid: 'BudgetsRead', Effect: 'Allow', Resource: '*' }] },
        Users: [{ Ref: onlyOf(t, 'AWS::IAM::User') }],
      });
    });

    test('two bundles of the same kind get distinct Sids in the one managed policy', () => {
      const stack = concreteStack();
      userIn(stack, { permissions: [AuditPermissions.consumeQueues([QUEUE]), AuditPermissions.consumeQueues([`arn:aws:sqs:us-east-1:${ACCOUNT}:macie-alerts`])] });
      const t = templateOf(stack);
      const statements = t.Resources[onlyOf(t, 'AWS::IAM::ManagedPolicy')].Properties.PolicyDocument.Statement;
      expect(statements.map((s: any) => s.Sid)).toEqual(['ConsumeQueues', 'ConsumeQueues2']);
    });

    test('without bundle statements there is no customer managed policy', () => {
      const stack = concreteStack();
      userIn(stack, { permissions: [AuditPermissions.IAM_READ] });
      Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    });

    test('userName is readable at synth when fixed; the attributes are exposed', () => {
      const stack = concreteStack();
      const user = userIn(stack, { userName: 'SecureStateUser' });
      const t = templateOf(stack);
      expect(user.userName).toBe('SecureStateUser');
      expect(stack.resolve(user.accessKeyId)).toEqual({ Ref: onlyOf(t, 'AWS::IAM::AccessKey') });
      expect(stack.resolve(user.secretArn)).toEqual({ Ref: onlyOf(t, 'AWS::SecretsManager::Secret') });
      expect(stack.resolve(user.userArn)).toEqual({ 'Fn::GetAtt': [onlyOf(t, 'AWS::IAM::User'), 'Arn'] });
    });

    test('every action in the template exists', () => {
      const stack = concreteStack();
      userIn(stack, { permissions: [AuditPermissions.redshiftAuditLogs(['audit-logs']), AuditPermissions.consumeQueues([QUEUE])] });
      expect(unknownActions(templateOf(stack))).toEqual([]);
    });

    test('the user\'s own policies grant no write beyond what its bundles declare', () => {
      const stack = concreteStack();
      const queues = AuditPermissions.consumeQueues([QUEUE]);
      userIn(stack, { permissions: [AuditPermissions.BUDGETS_READ, AuditPermissions.FLOW_LOG_ENRICHMENT, queues] });
      const t = templateOf(stack);
      const docs = identityPolicies(t, onlyOf(t, 'AWS::IAM::User')).documents;
      expect(docs).toHaveLength(1);
      expect(undeclaredWrites(docs, queues.writeActions)).toEqual([]);
    });

    test('cdk-nag reports IAM4 on the user and SMG4 on the secret, nothing else', () => {
      const stack = concreteStack();
      userIn(stack);
      expect(nagFindings(stack).map((f) => `${f.id} ${f.path}`)).toEqual([
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit] TestStack/AuditUser/Resource/Resource',
        'AwsSolutions-SMG4 TestStack/AuditUser/Secret/Resource',
      ]);
    });
  });

  describe('hand-off outputs', () => {
    test('handOffOutputs gives the access key ID and the secret ARN, never the secret', () => {
      const stack = concreteStack();
      userIn(stack, { handOffOutputs: true });
      const t = templateOf(stack);
      expect(Object.values(t.Outputs).map((o: any) => o.Value)).toEqual([
        { Ref: onlyOf(t, 'AWS::IAM::AccessKey') },
        { Ref: onlyOf(t, 'AWS::SecretsManager::Secret') },
      ]);
      expect(Object.values(t.Outputs).some((o: any) => o.Export !== undefined)).toBe(false);
    });

    test('the hand-off helper refuses an output that would print an access key secret', () => {
      const stack = concreteStack();
      const user = userIn(stack);
      const key = user.node.findChild('AccessKey') as iam.AccessKey;
      expect(() => defineHandOffOutputs(new Construct(stack, 'Leak'), [{ id: 'Secret', value: key.secretAccessKey.unsafeUnwrap(), description: 'x' }])).toThrow(
        'TestStack/Leak: hand-off output Secret would print an access key secret: secrets go to Secrets Manager only, output the secret\'s ARN instead',
      );
    });
  });

  describe('partitions', () => {
    test.each([
      ['aws-us-gov', 'us-gov-west-1'],
      ['aws-cn', 'cn-north-1'],
      ['aws', 'us-east-1'],
    ])('in %s the SecurityAudit ARN and the user ARN are in the partition (A-17)', (partition, region) => {
      for (const stack of [newStack(), newStack({ account: ACCOUNT, region })]) {
        userIn(stack);
        const t = resolveTemplate(templateOf(stack), { partition, region, account: ACCOUNT });
        const id = onlyOf(t, 'AWS::IAM::User');
        expect(t.Resources[id].Properties.ManagedPolicyArns).toEqual([`arn:${partition}:iam::aws:policy/SecurityAudit`]);
        expect(arnOf(t, id)).toMatch(new RegExp(`^arn:${partition}:iam::${ACCOUNT}:user/`));
      }
    });
  });

  describe('simulation', () => {
    function userPolicies(props: AuditAccessKeyUserProps) {
      const stack = concreteStack();
      userIn(stack, props);
      const t = resolveTemplate(templateOf(stack), { account: ACCOUNT });
      const id = onlyOf(t, 'AWS::IAM::User');
      return { principal: arnOf(t, id), identityPolicies: identityPolicies(t, id).documents };
    }

    test('the user may read the Redshift log bucket it was given and not write to it', async () => {
      const common = { ...userPolicies({ permissions: [AuditPermissions.redshiftAuditLogs(['audit-logs'])] }), resourceAccount: ACCOUNT };
      expect(await isAllowed({ ...common, action: 's3:GetObject', resource: 'arn:aws:s3:::audit-logs/a.gz' })).toBe(true);
      expect(await isAllowed({ ...common, action: 's3:PutObject', resource: 'arn:aws:s3:::audit-logs/a.gz' })).toBe(false);
    });

    test('the user may consume its queue and no other', async () => {
      const common = userPolicies({ permissions: [AuditPermissions.consumeQueues([QUEUE])] });
      expect(await isAllowed({ ...common, action: 'sqs:ReceiveMessage', resource: QUEUE })).toBe(true);
      expect(await isAllowed({ ...common, action: 'sqs:ReceiveMessage', resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:payments` })).toBe(false);
    });
  });

  describe('bad input', () => {
    test('an invalid userName fails with the prop, the value and the fix', () => {
      expect(errorOf({ userName: 'Secure State User' })).toMatch(/^TestStack\/AuditUser: userName must be .*, got "Secure State User": remove " "/);
    });

    test('an invalid path fails', () => {
      expect(errorOf({ path: 'vendors' })).toMatch(/^TestStack\/AuditUser: path must be .*, got "vendors": /);
    });

    test.each([-1, 1.5])('accessKeySerial %p fails', (serial) => {
      expect(errorOf({ accessKeySerial: serial })).toBe(
        `TestStack/AuditUser: accessKeySerial must be a whole number of at least 0, got ${serial}: increase it by one to rotate the key`,
      );
    });

    test('an invalid secretName fails', () => {
      expect(errorOf({ secretName: 'vendor key' })).toBe(
        'TestStack/AuditUser: secretName must be a Secrets Manager secret name of 1-512 characters from [A-Za-z0-9/_+=.@-] (e.g. "security-vendor/access-key"), got "vendor key": remove " "',
      );
    });

    test('a user that would grant nothing fails', () => {
      expect(errorOf({ securityAudit: false })).toMatch(/so the principal would grant nothing/);
    });

    test('bundle problems are reported with the prop', () => {
      expect(errorOf({ permissions: [AuditPermissions.redshiftAuditLogs([])] })).toMatch(/^TestStack\/AuditUser: permissions\[0\] \(AuditPermissions.redshiftAuditLogs\(bucketNames\)\): bucketNames must not be empty/);
    });
  });

  describe('size limits (checked at synth)', () => {
    test('a customer managed policy over the limit fails at synth with the size and the limit', () => {
      const stack = concreteStack();
      userIn(stack, { permissions: [AuditPermissions.COST_EXPLORER_READ], limits: AwsLimits.of({ managedPolicyCharacters: 300 }) });
      expect(synthErrorOf(stack)).toMatch(/the managed policy TestStack\/AuditUser\/Policy\/Resource of user TestStack\/AuditUser\/Resource needs \d+ characters.*, the managed policy limit is 300/);
    });

    test('grants to the user that overflow its 2,048-character inline quota fail at synth', () => {
      const stack = concreteStack();
      const user = userIn(stack);
      user.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['sqs:ReceiveMessage'],
        resources: Array.from({ length: 40 }, (_, i) => `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-with-a-long-name-${i}`),
      }));
      expect(synthErrorOf(stack)).toMatch(/the inline policies of user TestStack\/AuditUser\/Resource need [\d,]+ characters together, the user inline policy limit is 2,048/);
    });

    test('every bundle together fits a user\'s limits', () => {
      const stack = concreteStack();
      userIn(stack, {
        permissions: [
          AuditPermissions.BUDGETS_READ, AuditPermissions.COST_EXPLORER_READ, AuditPermissions.CLOUDTRAIL_READ,
          AuditPermissions.IAM_READ, AuditPermissions.CLOUDWATCH_LOGS_READ, AuditPermissions.CLOUDWATCH_READ,
          AuditPermissions.GUARDDUTY_READ, AuditPermissions.INSPECTOR_CLASSIC_FINDINGS, AuditPermissions.INSPECTOR_FINDINGS,
          AuditPermissions.SHIELD_ATTACKS, AuditPermissions.FLOW_LOG_ENRICHMENT, AuditPermissions.consumeQueues([QUEUE]),
          AuditPermissions.redshiftAuditLogs(['audit-logs-1', 'audit-logs-2']),
        ],
      });
      expect(synthErrorOf(stack)).toBe('');
    });
  });
});
