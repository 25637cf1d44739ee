import { matchesPattern } from './event-pattern-matcher';

// The matcher is test code that judges the library's patterns, so it is
// tested itself against the behaviour the EventBridge user guide documents.
describe('event pattern matcher (test helper)', () => {
  const event = { 'source': 'aws.iam', 'detail-type': 'X', 'detail': { eventSource: 'iam.amazonaws.com', tags: ['a', 'b'] } };

  test('exact value in a list matches', () => {
    expect(matchesPattern({ source: ['aws.s3', 'aws.iam'] }, event)).toBe(true);
  });

  test('exact value not in the list does not match', () => {
    expect(matchesPattern({ source: ['aws.s3'] }, event)).toBe(false);
  });

  test('every key must match', () => {
    expect(matchesPattern({ 'source': ['aws.iam'], 'detail-type': ['Y'] }, event)).toBe(false);
  });

  test('prefix matches strings that start with it and nothing else', () => {
    expect(matchesPattern({ source: [{ prefix: 'aws.' }] }, event)).toBe(true);
    expect(matchesPattern({ source: [{ prefix: 'aws.' }] }, { source: 'awsx.iam' })).toBe(false);
    expect(matchesPattern({ source: [{ prefix: 'aws.' }] }, { source: 'custom.aws.iam' })).toBe(false);
  });

  test('nested objects are matched field by field', () => {
    expect(matchesPattern({ detail: { eventSource: ['iam.amazonaws.com'] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { eventSource: ['s3.amazonaws.com'] } }, event)).toBe(false);
  });

  test('a missing field never matches a value', () => {
    expect(matchesPattern({ detail: { eventName: ['CreateRole'] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { eventSource: ['iam.amazonaws.com'] } }, { source: 'aws.iam' })).toBe(false);
  });

  test('an array value matches when any element matches', () => {
    expect(matchesPattern({ detail: { tags: ['b'] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { tags: ['c'] } }, event)).toBe(false);
  });

  test('exists and anything-but follow the documented semantics', () => {
    expect(matchesPattern({ detail: { eventName: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { eventSource: [{ exists: true }] } }, event)).toBe(true);
    expect(matchesPattern({ source: [{ 'anything-but': ['aws.iam'] }] }, event)).toBe(false);
    expect(matchesPattern({ source: [{ 'anything-but': { prefix: 'custom.' } }] }, event)).toBe(true);
  });

  test('an unsupported operator throws instead of guessing', () => {
    expect(() => matchesPattern({ source: [{ wildcard: 'aws.*' }] }, event)).toThrow(/not supported/);
  });
});
