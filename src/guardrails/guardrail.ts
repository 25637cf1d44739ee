import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { principalPatternProblems } from './private/exemptions';
import { globalServiceActions } from './private/global-services';
import { checkCidrs, checkVpcIds } from './private/network';
import { onboardingRoleNames } from './private/onboarding';
import { checkServicePrefixes } from './private/service-prefix';
import { GuardrailStatement, StatementExceptions, anyRoleArn, statementToJson } from './private/statement';
import { checkActions, checkResources } from './private/validate';
import { denyLeaveOrganizationStatement } from './statements/deny-leave-organization';
import { denyRegionsOutsideStatement } from './statements/deny-regions-outside';
import { PRINCIPAL_ACCOUNT, denyResourcesOutsideAccountsStatement } from './statements/deny-resources-outside-accounts';
import { denyResourcesOutsideOrgPathsStatement } from './statements/deny-resources-outside-org-paths';
import { PRINCIPAL_ORG_ID, denyResourcesOutsideOrganizationStatement } from './statements/deny-resources-outside-organization';
import { denyServicesStatement } from './statements/deny-services';
import { denyUnlessFromSourceIpStatement } from './statements/deny-unless-from-source-ip';
import { PerimeterStatementInput } from './statements/perimeter';
import { protectAuditSetupStatements, protectedRoleArns } from './statements/protect-audit-setup';
import { throwIfProblems } from '../core/private/errors';
import { duplicateProblems, IdentifierKind, validate, validateList } from '../core/private/validators';

/**
 * Options every guardrail takes.
 */
export interface GuardrailOptions {
  /**
   * The statement id of the guardrail.
   *
   * Letters and digits only. Two guardrails in one policy need different
   * ids: give one of them a `sid` when you use a factory twice.
   *
   * @default - the factory's name, e.g. `DenyResourcesOutsideOrganization`
   */
  readonly sid?: string;

  /**
   * Principals the guardrail does not apply to, as ARNs or ARN patterns.
   *
   * Matched with `ArnNotLike` on `aws:PrincipalArn`. Name the account,
   * e.g. `arn:aws:iam::444455556666:role/BreakGlass`: an exemption with
   * `*` as the account (`arn:aws:iam::*:role/VendorAuditRole`) holds in every
   * member account, where any administrator could create a role of that
   * name, so an `OrgGuardrailScp` accepts it only when a
   * `Guardrail.protectAuditSetup()` of the same set protects the role name.
   * A pattern that matches every role (`arn:aws:iam::*:role/*`) and the CDK
   * bootstrap execution role (`cdk-*-cfn-exec-role-*`) are refused.
   *
   * @default - no principal besides the onboarding machinery
   */
  readonly exemptPrincipalArns?: string[];

  /**
   * Exempt the roles that onboard accounts.
   *
   * These are the service-managed StackSet execution roles
   * (`stacksets-exec-*`), the self-managed execution role
   * (`AWSCloudFormationStackSetExecutionRole`) and AWS Control Tower's roles
   * (`AWSControlTowerExecution`, `aws-controltower-ConfigRecorderRole`,
   * `aws-controltower-ForwardSnsNotificationRole`,
   * `AWSControlTower_VPCFlowLogsRole`). A guardrail that blocks them breaks
   * the next account that joins. An `OrgGuardrailScp` accepts the
   * exemption only beside a `Guardrail.protectAuditSetup()` (with its own
   * `exemptOnboardingMachinery` on), which stops anyone else from creating
   * or taking over a role with one of these names; otherwise synthesis
   * fails.
   *
   * @default true
   */
  readonly exemptOnboardingMachinery?: boolean;
}

/**
 * Options of the resource-perimeter guardrails.
 */
export interface ResourcePerimeterOptions extends GuardrailOptions {
  /**
   * The actions the perimeter covers.
   *
   * IAM action patterns, e.g. `['s3:*', 'kms:Decrypt']`. A bare `*` is
   * refused: name the services.
   */
  readonly actions: string[];

  /**
   * The resources the perimeter covers, as ARNs or patterns.
   *
   * Example 3 of the AWS Organizations blog post 'How to control access to
   * AWS resources based on AWS account, OU, or organization' covers S3
   * objects only (`arn:aws:s3:::*\/*`); the default covers every resource of
   * the actions.
   *
   * @default ['*']
   */
  readonly resources?: string[];

  /**
   * Resources the perimeter never covers (rendered as `NotResource`).
   *
   * For AWS-owned resources your principals read on purpose, such as a
   * public bucket of an AWS service. Cannot be combined with `resources`.
   *
   * @default - none
   */
  readonly exemptResources?: string[];

  /**
   * Accounts outside the perimeter whose resources stay reachable.
   *
   * For example the security vendor's account, when your principals read
   * or write its resources (`aws:ResourceAccount`).
   *
   * @default - none
   */
  readonly trustedAccounts?: string[];

  /**
   * Let AWS services make calls on a principal's behalf.
   *
   * When true, the deny applies only to requests a principal makes directly
   * (`aws:ViaAWSService` is false), so services that use the caller's
   * credentials (CloudFormation, Athena reading S3, S3 calling KMS) keep
   * working.
   *
   * @default true
   */
  readonly exemptCallsViaAwsServices?: boolean;
}

/**
 * Options of `Guardrail.denyResourcesOutsideOrganization()`.
 */
