import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Guardrail } from '../src';

/**
 * The fake organization every benchmark app is built for: IDs are valid in
 * form, no account is reachable. One place, so the library reference app and
 * the hand-written baseline describe the same organization.
 */
export const ORG = {
  organizationId: 'o-a1b2c3d4e5',
  rootId: 'r-ab12',
  workloadsOu: 'ou-ab12-22222222',
  managementAccount: '123456789012',
  securityAccount: '111122223333',
  vendorAccount: '999988887777',
  externalId: 'o-a1b2c3d4e5-tenant',
  roleName: 'VendorSecurityAudit',
  queueRegion: 'us-west-2',
  queueName: 'cloudcoreo-events-queue',
  topicName: 'cloudcoreo-events',
  trailName: 'audit-trail',
  homeRegion: 'us-east-1',
} as const;

/** Every region of the `aws` partition that aws-cdk-lib knows, opt-in regions included, sorted. */
export function commercialRegions(): string[] {
  return RegionInfo.regions
    .filter((r) => r.partition === 'aws')
    .map((r) => r.name)
    .sort();
}

/**
 * The first `n` regions of the commercial list, us-east-1 first (it carries
 * the global services' events, so every event stream needs it).
 */
export function firstRegions(n: number): string[] {
  const all = commercialRegions();
  if (n < 1 || n > all.length) {
    throw new RangeError(`firstRegions: n must be 1..${all.length}, got ${n}`);
  }
  return ['us-east-1', ...all.filter((r) => r !== 'us-east-1')].slice(0, n);
}

/** `n` distinct, well-formed 12-digit account IDs (none equal to the organization's own accounts). */
export function fakeAccounts(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(String(200000000000 + i * 7919));
  }
  return out;
}

/** Guardrail kinds the generator cycles through. */
const GUARDRAIL_SERVICES = ['s3', 'sqs', 'kms', 'secretsmanager', 'sns', 'dynamodb', 'ssm', 'logs', 'ecr', 'lambda'];

/**
 * `n` distinct guardrails (1 to 50+), cycling through the factories with
 * values that keep their statements different, so that nothing is merged
 * away and the figures grow with `n` as a user's list would. The first four
 * are the guardrails-org-perimeter example's.
 */
export function guardrails(n: number, trustedAccounts: string[] = [ORG.vendorAccount]): Guardrail[] {
  const out: Guardrail[] = [];
  for (let i = 0; i < n; i++) {
    const round = Math.floor(i / 4);
    const suffix = round === 0 ? '' : String(round + 1);
    switch (i % 4) {
      case 0:
        out.push(Guardrail.denyResourcesOutsideOrganization({
          sid: `DenyResourcesOutsideOrganization${suffix}`,
          actions: round === 0 ? ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*'] : [`${GUARDRAIL_SERVICES[round % GUARDRAIL_SERVICES.length]}:*`],
          trustedAccounts,
          // Alone (n = 1) there is no protectAuditSetup beside it to protect the
          // onboarding role names, which the library then refuses to exempt.
          exemptOnboardingMachinery: n < 2 ? false : undefined,
        }));
        break;
      case 1:
        out.push(Guardrail.protectAuditSetup({
          sid: `ProtectAuditSetup${suffix}`,
          roleNames: [round === 0 ? ORG.roleName : `${ORG.roleName}${round + 1}`],
          ruleNames: [ORG.topicName],
          topicNames: [ORG.topicName],
          trailNames: [ORG.trailName],
        }));
        break;
      case 2:
        out.push(Guardrail.denyLeaveOrganization({
          sid: `DenyLeaveOrganization${suffix}`,
          exemptPrincipalArns: round === 0 ? undefined : [`arn:aws:iam::${ORG.securityAccount}:role/BreakGlass${round + 1}`],
        }));
        break;
      default:
        out.push(Guardrail.denyRegionsOutside({
          sid: `DenyRegionsOutside${suffix}`,
          allowedRegions: ['us-east-1', 'us-west-2', 'eu-west-1'],
          exemptPrincipalArns: [`arn:aws:iam::*:role/${ORG.roleName}`, ...(round === 0 ? [] : [`arn:aws:iam::${ORG.securityAccount}:role/Scanner${round + 1}`])],
        }));
    }
  }
  return out;
}
