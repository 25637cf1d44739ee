import { ConditionBlock, GuardrailStatement, StatementExceptions, withExceptions } from '../private/statement';

/** Input of `denyUnlessFromSourceIpStatement`. */
export interface SourceIpInput {
  /** The statement id. */
  readonly sid: string;
  /** IPv4 and IPv6 CIDR blocks requests may come from. */
  readonly allowedCidrs: string[];
  /** VPCs whose requests through VPC endpoints are allowed (empty: none). */
  readonly allowedVpcIds: string[];
  /** Principal and service-call exceptions. */
  readonly exceptions: StatementExceptions;
}

/**
 * Deny every action when the request comes from outside the allowed
 * networks: `NotIpAddress` on `aws:SourceIp`.
 *
 * A request through a VPC endpoint carries no `aws:SourceIp` (it carries
 * `aws:SourceVpc` and `aws:VpcSourceIp` instead); a negated operator is true
 * when its key is absent, so such a request is denied unless its VPC is
 * allowed: `StringNotEqualsIfExists` on `aws:SourceVpc`, true when the key is
 * absent (a request over the internet, which the IP test then decides) and
 * false for a listed VPC. The conditions are ANDed, so a request is denied
 * only when it fails both tests.
 */
export function denyUnlessFromSourceIpStatement(input: SourceIpInput): GuardrailStatement {
  const condition: ConditionBlock = { NotIpAddress: { 'aws:SourceIp': [...input.allowedCidrs] } };
  if (input.allowedVpcIds.length > 0) {
    condition.StringNotEqualsIfExists = { 'aws:SourceVpc': [...input.allowedVpcIds] };
  }
  return {
    sid: input.sid,
    action: ['*'],
    resource: ['*'],
    condition: withExceptions(condition, input.exceptions),
  };
}
