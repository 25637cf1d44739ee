import { GuardrailStatement, StatementExceptions, withExceptions } from '../private/statement';

/** Input of `denyLeaveOrganizationStatement`. */
export interface LeaveOrganizationInput {
  /** The statement id. */
  readonly sid: string;
  /** Principal and service-call exceptions. */
  readonly exceptions: StatementExceptions;
}

/**
 * Deny `organizations:LeaveOrganization`: an account that leaves
 * takes itself out of every org-ID condition, StackSet and vendor onboarding.
 */
export function denyLeaveOrganizationStatement(input: LeaveOrganizationInput): GuardrailStatement {
  return {
    sid: input.sid,
    action: ['organizations:LeaveOrganization'],
    resource: ['*'],
    condition: withExceptions({}, input.exceptions),
  };
}
