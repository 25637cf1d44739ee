/**
 * Unit tests of src/event-stream/private/event-pattern.ts: the event stream's
 * CloudTrail API-call pattern, its size as EventBridge counts it, and the
 * size check against AwsLimits.
 */
import { App, Aws, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { AwsLimits } from '../../../src/core/limits';
import { AuditedService, AuditedServices } from '../../../src/event-stream';
import { checkPatternSize, cloudTrailApiCallPattern, patternCharacters } from '../../../src/event-stream/private/event-pattern';

function stack(): Stack {
  return new Stack(new App(), 'S', { env: { account: '111122223333', region: 'eu-west-1' } });
}

/** The pattern of IAM and S3 with the source guard: 142 characters. */
const IAM_S3 = cloudTrailApiCallPattern({ services: AuditedServices.of(AuditedService.IAM, AuditedService.S3), restrictToAwsSources: true });

describe('event-pattern', () => {
  describe('cloudTrailApiCallPattern', () => {
    test('guards the source with the aws. prefix and filters on the services\' event sources, in their order', () => {
      expect(stack().resolve(IAM_S3)).toEqual({
        source: [{ prefix: 'aws.' }],
        detailType: ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['iam.amazonaws.com', 's3.amazonaws.com'] },
      });
    });

    test('ALL_SERVICES has no detail key, and restrictToAwsSources: false no source key', () => {
      expect(Object.keys(cloudTrailApiCallPattern({ services: AuditedServices.ALL_SERVICES, restrictToAwsSources: true }))).toEqual(['source', 'detailType']);
      expect(Object.keys(cloudTrailApiCallPattern({ services: AuditedServices.ALL_SERVICES, restrictToAwsSources: false }))).toEqual(['detailType']);
      expect(Object.keys(cloudTrailApiCallPattern({ services: AuditedServices.of(AuditedService.IAM), restrictToAwsSources: false }))).toEqual(['detailType', 'detail']);
    });
  });

  describe('patternCharacters', () => {
    test('counts the compact JSON of the pattern exactly as a rule renders it (detail-type, matchers resolved)', () => {
      const s = stack();
      const rule = new events.Rule(s, 'Rule', { eventPattern: IAM_S3 });
      const rendered = (Object.values(Template.fromStack(s).findResources('AWS::Events::Rule'))[0] as any).Properties.EventPattern;
      expect(patternCharacters(rule, IAM_S3)).toBe(JSON.stringify(rendered).length);
      expect(patternCharacters(rule, IAM_S3)).toBe(142);
    });

    test('leaves out members that are undefined', () => {
      expect(patternCharacters(stack(), { source: undefined, detailType: ['x'] })).toBe('{"detail-type":["x"]}'.length);
    });

    test('is undefined when a value is known only to CloudFormation, at any depth', () => {
      expect(patternCharacters(stack(), { detailType: ['x'], region: [Aws.REGION] })).toBeUndefined();
      expect(patternCharacters(stack(), { detail: { eventSource: ['iam.amazonaws.com', Fn.importValue('Source')] } })).toBeUndefined();
    });

    test('counts a detail field that is only named Ref (or Fn::...) beside other fields: CloudFormation reads that object as data', () => {
      const detail = { 'Ref': ['a'], 'Fn::Other': ['b'], 'eventName': ['c'] };
      expect(patternCharacters(stack(), { detail })).toBe(JSON.stringify({ detail }).length);
    });
  });

  describe('checkPatternSize', () => {
    test('fits at exactly the limit; one character over, gives both figures and the construct to split across', () => {
      const check = (limit: number) => checkPatternSize(stack(), IAM_S3, AwsLimits.of({ eventPatternCharacters: limit }), 'EventForwarder');
      expect(check(142)).toBeUndefined();
      expect(check(141)).toBe(
        'services make an event pattern of 142 characters, the EventBridge limit is 141: '
        + 'split the services across two EventForwarder constructs, or pass limits with a raised eventPatternCharacters if your quota was increased',
      );
    });

    test('writes the figures with thousands separators', () => {
      const many = AuditedServices.of(...Array.from({ length: 50 }, (_, i) => AuditedService.of(`service${i}.amazonaws.com`)));
      const pattern = cloudTrailApiCallPattern({ services: many, restrictToAwsSources: true });
      const size = patternCharacters(stack(), pattern)!;
      expect(size).toBeGreaterThan(1_000);
      expect(checkPatternSize(stack(), pattern, AwsLimits.of({ eventPatternCharacters: 1_000 }), 'NrtPublisher')).toMatch(
        new RegExp(`^services make an event pattern of 1,${String(size).slice(1)} characters, the EventBridge limit is 1,000: split the services across two NrtPublisher constructs`),
      );
    });

    test('never reports a pattern that holds a token, whatever the limit', () => {
      const pattern = cloudTrailApiCallPattern({ services: AuditedServices.of(AuditedService.of(Fn.importValue('Source'))), restrictToAwsSources: true });
      expect(checkPatternSize(stack(), pattern, AwsLimits.of({ eventPatternCharacters: 1 }), 'EventForwarder')).toBeUndefined();
    });
  });
});
