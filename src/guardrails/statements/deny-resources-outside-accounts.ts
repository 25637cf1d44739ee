import { PerimeterStatementInput, resourceElement } from './perimeter';
import { GuardrailStatement, withExceptions } from '../private/statement';

/** The policy variable that stands for the calling principal's own account. */
export const PRINCIPAL_ACCOUNT = '${aws:PrincipalAccount}';

/** Input of `denyResourcesOutsideAccountsStatement`. */
export interface ResourcesOutsideAccountsInput extends PerimeterStatementInput {
  /** Account IDs, or `${aws:PrincipalAccount}` for "the principal's own account". */
  readonly accountIds: string[];
}

/**
 * Deny the actions on resources owned by any other account:
 * `StringNotEquals` on the single-valued `aws:ResourceAccount`, with
 * the trusted accounts in the same list (not equal to any of them).
 */
export function denyResourcesOutsideAccountsStatement(input: ResourcesOutsideAccountsInput): GuardrailStatement {
  return {
    sid: input.sid,
    action: [...input.actions],
    ...resourceElement(input),
    condition: withExceptions(
      { StringNotEquals: { 'aws:ResourceAccount': [...input.accountIds, ...input.trustedAccounts] } },
      input.exceptions,
    ),
  };
}
