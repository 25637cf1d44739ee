/**
 * Unit tests of src/event-stream/private/global-services.ts: the event sources
 * delivered only in the partition's global-events region, and the format of a
 * CloudTrail event source.
 */
import { EVENT_SOURCE_FORMAT, GLOBAL_EVENT_SOURCES } from '../../../src/event-stream/private/global-services';

describe('global-services', () => {
  test('GLOBAL_EVENT_SOURCES is the eight global services its documentation names, and no regional one', () => {
    expect([...GLOBAL_EVENT_SOURCES].sort()).toEqual([
      'account.amazonaws.com',
      'cloudfront.amazonaws.com',
      'iam.amazonaws.com',
      'organizations.amazonaws.com',
      'route53.amazonaws.com',
      'signin.amazonaws.com',
      'sts.amazonaws.com',
      'waf.amazonaws.com',
    ]);
    // WAF Classic's global endpoint only: AWS WAF (wafv2) and regional WAF Classic are regional.
    expect(GLOBAL_EVENT_SOURCES.has('wafv2.amazonaws.com')).toBe(false);
    expect(GLOBAL_EVENT_SOURCES.has('waf-regional.amazonaws.com')).toBe(false);
  });

  test('every global event source is itself a well-formed event source', () => {
    expect([...GLOBAL_EVENT_SOURCES].filter((s) => !EVENT_SOURCE_FORMAT.test(s))).toEqual([]);
  });

  test('EVENT_SOURCE_FORMAT accepts lowercase service hosts under amazonaws.com, with hyphens and several labels', () => {
    const sources = [
      'ec2.amazonaws.com',
      'elasticloadbalancing.amazonaws.com',
      'waf-regional.amazonaws.com',
      'sso-directory.amazonaws.com',
      'a.amazonaws.com',
      'notifications.ssm.amazonaws.com',
    ];
    expect(sources.filter((s) => !EVENT_SOURCE_FORMAT.test(s))).toEqual([]);
  });

  test('EVENT_SOURCE_FORMAT refuses empty labels, labels with a hyphen at either end, other characters and other suffixes', () => {
    const sources = [
      'amazonaws.com',
      '.amazonaws.com',
      's3..amazonaws.com',
      '-s3.amazonaws.com',
      's3-.amazonaws.com',
      's3_x.amazonaws.com',
      's3.amazonaws.com.cn',
      's3.amazonaws.com\n',
      ' s3.amazonaws.com',
      // The dots are literal, not any character.
      's3.amazonawsXcom',
    ];
    expect(sources.filter((s) => EVENT_SOURCE_FORMAT.test(s))).toEqual([]);
  });
});
