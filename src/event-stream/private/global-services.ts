/**
 * Event sources whose "AWS API Call via CloudTrail" events reach EventBridge
 * only in the partition's global-events region (us-east-1 in `aws`,
 * cn-north-1 in `aws-cn`).
 *
 * Facts the vendor guides do not give, from the EventBridge and
 * re:Post documentation: IAM, STS (calls to the global endpoint), console
 * sign-in, CloudFront, Route 53, WAF Classic (global), Organizations and
 * Account Management deliver their CloudTrail events to the default bus of
 * that one region. A rule in any other region never sees them.
 */
export const GLOBAL_EVENT_SOURCES: ReadonlySet<string> = new Set([
  'iam.amazonaws.com',
  'sts.amazonaws.com',
  'signin.amazonaws.com',
  'cloudfront.amazonaws.com',
  'route53.amazonaws.com',
  'waf.amazonaws.com',
  'organizations.amazonaws.com',
  'account.amazonaws.com',
]);

/** A CloudTrail `eventSource` value: a lowercase service host under `amazonaws.com`. */
export const EVENT_SOURCE_FORMAT = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.amazonaws\.com$/;