export interface ResourcesOutsideOrganizationOptions extends ResourcePerimeterOptions {
  /**
   * The organization whose resources stay reachable.
   *
   * A literal ID (`o-a1b2c3d4e5`), or `Guardrail.PRINCIPAL_ORG_ID`
   * (`${aws:PrincipalOrgID}`): the principal's own organization, which makes
   * the policy portable between organizations.
   *
   * @default Guardrail.PRINCIPAL_ORG_ID
   */
  readonly organizationId?: string;
}

/**
 * Options of `Guardrail.denyResourcesOutsideOrgPaths()`.
 */
export interface ResourcesOutsideOrgPathsOptions extends ResourcePerimeterOptions {
  /**
   * The organization paths whose resources stay reachable.
   *
   * `o-<org>/r-<root>/ou-<ou>/` is that OU only; a trailing `*`
   * (`o-<org>/r-<root>/ou-<ou>/*`) adds every OU below it.
   */
  readonly orgPaths: string[];
}

/**
 * Options of `Guardrail.denyResourcesOutsideAccounts()`.
 */
export interface ResourcesOutsideAccountsOptions extends ResourcePerimeterOptions {
  /**
   * The accounts whose resources stay reachable.
   *
   * Account IDs, or `Guardrail.PRINCIPAL_ACCOUNT` (`${aws:PrincipalAccount}`)
   * for "the principal's own account", which lets one policy serve every
   * account.
   *
   * @default [Guardrail.PRINCIPAL_ACCOUNT]
   */
  readonly accountIds?: string[];
}

/**
 * Options of `Guardrail.denyRegionsOutside()`.
 */
export interface RegionsOutsideOptions extends GuardrailOptions {
  /**
   * The regions requests may target.
   */
  readonly allowedRegions: string[];

  /**
   * Actions to exempt besides the built-in global services.
   *
   * The built-in list covers IAM, Organizations, STS, CloudFront, Route 53,
   * billing, support and the account-level S3 and EC2 reads. Add the global
   * services your organization uses, e.g. `['pricingplanmanager:*']`.
   *
   * @default - only the built-in global services
   */
  readonly exemptActions?: string[];

  /**
   * Let AWS services make calls on a principal's behalf in other regions.
   *
   * @default true
   */
  readonly exemptCallsViaAwsServices?: boolean;
}

/**
 * Options of `Guardrail.protectAuditSetup()`.
 *
 * Name the parts of the audit setup, either by construct (the names are
 * read from the construct, so the protection follows a rename) or by name.
 * Every part must have a fixed physical name: the policy applies in every
 * account, where CloudFormation-generated names differ.
 */
export interface ProtectAuditSetupOptions {
  /**
   * The statement id.
   *
   * @default 'ProtectAuditSetup'
   */
  readonly sid?: string;

  /**
   * Principals that may still change the setup, as ARNs or ARN patterns.
   *
   * Name the account (`arn:aws:iam::444455556666:role/SecurityAdmin`), or
   * use `*` as the account for a role that the StackSet deploys in every
   * account, and protect that role name in `roleNames` too: an
   * `OrgGuardrailScp` refuses a wildcard-account admin whose role name this
   * guardrail does not protect, since any member-account administrator
   * could create it. Changes to IAM resources of a member account are made
   * by a role of that account, so a security team that changes the setup
   * in every account uses the second form.
   *
   * @default - only the onboarding machinery may change the setup
   */
  readonly adminPrincipalArns?: string[];

  /**
   * Let the onboarding machinery change the setup.
   *
   * The StackSet execution roles deploy and update the setup, so they must
   * keep this right. The names of these roles are themselves protected,
   * so no one else can create a role that claims their exemption.
   *
   * @default true
   */
  readonly exemptOnboardingMachinery?: boolean;

  /**
   * The audit roles, e.g. the `role` of a `ReadOnlyAuditRole`.
   *
   * @default - none
   */
  readonly roles?: iam.IRole[];

  /**
   * Names of audit roles, optionally with their path (`security/AuditRole`).
   *
   * @default - none
   */
  readonly roleNames?: string[];

  /**
   * The event-stream rules, e.g. the `rule` of an `EventStreamRule`.
   *
   * @default - none
   */
  readonly rules?: events.IRule[];

  /**
   * Names of event-stream rules on the default bus (or `<bus>/<rule>`).
   *
   * @default - none
   */
  readonly ruleNames?: string[];

  /**
   * The event-stream topics, e.g. the `topic` of an `EventStreamRule`.
   *
   * @default - none
   */
  readonly topics?: sns.ITopic[];

  /**
   * Names of event-stream topics.
   *
   * @default - none
   */
  readonly topicNames?: string[];

  /**
   * The event-stream queues.
   *
   * @default - none
   */
  readonly queues?: sqs.IQueue[];

  /**
   * Names of event-stream queues.
   *
   * @default - none
   */
  readonly queueNames?: string[];

  /**
   * Names of the CloudTrail trails the setup relies on.
   *
   * @default - none
   */
  readonly trailNames?: string[];

  /**
   * The execution role of self-managed StackSets, protected as part of the
   * setup and, when `exemptOnboardingMachinery` is true, exempt like the
   * rest of the machinery, so StackSet updates keep working.
   *
   * The service-managed execution roles (`stacksets-exec-*`) are always
   * protected and exempt when `exemptOnboardingMachinery` is true.
   *
   * @default 'AWSCloudFormationStackSetExecutionRole'
   */
  readonly stackSetExecutionRoleName?: string;

