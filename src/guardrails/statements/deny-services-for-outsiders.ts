import { PrincipalsOutsideOrganizationInput } from './deny-principals-outside-organization';
import { GuardrailStatement } from '../private/statement';

/**
 * RCP: deny AWS service principals acting for a source outside the
 * organization (confused-deputy protection): `StringNotEqualsIfExists` on
 * `aws:SourceOrgID` (and `aws:SourceAccount` for trusted accounts), only when
 * the request carries `aws:SourceAccount` (`Null` = `false`) and comes from a
 * service principal (`Bool` `aws:PrincipalIsAWSService` = `true`).
 */
export function denyServicesForOutsidersStatement(input: PrincipalsOutsideOrganizationInput): GuardrailStatement {
  const notEquals: Record<string, string | string[]> = { 'aws:SourceOrgID': input.organizationId };
  if (input.trustedAccounts.length > 0) {
    notEquals['aws:SourceAccount'] = [...input.trustedAccounts];
  }
  return {
    sid: input.sid,
    principal: '*',
    action: [...input.actions],
    resource: ['*'],
    condition: {
      StringNotEqualsIfExists: notEquals,
      Null: { 'aws:SourceAccount': 'false' },
      Bool: { 'aws:PrincipalIsAWSService': 'true' },
    },
  };
}
