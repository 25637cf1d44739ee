import { GuardrailStatement, StatementExceptions, withExceptions } from '../private/statement';

/** Input of `denyServicesStatement`. */
export interface DenyServicesInput {
  /** The statement id. */
  readonly sid: string;
  /** IAM service prefixes (`route53`, `iam`); every action of each is denied. */
  readonly services: string[];
  /** Principal and service-call exceptions. */
  readonly exceptions: StatementExceptions;
}

/**
 * Deny every action of the listed services on every resource: the
 * "service outage" of a game day, or a service the organization does not
 * use. `<prefix>:*` per service, in the order given.
 */
export function denyServicesStatement(input: DenyServicesInput): GuardrailStatement {
  return {
    sid: input.sid,
    action: input.services.map((s) => `${s}:*`),
    resource: ['*'],
    condition: withExceptions({}, input.exceptions),
  };
}
