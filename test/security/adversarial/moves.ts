/**
 * The moves, as data: each attacker's full move set against the audit
 * setup, and the legitimate operations that must keep working. Adding a
 * move here tests it against every configuration of `configurations.ts`.
 *
 * Placeholders (see `harness.ts`): `{role}` `{rule}` `{topic}` `{queue}`
 * `{trail}` are the setup a configuration protects by name; `{exempt}` is
 * every role name the configuration's SCPs exempt in every account
 * (wildcards filled in), read from the policies; `{exemptElsewhere}` every
 * role name exempt in one named account only; `{vendorRole}` the vendor's
 * audit roles; `{admin}` the security admin's roles. `{member}`,
 * `{outsider}`, `{vendor}`, `{region}` are fixed.
 */
import { Move, TAG_KEY } from './harness';

const TAGGED = { [`aws:ResourceTag/${TAG_KEY}`]: 'true' };
const EVERY_ROLE_WRITE = [
  'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DeleteRolePolicy', 'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:UpdateRole', 'iam:DeleteRole', 'iam:TagRole', 'iam:UntagRole',
];

/** 1. The member-account administrator (AdministratorAccess in a workload account). */
export const MEMBER_ADMIN_MOVES: Move[] = [
  // Claim an exemption: become a principal the guardrails exempt (findings 1, 2, 4, 5).
  { attacker: 'member-admin', finding: 1, description: 'creates a role named like the exempt {exempt}', action: 'iam:CreateRole', resource: 'arn:aws:iam::{member}:role/{exempt}' },
  { attacker: 'member-admin', finding: 4, description: 'pre-empts the exempt name {exempt} under another path', action: 'iam:CreateRole', resource: 'arn:aws:iam::{member}:role/x/{exempt}' },
  ...EVERY_ROLE_WRITE.map((action): Move => ({
    attacker: 'member-admin', finding: 1, description: `takes over the exempt role {exempt} with ${action}`, action, resource: 'arn:aws:iam::{member}:role/{exempt}',
  })),
  {
    attacker: 'member-admin',
    finding: 3,
    description: 'passes the exempt role {exempt} to CloudFormation as a stack service role',
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::{member}:role/{exempt}',
    context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
  },
  {
    attacker: 'member-admin',
    finding: 1,
    description: 'acts as a same-named role of the member account where {exemptElsewhere} is exempt only in its own account',
    principal: 'arn:aws:iam::{member}:role/{exemptElsewhere}',
    action: 'iam:UpdateAssumeRolePolicy',
    resource: 'arn:aws:iam::{member}:role/Audit-NrtPublisherRole7G8H9I',
    context: TAGGED,
    requires: 'protect',
  },

  // Change, disable or take over the named setup.
  ...[...EVERY_ROLE_WRITE, 'iam:PassRole'].map((action): Move => ({
    attacker: 'member-admin', description: `${action} on the audit role {role}`, action, resource: 'arn:aws:iam::{member}:role/{role}',
  })),
  { attacker: 'member-admin', finding: 4, description: 'pre-empts the audit role name {role} under another path', action: 'iam:CreateRole', resource: 'arn:aws:iam::{member}:role/x/{role}' },
  {
    attacker: 'member-admin',
    description: 'rewrites the trust of {role} through a CloudFormation stack (aws:ViaAWSService)',
    action: 'iam:UpdateAssumeRolePolicy',
    resource: 'arn:aws:iam::{member}:role/{role}',
    context: { 'aws:ViaAWSService': 'true', 'aws:CalledVia': ['cloudformation.amazonaws.com'] },
  },
  ...['events:DisableRule', 'events:DeleteRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets', 'events:UntagResource'].map((action): Move => ({
    attacker: 'member-admin', description: `${action} on the rule {rule}`, action, resource: 'arn:aws:events:{region}:{member}:rule/{rule}',
  })),
  ...['sns:SetTopicAttributes', 'sns:DeleteTopic', 'sns:Subscribe', 'sns:AddPermission', 'sns:RemovePermission'].map((action): Move => ({
    attacker: 'member-admin', description: `${action} on the topic {topic}`, action, resource: 'arn:aws:sns:{region}:{member}:{topic}',
  })),
  ...['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:RemoveTags'].map((action): Move => ({
    attacker: 'member-admin', description: `${action} on the trail {trail}`, action, resource: 'arn:aws:cloudtrail:{region}:{member}:trail/{trail}',
  })),

  // The parts CloudFormation names, protected by their tag (finding 6).
  ...([
    ['events:DisableRule', 'arn:aws:events:{region}:{member}:rule/Audit-EventForwarderRule1A2B3C'],
    ['events:PutTargets', 'arn:aws:events:{region}:{member}:rule/Audit-EventStreamRule4D5E6F'],
    ['iam:UpdateAssumeRolePolicy', 'arn:aws:iam::{member}:role/Audit-NrtPublisherRole7G8H9I'],
    ['iam:PassRole', 'arn:aws:iam::{member}:role/Audit-EventForwarderRole1J2K3L'],
    ['iam:AttachRolePolicy', 'arn:aws:iam::{member}:role/Audit-EventForwarderRole1J2K3L'],
    ['kms:ScheduleKeyDeletion', 'arn:aws:kms:{region}:{member}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789'],
    ['kms:PutKeyPolicy', 'arn:aws:kms:{region}:{member}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789'],
    ['kms:DisableKey', 'arn:aws:kms:{region}:{member}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789'],
    ['sqs:DeleteQueue', 'arn:aws:sqs:{region}:{member}:Audit-DeadLetterQueue9M8N7O'],
    ['sqs:SetQueueAttributes', 'arn:aws:sqs:{region}:{member}:Audit-DeadLetterQueue9M8N7O'],
    ['sns:Subscribe', 'arn:aws:sns:{region}:{member}:Audit-Topic6P5Q4R'],
    ['iam:CreateAccessKey', 'arn:aws:iam::{member}:user/Audit-AccessKeyUser3S2T1U'],
    ['iam:AttachUserPolicy', 'arn:aws:iam::{member}:user/Audit-AccessKeyUser3S2T1U'],
    ['logs:DeleteLogGroup', 'arn:aws:logs:{region}:{member}:log-group:Audit-DeliveryFailureLogs'],
  ] as const).map(([action, resource]): Move => ({
    attacker: 'member-admin',
    finding: 6,
    description: `${action} on a tagged part with a generated name (${resource.split(/[:/]/).pop()})`,
    action,
    resource,
    context: TAGGED,
    requires: 'protect',
  })),
  // Customer managed policies of the setup, under its path (finding 3).
  ...['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'].map((action): Move => ({
    attacker: 'member-admin',
    finding: 3,
    description: `${action} on a managed policy of the setup`,
    action,
    resource: 'arn:aws:iam::{member}:policy/audit-baseline/Audit-ExecutionPolicy1A2B3C',
    requires: 'protect',
  })),
  // Strip or forge the tag (finding 6).
  {
    attacker: 'member-admin',
    finding: 6,
    description: 'removes the audit tag from a tagged role',
    action: 'iam:UntagRole',
    resource: 'arn:aws:iam::{member}:role/Audit-NrtPublisherRole7G8H9I',
    context: { 'aws:TagKeys': [TAG_KEY] },
    requires: 'protect',
  },
  {
    attacker: 'member-admin',
    finding: 6,
    description: 'removes the audit tag from a tagged rule before disabling it',
    action: 'events:UntagResource',
    resource: 'arn:aws:events:{region}:{member}:rule/Audit-EventForwarderRule1A2B3C',
    context: { 'aws:TagKeys': [TAG_KEY] },
    requires: 'protect',
  },
  {
    attacker: 'member-admin',
    finding: 6,
    description: 'changes the audit tag of an untagged copy of a key (aws:TagKeys)',
    action: 'kms:TagResource',
    resource: 'arn:aws:kms:{region}:{member}:key/1a1b2c3d-4e5f-6789-abcd-ef0123456789',
    context: { 'aws:TagKeys': [TAG_KEY], [`aws:RequestTag/${TAG_KEY}`]: 'false' },
    requires: 'protect',
  },
  {
    attacker: 'member-admin',
    finding: 6,
    description: 'removes the audit tag from a queue (different case)',
    action: 'sqs:UntagQueue',
    resource: 'arn:aws:sqs:{region}:{member}:Audit-DeadLetterQueue9M8N7O',
    context: { 'aws:TagKeys': ['AUDIT-BASELINE:PROTECTED'] },
    requires: 'protect',
  },

  // Escape the other guardrails.
  { attacker: 'member-admin', description: 'leaves the organization', action: 'organizations:LeaveOrganization', resource: '*', requires: 'leave' },
  {
    attacker: 'member-admin',
    description: 'starts an instance in a region outside the allow list',
    action: 'ec2:RunInstances',
    resource: 'arn:aws:ec2:ap-southeast-2:{member}:instance/*',
    context: { 'aws:RequestedRegion': 'ap-southeast-2' },
    requires: 'regions',
  },
  {
    attacker: 'member-admin',
    description: 'copies data to a bucket of another organization',
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::exfiltration-bucket/data.csv',
    context: { 'aws:ResourceOrgID': 'o-zzzzzzzzzz', 'aws:ResourceAccount': '{outsider}' },
    requires: 'perimeter',
  },
  {
    attacker: 'member-admin',
    description: 'uses a denied service (the game day\'s Route 53)',
    action: 'route53:ChangeResourceRecordSets',
    resource: 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ',
    requires: 'services',
  },
  {
    attacker: 'member-admin',
    description: 'calls from an address outside the allowed networks',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::reports/q3.csv',
    context: { 'aws:SourceIp': '198.51.100.7' },
    requires: 'sourceIp',
  },
  {
    attacker: 'member-admin',
    finding: 11,
    description: 'calls from outside through a role it created under /service-role/',
    action: 's3:GetObject',
    principal: 'arn:aws:iam::{member}:role/service-role/attacker-role',
    resource: 'arn:aws:s3:::reports/q3.csv',
    context: { 'aws:SourceIp': '198.51.100.7' },
    requires: 'sourceIp',
  },
];

