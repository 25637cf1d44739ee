/**
 * Issue 13, finding 9: whoever can update a StackSet that uses an execution
 * role with `StackSetExecutionPermissions.fromTemplates` controls what that
 * role does in every target account. Its moves, as data: a move added here is
 * simulated against every configuration of execution-role.test.ts.
 *
 * Placeholders, filled from the configuration (a move whose placeholder the
 * configuration cannot fill does not apply to it):
 * `{account}` the target account, `{role}` a role the templates define,
 * `{inlineRole}` the same when the templates give it an inline policy,
 * `{boundary}` the ARN of the boundary policy, `{policy}` a customer managed
 * policy the templates define, `{attachable}` a managed policy ARN the
 * templates attach, `{topic}` / `{queue}` a topic / queue ARN of the
 * templates, `{key}` a key ARN (applies only where the templates define keys),
 * `{passable}` a template role the execution role must pass (rules, topics).
 */

/** One call of the execution role. */
export interface ExecutionMove {
  readonly name: string;
  readonly action: string;
  readonly resource: string;
  /** Request context; values may hold placeholders. */
  readonly context?: Record<string, string>;
  /** A placeholder the configuration must fill for the move to apply, when neither resource nor context names it. */
  readonly needs?: string;
}

const OTHER_BOUNDARY = 'arn:aws:iam::{account}:policy/Permissive';
const BOUNDED = { 'iam:PermissionsBoundary': '{boundary}' };
const KEY_TAG = 'audit-baseline:stack-set-key';
const OTHER_KEY = 'arn:aws:kms:us-east-1:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const role = (name: string) => `arn:aws:iam::{account}:role/${name}`;

