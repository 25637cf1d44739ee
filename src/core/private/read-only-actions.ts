import { isUnresolved } from './tokens';

/**
 * A self-contained rule for "is this action pattern read-only?", used where
 * the library grants custom statements to a principal it calls read-only.
 *
 * The library does not ship AWS's service authorization data, so the rule
 * works on names: an action is read-only when its name starts with one of
 * `READ_VERBS` and it is not one of `NOT_READ_ONLY`. A pattern with
 * wildcards (`s3:Get*`, `ec2:Describe?nstances`) is read-only when the
 * literal text before its first wildcard already starts with a read verb
 * (so every action it can match does too) and it matches no action of
 * `NOT_READ_ONLY`. `*`, `<service>:*`, and patterns whose literal start is
 * shorter than a verb (`s3:G*`, `iam:*Policy`) can match writes and are
 * refused.
 *
 * The tests check the rule against AWS's access levels for every action:
 * every action that starts with a read verb and that AWS does not classify
 * List or Read is in `NOT_READ_ONLY`.
 */

/** Action-name prefixes whose actions are List or Read, apart from `NOT_READ_ONLY`. */
export const READ_VERBS: ReadonlyArray<string> = [
  'Get', 'List', 'Describe', 'Search', 'Lookup', 'View', 'Query', 'Scan', 'Select', 'BatchGet', 'BatchDescribe',
];

/**
 * Actions that start with a read verb but are not read-only: AWS classifies
 * the first group Write, Permissions management or Tagging; the second
 * group is classified Read but hands out credentials, tokens or secret
 * values, which an audit principal must not be able to turn into other access.
 */
export const NOT_READ_ONLY: ReadonlyArray<string> = [
  'aidevops:DescribeSupportLevel',
  'appfabric:BatchGetUserAccessTasks',
  'arc-region-switch:GetResourcePolicy',
  'athena:GetSessionEndpoint',
  'backup-storage:DescribeBackupJob',
  'backup-storage:GetBaseBackup',
  'backup-storage:GetChunk',
  'backup-storage:GetIncrementalBaseBackup',
  'backup-storage:GetObjectMetadata',
  'backup-storage:ListChunks',
  'backup-storage:ListObjects',
  'backup:ListIndexedRecoveryPointsForSearch',
  'backup:SearchRecoveryPoint',
  'bcm-pricing-calculator:ListTagsForResource',
  'bedrock-agentcore:GetWorkloadAccessToken',
  'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
  'bedrock-agentcore:GetWorkloadAccessTokenForUserId',
  'billing:GetResourcePolicy',
  'cloudshell:GetFileDownloadUrls',
  'cloudshell:GetFileUploadUrls',
  'cloudwatch:QueryTraces',
  'cloudwatch:SearchPrincipals',
  'cognito-identity:GetId',
  'cognito-idp:GetTokensFromRefreshToken',
  'datazone:GetIamPortalLoginUrl',
  'elasticmapreduce:GetClusterSessionCredentials',
  'elasticmapreduce:GetOnClusterAppUIPresignedURL',
  'elasticmapreduce:GetPersistentAppUIPresignedURL',
  'elasticmapreduce:GetSessionEndpoint',
  'emr-containers:GetManagedEndpointSessionCredentials',
  'fsx:GetResourcePolicy',
  'glue:BatchGetStageFiles',
  'glue:DescribeConnectionType',
  'glue:DescribeEntity',
  'glue:GetDataPreviewStatement',
  'glue:GetEnvironment',
  'glue:GetExecutors',
  'glue:GetExecutorsThreads',
  'glue:GetLogParsingStatus',
  'glue:GetNotebookInstanceStatus',
  'glue:GetQueries',
  'glue:GetQuery',
  'glue:GetRecipeAction',
  'glue:GetStage',
  'glue:GetStageAttempt',
  'glue:GetStageAttemptTaskList',
  'glue:GetStageAttemptTaskSummary',
  'glue:GetStageFiles',
  'glue:GetStages',
  'glue:GetStorage',
  'glue:GetStorageUnit',
  'glue:ListConnectionTypes',
  'glue:ListEntities',
  'honeycode:ListTagsForResource',
  'iot:GetConnection',
  'iot:ListSubscriptions',
  'lakeformation:GetDataAccess',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'managedblockchain:GET',
  'monitron:ListProjectAdminUsers',
  'opensearch:ViewLoginPage',
  'quicksight:DescribeKnowledgeBasePermissions',
  'quicksight:DescribeSpacePermissions',
  'quicksight:DescribeTopicPermissions',
  'redshift-serverless:GetCredentials',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'route53globalresolver:ListTagsForResource',
  'security-ir:GetCaseAttachmentUploadUrl',
  'social-messaging:GetWhatsAppMessageMedia',
  'ssm-sap:GetResourcePermission',
  'states:GetActivityTask',
  'sts:GetDelegatedAccessToken',
  'sts:GetFederationToken',
  'sts:GetWebIdentityToken',
  // Read by access level, but credentials or secrets.
  'codeartifact:GetAuthorizationToken',
  'ecr:GetAuthorizationToken',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameterHistory',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'sts:GetServiceBearerToken',
  'sts:GetSessionToken',
];

