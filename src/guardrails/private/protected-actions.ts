/**
 * The actions that change or delete each kind of resource of an audit
 * setup, by service. Reads stay allowed; every write that could
 * disable, redirect, take over or hand on the setup is listed, including
 * creation, so nobody can squat a protected name in an account before the
 * StackSet gets there, and `iam:PassRole`, so nobody can hand an exempt
 * role to a service (a CloudFormation stack) and act through it. Checked
 * against AWS's service authorization data in
 * `test/guardrails/private/protected-actions.test.ts`.
 */
export const PROTECTED_ACTIONS = {
  /** IAM roles: trust, permissions, boundary, tags, deletion, creation, passing to a service. */
  role: [
    'iam:AttachRolePolicy',
    'iam:CreateRole',
    'iam:DeleteRole',
    'iam:DeleteRolePermissionsBoundary',
    'iam:DeleteRolePolicy',
    'iam:DetachRolePolicy',
    'iam:PassRole',
    'iam:PutRolePermissionsBoundary',
    'iam:PutRolePolicy',
    'iam:TagRole',
    'iam:UntagRole',
    'iam:UpdateAssumeRolePolicy',
    'iam:UpdateRole',
    'iam:UpdateRoleDescription',
  ],
  /** Customer managed policies: versions (the content), deletion, tags, creation. */
  policy: [
    'iam:CreatePolicy',
    'iam:CreatePolicyVersion',
    'iam:DeletePolicy',
    'iam:DeletePolicyVersion',
    'iam:SetDefaultPolicyVersion',
    'iam:TagPolicy',
    'iam:UntagPolicy',
  ],
  /** EventBridge rules: pattern, targets, state, tags. */
  rule: [
    'events:DeleteRule',
    'events:DisableRule',
    'events:PutRule',
    'events:PutTargets',
    'events:RemoveTargets',
    'events:TagResource',
    'events:UntagResource',
  ],
  /** SNS topics: policy, attributes, subscriptions (a new one could exfiltrate events), tags. */
  topic: [
    'sns:AddPermission',
    'sns:CreateTopic',
    'sns:DeleteTopic',
    'sns:PutDataProtectionPolicy',
    'sns:RemovePermission',
    'sns:SetSubscriptionAttributes',
    'sns:SetTopicAttributes',
    'sns:Subscribe',
    'sns:TagResource',
    'sns:Unsubscribe',
    'sns:UntagResource',
  ],
  /** SQS queues: policy, attributes, purge, tags. Receiving and deleting messages stay allowed. */
  queue: [
    'sqs:AddPermission',
    'sqs:CreateQueue',
    'sqs:DeleteQueue',
    'sqs:PurgeQueue',
    'sqs:RemovePermission',
    'sqs:SetQueueAttributes',
    'sqs:TagQueue',
    'sqs:UntagQueue',
  ],
  /** CloudTrail trails: logging, selectors, settings, tags. */
  trail: [
    'cloudtrail:AddTags',
    'cloudtrail:CreateTrail',
    'cloudtrail:DeleteTrail',
    'cloudtrail:PutEventSelectors',
    'cloudtrail:PutInsightSelectors',
    'cloudtrail:RemoveTags',
    'cloudtrail:StopLogging',
    'cloudtrail:UpdateTrail',
  ],
} as const;

export type ProtectedKind = keyof typeof PROTECTED_ACTIONS;

/**
 * The writes denied on resources that carry the audit-setup tag, for the
 * parts CloudFormation names (rules, roles, queues, keys, users, log
 * groups). S3 buckets are left out: S3 evaluates `aws:ResourceTag` on a
 * bucket only when attribute-based access control is enabled on it. The named kinds' actions without creation (a resource
 * being created has no tag yet), plus the kinds only a tag can reach.
 */
export const TAGGED_ACTIONS: ReadonlyArray<string> = [
  ...[...PROTECTED_ACTIONS.role, ...PROTECTED_ACTIONS.rule, ...PROTECTED_ACTIONS.topic, ...PROTECTED_ACTIONS.queue, ...PROTECTED_ACTIONS.trail]
    .filter((a) => !/:Create(Role|Topic|Queue|Trail)$/.test(a)),
  // IAM users: credentials, permissions, deletion, tags.
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:DeleteAccessKey',
  'iam:DeleteLoginProfile',
  'iam:DeleteUser',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteUserPolicy',
  'iam:DetachUserPolicy',
  'iam:PutUserPermissionsBoundary',
  'iam:PutUserPolicy',
  'iam:TagUser',
  'iam:UntagUser',
  'iam:UpdateAccessKey',
  'iam:UpdateLoginProfile',
  'iam:UpdateUser',
  // KMS keys: policy, state, deletion, grants, tags.
  'kms:CreateGrant',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
  // CloudWatch Logs log groups: deletion, retention, encryption, subscriptions, tags.
  'logs:AssociateKmsKey',
  'logs:DeleteLogGroup',
  'logs:DeleteRetentionPolicy',
  'logs:DeleteSubscriptionFilter',
  'logs:DisassociateKmsKey',
  'logs:PutRetentionPolicy',
  'logs:PutSubscriptionFilter',
  'logs:TagResource',
  'logs:UntagResource',
];
