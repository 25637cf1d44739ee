/**
 * The actions that change or delete each kind of resource of an audit
 * setup, by service. Reads stay allowed; every write that could
 * disable, redirect or take over the setup is listed, including creation,
 * so nobody can squat a protected name in an account before the StackSet
 * gets there. Checked against AWS's service authorization data in
 * `test/guardrails/protect-audit-setup.test.ts`.
 */
export const PROTECTED_ACTIONS = {
  /** IAM roles: trust, permissions, boundary, tags, deletion, creation. */
  role: [
    'iam:AttachRolePolicy',
    'iam:CreateRole',
    'iam:DeleteRole',
    'iam:DeleteRolePermissionsBoundary',
    'iam:DeleteRolePolicy',
    'iam:DetachRolePolicy',
    'iam:PutRolePermissionsBoundary',
    'iam:PutRolePolicy',
    'iam:TagRole',
    'iam:UntagRole',
    'iam:UpdateAssumeRolePolicy',
    'iam:UpdateRole',
    'iam:UpdateRoleDescription',
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
