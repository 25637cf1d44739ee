import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import {
  DenyServicesOptions, GuardrailOptions, ProtectAuditSetupOptions, RegionsOutsideOptions, ResourcesOutsideAccountsOptions,
  ResourcesOutsideOrganizationOptions, ResourcesOutsideOrgPathsOptions, SourceIpOptions,
} from './guardrail-options';
import { principalPatternProblems } from './private/exemptions';
import { globalServiceActions } from './private/global-services';
import { auditRoleArnPatterns, commonProblems, exceptionsOf, onboardingArns, perimeterInput, perimeterProblems, push, unique } from './private/guardrail-checks';
import { checkName, checkRoleName, collect, nameOf, roleNameOf, ruleNameOf } from './private/names';
import { checkCidrs, checkVpcIds } from './private/network';
import { onboardingRoleNames } from './private/onboarding';
import { checkServicePrefixes } from './private/service-prefix';
import { GuardrailStatement, anyRoleArn, statementToJson } from './private/statement';
import { checkActions } from './private/validate';
import { denyLeaveOrganizationStatement } from './statements/deny-leave-organization';
import { denyRegionsOutsideStatement } from './statements/deny-regions-outside';
import { PRINCIPAL_ACCOUNT, denyResourcesOutsideAccountsStatement } from './statements/deny-resources-outside-accounts';
import { denyResourcesOutsideOrgPathsStatement } from './statements/deny-resources-outside-org-paths';
import { PRINCIPAL_ORG_ID, denyResourcesOutsideOrganizationStatement } from './statements/deny-resources-outside-organization';
import { denyServicesStatement } from './statements/deny-services';
import { denyUnlessFromSourceIpStatement } from './statements/deny-unless-from-source-ip';
import { protectAuditSetupStatements, protectedRoleArns } from './statements/protect-audit-setup';
import { throwIfProblems } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';
import { duplicateProblems, validate, validateList } from '../core/private/validators';

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
    if (options.services !== undefined && isUnresolved(options.services)) {
      problems.push('services is an unresolved list token: list the service prefixes literally, e.g. ["route53"]');
    } else {
      problems.push(...checkServicePrefixes('services', options.services));
    }
    const auditRoles = auditRoleArnPatterns(options.auditRoleNames, options.auditRoles, problems);
    const services = options.services !== undefined && !isUnresolved(options.services) ? options.services : [];
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
    const from = isUnresolved(cidrs) ? 'the allowed networks' : cidrs.join(', ');
    return new Guardrail({
      factory,
      sid,
      description: `deny requests from outside ${from}${vpcIds.length > 0 && !isUnresolved(vpcIds) ? ` and VPCs ${vpcIds.join(', ')}` : ''}`,
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
