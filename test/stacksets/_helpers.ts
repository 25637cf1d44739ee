import { App, BootstraplessSynthesizer, Stack, StackProps, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { StackSetExecutionPermissions } from '../../src/stacksets';

/** Fake but valid IDs used across the StackSet tests. */
export const ADMIN_ACCOUNT = '111122223333';
export const TARGET_ACCOUNT = '444455556666';
export const OTHER_ACCOUNT = '777788889999';
export const VENDOR_ACCOUNT = '999988887777';

/** A host app and stack, env-agnostic unless `props` says otherwise. */
export function hostStack(props: StackProps = {}): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Host', props);
  return { app, stack };
}

/** An env-agnostic, bootstrapless stack in a Stage of its own under `scope`: the recommended template shape. */
export function templateStack(scope: Construct, id = 'MemberTemplates', stackId = 'Template'): Stack {
  const stage = new Stage(scope, id);
  return new Stack(stage, stackId, { synthesizer: new BootstraplessSynthesizer() });
}

/** `templateStack`, prepared for `StackSetExecutionPermissions.fromTemplates` (boundary on roles, tag on keys). */
export function preparedTemplateStack(scope: Construct, id = 'MemberTemplates', stackId = 'Template'): Stack {
  const stack = templateStack(scope, id, stackId);
  StackSetExecutionPermissions.prepareTemplate(stack);
  return stack;
}

/** A named audit role, as a vendor needs it in every account (global). */
export function addNamedRole(stack: Stack, roleName = 'VendorAudit'): iam.Role {
  return new iam.Role(stack, 'AuditRole', {
    roleName,
    assumedBy: new iam.AccountPrincipal(VENDOR_ACCOUNT),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
  });
}

/** A TLS-only topic, a regional resource. */
export function addTopic(stack: Stack): sns.Topic {
  return new sns.Topic(stack, 'Topic', { enforceSSL: true });
}

/**
 * A realistic template for derived permissions: a named role with its own
 * customer managed policy (attached through the policy's `Roles`) and an
 * inline grant, a named topic encrypted with a key of the template, and a
 * named queue.
 */
export function addAuditForwarder(stack: Stack): { role: iam.Role; topic: sns.Topic; queue: sqs.Queue; key: kms.Key } {
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'Alerts', { topicName: 'audit-alerts', masterKey: key });
  const queue = new sqs.Queue(stack, 'Events', { queueName: 'audit-events' });
  const role = new iam.Role(stack, 'Forwarder', { roleName: 'AuditForwarder', assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
  new iam.ManagedPolicy(stack, 'ForwarderPolicy', {
    managedPolicyName: 'AuditForwarderPolicy',
    statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] })],
    roles: [role],
  });
  queue.grantSendMessages(role);
  return { role, topic, queue, key };
}

/** The guide's two lists (seed 001, R-115 and R-118), copied as test data in the guide's order. */
export const GUIDE_RECEIVER = [
  'sns:Publish', 'cloudformation:CancelUpdateStack', 'cloudformation:ContinueUpdateRollback', 'cloudformation:CreateStack',
  'cloudformation:DeleteStack', 'cloudformation:DescribeStacks', 'cloudformation:GetStackPolicy', 'cloudformation:ListStackResources',
  'cloudformation:ListStacks', 'cloudformation:SetStackPolicy', 'cloudformation:UpdateStack', 'events:DeleteRule', 'events:DescribeRule',
  'events:PutRule', 'events:PutTargets', 'events:RemoveTargets', 'sqs:AddPermission', 'sqs:CreateQueue', 'sqs:DeleteMessage',
  'sqs:DeleteMessageBatch', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:ListQueues', 'sqs:RemovePermission', 'sqs:SetQueueAttributes',
];
export const GUIDE_PUBLISHER = [
  'events:PutTargets', 'events:DeleteRule', 'sqs:ListQueues', 'events:DescribeRule', 'cloudformation:CreateStack', 'cloudformation:ListStacks',
  'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks', 'cloudformation:SetStackPolicy',
  'cloudformation:GetStackPolicy', 'cloudformation:CancelUpdateStack', 'cloudformation:ContinueUpdateRollback',
  'cloudformation:ListStackResources', 'events:PutRule', 'sqs:GetQueueAttributes', 'events:RemoveTargets', 'sns:Publish',
];

