/**
 * The vendor's principal as an attacker (issue 13, threat 2): it uses
 * exactly what the library grants it and tries to escalate to write access
 * or to data beyond the audit. Moves are data: a move added here is
 * simulated against every configuration of vendor-principal.test.ts.
 *
 * `via: 'vendor'` moves are made by the vendor's own principal.
 * `via: 'stackset'` moves are made through a StackSet the vendor creates or
 * updates: they succeed only if the vendor may call
 * `cloudformation:CreateStackSet` or `UpdateStackSet` and the StackSet
 * execution role of the target account (receiver or publisher) may make
 * the call.
 */

/** The accounts of the scenario. */
export const RECEIVER = '123456789012';
export const PUBLISHER = '444455556666';
export const ELSEWHERE = '777788889999';

/** One escalation attempt. */
export interface VendorMove {
  readonly name: string;
  readonly via: 'vendor' | 'stackset';
  /** Where the call lands: the receiver or a publisher account. */
  readonly account: 'receiver' | 'publisher';
  readonly action: string;
  /** The resource ARN, with `{account}` for the target account. */
  readonly resource: string;
}

const role = (name: string) => `arn:aws:iam::{account}:role/${name}`;
const queue = (name: string) => `arn:aws:sqs:us-east-1:{account}:${name}`;

/** Moves that must be denied in every configuration. */
export const ESCALATION_MOVES: ReadonlyArray<VendorMove> = [
  // IAM: create, attach, inline, trust, pass, policy versions.
  { name: 'create a role', via: 'vendor', account: 'receiver', action: 'iam:CreateRole', resource: role('Escalated') },
  { name: 'attach a policy to its own role', via: 'vendor', account: 'receiver', action: 'iam:AttachRolePolicy', resource: role('MVC_for_AWS_role') },
  { name: 'put an inline policy on its own role', via: 'vendor', account: 'receiver', action: 'iam:PutRolePolicy', resource: role('MVC_for_AWS_role') },
  { name: 'rewrite the execution role\'s trust', via: 'vendor', account: 'receiver', action: 'iam:UpdateAssumeRolePolicy', resource: role('AWSCloudFormationStackSetExecutionRole') },
  { name: 'pass the execution role', via: 'vendor', account: 'receiver', action: 'iam:PassRole', resource: role('AWSCloudFormationStackSetExecutionRole') },
  { name: 'pass the administration role', via: 'vendor', account: 'receiver', action: 'iam:PassRole', resource: role('AWSCloudFormationStackSetAdministrationRole') },
  { name: 'new version of its own policy', via: 'vendor', account: 'receiver', action: 'iam:CreatePolicyVersion', resource: 'arn:aws:iam::{account}:policy/MVC_NrtConfigAuditReceiver' },
  { name: 'switch its policy version', via: 'vendor', account: 'receiver', action: 'iam:SetDefaultPolicyVersion', resource: 'arn:aws:iam::{account}:policy/MVC_NrtConfigAuditReceiver' },
  // Other roles and stacks.
  { name: 'assume the execution role', via: 'vendor', account: 'receiver', action: 'sts:AssumeRole', resource: role('AWSCloudFormationStackSetExecutionRole') },
  { name: 'assume an admin role', via: 'vendor', account: 'receiver', action: 'sts:AssumeRole', resource: role('OrganizationAccountAccessRole') },
  { name: 'run a stack directly', via: 'vendor', account: 'receiver', action: 'cloudformation:CreateStack', resource: 'arn:aws:cloudformation:us-east-1:{account}:stack/Escalate/1' },
  // Queues, buses, keys, data.
  { name: 'open another queue', via: 'vendor', account: 'receiver', action: 'sqs:AddPermission', resource: queue('payments') },
  { name: 'read another queue', via: 'vendor', account: 'receiver', action: 'sqs:ReceiveMessage', resource: queue('payments') },
  { name: 'rewrite another queue\'s policy', via: 'vendor', account: 'receiver', action: 'sqs:SetQueueAttributes', resource: queue('payments') },
  { name: 'open an event bus', via: 'vendor', account: 'receiver', action: 'events:PutPermission', resource: '*' },
  { name: 'wipe an event bus policy', via: 'vendor', account: 'receiver', action: 'events:RemovePermission', resource: '*' },
  { name: 'change a customer rule', via: 'vendor', account: 'receiver', action: 'events:PutTargets', resource: 'arn:aws:events:us-east-1:{account}:rule/customer-rule' },
  { name: 'rewrite a key policy', via: 'vendor', account: 'receiver', action: 'kms:PutKeyPolicy', resource: 'arn:aws:kms:us-east-1:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
  { name: 'write an object', via: 'vendor', account: 'receiver', action: 's3:PutObject', resource: 'arn:aws:s3:::customer-data/x' },
  { name: 'read an object', via: 'vendor', account: 'receiver', action: 's3:GetObject', resource: 'arn:aws:s3:::customer-data/x' },
  { name: 'read a secret', via: 'vendor', account: 'receiver', action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:us-east-1:{account}:secret:db-AbCdEf' },
  { name: 'leave the organization', via: 'vendor', account: 'receiver', action: 'organizations:LeaveOrganization', resource: '*' },
  // Through a StackSet, as the execution role of the receiver and of a publisher.
  ...(['receiver', 'publisher'] as const).flatMap((account): VendorMove[] => [
    { name: `StackSet: create a role in the ${account}`, via: 'stackset', account, action: 'iam:CreateRole', resource: role('Escalated') },
    { name: `StackSet: attach AdministratorAccess in the ${account}`, via: 'stackset', account, action: 'iam:AttachRolePolicy', resource: role('OrganizationAccountAccessRole') },
    { name: `StackSet: inline policy on another role in the ${account}`, via: 'stackset', account, action: 'iam:PutRolePolicy', resource: role('OrganizationAccountAccessRole') },
    { name: `StackSet: rewrite a trust in the ${account}`, via: 'stackset', account, action: 'iam:UpdateAssumeRolePolicy', resource: role('OrganizationAccountAccessRole') },
    { name: `StackSet: pass an admin role in the ${account}`, via: 'stackset', account, action: 'iam:PassRole', resource: role('OrganizationAccountAccessRole') },
    { name: `StackSet: new policy version in the ${account}`, via: 'stackset', account, action: 'iam:CreatePolicyVersion', resource: 'arn:aws:iam::{account}:policy/AnyPolicy' },
    { name: `StackSet: rewrite a key policy in the ${account}`, via: 'stackset', account, action: 'kms:PutKeyPolicy', resource: 'arn:aws:kms:us-east-1:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    { name: `StackSet: write an object in the ${account}`, via: 'stackset', account, action: 's3:PutObject', resource: 'arn:aws:s3:::customer-data/x' },
    { name: `StackSet: rewrite another queue's policy in the ${account}`, via: 'stackset', account, action: 'sqs:SetQueueAttributes', resource: queue('payments') },
    { name: `StackSet: open another queue in the ${account}`, via: 'stackset', account, action: 'sqs:AddPermission', resource: queue('payments') },
  ]),
];

/** A call the vendor needs: it must stay allowed where the configuration says so. */
export interface VendorOperation {
  readonly name: string;
  readonly action: string;
  readonly resource: string;
}
