import { resourceElement } from '../../../src/guardrails/statements/perimeter';

const base = { sid: 'S', actions: ['s3:*'], resources: ['*'], trustedAccounts: [], exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: false } };

describe('perimeter', () => {
  test('renders Resource unless exempt resources are given', () => {
    expect(resourceElement(base)).toEqual({ resource: ['*'] });
    expect(resourceElement({ ...base, notResources: [] })).toEqual({ resource: ['*'] });
  });

  test('renders NotResource for exempt resources', () => {
    expect(resourceElement({ ...base, notResources: ['arn:aws:s3:::x/*'] })).toEqual({ notResource: ['arn:aws:s3:::x/*'] });
  });
});
