import { createHash } from 'crypto';
import { App, ArnFormat, Aws, BootstraplessSynthesizer, CfnOutput, CfnResource, Duration, Lazy, RemovalPolicy, Stack, Stage, Tags } from 'aws-cdk-lib';
import { CfnStackSet } from 'aws-cdk-lib/aws-cloudformation';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ORG, guardrails } from './org';
import { BenchOptions, queueArn } from './reference-app';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE } from '../src/core/private/audit-tag';
import { ACCESS_LOG_BUCKET_REASON, skipCheckov } from '../src/core/private/checkov';
import { SSE_SQS_REASON } from '../src/event-stream/private/queues';
import { mergeStatements } from '../src/guardrails/private/packing';
import { documentToJson } from '../src/guardrails/private/statement';

/**
 * The same organization as `defineLibraryApp`, written by hand with
 * aws-cdk-lib only (L2 constructs where they exist, L1 otherwise), the way a
 * user without this library would write it. It emits the same resource types
 * and counts in every stack (test/bench/parity.test.ts checks that); it is
 * the yardstick of the synth-overhead figure, not a second implementation to
 * maintain, so it supports only the reference guardrail set (4 guardrails).
 */
export function defineBaselineApp(app: App, options: BenchOptions): Stack[] {
  if (options.guardrailCount !== 4) {
    throw new RangeError(`the hand-written baseline has the 4 reference guardrails, got guardrailCount ${options.guardrailCount}`);
  }
  const management = new Stack(app, 'Management', { env: { account: ORG.managementAccount, region: ORG.homeRegion } });

  const templates = new Stage(management, 'MemberTemplates');
  const roleTemplate = new Stack(templates, 'AuditRole', { synthesizer: new BootstraplessSynthesizer() });
  auditRole(roleTemplate, 'Read-only security audit access (cdk-audit-baseline)');
  Tags.of(roleTemplate).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);
  const streamTemplate = new Stack(templates, 'EventStream', { synthesizer: new BootstraplessSynthesizer() });
  eventStream(streamTemplate, GUIDE_SOURCES);
  Tags.of(streamTemplate).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);
  const body = (stack: Stack) => Lazy.string({
    produce: () => JSON.stringify(templates.synth().getStackArtifact(stack.artifactId).template),
  });

  const accounts = options.stackSetAccounts ?? [];
  const deploymentTargets: CfnStackSet.DeploymentTargetsProperty = accounts.length > 0
    ? { organizationalUnitIds: [ORG.workloadsOu], accounts, accountFilterType: 'INTERSECTION' }
    : { organizationalUnitIds: [ORG.rootId] };
  const stackSet = (id: string, name: string, stack: Stack, regions: string[]) => new CfnStackSet(management, id, {
    stackSetName: name,
    permissionModel: 'SERVICE_MANAGED',
    callAs: 'SELF',
    autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
    capabilities: ['CAPABILITY_NAMED_IAM'],
    managedExecution: { Active: true },
    operationPreferences: {
      regionConcurrencyType: 'PARALLEL',
      maxConcurrentPercentage: 100,
      failureTolerancePercentage: 100,
      concurrencyMode: 'SOFT_FAILURE_TOLERANCE',
    },
    stackInstancesGroup: [{ deploymentTargets, regions }],
    templateBody: body(stack),
  });
  stackSet('AuditRoleRollout', 'vendor-audit-role', roleTemplate, [ORG.homeRegion]);
  stackSet('EventStreamRollout', 'vendor-event-stream', streamTemplate, options.regions);

  new organizations.CfnPolicy(management, 'Guardrails', {
    name: 'audit-baseline-guardrails',
    description: 'cdk-audit-baseline Management/Guardrails (1/1): DenyResourcesOutsideOrganization, ProtectAuditSetup, ProtectAuditSetupTagged, ProtectAuditSetupTagKey, DenyLeaveOrganization, DenyRegionsOutside',
    type: 'SERVICE_CONTROL_POLICY',
    targetIds: [ORG.workloadsOu],
    content: guardrailDocument(options.guardrailTrustedAccounts ?? [ORG.vendorAccount]),
  });

  const security = new Stack(app, 'Security', { env: { account: ORG.securityAccount, region: ORG.queueRegion } });
  centralQueue(security, options.queueSourceAccounts ?? []);
  Tags.of(security).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);

  // A stage of the account stack and its regional stacks, as the preset is
  // (and as a hand-written app deployed by a pipeline would group them).
  const onboarding = new Stage(app, 'ManagementAccount');
  const account = new Stack(onboarding, 'Account', { stackName: 'ManagementAccount', env: { account: ORG.managementAccount, region: ORG.homeRegion } });
  const role = auditRole(account, 'Read-only access for VMware Aria Automation for Secure Clouds');
  new CfnOutput(account, 'RoleArn', { value: role.roleArn, description: 'VMware Aria Automation for Secure Clouds: IAM Role ARN' });
  new CfnOutput(account, 'ExternalId', { value: ORG.externalId, description: 'VMware Aria Automation for Secure Clouds: External ID in the role\'s trust' });
  trail(account);
  Tags.of(account).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);

  const regional = options.regions.map((region) => {
    const stack = new Stack(onboarding, `EventStream-${region}`, {
      stackName: `ManagementAccount-event-stream-${region}`,
      env: { account: ORG.managementAccount, region },
    });
    eventStream(stack, [...GUIDE_SOURCES, 'wafv2.amazonaws.com']);
    Tags.of(stack).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);
    return stack;
  });
  return [management, security, account, ...regional];
}

