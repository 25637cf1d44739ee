import { PerimeterStatementInput, resourceElement } from './perimeter';
import { GuardrailStatement, withExceptions, ConditionBlock } from '../private/statement';

/** Input of `denyResourcesOutsideOrgPathsStatement`. */
export interface ResourcesOutsideOrgPathsInput extends PerimeterStatementInput {
  /** Organization paths; a trailing `*` includes every OU below. */
  readonly orgPaths: string[];
}

/**
 * Deny the actions on resources outside the given organization paths.
 * `aws:ResourceOrgPaths` is multi-valued, so the
 * operator takes the `ForAllValues:` qualifier: the deny applies when no path
 * of the resource is like any listed pattern. `ForAllValues` is also true
 * when the key is absent (a resource outside any organization), so such a
 * resource is denied too. Trusted resource accounts are a separate,
 * ANDed `StringNotEquals` on the single-valued `aws:ResourceAccount`.
 */
export function denyResourcesOutsideOrgPathsStatement(input: ResourcesOutsideOrgPathsInput): GuardrailStatement {
  const condition: ConditionBlock = { 'ForAllValues:StringNotLike': { 'aws:ResourceOrgPaths': [...input.orgPaths] } };
  if (input.trustedAccounts.length > 0) {
    condition.StringNotEquals = { 'aws:ResourceAccount': [...input.trustedAccounts] };
  }
  return {
    sid: input.sid,
    action: [...input.actions],
    ...resourceElement(input),
    condition: withExceptions(condition, input.exceptions),
  };
}
