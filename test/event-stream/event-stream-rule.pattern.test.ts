import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  SEED_000_EVENT_SOURCES, apiCallEvent, consoleSignInEvent, ec2StateChangeEvent, forgedApiCallEvent, serviceEventViaCloudTrail,
} from './_sample-events';
import { AuditedService, AuditedServices, EventStreamRule, EventStreamRuleProps } from '../../src/event-stream';
import { matchesPattern } from '../harness';

/** Seed 000's custom event pattern, as printed in the guide (R-030). */
const SEED_000_PATTERN = {
  'detail-type': ['AWS API Call via CloudTrail'],
  'detail': { eventSource: SEED_000_EVENT_SOURCES },
};

function patternOf(props: EventStreamRuleProps = {}): any {
  const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
  new EventStreamRule(stack, 'EventStream', props);
  const rules = Template.fromStack(stack).findResources('AWS::Events::Rule');
  const [rule] = Object.values(rules) as any[];
  return rule.Properties.EventPattern;
}

describe('EventStreamRule event pattern', () => {
  test('default pattern is seed 000\'s pattern plus the aws. source guard (R-030, A-09)', () => {
    expect(patternOf()).toEqual({ source: [{ prefix: 'aws.' }], ...SEED_000_PATTERN });
  });

  test('restrictToAwsSources false reproduces seed 000\'s pattern exactly (R-030)', () => {
    expect(patternOf({ restrictToAwsSources: false })).toEqual(SEED_000_PATTERN);
  });

  test.each(SEED_000_EVENT_SOURCES)('matches a genuine API call of %s (R-030)', (source) => {
    expect(matchesPattern(patternOf(), apiCallEvent(source, 'AnyCall'))).toBe(true);
  });

  test('does not match an API call of a service outside the set', () => {
    expect(matchesPattern(patternOf(), apiCallEvent('lambda.amazonaws.com', 'CreateFunction20150331'))).toBe(false);
  });

  test('does not match a forged API call whose source is not aws.* (A-09)', () => {
    expect(matchesPattern(patternOf(), forgedApiCallEvent('cloudtrail.amazonaws.com'))).toBe(false);
  });

  test('the seed\'s exact pattern does match the forged event: the guard is what stops it (A-09)', () => {
    expect(matchesPattern(patternOf({ restrictToAwsSources: false }), forgedApiCallEvent('cloudtrail.amazonaws.com'))).toBe(true);
  });

  test('does not match a console sign-in', () => {
    expect(matchesPattern(patternOf(), consoleSignInEvent())).toBe(false);
  });

  test('does not match a service event that is not an API call', () => {
    expect(matchesPattern(patternOf(), ec2StateChangeEvent())).toBe(false);
  });

  test('does not match an "AWS Service Event via CloudTrail"', () => {
    expect(matchesPattern(patternOf(), serviceEventViaCloudTrail())).toBe(false);
  });

  test('a custom set matches its services only', () => {
    const pattern = patternOf({ services: AuditedServices.of(AuditedService.of('lambda.amazonaws.com')) });
    expect(matchesPattern(pattern, apiCallEvent('lambda.amazonaws.com', 'CreateFunction20150331'))).toBe(true);
    expect(matchesPattern(pattern, apiCallEvent('iam.amazonaws.com', 'CreateRole'))).toBe(false);
  });

  test('ALL_SERVICES matches an API call of any service but still no forged event (A-24)', () => {
    const pattern = patternOf({ services: AuditedServices.ALL_SERVICES });
    expect(pattern).toEqual({ 'source': [{ prefix: 'aws.' }], 'detail-type': ['AWS API Call via CloudTrail'] });
    expect(matchesPattern(pattern, apiCallEvent('lambda.amazonaws.com', 'CreateFunction20150331'))).toBe(true);
    expect(matchesPattern(pattern, forgedApiCallEvent('iam.amazonaws.com'))).toBe(false);
    expect(matchesPattern(pattern, consoleSignInEvent())).toBe(false);
  });

  test('the pattern does not filter read-only calls: the rule state decides which are delivered', () => {
    expect(matchesPattern(patternOf(), apiCallEvent('ec2.amazonaws.com', 'DescribeInstances', { readOnly: true }))).toBe(true);
  });
});
