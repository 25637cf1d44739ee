import { Construct } from 'constructs';
import { AwsLimits } from '../core/limits';
import { hasWildcardAccount } from './private/exemptions';
import { OrgPolicySet, OrgPolicySetConfig, configProblems, orgPolicySetConfig, slotProblems, warnOnRootTargets } from './private/org-policy-set';
import { GuardrailStatement } from './private/statement';
import { denyPrincipalsOutsideOrganizationStatement } from './statements/deny-principals-outside-organization';
import { denyServicesForOutsidersStatement } from './statements/deny-services-for-outsiders';
import { throwIfProblems } from '../core/private/errors';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, duplicateProblems, PropsSpec, required, validate, validateList } from '../core/private/validators';

/**
 * A service whose resources a resource control policy can protect.
 *
 * The static instances are services that RCPs support (checked against
 * AWS's service authorization data in the tests); `RcpService.of()` names
 * another one.
 */
export class RcpService {
  /** Amazon S3: buckets and objects. */
  public static readonly S3 = new RcpService('s3', ['s3:*']);

  /** Amazon SQS: queues. */
  public static readonly SQS = new RcpService('sqs', ['sqs:*']);

  /** AWS KMS: keys. */
  public static readonly KMS = new RcpService('kms', ['kms:*']);

  /** AWS Secrets Manager: secrets. */
  public static readonly SECRETS_MANAGER = new RcpService('secretsmanager', ['secretsmanager:*']);

  /**
   * AWS STS: role assumption and the session calls outside principals make.
   *
   * `sts:AssumeRoleWithSAML` and `sts:AssumeRoleWithWebIdentity` are left
   * out: their callers are federated identities with no organization, which
   * the condition would always deny. `sts:TagSession` and
   * `sts:SetSourceIdentity` are left out for the same reason.
   */
  public static readonly STS = new RcpService('sts', [
    'sts:AssumeRole',
    'sts:DecodeAuthorizationMessage',
    'sts:GetAccessKeyInfo',
    'sts:GetFederationToken',
    'sts:GetServiceBearerToken',
    'sts:GetSessionToken',
    'sts:SetContext',
  ]);

  /** Amazon ECR: repositories. */
  public static readonly ECR = new RcpService('ecr', ['ecr:*']);

  /** Amazon DynamoDB: tables and streams. */
  public static readonly DYNAMODB = new RcpService('dynamodb', ['dynamodb:*']);

  /** Amazon CloudWatch Logs: log groups. */
  public static readonly LOGS = new RcpService('logs', ['logs:*']);

  /**
   * Another service RCPs support, by its IAM service prefix.
   *
   * @param servicePrefix the IAM service prefix, e.g. `aoss`
   */
  public static of(servicePrefix: string): RcpService {
    return new RcpService(servicePrefix, [`${servicePrefix}:*`]);
  }

  /**
   * The IAM service prefix.
   */
  public readonly servicePrefix: string;

  /**
   * The actions the policy denies to outsiders.
   */
  public readonly actions: string[];

  private constructor(servicePrefix: string, actions: string[]) {
    this.servicePrefix = servicePrefix;
    this.actions = actions;
  }
}

/**
 * Properties of an `OrgResourceControlPolicy`.
 */
export interface OrgResourceControlPolicyProps {
  /**
   * The organization whose principals may use its resources.
   *
   * A literal ID: in an RCP the caller is the outsider, so
   * `${aws:PrincipalOrgID}` would compare the caller with itself.
   */
  readonly organizationId: string;

  /**
   * The roots, OUs and accounts to attach the policy to.
   *
   * Nothing is attached implicitly. An empty list defines the
   * policy without attaching it.
   */
  readonly targetIds: string[];

  /**
   * The services whose resources are protected.
   *
   * @default - S3, STS, KMS, SQS and Secrets Manager
   */
  readonly services?: RcpService[];