  /**
   * Also protect every resource that carries the audit-setup tag, and the tag.
   *
   * The library's constructs tag every resource they define
   * `audit-baseline:protected=true` (and put their customer managed
   * policies under the `/audit-baseline/` path), so the parts whose name
   * CloudFormation generates (the forwarding rules and roles, the topic's
   * KMS key, queues and dead-letter queues, users, policies, log groups)
   * are protected without a name. S3 buckets are not: S3 evaluates
   * `aws:ResourceTag` on a bucket only when attribute-based access control
   * is enabled on it. The guardrail then denies their
   * writes (`aws:ResourceTag`), changes to managed policies under that path,
   * and any request that sets or removes the tag key (`aws:TagKeys`),
   * except by the admin principals.
   *
   * @default true
   */
  readonly protectTaggedResources?: boolean;
}

/**
 * Options of `Guardrail.denyServices()`.
 */
export interface DenyServicesOptions extends GuardrailOptions {
  /**
   * The services to deny, as IAM service prefixes (`route53`, `iam`, `ec2`).
   *
   * Every action of each service is denied, for example `['route53']` to
   * rehearse a Route 53 outage on a test OU. Denying `iam` or `sts`
   * also stops the security vendor's scanner from reading IAM and your own
   * tooling from assuming roles: list the audit roles in `auditRoleNames`.
   */
  readonly services: string[];

  /**
   * The security vendor's audit roles, which the guardrail does not apply to.
   *
   * Role names, optionally with their path (`security/VendorAuditRole`),
   * matched in every account. Required, so that leaving the scanner blind
   * is a decision: the audit role reads every service, so it would
   * report a denied service as unreadable, and denying `iam` or `sts`
   * breaks the scan. Pass `[]` when no vendor scans the target accounts.
   * Protect the same names with `Guardrail.protectAuditSetup()`, or anyone
   * who may create a role with one of these names gets the exemption too.
   */
  readonly auditRoleNames: string[];

  /**
   * Audit roles given as constructs, exempted like `auditRoleNames`.
   *
   * Each needs a fixed name (the policy applies in every account).
   *
   * @default - only the roles of `auditRoleNames`
   */
  readonly auditRoles?: iam.IRole[];

  /**
   * Let AWS services call the denied services on a principal's behalf.
   *
   * Off by default, unlike the perimeter guardrails: this guardrail denies
   * a service outright, and CloudFormation acts with the caller's
   * credentials, so the exemption would let anyone use the service by
   * deploying a stack, and would hide the outage a game day rehearses.
   * The onboarding machinery is exempt by principal, not by this flag.
   *
   * @default false
   */
  readonly exemptCallsViaAwsServices?: boolean;
}

/**
 * Options of `Guardrail.denyUnlessFromSourceIp()`.
 */
export interface SourceIpOptions extends GuardrailOptions {
  /**
   * The networks requests may come from, as IPv4 or IPv6 CIDR blocks.
   *
   * For example the public addresses of your NAT gateways or VPN
   * (`203.0.113.0/24`, `2001:db8:1234::/48`). One address is `/32` (IPv4)
   * or `/128` (IPv6). Host bits must be zero and `/0` is refused.
   */
  readonly allowedCidrs: string[];

  /**
   * The security vendor's audit roles, which the guardrail does not apply to.
   *
   * The vendor's scanner calls from the vendor's network, so without this
   * exemption the guardrail blocks the audit. Role names,
   * optionally with their path (`security/VendorAuditRole`), matched in
   * every account. Required, so that the exemption is a decision: pass
   * `[]` when no vendor scans the target accounts. Protect the same names
   * with `Guardrail.protectAuditSetup()`, or anyone who may create a role
   * with one of these names can call from anywhere.
   */
  readonly auditRoleNames: string[];

  /**
   * Audit roles given as constructs, exempted like `auditRoleNames`.
   *
   * Each needs a fixed name (the policy applies in every account).
   *
   * @default - only the roles of `auditRoleNames`
   */
  readonly auditRoles?: iam.IRole[];

  /**
   * VPCs whose requests through VPC endpoints are allowed.
   *
   * A request through a VPC endpoint carries no `aws:SourceIp`, so without
   * this list the guardrail denies every call that private subnets make
   * through interface or gateway endpoints. Listed VPCs are allowed
   * (`aws:SourceVpc`), whatever their private addresses.
   *
   * @default - no VPC: requests through VPC endpoints are denied
   */
  readonly allowedVpcIds?: string[];

  /**
   * Let AWS services make calls on a principal's behalf from their own addresses.
   *
   * When true, the deny applies only to requests a principal makes directly
   * (`aws:ViaAWSService` is false): CloudFormation provisioning a stack, or
   * Athena reading S3, calls from AWS's addresses.
   *
   * @default true
   */
  readonly exemptCallsViaAwsServices?: boolean;
}

/** What a factory hands the constructor. */
interface GuardrailSpec {
  readonly factory: string;
  readonly sid: string;
  readonly description: string;
  readonly statements: GuardrailStatement[];
  readonly problems: string[];
  /** The role ARN patterns a `protectAuditSetup` guardrail protects. */
  readonly protectedRoleArns?: string[];
}

const ID_PATTERN = /^arn:[^:]+:iam::[^:]*:role\/(.+)$/;