function auditRole(stack: Stack, description: string): iam.Role {
  return new iam.Role(stack, 'AuditRole', {
    roleName: ORG.roleName,
    description,
    assumedBy: new iam.AccountPrincipal(ORG.vendorAccount),
    externalIds: [ORG.externalId],
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
  });
}

/** Rule -> encrypted topic -> central queue, DLQ, delivery-status logs: 11 resources. */
function eventStream(stack: Stack, sources: string[]): void {
  const topicName = ORG.topicName;
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN, description: `Encrypts the ${topicName} event-stream topic; EventBridge may use it to publish` });
  // Without a Sid, so the SNS target's own grant of the same actions merges into it; the Sid is set below.
  key.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    principals: [new iam.ServicePrincipal('events.amazonaws.com')],
    resources: ['*'],
  }));
  const logArn = (suffix: string) => stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: `sns/${stack.region}/${stack.account}/${topicName}${suffix}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchLogsToEncryptDeliveryStatusLogs',
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.${Aws.URL_SUFFIX}`)],
    resources: ['*'],
    conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': [logArn(''), logArn('/Failure')] } },
  }));

  const dlq = new sqs.Queue(stack, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  skipCheckov(dlq.node.defaultChild as CfnResource, 'CKV_AWS_27', SSE_SQS_REASON);
  const logGroup = (id: string, suffix: string) => new logs.LogGroup(stack, id, {
    logGroupName: `sns/${stack.region}/${stack.account}/${topicName}${suffix}`,
    encryptionKey: key,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const success = logGroup('DeliverySuccessLogs', '');
  const failure = logGroup('DeliveryFailureLogs', '/Failure');
  const statusRole = new iam.Role(stack, 'DeliveryStatusRole', {
    description: `Lets SNS write delivery-status logs of the ${topicName} topic`,
    assumedBy: new iam.ServicePrincipal('sns.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
  });
  statusRole.addToPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [success.logGroupArn, failure.logGroupArn],
  }));

  const topic = new sns.Topic(stack, 'Topic', {
    topicName,
    masterKey: key,
    enforceSSL: true,
    loggingConfigs: [{
      protocol: sns.LoggingProtocol.SQS,
      successFeedbackRole: statusRole,
      failureFeedbackRole: statusRole,
      successFeedbackSampleRate: 100,
    }],
  });
  const rule = new events.Rule(stack, 'Rule', {
    description: `Forwards AWS API calls recorded by CloudTrail to the ${topicName} topic`,
    eventPattern: {
      source: events.Match.prefix('aws.'),
      detailType: ['AWS API Call via CloudTrail'],
      detail: { eventSource: sources },
    },
  });
  rule.addTarget(new targets.SnsTopic(topic, { deadLetterQueue: dlq, retryAttempts: 185, maxEventAge: Duration.days(1) }));
  // Only this rule may publish (the target's own grant has no condition).
  (key.node.defaultChild as CfnResource).addPropertyOverride('KeyPolicy.Statement.1.Sid', 'AllowEventBridgeToPublishToEncryptedTopic');
  const topicPolicy = topic.node.findChild('Policy').node.defaultChild as CfnResource;
  topicPolicy.addPropertyOverride('PolicyDocument.Statement.1.Sid', 'AllowOnlyTheEventStreamRuleToPublish');
  topicPolicy.addPropertyOverride('PolicyDocument.Statement.1.Condition', { ArnEquals: { 'aws:SourceArn': rule.ruleArn } });
  (dlq.node.findChild('Policy').node.defaultChild as CfnResource).addPropertyOverride('PolicyDocument.Statement.1.Sid', 'AllowTheEventStreamRuleToDeadLetter');
  new sns.Subscription(stack, 'Subscription', {
    topic,
    endpoint: queueArn(stack),
    protocol: sns.SubscriptionProtocol.SQS,
    deadLetterQueue: dlq,
  });
}

/** The guide's 21 event sources (the member template); the preset's regional streams add WAF v2. */
const GUIDE_SOURCES = [
  'acm', 'autoscaling', 'cloudformation', 'cloudfront', 'cloudhsm', 'cloudtrail', 'directconnect', 'dynamodb', 'ec2',
  'elasticache', 'elasticloadbalancing', 'es', 'iam', 'kms', 'rds', 'redshift', 'route53', 's3', 'ses', 'sqs', 'waf',
].map((s) => `${s}.amazonaws.com`);

