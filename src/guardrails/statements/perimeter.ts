import { StatementExceptions } from '../private/statement';

/** Inputs every resource-perimeter statement builder takes. */
export interface PerimeterStatementInput {
  /** The statement id. */
  readonly sid: string;
  /** The actions to deny outside the perimeter. */
  readonly actions: string[];
  /** The resources covered; `notResources` wins when given. */
  readonly resources: string[];
  /** Resources exempt from the statement (renders `NotResource`). */
  readonly notResources?: string[];
  /** Resource accounts outside the perimeter that stay reachable (`aws:ResourceAccount`). */
  readonly trustedAccounts: string[];
  /** Principal and service-call exceptions. */
  readonly exceptions: StatementExceptions;
}

/** `Resource` or `NotResource`, whichever the input asks for. */
export function resourceElement(input: PerimeterStatementInput): { resource?: string[]; notResource?: string[] } {
  if (input.notResources && input.notResources.length > 0) {
    return { notResource: [...input.notResources] };
  }
  return { resource: [...input.resources] };
}
