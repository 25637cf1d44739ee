import { AwsLimits, AwsLimitsOverrides } from '../../src/core';

/**
 * AwsLimits (style guide B8.3; seed-digest 3.6; aws-limits.md). The values
 * are the AWS defaults as of 2026-11, including the 2026-05-15 SCP increase.
 */

const EXPECTED_DEFAULTS: Required<AwsLimitsOverrides> = {
  scpDocumentCharacters: 10_240,
  scpsPerTarget: 10,
  rcpDocumentCharacters: 5_120,
  rcpsPerTarget: 5,
  managedPolicyCharacters: 6_144,
  managedPoliciesPerRole: 10,
  roleInlinePolicyCharacters: 10_240,
  userInlinePolicyCharacters: 2_048,
  groupInlinePolicyCharacters: 5_120,
  trustPolicyCharacters: 2_048,
  roleNameCharacters: 64,
  iamPathCharacters: 512,
  eventPatternCharacters: 2_048,
  eventBusPolicyCharacters: 10_240,
  sqsQueuePolicyBytes: 8_192,
  stackSetTemplateBodyBytes: 51_200,
  templateBytes: 1_000_000,
  templateResources: 500,
  templateOutputs: 200,
  orgPolicyNameCharacters: 128,
  orgPolicyDescriptionCharacters: 512,
  maxSessionDurationHours: 12,
};

const NAMES = Object.keys(EXPECTED_DEFAULTS) as Array<keyof AwsLimitsOverrides>;

describe('AwsLimits', () => {
  test.each(NAMES)('DEFAULT.%s is the current AWS value', (name) => {
    expect(AwsLimits.DEFAULT[name]).toBe(EXPECTED_DEFAULTS[name]);
  });

  test('SCP size and count are the values raised on 2026-05-15, not the old 5,120 and 5', () => {
    expect(AwsLimits.DEFAULT.scpDocumentCharacters).toBe(10_240);
    expect(AwsLimits.DEFAULT.scpsPerTarget).toBe(10);
  });

  test('of({}) equals the defaults', () => {
    const limits = AwsLimits.of({});
    for (const name of NAMES) {
      expect(limits[name]).toBe(EXPECTED_DEFAULTS[name]);
    }
  });

  test('an override replaces only its own value', () => {
    const limits = AwsLimits.of({ scpsPerTarget: 5, scpDocumentCharacters: 5_120 });
    expect(limits.scpsPerTarget).toBe(5);
    expect(limits.scpDocumentCharacters).toBe(5_120);
    for (const name of NAMES.filter((n) => n !== 'scpsPerTarget' && n !== 'scpDocumentCharacters')) {
      expect(limits[name]).toBe(EXPECTED_DEFAULTS[name]);
    }
  });

  test('an override never changes DEFAULT', () => {
    AwsLimits.of({ managedPoliciesPerRole: 20 });
    expect(AwsLimits.DEFAULT.managedPoliciesPerRole).toBe(10);
  });

  test('every limit can be overridden', () => {
    const overrides = Object.fromEntries(NAMES.map((n) => [n, 1])) as AwsLimitsOverrides;
    const limits = AwsLimits.of(overrides);
    for (const name of NAMES) {
      expect(limits[name]).toBe(1);
    }
  });

  test.each([
    ['zero', 0, '0'],
    ['a negative number', -5, '-5'],
    ['a fraction', 2.5, '2.5'],
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
  ])('rejects %s with the name, the value and the fix', (_what, value, shown) => {
    expect(() => AwsLimits.of({ scpsPerTarget: value })).toThrow(
      `AwsLimits.of: scpsPerTarget must be a positive integer, got ${shown}: give a whole number of at least 1, or leave it out to keep the AWS default`,
    );
  });

  test('rejects a value that is not a number (from an untyped language)', () => {
    expect(() => AwsLimits.of({ scpsPerTarget: '5' as unknown as number })).toThrow(
      'AwsLimits.of: scpsPerTarget must be a positive integer, got "5": give a whole number of at least 1, or leave it out to keep the AWS default',
    );
  });

  test('rejects a session duration above IAM\'s 12-hour maximum', () => {
    expect(() => AwsLimits.of({ maxSessionDurationHours: 13 })).toThrow(
      "AwsLimits.of: maxSessionDurationHours must be between 1 and 12 (IAM's hard maximum), got 13: use 12 or less",
    );
  });

  test('rejects an unknown limit name and lists the known ones', () => {
    expect(() => AwsLimits.of({ scpPerTarget: 5 } as unknown as AwsLimitsOverrides)).toThrow(
      /^AwsLimits\.of: scpPerTarget is not a known limit: use one of scpDocumentCharacters, scpsPerTarget, /,
    );
  });

  test('reports every bad override in one error', () => {
    expect(() => AwsLimits.of({ scpsPerTarget: 0, rcpsPerTarget: -1 })).toThrow(
      'AwsLimits.of: \n  - scpsPerTarget must be a positive integer, got 0: give a whole number of at least 1, or leave it out to keep the AWS default' +
        '\n  - rcpsPerTarget must be a positive integer, got -1: give a whole number of at least 1, or leave it out to keep the AWS default',
    );
  });

  test('describe() lists every limit with its value, in a stable order', () => {
    const lines = AwsLimits.of({ scpsPerTarget: 5 }).describe();
    expect(lines).toHaveLength(NAMES.length);
    expect(lines[0]).toBe('scpDocumentCharacters = 10240');
    expect(lines[1]).toBe('scpsPerTarget = 5');
    expect(lines.map((l) => l.split(' = ')[0])).toEqual(NAMES);
  });
});
