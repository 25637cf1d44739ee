import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AuditTrail, AuditTrailProps } from '../../src/event-stream';
import { arnOf, isAllowed, nagFindings, resolveTemplate, resourcePolicy, unknownActions } from '../harness';

const ORG = 'o-a1b2c3d4e5';
const ENV = { account: '123456789012', region: 'us-east-1' };

function synth(props: AuditTrailProps = {}): { stack: Stack; template: Template; trail: AuditTrail } {
  const stack = new Stack(new App(), 'S', { env: ENV });
  const trail = new AuditTrail(stack, 'Trail', props);
  return { stack, template: Template.fromStack(stack), trail };
}

describe('AuditTrail', () => {
  test('defines one multi-region trail of all management events with log file validation (R-025)', () => {
    const { template } = synth({ trailName: 'audit-trail' });
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'audit-trail',
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsOrganizationTrail: false,
      EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }],
      KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailKey'), 'Arn'] },
    });
  });

  test('only the access-log bucket carries a justified checkov skip of CKV_AWS_18 (it is the log bucket itself)', () => {
    const { template, trail, stack } = synth();
    const logsId = stack.getLogicalId(trail.accessLogsBucket.node.defaultChild as any);
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(buckets[logsId].Metadata.checkov.skip).toEqual([{ id: 'CKV_AWS_18', comment: expect.stringMatching(/access-log bucket/) }]);
    const trailBucketId = stack.getLogicalId(trail.bucket.node.defaultChild as any);
    expect(buckets[trailBucketId].Metadata?.checkov).toBeUndefined();
    expect(buckets[trailBucketId].Properties.LoggingConfiguration).toBeDefined();
  });

  test('organizationId makes it an organization trail', () => {
    synth({ organizationId: ORG }).template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: true });
  });

  test('the default name is stable and unique to the construct path', () => {
    expect(synth().trail.trailName).toBe(synth().trail.trailName);
    expect(synth().trail.trailName).toMatch(/^S-Trail-[A-F0-9]{8}$/);
  });

  test('the log bucket is KMS-encrypted, versioned, private, logged and retained', () => {
    synth().template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: { Ref: Match.stringLikeRegexp('^TrailAccessLogsBucket') } }),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('the key has rotation and is retained', () => {
    synth().template.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true }), DeletionPolicy: 'Retain' });
  });

  test('a second AuditTrail for the same account fails at synth (R-025)', () => {
    const app = new App();
    new AuditTrail(new Stack(app, 'A', { env: ENV }), 'Trail');
    new AuditTrail(new Stack(app, 'B', { env: { ...ENV, region: 'eu-west-1' } }), 'Trail');
    expect(() => app.synth()).toThrow(/the app defines 2 AuditTrail constructs for account 123456789012 .*"Do not create more than one CloudTrail for the event stream"/);
  });

  test('trails of different accounts are fine', () => {
    const app = new App();
    new AuditTrail(new Stack(app, 'A', { env: ENV }), 'Trail');
    new AuditTrail(new Stack(app, 'B', { env: { ...ENV, account: '222233334444' } }), 'Trail');
    expect(() => app.synth()).not.toThrow();
  });

  test('fromTrailArn references an existing trail and defines nothing', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    const existing = AuditTrail.fromTrailArn(stack, 'OrgTrail', 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail');
    expect(existing.trailArn).toBe('arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail');
    // A construct in the tree, as aws-cdk-lib's fromXxxArn references are.
    expect(existing.node.path).toBe('S/OrgTrail');
    expect(stack.node.tryFindChild('OrgTrail')).toBe(existing);
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources ?? {})).toEqual([]);
  });

  test('fromTrailArn rejects an ARN of another resource', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    expect(() => AuditTrail.fromTrailArn(stack, 'Trail', 'arn:aws:s3:::my-bucket')).toThrow(/^S\/Trail: trailArn must be/);
  });

  // Issue 19: the core trail ARN rule (region known, the trail name's own rule), shared with the presets.
  test('fromTrailArn rejects a trail ARN in an unknown region or with a name CloudTrail refuses', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    expect(() => AuditTrail.fromTrailArn(stack, 'T1', 'arn:aws:cloudtrail:us-east-9:123456789012:trail/audit-trail'))
      .toThrow(/trailArn must be a CloudTrail trail ARN .*its region "us-east-9" is not a region known to aws-cdk-lib/);
    expect(() => AuditTrail.fromTrailArn(stack, 'T2', 'arn:aws:cloudtrail:us-east-1:123456789012:trail/-trail'))
      .toThrow(/the trail name: start and end it with a letter or digit/);
  });

  test('an imported key raises a warning naming the statements to add', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    new AuditTrail(stack, 'Trail', { encryptionKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab') });
    Annotations.fromStack(stack).hasWarning('/S/Trail', Match.stringLikeRegexp('allow cloudtrail.amazonaws.com'));
  });

  describe('bad input', () => {
    test('rejects an AWS-managed key', () => {
      const stack = new Stack(new App(), 'S', { env: ENV });
      expect(() => new AuditTrail(stack, 'Trail', { encryptionKey: kms.Alias.fromAliasName(stack, 'K', 'alias/aws/s3') }))
        .toThrow(/^S\/Trail: encryptionKey uses the AWS-managed key "alias\/aws\/s3"/);
    });

    test('rejects a bad trail name', () => {
      expect(() => synth({ trailName: 'a b' })).toThrow(
        'S/Trail: trailName must be a CloudTrail trail name of 3-128 characters from [A-Za-z0-9._-], starting and ending with a letter or digit (e.g. "audit-trail"), got "a b": remove " "',
      );
    });

    test('rejects a trail name that ends in a hyphen (CloudTrail wants a letter or digit at both ends)', () => {
      expect(() => synth({ trailName: 'audit-trail-' })).toThrow(/trailName must be a CloudTrail trail name .* got "audit-trail-": start and end it with a letter or digit$/);
    });

    test('rejects a malformed organization ID', () => {
      expect(() => synth({ organizationId: 'org-1' })).toThrow(/organizationId must be an AWS Organizations ID/);
    });
  });

  describe('bucket and key policies (simulated)', () => {
    const t = resolveTemplate(synth({ trailName: 'audit-trail', organizationId: ORG }).template.toJSON());
    const bucketId = Object.keys(t.Resources).find((k) => k.startsWith('TrailBucket') && t.Resources[k].Type === 'AWS::S3::Bucket')!;
    const bucketPolicy = resourcePolicy(t, bucketId);
    const trailArn = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/audit-trail';
    const bucketArn = arnOf(t, bucketId);
    const put = (key: string, sourceArn: string) => isAllowed({
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: `${bucketArn}/${key}`,
      resourceAccount: '123456789012',
      resourcePolicy: bucketPolicy,
      context: { 'aws:SourceArn': sourceArn, 's3:x-amz-acl': 'bucket-owner-full-control' },
    });

    test('the trail may write the account\'s and the organization\'s log paths', async () => {
      expect(await put('AWSLogs/123456789012/CloudTrail/us-east-1/x.json.gz', trailArn)).toBe(true);
      expect(await put(`AWSLogs/${ORG}/222233334444/CloudTrail/eu-west-1/x.json.gz`, trailArn)).toBe(true);
    });

    test('another trail may not write, even to the same path (confused deputy)', async () => {
      expect(await put('AWSLogs/123456789012/CloudTrail/us-east-1/x.json.gz', 'arn:aws:cloudtrail:us-east-1:444455556666:trail/other')).toBe(false);
    });

    test('the trail may not write outside AWSLogs/<account or org>/', async () => {
      expect(await put('other/x.json.gz', trailArn)).toBe(false);
      expect(await put('AWSLogs/444455556666/x.json.gz', trailArn)).toBe(false);
    });

    // The simulator does not model kms:EncryptionContext:* keys, so the
    // GenerateDataKey statement is asserted on the template (next test) and
    // the source condition is proven on DescribeKey, which carries only it.
    test('CloudTrail may describe the key only for this trail', async () => {
      const keyId = Object.keys(t.Resources).find((k) => t.Resources[k].Type === 'AWS::KMS::Key')!;
      const describe = (sourceArn: string) => isAllowed({
        principal: 'cloudtrail.amazonaws.com',
        action: 'kms:DescribeKey',
        resource: arnOf(t, keyId),
        resourcePolicy: resourcePolicy(t, keyId),
        context: { 'aws:SourceArn': sourceArn },
      });
      expect(await describe(trailArn)).toBe(true);
      expect(await describe('arn:aws:cloudtrail:us-east-1:444455556666:trail/other')).toBe(false);
    });

    test('CloudTrail may generate data keys only for this trail and this account\'s trails\' context', () => {
      const key: any = Object.values(t.Resources).find((r: any) => r.Type === 'AWS::KMS::Key');
      expect(key.Properties.KeyPolicy.Statement).toContainEqual({
        Sid: 'AllowCloudTrailToEncryptLogs',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:123456789012:trail/*' },
        },
      });
    });

    test('only S3 log delivery for the trail bucket may write access logs', async () => {
      const logsId = Object.keys(t.Resources).find((k) => k.startsWith('TrailAccessLogsBucket') && t.Resources[k].Type === 'AWS::S3::Bucket')!;
      const write = (sourceArn: string, sourceAccount: string) => isAllowed({
        principal: 'logging.s3.amazonaws.com',
        action: 's3:PutObject',
        resource: `${arnOf(t, logsId)}/trail-bucket/x`,
        resourceAccount: '123456789012',
        resourcePolicy: resourcePolicy(t, logsId),
        context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount },
      });
      expect(await write(bucketArn, '123456789012')).toBe(true);
      expect(await write('arn:aws:s3:::someone-elses-bucket', '444455556666')).toBe(false);
    });

    test('emits only IAM actions that exist', () => {
      expect(unknownActions(t)).toEqual([]);
    });
  });

  test('has no unsuppressed cdk-nag finding', () => {
    expect(nagFindings(synth({ organizationId: ORG }).stack)).toEqual([]);
  });
});