/**
 * A typed guardrail: one Deny statement for a service control policy (or an
 * identity policy), built from typed options by one of the static factories.
 *
 * Every guardrail exempts, by default, the machinery that onboards accounts
 * (StackSet execution roles, AWS Control Tower's roles), and the perimeter
 * guardrails exempt calls AWS services make on a principal's behalf. Add the
 * guardrails to an `OrgGuardrailScp`, which packs them into as few policies
 * as the size limit allows.
 *
 * Bad options are reported when the guardrail is added to an
 * `OrgGuardrailScp` (or rendered with `toPolicyStatements`), with the path of
 * that construct.
 *
 * @example
 * const perimeter = audit.Guardrail.denyResourcesOutsideOrganization({
 *   actions: ['s3:*', 'sqs:*'],
 *   trustedAccounts: ['111122223333'],
 * });
 */
export class Guardrail {
  /**
   * The policy variable for the calling principal's organization ID, `${aws:PrincipalOrgID}`.
   */
  public static readonly PRINCIPAL_ORG_ID: string = PRINCIPAL_ORG_ID;

  /**
   * The policy variable for the calling principal's account ID, `${aws:PrincipalAccount}`.
   */
  public static readonly PRINCIPAL_ACCOUNT: string = PRINCIPAL_ACCOUNT;

  /**
   * Deny the actions on resources outside an organization.
   *
   * `StringNotEquals` on `aws:ResourceOrgID`. A resource in an
   * account that belongs to no organization is denied too.
   */
  public static denyResourcesOutsideOrganization(options: ResourcesOutsideOrganizationOptions): Guardrail {
    const factory = 'Guardrail.denyResourcesOutsideOrganization';
    const organizationId = options.organizationId ?? PRINCIPAL_ORG_ID;
    const problems = perimeterProblems(options);
    if (organizationId !== PRINCIPAL_ORG_ID) {
      push(problems, validate('organizationId', 'organizationId', organizationId));
    }
    const sid = options.sid ?? 'DenyResourcesOutsideOrganization';
    return new Guardrail({
      factory,
      sid,
      description: `deny ${options.actions?.join(', ')} on resources outside organization ${organizationId}`,
      statements: [denyResourcesOutsideOrganizationStatement({ ...perimeterInput(sid, options), organizationId })],
      problems,
    });
  }

  /**
   * Deny the actions on resources outside organization paths.
   *
   * `ForAllValues:StringNotLike` on the multi-valued `aws:ResourceOrgPaths`:
   * a path ending in `/*` includes every OU below it. A resource with no
   * organization path is denied too. Build the
   * paths from IDs with `OrgPath`, e.g.
   * `OrgPath.of(organizationId, rootId, ouId).withDescendants().path`.
   */
  public static denyResourcesOutsideOrgPaths(options: ResourcesOutsideOrgPathsOptions): Guardrail {
    const factory = 'Guardrail.denyResourcesOutsideOrgPaths';
    const problems = perimeterProblems(options);
    if (options.orgPaths === undefined) {
      problems.push('orgPaths is required: list the organization paths whose resources stay reachable, e.g. ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"]');
    }
    problems.push(...validateList('orgPath', 'orgPaths', options.orgPaths, { nonEmpty: true, unique: true }));
    const sid = options.sid ?? 'DenyResourcesOutsideOrgPaths';
    const orgPaths = options.orgPaths ?? [];
    return new Guardrail({
      factory,
      sid,
      description: `deny ${options.actions?.join(', ')} on resources outside ${orgPaths.join(', ')}`,
      statements: [denyResourcesOutsideOrgPathsStatement({ ...perimeterInput(sid, options), orgPaths })],
      problems,
    });
  }

  /**
   * Deny the actions on resources outside some accounts.
   *
   * `StringNotEquals` on `aws:ResourceAccount`.
   */
  public static denyResourcesOutsideAccounts(options: ResourcesOutsideAccountsOptions): Guardrail {
    const factory = 'Guardrail.denyResourcesOutsideAccounts';
    const accountIds = options.accountIds ?? [PRINCIPAL_ACCOUNT];
    const problems = perimeterProblems(options);
    problems.push(...validateList('accountId', 'accountIds', accountIds.filter((a) => a !== PRINCIPAL_ACCOUNT), { unique: true }));
    if (accountIds.length === 0) {
      problems.push('accountIds must not be empty: list the accounts whose resources stay reachable, or leave it out for the principal\'s own account');
    }
    problems.push(...duplicateProblems('accountIds', accountIds.filter((a) => a === PRINCIPAL_ACCOUNT)));
    const sid = options.sid ?? 'DenyResourcesOutsideAccounts';
    return new Guardrail({
      factory,
      sid,
      description: `deny ${options.actions?.join(', ')} on resources outside accounts ${accountIds.join(', ')}`,
      statements: [denyResourcesOutsideAccountsStatement({ ...perimeterInput(sid, options), accountIds })],
      problems,
    });
  }

