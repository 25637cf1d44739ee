import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { IConstruct } from 'constructs';
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
 * The event pattern of an event stream: the VMware Aria guide's pattern,
 * plus (unless switched off) a `source` guard that pattern lacks.
 */
export function cloudTrailApiCallPattern(options: ApiCallPatternOptions): events.EventPattern {
  return {
    ...(options.restrictToAwsSources ? { source: events.Match.prefix(AWS_SOURCE_PREFIX) } : {}),
    detailType: [CLOUDTRAIL_API_CALL],
    ...(options.services.allServices ? {} : { detail: { eventSource: options.services.eventSources } }),
  };
}

/**
 * The number of characters EventBridge counts for a pattern: its compact
 * JSON, as the rule renders it (`detail-type`, matchers resolved). Returns
 * undefined when the pattern holds a value only CloudFormation knows.
 */
export function patternCharacters(scope: IConstruct, pattern: events.EventPattern): number | undefined {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pattern)) {
    if (value !== undefined) json[key === 'detailType' ? 'detail-type' : key] = value;
  }
  const resolved: unknown = Stack.of(scope).resolve(json);
  return hasIntrinsic(resolved) ? undefined : JSON.stringify(resolved).length;
}

/**
 * Whether a resolved value holds a CloudFormation reference or function:
 * an object whose one key is `Ref` or `Fn::...`, as CloudFormation reads
 * one. A pattern field that is merely named `Ref` beside others is data.
 */
function hasIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasIntrinsic);
  if (value === null || typeof value !== 'object') return false;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return true;
  return Object.values(value).some(hasIntrinsic);
}

/**
 * The problem sentence when a pattern is over the EventBridge limit, with
 * the figures; undefined when it fits or holds a token.
 *
 * @param scope the construct whose stack resolves the pattern's matchers
 * @param construct the class name to suggest splitting across
 */
export function checkPatternSize(scope: IConstruct, pattern: events.EventPattern, limits: AwsLimits, construct: string): string | undefined {
  const size = patternCharacters(scope, pattern);
  if (size === undefined || size <= limits.eventPatternCharacters) {
    return undefined;
  }
  return `services make an event pattern of ${size.toLocaleString('en-US')} characters, the EventBridge limit is ${limits.eventPatternCharacters.toLocaleString('en-US')}: `
    + `split the services across two ${construct} constructs, or pass limits with a raised eventPatternCharacters if your quota was increased`;
}