  /**
   * Accounts outside the organization whose principals stay allowed.
   *
   * The security vendor's account: without it the vendor's role can no
   * longer assume the audit role (STS) or read what it needs.
   *
   * @default - none
   */
  readonly trustedAccounts?: string[];

  /**
   * Principals outside the organization that stay allowed, as ARNs or patterns.
   *
   * Narrower than `trustedAccounts`: one role of the vendor's account. The
   * account must be literal: with `*` as the account, any outside account
   * could create a role of that name and pass the policy, so it is refused.
   *
   * @default - none
   */
  readonly trustedPrincipalArns?: string[];

  /**
   * Deny AWS service principals that act for a source outside the organization.
   *
   * Adds the confused-deputy statement: a service principal calling with an
   * `aws:SourceAccount` outside the organization (and not a trusted account)
   * is denied. Service principals acting for the organization stay allowed.
   *
   * @default true
   */
  readonly confusedDeputyProtection?: boolean;

  /**
   * Resource control policies already attached directly to each target.
   *
   * `RCPFullAWSAccess` takes one slot on every target.
   *
   * @default 1
   */
  readonly slotsAlreadyTaken?: number;

  /**
   * Slots already taken on particular targets, by target ID.
   *
   * @default - `slotsAlreadyTaken` on every target
   */
  readonly slotsAlreadyTakenByTarget?: { [targetId: string]: number };

  /**
   * The quotas to check sizes and counts against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;

  /**
   * The name of the first policy; later ones get `-2`, `-3`, ...
   *
   * @default - a name generated from the construct path
   */
  readonly policyName?: string;

  /**
   * The description of every policy.
   *
   * @default - the construct path and the statement ids of each policy
   */
  readonly description?: string;

  /**
   * The statement id prefix.
   *
   * @default 'Perimeter'
   */
  readonly sidPrefix?: string;
}

/**
 * The services resource control policies apply to, by IAM prefix (AWS
 * Organizations user guide, "AWS services that support RCPs", 2026-11).
 */