/** Every move must be denied in every configuration it applies to. */
export const EXECUTION_ESCALATIONS: ReadonlyArray<ExecutionMove> = [
  // Managed policies: only the ones the templates attach.
  { name: 'attach AdministratorAccess to a template role', action: 'iam:AttachRolePolicy', resource: '{role}', context: { ...BOUNDED, 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' } },
  { name: 'attach a customer policy the templates do not define', action: 'iam:AttachRolePolicy', resource: '{role}', context: { ...BOUNDED, 'iam:PolicyARN': 'arn:aws:iam::{account}:policy/Admin' } },
  { name: 'attach a template policy to a role created without the boundary', action: 'iam:AttachRolePolicy', resource: '{role}', context: { 'iam:PolicyARN': '{attachable}' } },
  // Inline policies, creation and boundary: only with the boundary.
  { name: 'put an inline policy on a template role without the boundary', action: 'iam:PutRolePolicy', resource: '{role}' },
  { name: 'put an inline policy on a template role with another boundary', action: 'iam:PutRolePolicy', resource: '{role}', context: { 'iam:PermissionsBoundary': OTHER_BOUNDARY } },
  { name: 'create a template-named role without a boundary', action: 'iam:CreateRole', resource: '{role}' },
  { name: 'create a template-named role with another boundary', action: 'iam:CreateRole', resource: '{role}', context: { 'iam:PermissionsBoundary': OTHER_BOUNDARY } },
  { name: 'replace the boundary of a template role', action: 'iam:PutRolePermissionsBoundary', resource: '{role}', context: { 'iam:PermissionsBoundary': OTHER_BOUNDARY } },
  { name: 'delete the boundary of a template role', action: 'iam:DeleteRolePermissionsBoundary', resource: '{role}', context: BOUNDED },
  { name: 'rewrite the trust of a template-named role without the boundary', action: 'iam:UpdateAssumeRolePolicy', resource: '{role}' },
  // Other roles.
  { name: 'create a role of another name', action: 'iam:CreateRole', resource: role('Escalated'), context: BOUNDED },
  { name: 'rewrite the trust of an admin role', action: 'iam:UpdateAssumeRolePolicy', resource: role('OrganizationAccountAccessRole'), context: BOUNDED },
  { name: 'inline policy on an admin role', action: 'iam:PutRolePolicy', resource: role('OrganizationAccountAccessRole'), context: BOUNDED },
  { name: 'pass an admin role', action: 'iam:PassRole', resource: role('OrganizationAccountAccessRole') },
  { name: 'pass the execution role itself', action: 'iam:PassRole', resource: role('AWSCloudFormationStackSetExecutionRole') },
  // The boundary policy itself.
  { name: 'new version of the boundary', action: 'iam:CreatePolicyVersion', resource: '{boundary}' },
  { name: 'switch the boundary\'s default version', action: 'iam:SetDefaultPolicyVersion', resource: '{boundary}' },
  { name: 'delete a version of the boundary', action: 'iam:DeletePolicyVersion', resource: '{boundary}' },
  { name: 'delete the boundary', action: 'iam:DeletePolicy', resource: '{boundary}' },
  { name: 'new version of another customer policy', action: 'iam:CreatePolicyVersion', resource: 'arn:aws:iam::{account}:policy/AnyPolicy' },
  // Keys the templates did not create.
  { name: 'rewrite the policy of another key', action: 'kms:PutKeyPolicy', resource: OTHER_KEY },
  { name: 'schedule the deletion of another key', action: 'kms:ScheduleKeyDeletion', resource: OTHER_KEY },
  { name: 'tag another key as a template key', action: 'kms:TagResource', resource: OTHER_KEY, context: { [`aws:RequestTag/${KEY_TAG}`]: 'true' } },
  { name: 'create a key without the template tag', action: 'kms:CreateKey', resource: '*' },
  { name: 'grant use of a template key', action: 'kms:CreateGrant', resource: '{key}', context: { [`aws:ResourceTag/${KEY_TAG}`]: 'true' } },
  // Topics and queues the templates did not create.
  { name: 'rewrite the policy of another topic', action: 'sns:SetTopicAttributes', resource: 'arn:aws:sns:us-east-1:{account}:billing-alerts' },
  { name: 'subscribe to another topic', action: 'sns:Subscribe', resource: 'arn:aws:sns:us-east-1:{account}:billing-alerts' },
  { name: 'delete another topic', action: 'sns:DeleteTopic', resource: 'arn:aws:sns:us-east-1:{account}:billing-alerts' },
  { name: 'rewrite the policy of another queue', action: 'sqs:SetQueueAttributes', resource: 'arn:aws:sqs:us-east-1:{account}:payments' },
  // Out of the templates' types.
  { name: 'write an object', action: 's3:PutObject', resource: 'arn:aws:s3:::customer-data/x' },
  { name: 'leave the organization', action: 'organizations:LeaveOrganization', resource: '*' },
];

/** Every move must be allowed where it applies: the deployment of the templates. */
export const EXECUTION_DEPLOYMENT: ReadonlyArray<ExecutionMove> = [
  { name: 'create the template role with the boundary', action: 'iam:CreateRole', resource: '{role}', context: BOUNDED },
  { name: 'rewrite the trust of the template role, which has the boundary', action: 'iam:UpdateAssumeRolePolicy', resource: '{role}', context: BOUNDED },
  { name: 'put the template\'s inline policy on its role, which has the boundary', action: 'iam:PutRolePolicy', resource: '{inlineRole}', context: BOUNDED },
  { name: 'attach the template\'s managed policy', action: 'iam:AttachRolePolicy', resource: '{role}', context: { ...BOUNDED, 'iam:PolicyARN': '{attachable}' } },
  { name: 'pass the template role (rule target, topic delivery)', action: 'iam:PassRole', resource: '{passable}' },
  { name: 'create the template policy', action: 'iam:CreatePolicy', resource: '{policy}' },
  { name: 'update the template policy', action: 'iam:CreatePolicyVersion', resource: '{policy}' },
  { name: 'create the template topic', action: 'sns:CreateTopic', resource: '{topic}' },
  { name: 'update the template topic', action: 'sns:SetTopicAttributes', resource: '{topic}' },
  { name: 'create the template queue', action: 'sqs:CreateQueue', resource: '{queue}' },
  { name: 'update the template queue', action: 'sqs:SetQueueAttributes', resource: '{queue}' },
  { name: 'create the template key, tagged', action: 'kms:CreateKey', resource: '*', context: { [`aws:RequestTag/${KEY_TAG}`]: 'true' }, needs: 'key' },
  { name: 'update the template key\'s policy', action: 'kms:PutKeyPolicy', resource: '{key}', context: { [`aws:ResourceTag/${KEY_TAG}`]: 'true' } },
];

/**
 * What a role the templates define tries once someone took it over (it has
 * the boundary, and the worst inline policy: `Allow *`). Each must be denied.
 */
export const BOUNDED_ROLE_ESCALATIONS: ReadonlyArray<ExecutionMove> = [
  { name: 'create a role', action: 'iam:CreateRole', resource: role('Escalated') },
  { name: 'attach a policy to itself', action: 'iam:AttachRolePolicy', resource: '{role}', context: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' } },
  { name: 'put an inline policy on itself', action: 'iam:PutRolePolicy', resource: '{role}' },
  { name: 'remove its own boundary', action: 'iam:DeleteRolePermissionsBoundary', resource: '{role}' },
  { name: 'rewrite the boundary', action: 'iam:CreatePolicyVersion', resource: '{boundary}' },
  { name: 'rewrite an admin role\'s trust', action: 'iam:UpdateAssumeRolePolicy', resource: role('OrganizationAccountAccessRole') },
  { name: 'pass an admin role', action: 'iam:PassRole', resource: role('OrganizationAccountAccessRole') },
  { name: 'assume an admin role', action: 'sts:AssumeRole', resource: role('OrganizationAccountAccessRole') },
  { name: 'leave the organization', action: 'organizations:LeaveOrganization', resource: '*' },
  { name: 'change the account\'s contacts', action: 'account:PutAlternateContact', resource: '*' },
  { name: 'rewrite a key policy', action: 'kms:PutKeyPolicy', resource: OTHER_KEY },
  { name: 'grant itself a key', action: 'kms:CreateGrant', resource: OTHER_KEY },
];