  /**
   * Deny changes to the audit setup except by admin principals.
   *
   * Denies every write (including creation under any path, so a name
   * cannot be squatted before the StackSet arrives, and `iam:PassRole`, so
   * nobody acts through a protected role) to the audit roles, the StackSet
   * execution roles, the event-stream rules, topics and queues, and the
   * trails; with `protectTaggedResources`, also every write to a resource
   * the library's constructs tagged, to their managed policies, and to the
   * tag itself. Reads stay allowed. There is deliberately no exemption for
   * calls through AWS services: CloudFormation acts with the caller's
   * credentials, so such an exemption would let anyone change the setup
   * with a stack.
   *
   * SCPs do not apply to the management account: protect its copy of the
   * setup with IAM permissions there.
   */
  public static protectAuditSetup(options: ProtectAuditSetupOptions): Guardrail {
    const factory = 'Guardrail.protectAuditSetup';
    const problems: string[] = [];
    push(problems, validate('sid', 'sid', options.sid));
    problems.push(...validateList('principalArnPattern', 'adminPrincipalArns', options.adminPrincipalArns, { unique: true }));
    problems.push(...principalPatternProblems('adminPrincipalArns', options.adminPrincipalArns));

    const roleNames: string[] = [];
    (options.roles ?? []).forEach((role, i) => collect(roleNames, problems, roleNameOf(role, `roles[${i}]`)));
    (options.roleNames ?? []).forEach((name, i) => collect(roleNames, problems, checkRoleName(name, `roleNames[${i}]`)));
    const executionRole = options.stackSetExecutionRoleName ?? 'AWSCloudFormationStackSetExecutionRole';
    push(problems, validate('roleName', 'stackSetExecutionRoleName', executionRole));
    problems.push(...principalPatternProblems('stackSetExecutionRoleName', [anyRoleArn(executionRole)]));

    const ruleNames: string[] = [];
    (options.rules ?? []).forEach((rule, i) => collect(ruleNames, problems, ruleNameOf(rule, `rules[${i}]`)));
    (options.ruleNames ?? []).forEach((name, i) => collect(ruleNames, problems, checkName('busQualifiedRuleName', name, `ruleNames[${i}]`)));

    const topicNames: string[] = [];
    (options.topics ?? []).forEach((topic, i) => collect(topicNames, problems, nameOf(topic, topic.topicName, `topics[${i}]`, 'AWS::SNS::Topic', 'topicName')));
    (options.topicNames ?? []).forEach((name, i) => collect(topicNames, problems, checkName('anySnsTopicName', name, `topicNames[${i}]`)));

    const queueNames: string[] = [];
    (options.queues ?? []).forEach((queue, i) => collect(queueNames, problems, nameOf(queue, queue.queueName, `queues[${i}]`, 'AWS::SQS::Queue', 'queueName')));
    (options.queueNames ?? []).forEach((name, i) => collect(queueNames, problems, checkName('anySqsQueueName', name, `queueNames[${i}]`)));

    const trailNames: string[] = [];
    (options.trailNames ?? []).forEach((name, i) => collect(trailNames, problems, checkName('trailName', name, `trailNames[${i}]`)));

    const exemptMachinery = options.exemptOnboardingMachinery ?? true;
    const protectedRoles = [...roleNames, executionRole];
    if (exemptMachinery) {
      for (const name of onboardingRoleNames()) {
        if (!protectedRoles.includes(name)) protectedRoles.push(name);
      }
    }
    for (const [prop, names] of [['roles/roleNames', roleNames], ['rules/ruleNames', ruleNames], ['topics/topicNames', topicNames], ['queues/queueNames', queueNames], ['trailNames', trailNames]] as const) {
      problems.push(...duplicateProblems(prop, names));
    }

    // The execution role deploys and updates the setup: exempt with the rest of the machinery, under its custom name too.
    const admins = unique([...(options.adminPrincipalArns ?? []), ...(exemptMachinery ? [...onboardingArns(), anyRoleArn(executionRole)] : [])]);
    const protectTagged = options.protectTaggedResources ?? true;
    const sid = options.sid ?? 'ProtectAuditSetup';
    const parts = [...protectedRoles.map((n) => `role ${n}`), ...ruleNames.map((n) => `rule ${n}`), ...topicNames.map((n) => `topic ${n}`),
      ...queueNames.map((n) => `queue ${n}`), ...trailNames.map((n) => `trail ${n}`), ...(protectTagged ? ['every tagged part'] : [])];
    return new Guardrail({
      factory,
      sid,
      description: `deny changes to ${parts.join(', ')} except by ${admins.length > 0 ? admins.join(', ') : 'nobody'}`,
      statements: protectAuditSetupStatements({
        sid,
        roleNames: protectedRoles,
        ruleNames,
        topicNames,
        queueNames,
        trailNames,
        protectTagged,
        adminPrincipalArnPatterns: admins,
      }),
      problems,
      protectedRoleArns: protectedRoles.flatMap(protectedRoleArns),
    });
  }

  /**
   * Deny leaving the organization.
   *
   * Denies `organizations:LeaveOrganization`: an account that leaves
   * falls outside every organization condition, StackSet and vendor
   * onboarding.
   */
  public static denyLeaveOrganization(options: GuardrailOptions = {}): Guardrail {
    const factory = 'Guardrail.denyLeaveOrganization';
    const problems = commonProblems(options);
    const sid = options.sid ?? 'DenyLeaveOrganization';
    return new Guardrail({
      factory,
      sid,
      description: 'deny leaving the organization',
      statements: [denyLeaveOrganizationStatement({ sid, exceptions: exceptionsOf(options, false) })],
      problems,
    });
  }