const RCP_SERVICES = ['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'ecr', 'aoss', 'cognito-idp', 'logs', 'dynamodb'];

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { organizationId: required('string'), targetIds: required('string[]'), services: 'object[]', trustedAccounts: 'string[]', trustedPrincipalArns: 'string[]', confusedDeputyProtection: 'boolean', slotsAlreadyTaken: 'number', slotsAlreadyTakenByTarget: 'object', limits: 'object', policyName: 'string', description: 'string', sidPrefix: 'string' };

/**
 * A resource control policy that keeps principals outside the organization
 * away from its resources: the resource side of the data perimeter
 * whose identity side is `Guardrail.denyResourcesOutsideOrganization()`.
 *
 * Denies every listed action to principals whose `aws:PrincipalOrgID` is
 * not the organization's, except the trusted accounts and principals (the
 * security vendor) and AWS service principals; with
 * `confusedDeputyProtection` a second statement denies service principals
 * that act for a source outside the organization.
 *
 * RCPs do not apply to the management account's resources, nor to
 * service-linked roles. Prerequisites: all features, and the
 * RESOURCE_CONTROL_POLICY type enabled on the root.
 *
 * @example
 * new audit.OrgResourceControlPolicy(this, 'Perimeter', {
 *   organizationId: 'o-a1b2c3d4e5',
 *   targetIds: ['ou-ab12-11111111'],
 *   trustedAccounts: ['111122223333'],
 * });
 */
export class OrgResourceControlPolicy extends Construct {
  /**
   * The root, OU and account IDs the policies are attached to.
   */
  public readonly targetIds: string[];

  private readonly set: OrgPolicySet;
  private readonly config: OrgPolicySetConfig;

  constructor(scope: Construct, id: string, props: OrgResourceControlPolicyProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    this.config = orgPolicySetConfig('rcp', props);
    const services = props.services ?? [RcpService.S3, RcpService.STS, RcpService.KMS, RcpService.SQS, RcpService.SECRETS_MANAGER];

    const problems = configProblems(this.config);
    if (props.organizationId === undefined) {
      problems.push('organizationId is required: find it with `aws organizations describe-organization`');
    } else if (props.organizationId === '${aws:PrincipalOrgID}') {
      problems.push('organizationId must be the literal organization ID (e.g. "o-a1b2c3d4e5"), got "${aws:PrincipalOrgID}": in an RCP that variable is the caller\'s own organization');
    } else {
      const p = validate('organizationId', 'organizationId', props.organizationId);
      if (p) problems.push(p);
    }
    problems.push(...validateList('accountId', 'trustedAccounts', props.trustedAccounts, { unique: true }));
    problems.push(...validateList('principalArnPattern', 'trustedPrincipalArns', props.trustedPrincipalArns, { unique: true }));
    (props.trustedPrincipalArns ?? []).forEach((arn, i) => {
      if (!isUnresolved(arn) && hasWildcardAccount(arn)) {
        problems.push(`trustedPrincipalArns[${i}] is ${JSON.stringify(arn)}, whose account is a wildcard: any account outside the organization `
          + 'can create a principal of that name and pass the policy. Name the account (e.g. "arn:aws:iam::111122223333:role/VendorScanner"), '
          + 'or list the account in trustedAccounts');
      }
    });
    const sidPrefixProblem = validate('sid', 'sidPrefix', props.sidPrefix);
    if (sidPrefixProblem) problems.push(sidPrefixProblem);
    if (services.length === 0) {
      problems.push('services must not be empty: leave it out for S3, STS, KMS, SQS and Secrets Manager');
    }
    services.forEach((s, i) => {
      const format = validate('iamServicePrefix', `services[${i}]`, s.servicePrefix);
      if (format) {
        problems.push(format);
      } else if (!isUnresolved(s.servicePrefix) && !RCP_SERVICES.includes(s.servicePrefix)) {
        problems.push(`services[${i}] is RcpService.of(${JSON.stringify(s.servicePrefix)}), a service resource control policies do not apply to, so the policy would protect nothing there: `
          + `use one of ${RCP_SERVICES.map((r) => JSON.stringify(r)).join(', ')}, or protect that service with a guardrail (service control policy) instead`);
      }
    });
    problems.push(...duplicateProblems('services', services.map((s) => s.servicePrefix)));
    throwIfProblems(this, problems);

    this.targetIds = props.targetIds;
    const sidPrefix = props.sidPrefix ?? 'Perimeter';
    const input = {
      organizationId: props.organizationId,
      actions: services.flatMap((s) => s.actions),
      trustedAccounts: props.trustedAccounts ?? [],
      trustedPrincipalArns: props.trustedPrincipalArns ?? [],
    };
    const statements: GuardrailStatement[] = [denyPrincipalsOutsideOrganizationStatement({ ...input, sid: `${sidPrefix}DenyOutsidePrincipals` })];
    if (props.confusedDeputyProtection ?? true) {
      statements.push(denyServicesForOutsidersStatement({ ...input, sid: `${sidPrefix}DenyServicesForOutsiders` }));
    }
    this.set = new OrgPolicySet(this, this.config, () => statements);
    warnOnRootTargets(this, this.config);
    this.node.addValidation({ validate: () => this.validateForResourceControlPolicy() });
  }

  /**
   * The number of policies the statements need at the current size limit.
   */
  public get policyCount(): number {
    return this.set.policyCount;
  }

  /**
   * Checks the policies against the RCP quotas.
   *
   * Returns one sentence per problem, with the figures. Synthesis runs this
   * check and fails on any problem.
   */
  public validateForResourceControlPolicy(): string[] {
    const plan = this.set.currentPlan;
    return [...plan.problems, ...slotProblems(this.config, plan)];
  }
}
