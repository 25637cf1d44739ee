import { GuardrailStatement, StatementExceptions, withExceptions } from '../private/statement';

/** Input of `denyRegionsOutsideStatement`. */
export interface RegionsOutsideInput {
  /** The statement id. */
  readonly sid: string;
  /** The regions requests may target. */
  readonly allowedRegions: string[];
  /** Actions of global services (and any the user adds), never denied. */
  readonly exemptActions: string[];
  /** Principal and service-call exceptions. */
  readonly exceptions: StatementExceptions;
}

/**
 * Deny every action, except the global services' ones, whose requested
 * region is not in the allow list. `NotAction` keeps calls to
 * global endpoints (all in us-east-1) working when us-east-1 is not allowed.
 */
export function denyRegionsOutsideStatement(input: RegionsOutsideInput): GuardrailStatement {
  return {
    sid: input.sid,
    notAction: [...input.exemptActions],
    resource: ['*'],
    condition: withExceptions({ StringNotEquals: { 'aws:RequestedRegion': [...input.allowedRegions] } }, input.exceptions),
  };
}
