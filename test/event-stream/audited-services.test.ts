import { SEED_000_EVENT_SOURCES } from './_sample-events';
import { AuditedService, AuditedServices } from '../../src/event-stream';

describe('AuditedServices', () => {
  test('VMWARE_DEFAULT is the 21 event sources of seed 000 in its order (R-030)', () => {
    expect(AuditedServices.VMWARE_DEFAULT.eventSources).toEqual(SEED_000_EVENT_SOURCES);
    expect(AuditedServices.VMWARE_DEFAULT._problems('services')).toEqual([]);
  });

  test('VMWARE_CURRENT is the guide\'s 21 followed by AWS WAF, a regional service (issue 16)', () => {
    expect(AuditedServices.VMWARE_CURRENT.eventSources).toEqual([...SEED_000_EVENT_SOURCES, 'wafv2.amazonaws.com']);
    expect(AuditedServices.VMWARE_CURRENT._problems('services')).toEqual([]);
    expect(AuditedService.WAFV2.isGlobal).toBe(false);
    expect(AuditedServices.VMWARE_DEFAULT.eventSources).toHaveLength(21);
  });

  test('the global services of the default set are CloudFront, IAM, Route 53 and WAF (A-10)', () => {
    expect(AuditedServices.VMWARE_DEFAULT.globalServices.map((s) => s.eventSource))
      .toEqual(['cloudfront.amazonaws.com', 'iam.amazonaws.com', 'route53.amazonaws.com', 'waf.amazonaws.com']);
    expect(AuditedServices.VMWARE_DEFAULT.includesGlobalServices).toBe(true);
  });

  test('a set of regional services has no global service', () => {
    const set = AuditedServices.of(AuditedService.EC2, AuditedService.S3);
    expect(set.includesGlobalServices).toBe(false);
    expect(set.globalServices).toEqual([]);
  });

  test('STS, sign-in and Organizations named with of() are recognised as global', () => {
    for (const source of ['sts.amazonaws.com', 'signin.amazonaws.com', 'organizations.amazonaws.com']) {
      expect(AuditedService.of(source).isGlobal).toBe(true);
    }
    expect(AuditedService.of('lambda.amazonaws.com').isGlobal).toBe(false);
  });

  test('ALL_SERVICES has no event-source list and counts as including global services', () => {
    expect(AuditedServices.ALL_SERVICES.allServices).toBe(true);
    expect(AuditedServices.ALL_SERVICES.eventSources).toEqual([]);
    expect(AuditedServices.ALL_SERVICES.includesGlobalServices).toBe(true);
    expect(AuditedServices.ALL_SERVICES._problems('services')).toEqual([]);
  });

  test('plus() adds services after the current ones without changing the original', () => {
    const more = AuditedServices.VMWARE_DEFAULT.plus(AuditedService.of('lambda.amazonaws.com'));
    expect(more.eventSources).toEqual([...SEED_000_EVENT_SOURCES, 'lambda.amazonaws.com']);
    expect(AuditedServices.VMWARE_DEFAULT.eventSources).toHaveLength(21);
  });

  test('fromEventSources() builds the same set as of()', () => {
    expect(AuditedServices.fromEventSources('iam.amazonaws.com', 'ec2.amazonaws.com').eventSources)
      .toEqual(AuditedServices.of(AuditedService.IAM, AuditedService.EC2).eventSources);
  });

  test('an empty set is a problem that names the prop and the fix', () => {
    expect(AuditedServices.of()._problems('services')).toEqual([
      expect.stringMatching(/^services must name at least one service: use AuditedServices.VMWARE_DEFAULT/),
    ]);
  });

  test('a duplicate service is a problem that names it', () => {
    const problems = AuditedServices.of(AuditedService.IAM, AuditedService.EC2, AuditedService.of('iam.amazonaws.com'))._problems('services');
    expect(problems).toEqual(['services lists "iam.amazonaws.com" more than once: remove the duplicates']);
  });

  test.each([
    ['aws.iam', 'the EventBridge source instead of the event source'],
    ['IAM.amazonaws.com', 'upper case'],
    ['iam', 'no domain'],
    ['iam.amazonaws.com.evil.example', 'a foreign domain'],
    ['', 'empty'],
  ])('a malformed event source %j (%s) is a problem naming its index and value', (source) => {
    const problems = AuditedServices.of(AuditedService.EC2, AuditedService.of(source))._problems('services');
    expect(problems).toEqual([
      `services[1] must be a CloudTrail event source such as "lambda.amazonaws.com", got ${JSON.stringify(source)}: use the lowercase host name of the service's API, ending in ".amazonaws.com"`,
    ]);
  });

  test('ALL_SERVICES plus named services is a problem', () => {
    expect(AuditedServices.ALL_SERVICES.plus(AuditedService.IAM)._problems('services')).toEqual([
      expect.stringMatching(/^services mixes ALL_SERVICES with 1 named service/),
    ]);
  });
});