/** 3. An outsider account: must not get through an RCP or resource policy (the resource policy allows it here: the worst case). */
export const OUTSIDER_MOVES: Move[] = [
  { attacker: 'outsider', description: 'assumes the audit role {role}', action: 'sts:AssumeRole', resource: 'arn:aws:iam::{member}:role/{role}', requires: 'rcp' },
  {
    attacker: 'outsider',
    description: 'assumes the vendor\'s role name from its own account',
    principal: 'arn:aws:iam::{outsider}:role/{vendorRole}',
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::{member}:role/{vendorRole}',
    requires: 'rcp',
  },
  { attacker: 'outsider', description: 'reads an object of a member bucket', action: 's3:GetObject', resource: 'arn:aws:s3:::audit-trail-bucket-0a1b2c3d/AWSLogs/x.json.gz', requires: 'rcp' },
  { attacker: 'outsider', description: 'reads the event queue', action: 'sqs:ReceiveMessage', resource: 'arn:aws:sqs:{region}:{member}:{queue}', requires: 'rcp' },
  { attacker: 'outsider', description: 'floods the event queue', action: 'sqs:SendMessage', resource: 'arn:aws:sqs:{region}:{member}:{queue}', requires: 'rcp' },
  { attacker: 'outsider', description: 'decrypts with a member key', action: 'kms:Decrypt', resource: 'arn:aws:kms:{region}:{member}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789', requires: 'rcp' },
  {
    attacker: 'outsider',
    description: 'uses an AWS service to write to a member queue for its own account (confused deputy)',
    principal: 'sns.amazonaws.com',
    action: 'sqs:SendMessage',
    resource: 'arn:aws:sqs:{region}:{member}:{queue}',
    context: { 'aws:SourceAccount': '{outsider}', 'aws:SourceArn': 'arn:aws:sns:{region}:{outsider}:attacker-topic' },
    requires: 'rcp',
  },
];

