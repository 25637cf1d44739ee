import { Token } from 'aws-cdk-lib';
import { AwsLimits } from '../../core/limits';
import { AuditedServices } from '../audited-services';

/** The detail-type of every CloudTrail management and data event on EventBridge. */
export const CLOUDTRAIL_API_CALL = 'AWS API Call via CloudTrail';

/** Only AWS services can put events whose `source` starts with this prefix (PutEvents rejects it). */
export const AWS_SOURCE_PREFIX = 'aws.';

/** The rule state that also delivers read-only (Get, List, Describe) management events. */
export const STATE_WITH_READ_ONLY = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** Options of `cloudTrailApiCallPattern`. */
export interface ApiCallPatternOptions {
  readonly services: AuditedServices;
  readonly restrictToAwsSources: boolean;
}

/**
 * The event pattern of an event stream, as plain JSON: the VMware Aria
 * guide's pattern, plus (unless switched off) a `source` guard that pattern
 * lacks.
 */
export function cloudTrailApiCallPattern(options: ApiCallPatternOptions): Record<string, unknown> {
  const pattern: Record<string, unknown> = {};
  if (options.restrictToAwsSources) {
    pattern.source = [{ prefix: AWS_SOURCE_PREFIX }];
  }
  pattern['detail-type'] = [CLOUDTRAIL_API_CALL];
  if (!options.services.allServices) {
    pattern.detail = { eventSource: options.services.eventSources };
  }
  return pattern;
}

/**
 * The number of characters EventBridge counts for a pattern: its compact
 * JSON. Returns undefined when the pattern holds an unresolved token.
 */
export function patternCharacters(pattern: Record<string, unknown>): number | undefined {
  const json = JSON.stringify(pattern);
  return Token.isUnresolved(json) ? undefined : json.length;
}

/**
 * The problem sentence when a pattern is over the EventBridge limit, with
 * the figures; undefined when it fits or holds a token.
 *
 * @param construct the class name to suggest splitting across
 */
export function checkPatternSize(pattern: Record<string, unknown>, limits: AwsLimits, construct: string): string | undefined {
  const size = patternCharacters(pattern);
  if (size === undefined || size <= limits.eventPatternCharacters) {
    return undefined;
  }
  return `services make an event pattern of ${size.toLocaleString('en-US')} characters, the EventBridge limit is ${limits.eventPatternCharacters.toLocaleString('en-US')}: `
    + `split the services across two ${construct} constructs, or pass limits with a raised eventPatternCharacters if your quota was increased`;
}
