import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

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