/** What must keep working: the StackSet updating the setup, the security admin, the vendor reading. */
export const LEGITIMATE_OPERATIONS: Move[] = [
  ...['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:TagRole'].map((action): Move => ({
    attacker: 'legitimate',
    expect: 'allowed',
    description: `the service-managed StackSet execution role: ${action} on {role}`,
    principal: 'arn:aws:iam::{member}:role/stacksets-exec-0123456789abcdef0123456789abcdef',
    action,
    resource: 'arn:aws:iam::{member}:role/{role}',
  })),
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the self-managed StackSet execution role updates the rule {rule}',
    principal: 'arn:aws:iam::{member}:role/AWSCloudFormationStackSetExecutionRole',
    action: 'events:PutTargets',
    resource: 'arn:aws:events:{region}:{member}:rule/{rule}',
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the StackSet execution role updates the trail {trail}',
    principal: 'arn:aws:iam::{member}:role/stacksets-exec-0123456789abcdef0123456789abcdef',
    action: 'cloudtrail:UpdateTrail',
    resource: 'arn:aws:cloudtrail:{region}:{member}:trail/{trail}',
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the StackSet execution role creates a tagged role (aws:TagKeys carries the audit tag)',
    requires: 'protect',
    principal: 'arn:aws:iam::{member}:role/stacksets-exec-0123456789abcdef0123456789abcdef',
    action: 'iam:CreateRole',
    resource: 'arn:aws:iam::{member}:role/Audit-EventForwarderRole1J2K3L',
    context: { 'aws:TagKeys': [TAG_KEY], [`aws:RequestTag/${TAG_KEY}`]: 'true' },
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the StackSet execution role passes a tagged role to a rule target',
    requires: 'protect',
    principal: 'arn:aws:iam::{member}:role/stacksets-exec-0123456789abcdef0123456789abcdef',
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::{member}:role/Audit-EventForwarderRole1J2K3L',
    context: { ...TAGGED, 'iam:PassedToService': 'events.amazonaws.com' },
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the StackSet execution role updates a managed policy of the setup',
    requires: 'protect',
    principal: 'arn:aws:iam::{member}:role/stacksets-exec-0123456789abcdef0123456789abcdef',
    action: 'iam:CreatePolicyVersion',
    resource: 'arn:aws:iam::{member}:policy/audit-baseline/Audit-ExecutionPolicy1A2B3C',
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the security admin {admin} changes a part of the setup in its account',
    principal: '{admin}',
    action: 'iam:UpdateAssumeRolePolicy',
    resource: 'arn:aws:iam::{principalAccount}:role/Audit-NrtPublisherRole7G8H9I',
    context: TAGGED,
    requires: 'protect',
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the vendor\'s audit role {vendorRole} scans from the vendor\'s network',
    requires: 'sourceIp',
    principal: 'arn:aws:iam::{member}:role/{vendorRole}',
    action: 'iam:GetRole',
    resource: 'arn:aws:iam::{member}:role/AppRole',
    context: { 'aws:SourceIp': '192.0.2.44' },
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the vendor\'s audit role {vendorRole} reads IAM',
    principal: 'arn:aws:iam::{member}:role/{vendorRole}',
    action: 'iam:GetAccountAuthorizationDetails',
    resource: '*',
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the vendor\'s audit role {vendorRole} reads a trail',
    principal: 'arn:aws:iam::{member}:role/{vendorRole}',
    action: 'cloudtrail:GetTrailStatus',
    resource: 'arn:aws:cloudtrail:{region}:{member}:trail/audit-trail',
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the vendor\'s account assumes the audit role {vendorRole} through the RCP',
    requires: 'rcp',
    principal: 'arn:aws:iam::{vendor}:role/Scanner',
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::{member}:role/{vendorRole}',
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the member admin keeps working on its own roles',
    action: 'iam:UpdateAssumeRolePolicy',
    resource: 'arn:aws:iam::{member}:role/AppRole',
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'the member admin keeps reading the setup',
    action: 'iam:GetRole',
    resource: 'arn:aws:iam::{member}:role/Audit-EventForwarderRole1J2K3L',
    context: TAGGED,
  },
  {
    attacker: 'legitimate',
    expect: 'allowed',
    description: 'EventBridge delivers to the event queue (a service principal of the organization)',
    principal: 'events.amazonaws.com',
    action: 'sqs:SendMessage',
    resource: 'arn:aws:sqs:{region}:{member}:{queue}',
    context: { 'aws:SourceAccount': '{member}', 'aws:SourceOrgID': 'o-a1b2c3d4e5' },
  },
];

export const ALL_MOVES: Move[] = [...MEMBER_ADMIN_MOVES, ...OUTSIDER_MOVES, ...LEGITIMATE_OPERATIONS];