const ACTION = /^([a-zA-Z0-9*?-]+):([a-zA-Z0-9*?]+)$/;
const LOWER_VERBS = READ_VERBS.map((v) => v.toLowerCase());
const LOWER_NOT_READ_ONLY = NOT_READ_ONLY.map((a) => a.toLowerCase());

/** A case-insensitive regex for an IAM wildcard pattern (`*` any run, `?` one character). */
export function actionPatternRegex(pattern: string): RegExp {
  const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * Why `action` (an IAM action or wildcard pattern) is not certainly
 * read-only, as a phrase that follows the quoted action, or undefined when it
 * is read-only. An unresolved token is refused: it cannot be checked.
 */
export function notReadOnlyReason(action: string): string | undefined {
  if (isUnresolved(action)) {
    return 'is an unresolved token, which cannot be checked at synth';
  }
  if (action === '*') {
    return 'is every action of every service';
  }
  const m = ACTION.exec(action);
  if (!m) {
    return 'is not an IAM action of the form "<service>:<Action>"';
  }
  const name = m[2];
  const wildcard = name.search(/[*?]/);
  const literal = (wildcard < 0 ? name : name.slice(0, wildcard)).toLowerCase();
  if (!LOWER_VERBS.some((v) => literal.startsWith(v))) {
    return wildcard === 0 || (wildcard > 0 && LOWER_VERBS.some((v) => v.startsWith(literal)))
      ? 'can match actions of any verb, including writes'
      : `does not start with a read verb (${READ_VERBS.join(', ')})`;
  }
  const re = actionPatternRegex(action);
  const matched = LOWER_NOT_READ_ONLY.filter((a) => re.test(a)).map((a) => NOT_READ_ONLY[LOWER_NOT_READ_ONLY.indexOf(a)]);
  if (matched.length > 0) {
    if (wildcard < 0) return 'writes or hands out credentials or secrets, although its name starts with a read verb';
    const shown = matched.slice(0, 3).map((a) => JSON.stringify(a)).join(', ');
    return `matches ${shown}${matched.length > 3 ? ` and ${matched.length - 3} more` : ''}, which write or hand out credentials or secrets`;
  }
  return undefined;
}

/** The name endings of AWS managed policies that grant read access only. */
const READ_ONLY_POLICY_NAME = /(ReadOnlyAccess|ReadOnly|ViewOnlyAccess)$/;
/** Read-only AWS managed policies whose names do not say so. */
const READ_ONLY_POLICIES: ReadonlyArray<string> = ['SecurityAudit'];

/**
 * Why the AWS managed policy `name` (with its path) is not accepted on a
 * read-only principal, or undefined. AWS names its read-only policies
 * `...ReadOnlyAccess`, `...ReadOnly` or `...ViewOnlyAccess`; any other name
 * (`AdministratorAccess`, `PowerUserAccess`, `...FullAccess`, job-function
 * policies) can grant writes.
 */
export function notReadOnlyManagedPolicyReason(name: string): string | undefined {
  if (isUnresolved(name)) return undefined;
  const base = name.split('/').pop()!;
  if (READ_ONLY_POLICY_NAME.test(base) || READ_ONLY_POLICIES.includes(name)) return undefined;
  return `is not a read-only AWS managed policy: only policies whose name ends in ReadOnlyAccess, ReadOnly or ViewOnlyAccess, and ${READ_ONLY_POLICIES.join(', ')}, are accepted on a read-only principal`;
}
