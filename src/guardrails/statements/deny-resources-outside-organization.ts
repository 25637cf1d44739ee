import { PerimeterStatementInput, resourceElement } from './perimeter';
import { GuardrailStatement, withExceptions } from '../private/statement';

/** The policy variable that stands for the calling principal's own organization. */
export const PRINCIPAL_ORG_ID = '${aws:PrincipalOrgID}';

/** Input of `denyResourcesOutsideOrganizationStatement`. */
export interface ResourcesOutsideOrganizationInput extends PerimeterStatementInput {
  /** A literal organization ID, or `${aws:PrincipalOrgID}`. */
  readonly organizationId: string;
}

/**
 * Deny the actions on resources whose account is not in the organization:
 * `StringNotEquals` on the single-valued `aws:ResourceOrgID`.
 * A resource in an account outside any organization has no
 * `aws:ResourceOrgID`; a negated operator is true when the key is absent, so
 * the deny applies to it too. Trusted resource accounts are ANDed in under
 * the same operator, so a resource in one of them is not denied.
 */
export function denyResourcesOutsideOrganizationStatement(input: ResourcesOutsideOrganizationInput): GuardrailStatement {
  const notEquals: Record<string, string | string[]> = { 'aws:ResourceOrgID': input.organizationId };
  if (input.trustedAccounts.length > 0) {
    notEquals['aws:ResourceAccount'] = [...input.trustedAccounts];
  }
  return {
    sid: input.sid,
    action: [...input.actions],
    ...resourceElement(input),
    condition: withExceptions({ StringNotEquals: notEquals }, input.exceptions),
  };
}