  /**
   * Deny requests to regions outside an allow list, exempting global services.
   *
   * `StringNotEquals` on `aws:RequestedRegion` with `NotAction` listing the
   * global services, whose single endpoint is in us-east-1.
   */
  public static denyRegionsOutside(options: RegionsOutsideOptions): Guardrail {
    const factory = 'Guardrail.denyRegionsOutside';
    const problems = commonProblems(options);
    if (options.allowedRegions === undefined) {
      problems.push('allowedRegions is required: list the regions requests may target, e.g. ["eu-west-1", "eu-central-1"]');
    }
    problems.push(...validateList('region', 'allowedRegions', options.allowedRegions, { nonEmpty: true, unique: true }));
    problems.push(...checkActions('exemptActions', options.exemptActions, false));
    const builtIn = globalServiceActions();
    const extra = (options.exemptActions ?? []).filter((a) => !builtIn.includes(a));
    const sid = options.sid ?? 'DenyRegionsOutside';
    const regions = options.allowedRegions ?? [];
    return new Guardrail({
      factory,
      sid,
      description: `deny requests outside ${regions.join(', ')} except to global services`,
      statements: [denyRegionsOutsideStatement({
        sid,
        allowedRegions: regions,
        exemptActions: [...builtIn, ...extra],
        exceptions: exceptionsOf(options, options.exemptCallsViaAwsServices ?? true),
      })],
      problems,
    });
  }

  /**
   * Deny every action of some services, for a game day or a service ban.
   *
   * `<prefix>:*` for each service: attach it to a test OU to
   * rehearse a Route 53 or IAM control-plane outage, then detach it. The
   * onboarding machinery and the audit roles are exempt; calls AWS
   * services make on a principal's behalf are denied too
   * (`exemptCallsViaAwsServices` is false by default).
   *
   * Denying `iam` or `sts` blocks every principal that is not exempt from
   * reading IAM and from assuming roles, which is what an outage looks
   * like, and would block the audit setup too: the StackSet execution
   * roles are exempt by default, and the audit roles are exempt when named
   * in `auditRoleNames`. Service-linked roles and the management account
   * are never affected by SCPs.
   *
   * @example
   * const gameDay = audit.Guardrail.denyServices({
   *   services: ['route53'],
   *   auditRoleNames: ['VendorAuditRole'],
   * });
   */
  public static denyServices(options: DenyServicesOptions): Guardrail {
    const factory = 'Guardrail.denyServices';
    const problems = commonProblems(options);
    if (options.services !== undefined && Token.isUnresolved(options.services)) {
      problems.push('services is an unresolved list token: list the service prefixes literally, e.g. ["route53"]');
    } else {
      problems.push(...checkServicePrefixes('services', options.services));
    }
    const auditRoles = auditRoleArnPatterns(options.auditRoleNames, options.auditRoles, problems);
    const services = options.services !== undefined && !Token.isUnresolved(options.services) ? options.services : [];
    const sid = options.sid ?? 'DenyServices';
    const exceptions = exceptionsOf(options, options.exemptCallsViaAwsServices ?? false);
    return new Guardrail({
      factory,
      sid,
      description: `deny every action of ${services.join(', ')}`,
      statements: [denyServicesStatement({
        sid,
        services,
        exceptions: { ...exceptions, principalArnPatterns: unique([...exceptions.principalArnPatterns, ...auditRoles]) },
      })],
      problems,
    });
  }

  /**
   * Deny every action requested from outside some networks.
   *
   * `NotIpAddress` on `aws:SourceIp`, except calls AWS services make on a
   * principal's behalf (`aws:ViaAWSService`, which only AWS sets), the
   * security vendor's audit roles, whose scanner calls from the vendor's
   * network (`auditRoleNames`), and the onboarding machinery, which
   * StackSets and Control Tower use from AWS addresses. Roles under the
   * `/service-role/` path are not exempt: any administrator of a member
   * account can create one there. Service-linked roles are never affected
   * by SCPs.
   *
   * Requests through VPC endpoints carry no source IP and are denied
   * unless their VPC is in `allowedVpcIds`. Workloads that call AWS from
   * AWS addresses (Lambda functions outside a VPC, for example) are denied
   * unless their roles are exempt: roll out on a test OU first.
   *
   * @example
   * const fromOffice = audit.Guardrail.denyUnlessFromSourceIp({
   *   allowedCidrs: ['203.0.113.0/24', '2001:db8:1234::/48'],
   *   allowedVpcIds: ['vpc-0a1b2c3d4e5f67890'],
   *   auditRoleNames: ['VendorAuditRole'],
   * });
   */
  public static denyUnlessFromSourceIp(options: SourceIpOptions): Guardrail {
    const factory = 'Guardrail.denyUnlessFromSourceIp';
    const problems = commonProblems(options);
    problems.push(...checkCidrs('allowedCidrs', options.allowedCidrs));
    problems.push(...checkVpcIds('allowedVpcIds', options.allowedVpcIds));
    if ((options as { exemptServiceRoles?: unknown }).exemptServiceRoles !== undefined) {
      problems.push('exemptServiceRoles is no longer supported: any administrator of a member account can create a role under /service-role/, '
        + 'so the exemption could be claimed; remove it, and exempt the workload roles that call from AWS addresses by ARN with their account '
        + '(exemptPrincipalArns: ["arn:aws:iam::444455556666:role/service-role/my-function-role"])');
    }
    const auditRoles = auditRoleArnPatterns(options.auditRoleNames, options.auditRoles, problems);
    const cidrs = options.allowedCidrs ?? [];
    const vpcIds = options.allowedVpcIds ?? [];
    const sid = options.sid ?? 'DenyUnlessFromSourceIp';
    const exceptions = exceptionsOf(options, options.exemptCallsViaAwsServices ?? true);
    const from = Token.isUnresolved(cidrs) ? 'the allowed networks' : cidrs.join(', ');
    return new Guardrail({
      factory,
      sid,
      description: `deny requests from outside ${from}${vpcIds.length > 0 && !Token.isUnresolved(vpcIds) ? ` and VPCs ${vpcIds.join(', ')}` : ''}`,
      statements: [denyUnlessFromSourceIpStatement({
        sid,
        allowedCidrs: cidrs,
        allowedVpcIds: vpcIds,
        exceptions: { ...exceptions, principalArnPatterns: unique([...exceptions.principalArnPatterns, ...auditRoles]) },
      })],
      problems,
    });
  }

