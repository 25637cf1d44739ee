import { GuardrailStatement } from '../private/statement';

/** Input of the resource control policy statements. */
export interface PrincipalsOutsideOrganizationInput {
  /** The statement id. */
  readonly sid: string;
  /** The organization ID (a literal: in an RCP the principal is the outsider). */
  readonly organizationId: string;
  /** The actions of the services the RCP protects. */
  readonly actions: string[];
  /** Accounts outside the organization whose principals stay allowed (the security vendor's). */
  readonly trustedAccounts: string[];
  /** Principal ARN patterns outside the organization that stay allowed. */
  readonly trustedPrincipalArns: string[];
}

/**
 * RCP: deny requests to the organization's resources from principals
 * outside it, the resource side of the perimeter.
 *
 * `StringNotEqualsIfExists` on `aws:PrincipalOrgID` and
 * `aws:PrincipalAccount` (ANDed: outside the organization and not a trusted
 * account), `ArnNotLikeIfExists` on `aws:PrincipalArn` for trusted
 * principals, and `BoolIfExists` `aws:PrincipalIsAWSService` = `false`: AWS
 * service principals (CloudTrail writing to a bucket, SNS to a queue) are not
 * denied here; `denyServicesForOutsidersStatement` (deny-services-for-outsiders.ts) covers them.
 */
export function denyPrincipalsOutsideOrganizationStatement(input: PrincipalsOutsideOrganizationInput): GuardrailStatement {
  const notEquals: Record<string, string | string[]> = { 'aws:PrincipalOrgID': input.organizationId };
  if (input.trustedAccounts.length > 0) {
    notEquals['aws:PrincipalAccount'] = [...input.trustedAccounts];
  }
  const condition: Record<string, Record<string, string | string[]>> = { StringNotEqualsIfExists: notEquals };
  if (input.trustedPrincipalArns.length > 0) {
    condition.ArnNotLikeIfExists = { 'aws:PrincipalArn': [...input.trustedPrincipalArns] };
  }
  condition.BoolIfExists = { 'aws:PrincipalIsAWSService': 'false' };
  return { sid: input.sid, principal: '*', action: [...input.actions], resource: ['*'], condition };
}
