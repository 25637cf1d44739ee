import { cloudTrailEvent, envelope, sampleMatching } from './flows';

/** The sample-event builder that drives PutEvents and pattern checks (no emulator needed). */
describe('sampleMatching', () => {
  test('picks the first value of each listed field, nested under detail', () => {
    expect(sampleMatching({ 'source': ['aws.iam', 'aws.s3'], 'detail-type': ['AWS API Call via CloudTrail'], 'detail': { eventSource: ['iam.amazonaws.com'] } }))
      .toEqual({ 'source': 'aws.iam', 'detail-type': 'AWS API Call via CloudTrail', 'detail': { eventSource: 'iam.amazonaws.com' } });
  });

  test('satisfies prefix, suffix, anything-but and numeric matchers', () => {
    const sample = sampleMatching({ source: [{ prefix: 'aws.' }], detail: { name: [{ suffix: '.json' }], state: [{ 'anything-but': 'off' }], size: [{ numeric: ['>', 10, '<=', 20] }] } });
    expect(sample.source.startsWith('aws.')).toBe(true);
    expect(sample.detail.name.endsWith('.json')).toBe(true);
    expect(sample.detail.state).not.toBe('off');
    expect(sample.detail.size).toBeGreaterThan(10);
    expect(sample.detail.size).toBeLessThanOrEqual(20);
  });

  test('leaves out a field that must not exist', () => {
    expect(sampleMatching({ detail: { errorCode: [{ exists: false }] } })).toEqual({ detail: {} });
  });

  test('gives up on $or, so the caller reports the rule as not driven', () => {
    expect(sampleMatching({ $or: [{ source: ['a'] }, { source: ['b'] }] })).toBeUndefined();
  });
});

describe('event envelopes', () => {
  test('a sample gets every field TestEventPattern requires, in the given account and region', () => {
    const e = envelope({ source: 'aws.iam' }, { account: '123456789012', region: 'eu-west-1' });
    expect(Object.keys(e).sort()).toEqual(['account', 'detail', 'detail-type', 'id', 'region', 'resources', 'source', 'time', 'version']);
    expect([e.source, e.account, e.region]).toEqual(['aws.iam', '123456789012', 'eu-west-1']);
  });

  test('a CloudTrail event has the aws. source of its event source and the CloudTrail detail-type', () => {
    const e = cloudTrailEvent('s3.amazonaws.com', 'PutBucketPolicy', { account: '123456789012', region: 'us-east-1' });
    expect([e.source, e['detail-type'], e.detail.eventSource, e.detail.eventName]).toEqual(['aws.s3', 'AWS API Call via CloudTrail', 's3.amazonaws.com', 'PutBucketPolicy']);
  });
});