  /**
   * The statement id of the guardrail.
   */
  public readonly sid: string;

  /**
   * What the guardrail denies, in one line.
   */
  public readonly description: string;

  private readonly factory: string;
  private readonly statements: GuardrailStatement[];
  private readonly problems: string[];
  private readonly protectedRoles: string[];

  private constructor(spec: GuardrailSpec) {
    this.factory = spec.factory;
    this.sid = spec.sid;
    this.description = spec.description;
    this.statements = spec.statements;
    this.problems = spec.problems;
    this.protectedRoles = spec.protectedRoleArns ?? [];
  }

  /**
   * The guardrail as IAM policy statements, for an identity policy or a
   * permissions boundary.
   *
   * A boundary for some principals belongs in identity policies, one for
   * whole accounts in SCPs. Throws, naming `scope`, when the options
   * are invalid.
   *
   * @param scope the construct that reports bad options
   */
  public toPolicyStatements(scope: IConstruct): iam.PolicyStatement[] {
    throwIfProblems(scope, this._problems());
    return this.statements.map((s) => iam.PolicyStatement.fromJson(statementToJson(s)));
  }

  /**
   * The problems of the options, each prefixed with the factory name.
   *
   * @internal
   */
  public _problems(): string[] {
    return this.problems.map((p) => `${this.factory}: ${p}`);
  }

  /**
   * The statements, as internal data (one, or three for `protectAuditSetup`).
   *
   * @internal
   */
  public _statements(): GuardrailStatement[] {
    return this.statements;
  }

  /**
   * The `aws:PrincipalArn` patterns the guardrail exempts.
   *
   * @internal
   */
  public _exemptPrincipalArns(): string[] {
    return unique(this.statements.flatMap((s) => {
      const v = s.condition?.ArnNotLike?.['aws:PrincipalArn'];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    }));
  }

  /**
   * The role ARN patterns the guardrail protects (`protectAuditSetup` only).
   *
   * @internal
   */
  public _protectedRoleArns(): string[] {
    return this.protectedRoles;
  }

  /**
   * The factory that built the guardrail, e.g. `Guardrail.denyServices`.
   *
   * @internal
   */
  public _factory(): string {
    return this.factory;
  }
}

/** The `aws:PrincipalArn` patterns of the onboarding machinery. */
function onboardingArns(): string[] {
  return onboardingRoleNames().map(anyRoleArn);
}

function exceptionsOf(options: GuardrailOptions, exemptCallsViaAwsServices: boolean): StatementExceptions {
  const machinery = options.exemptOnboardingMachinery ?? true;
  return {
    principalArnPatterns: [...(machinery ? onboardingArns() : []), ...(options.exemptPrincipalArns ?? [])],
    exemptCallsViaAwsServices,
  };
}

function commonProblems(options: GuardrailOptions): string[] {
  const problems = validateList('principalArnPattern', 'exemptPrincipalArns', options.exemptPrincipalArns, { unique: true });
  problems.push(...principalPatternProblems('exemptPrincipalArns', options.exemptPrincipalArns));
  const sid = validate('sid', 'sid', options.sid);
  return sid ? [sid, ...problems] : problems;
}

function perimeterProblems(options: ResourcePerimeterOptions): string[] {
  const problems = commonProblems(options);
  problems.push(...checkActions('actions', options.actions, true));
  problems.push(...checkResources('resources', options.resources));
  problems.push(...checkResources('exemptResources', options.exemptResources));
  (options.exemptResources ?? []).forEach((r, i) => {
    if (!Token.isUnresolved(r) && /^(\*|arn(:\*+)+(\/\**)?)$/.test(r)) {
      problems.push(`exemptResources[${i}] is ${JSON.stringify(r)}, which exempts every resource and turns the guardrail into a no-op: `
        + 'list the AWS-owned resources your principals read on purpose, e.g. "arn:aws:s3:::aws-glue-assets-*"');
    }
  });
  if (options.resources !== undefined && options.exemptResources !== undefined) {
    problems.push('resources and exemptResources cannot be combined: a statement has either Resource or NotResource; '
      + 'keep resources to cover only some resources, or exemptResources to cover all but some');
  }
  problems.push(...validateList('accountId', 'trustedAccounts', options.trustedAccounts, { unique: true }));
  return problems;
}

function perimeterInput(sid: string, options: ResourcePerimeterOptions): PerimeterStatementInput {
  return {
    sid,
    actions: options.actions ?? [],
    resources: options.resources ?? ['*'],
    notResources: options.exemptResources,
    trustedAccounts: options.trustedAccounts ?? [],
    exceptions: exceptionsOf(options, options.exemptCallsViaAwsServices ?? true),
  };
}

/**
 * The `aws:PrincipalArn` patterns of the audit roles, from names and
 * constructs. `auditRoleNames` is required: its absence, which only
 * a JavaScript caller can cause, is a problem.
 */