function centralQueue(stack: Stack, sourceAccounts: string[]): void {
  const dlq = new sqs.Queue(stack, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  skipCheckov(dlq.node.defaultChild as CfnResource, 'CKV_AWS_27', SSE_SQS_REASON);
  const queue = new sqs.Queue(stack, 'Queue', {
    queueName: ORG.queueName,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    retentionPeriod: Duration.days(14),
    deadLetterQueue: { queue: dlq, maxReceiveCount: 10 },
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  skipCheckov(queue.node.defaultChild as CfnResource, 'CKV_AWS_27', SSE_SQS_REASON);
  const topicArns = `arn:${Aws.PARTITION}:sns:*:*:${ORG.topicName}`;
  queue.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowEventStreamTopicsOfOrganization',
    actions: ['sqs:SendMessage'],
    principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
    resources: [queue.queueArn],
    conditions: { StringEquals: { 'aws:SourceOrgID': ORG.organizationId }, ArnLike: { 'aws:SourceArn': topicArns } },
  }));
  if (sourceAccounts.length > 0) {
    queue.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['sqs:SendMessage'],
      principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
      resources: [queue.queueArn],
      conditions: { StringEquals: { 'aws:SourceAccount': sourceAccounts }, ArnLike: { 'aws:SourceArn': topicArns } },
    }));
  }
  queue.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowConsumersToReceiveAndDelete',
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    principals: [new iam.ArnPrincipal(stack.formatArn({ service: 'iam', region: '', account: ORG.vendorAccount, resource: 'role', resourceName: 'VendorEventReader' }))],
    resources: [queue.queueArn],
  }));
}

/** A multi-region trail, its KMS key, its bucket and an access-log bucket: 6 resources. */
function trail(stack: Stack): void {
  // Named like the library's trail (stack name, 8 hex digits), so both templates carry the same bytes.
  const trailName = `${stack.stackName}-Trail-${createHash('sha256').update(stack.node.path).digest('hex').slice(0, 8).toUpperCase()}`;
  const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
  const key = new kms.Key(stack, 'TrailKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN, description: `Encrypts the log files of the ${trailName} trail` });
  const cloudtrailPrincipal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudTrailToEncryptLogs',
    actions: ['kms:GenerateDataKey*'],
    principals: [cloudtrailPrincipal],
    resources: ['*'],
    conditions: {
      StringEquals: { 'aws:SourceArn': trailArn },
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': stack.formatArn({ service: 'cloudtrail', region: '*', resource: 'trail', resourceName: '*' }) },
    },
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudTrailToDescribeKey',
    actions: ['kms:DescribeKey'],
    principals: [cloudtrailPrincipal],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
  }));
  const bucketProps: s3.BucketProps = {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  };
  const accessLogs = new s3.Bucket(stack, 'AccessLogs', { ...bucketProps, encryption: s3.BucketEncryption.S3_MANAGED });
  skipCheckov(accessLogs.node.defaultChild as CfnResource, 'CKV_AWS_18', ACCESS_LOG_BUCKET_REASON);
  const bucket = new s3.Bucket(stack, 'TrailBucket', { ...bucketProps, encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true });
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: accessLogs.bucketName, logFilePrefix: 'trail-bucket/' };
  accessLogs.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowServerAccessLogsOfTheTrailBucket',
    actions: ['s3:PutObject'],
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    resources: [accessLogs.arnForObjects('trail-bucket/*')],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': stack.account } },
  }));
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudTrailAclCheck',
    actions: ['s3:GetBucketAcl'],
    principals: [cloudtrailPrincipal],
    resources: [bucket.bucketArn],
    conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
  }));
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudTrailWrite',
    actions: ['s3:PutObject'],
    principals: [cloudtrailPrincipal],
    resources: [bucket.arnForObjects(`AWSLogs/${stack.account}/*`)],
    conditions: { StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
  }));
  const cfnTrail = new cloudtrail.CfnTrail(stack, 'Trail', {
    trailName,
    isLogging: true,
    isMultiRegionTrail: true,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    eventSelectors: [{ includeManagementEvents: true, readWriteType: 'All' }],
    kmsKeyId: key.keyArn,
    s3BucketName: bucket.bucketName,
  });
  cfnTrail.node.addDependency(bucket.policy!);
}

/**
 * The four reference guardrails as one hand-written SCP document: the same
 * statements the library writes, so both sides deny the same actions and
 * exempt the same global services and roles (a hand-written copy had drifted
 * to 28 of the 39 protected actions and 12 of the 38 global services).
 * Rendered once per account list from the guardrails' own data, outside the
 * timed runs (the warm-up renders it), which is what a user pasting the
 * document as a literal pays.
 */
const documents = new Map<string, object>();
function guardrailDocument(trustedAccounts: string[]): object {
  const key = JSON.stringify(trustedAccounts);
  let doc = documents.get(key);
  if (!doc) {
    doc = documentToJson(mergeStatements(guardrails(4, trustedAccounts).flatMap((g) => g._statements())));
    documents.set(key, doc);
  }
  return doc;
}
