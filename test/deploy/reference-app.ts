import { App, BootstraplessSynthesizer, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * A hand-written aws-cdk-lib app with the shapes the library emits, so the
 * local deployment machinery is proven independently of the library's
 * examples (and keeps being proven if an example changes): a vendor audit
 * role with an external ID, a CloudTrail rule to an encrypted topic with a
 * TLS-only, source-scoped policy, a queue with a DLQ subscribed to it, and a
 * publisher account forwarding events to a receiver account's default bus,
 * whose rule feeds a queue. Variants break one security property each.
 */

export const VENDOR_ACCOUNT = '111122223333';
export const RECEIVER_ACCOUNT = '222233334444';
export const PUBLISHER_ACCOUNT = '333344445555';
export const REGION = 'us-east-1';
export const EXTERNAL_ID = 'cab-external-id-0123';

/**
 * A rule target whose resource-policy statement for `events.amazonaws.com` is
 * scoped to the rule's ARN (aws-events-targets' `SnsTopic` and `SqsQueue` add
 * the statement without `aws:SourceArn`, which the posture check rejects).
 */
function scopedTarget(
  arn: string, addToPolicy: (s: iam.PolicyStatement) => unknown, action: string, deadLetterQueue: sqs.IQueue,
): events.IRuleTarget {
  return {
    bind: (rule: events.IRule) => {
      addToPolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: [action],
        resources: [arn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
      }));
      return { arn, deadLetterConfig: { arn: deadLetterQueue.queueArn }, retryPolicy: { maximumRetryAttempts: 3 } };
    },
  };
}

/** What to break in the reference app. */
export interface ReferenceAppOptions {
  /** Trust the vendor account without `sts:ExternalId`. */
  readonly trustWithoutExternalId?: boolean;
  /** Add a queue policy statement letting any principal send to the receiver queue. */
  readonly queueOpenToAnyone?: boolean;
}

/** Defines the reference app's stacks in `app`. */
export function defineReferenceApp(app: App, options: ReferenceAppOptions = {}): Stack[] {
  const receiver = new Stack(app, 'CabRefReceiver', { env: { account: RECEIVER_ACCOUNT, region: REGION } });

  const vendor = new iam.AccountPrincipal(VENDOR_ACCOUNT);
  new iam.Role(receiver, 'AuditRole', {
    assumedBy: options.trustWithoutExternalId ? vendor : vendor.withConditions({ StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
    maxSessionDuration: Duration.hours(1),
  });

  const key = new kms.Key(receiver, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  const deadLetterQueue = new sqs.Queue(receiver, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const queue = new sqs.Queue(receiver, 'Queue', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.RETAIN,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 },
  });
  if (options.queueOpenToAnyone) {
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
  }

  const topic = new sns.Topic(receiver, 'Topic', { masterKey: key, enforceSSL: true });
  const cloudTrailRule = new events.Rule(receiver, 'CloudTrailRule', {
    eventPattern: {
      source: ['aws.iam', 'aws.s3'],
      detailType: ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['iam.amazonaws.com', 's3.amazonaws.com'] },
    },
  });
  cloudTrailRule.addTarget(scopedTarget(topic.topicArn, (s) => topic.addToResourcePolicy(s), 'sns:Publish', deadLetterQueue));
  topic.addSubscription(new subscriptions.SqsSubscription(queue, { rawMessageDelivery: true, deadLetterQueue }));

  // Receiver half of cross-account forwarding: the default bus admits the publisher, a rule feeds the queue.
  new events.CfnEventBusPolicy(receiver, 'BusPolicy', {
    statementId: 'AllowPublisher',
    statement: {
      Effect: 'Allow',
      Principal: { AWS: `arn:${receiver.partition}:iam::${PUBLISHER_ACCOUNT}:root` },
      Action: 'events:PutEvents',
      Resource: receiver.formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' }),
    },
  });
  const forwarded = new events.Rule(receiver, 'ForwardedRule', {
    eventPattern: { source: ['aws.ec2'], detailType: ['AWS API Call via CloudTrail'], detail: { eventSource: ['ec2.amazonaws.com'] } },
  });
  forwarded.addTarget(scopedTarget(queue.queueArn, (s) => queue.addToResourcePolicy(s), 'sqs:SendMessage', deadLetterQueue));

  // Organization rollout of a vendor role (inline StackSet body) and an SCP: moto's CloudFormation creates neither.
  const memberApp = new App();
  const member = new Stack(memberApp, 'Member', { synthesizer: new BootstraplessSynthesizer() });
  new iam.Role(member, 'MemberAuditRole', {
    assumedBy: vendor.withConditions({ StringEquals: { 'sts:ExternalId': EXTERNAL_ID } }),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
  });
  new cloudformation.CfnStackSet(receiver, 'RolloutStackSet', {
    stackSetName: 'cab-ref-rollout',
    permissionModel: 'SERVICE_MANAGED',
    autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
    capabilities: ['CAPABILITY_IAM'],
    stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: ['ou-ab12-cd34ef56'] }, regions: [REGION] }],
    templateBody: JSON.stringify(memberApp.synth().getStackByName('Member').template),
  });
  new organizations.CfnPolicy(receiver, 'DenyLeave', {
    name: 'cab-ref-deny-leave',
    type: 'SERVICE_CONTROL_POLICY',
    content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] },
    targetIds: ['ou-ab12-cd34ef56'],
  });

  const publisher = new Stack(app, 'CabRefPublisher', { env: { account: PUBLISHER_ACCOUNT, region: REGION } });
  const receiverBus = events.EventBus.fromEventBusArn(publisher, 'ReceiverBus',
    publisher.formatArn({ service: 'events', account: RECEIVER_ACCOUNT, resource: 'event-bus', resourceName: 'default' }));
  new events.Rule(publisher, 'ForwardRule', {
    eventPattern: { source: ['aws.ec2'], detailType: ['AWS API Call via CloudTrail'], detail: { eventSource: ['ec2.amazonaws.com'] } },
    targets: [new targets.EventBus(receiverBus)],
  });
  return [receiver, publisher];
}