function auditRoleArnPatterns(names: string[] | undefined, roles: iam.IRole[] | undefined, problems: string[]): string[] {
  if (names === undefined) {
    problems.push('auditRoleNames is required: name the security vendor\'s audit roles, which the guardrail would otherwise block, '
      + 'or pass [] when no vendor scans the target accounts');
  }
  const found: string[] = [];
  (names ?? []).forEach((name, i) => collect(found, problems, checkRoleName(name, `auditRoleNames[${i}]`)));
  (roles ?? []).forEach((role, i) => collect(found, problems, roleNameOf(role, `auditRoles[${i}]`)));
  problems.push(...duplicateProblems('auditRoleNames/auditRoles', found));
  return found.map(anyRoleArn);
}

/** The values in first-seen order, each once. */
function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function push(problems: string[], p: string | undefined): void {
  if (p) problems.push(p);
}

/** A name, or the problem that kept it from being read. */
type NameResult = { name: string } | { problem: string };

function collect(names: string[], problems: string[], result: NameResult): void {
  if ('name' in result) names.push(result.name);
  else problems.push(result.problem);
}

/** A literal name by a core rule (the policy names it in every account, so a token is refused). */
function checkName(kind: IdentifierKind, name: string, prop: string): NameResult {
  if (Token.isUnresolved(name)) {
    return { problem: `${prop} is an unresolved token: the policy applies in every account, so give the literal name` };
  }
  const problem = validate(kind, prop, name);
  return problem ? { problem } : { name };
}

/** A role name, or `path/name` (the path without its leading slash). */
function checkRoleName(value: string, prop: string): NameResult {
  if (Token.isUnresolved(value)) {
    return { problem: `${prop} is an unresolved token: the policy applies in every account, so give the literal name` };
  }
  const slash = value.lastIndexOf('/');
  const name = value.slice(slash + 1);
  const problem = validate('roleName', prop, name);
  if (problem) return { problem };
  if (slash >= 0) {
    const pathProblem = validate('iamPath', `the path of ${prop}`, `/${value.slice(0, slash + 1)}`);
    if (pathProblem) return { problem: pathProblem };
  }
  return { name: value };
}

/** The name of a role: from a literal ARN (keeps the path), a literal name, or the L1 `RoleName` (plus `Path`). */
function roleNameOf(role: iam.IRole, prop: string): NameResult {
  if (!Token.isUnresolved(role.roleArn)) {
    const m = ID_PATTERN.exec(role.roleArn);
    if (m) return { name: m[1] };
  }
  const child = role.node.defaultChild;
  if (child instanceof iam.CfnRole && typeof child.roleName === 'string' && !Token.isUnresolved(child.roleName)) {
    const path = typeof child.path === 'string' && !Token.isUnresolved(child.path) ? child.path.replace(/^\//, '') : '';
    return { name: `${path}${child.roleName}` };
  }
  if (!Token.isUnresolved(role.roleName)) return { name: role.roleName };
  return { problem: `${prop} (${role.node.path}) has no fixed name: give the role a roleName, because the policy names it in every account` };
}

function ruleNameOf(rule: events.IRule, prop: string): NameResult {
  if (!Token.isUnresolved(rule.ruleArn)) {
    const m = /:rule\/(.+)$/.exec(rule.ruleArn);
    if (m) return { name: m[1] };
  }
  const child = rule.node.defaultChild;
  if (child instanceof events.CfnRule && typeof child.name === 'string' && !Token.isUnresolved(child.name)) {
    const bus = child.eventBusName === undefined ? 'default' : busNameOf(child);
    if (bus === undefined) {
      return { problem: `${prop} (${rule.node.path}) is on an event bus whose name is not known at synth: pass ruleNames: ["<bus>/<rule>"] instead` };
    }
    return { name: bus === 'default' ? child.name : `${bus}/${child.name}` };
  }
  if (!Token.isUnresolved(rule.ruleName)) return { name: rule.ruleName };
  return { problem: `${prop} (${rule.node.path}) has no fixed name: give the rule a ruleName, because the policy names it in every account` };
}

/**
 * The literal name of a rule's event bus: the property itself, or the `Name`
 * of the `AWS::Events::EventBus` of this stack that a `Ref` points to.
 */
function busNameOf(rule: events.CfnRule): string | undefined {
  const value: unknown = rule.eventBusName;
  if (typeof value === 'string' && !Token.isUnresolved(value)) return value;
  const stack = Stack.of(rule);
  const resolved = stack.resolve(value);
  const ref = resolved && typeof resolved === 'object' ? (resolved as Record<string, unknown>).Ref : undefined;
  if (typeof ref !== 'string') return undefined;
  const bus = stack.node.findAll().find((c): c is events.CfnEventBus => c instanceof events.CfnEventBus && stack.resolve(c.logicalId) === ref);
  return bus && !Token.isUnresolved(bus.name) ? bus.name : undefined;
}

/** The physical name of a topic or queue: the literal attribute, else the L1 name property. */
function nameOf(resource: IConstruct, literal: string, prop: string, cfnType: string, cfnProp: 'topicName' | 'queueName'): NameResult {
  if (!Token.isUnresolved(literal)) return { name: literal };
  const child = resource.node.defaultChild;
  if (child && CfnResource.isCfnResource(child) && child.cfnResourceType === cfnType) {
    const value: unknown = (child as unknown as Record<string, unknown>)[cfnProp];
    if (typeof value === 'string' && !Token.isUnresolved(value)) return { name: value };
  }
  return { problem: `${prop} (${resource.node.path}) has no fixed name: give it a ${cfnProp}, because the policy names it in every account` };
}
