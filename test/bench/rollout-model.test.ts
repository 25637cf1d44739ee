import { CLOUDFORMATION_DEFAULTS, MAX_CONCURRENT_OPERATIONS_PER_REGION, accountConcurrency, operationWaves } from '../../bench/rollout-model';

/** What OrgStackSetRollout sets by default (R-328: parallel regions, every account at once). */
const LIBRARY = {
  RegionConcurrencyType: 'PARALLEL',
  MaxConcurrentPercentage: 100,
  FailureTolerancePercentage: 100,
  ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
};

describe('rollout-model', () => {
  test('CloudFormation defaults deploy one account and one region at a time: N x R waves', () => {
    expect(operationWaves(CLOUDFORMATION_DEFAULTS, 1000, 17)).toBe(17000);
    expect(operationWaves(CLOUDFORMATION_DEFAULTS, 1, 1)).toBe(1);
  });

  test('the library defaults take one wave up to the per-region operation cap (R-328)', () => {
    expect(operationWaves(LIBRARY, 10, 34)).toBe(1);
    expect(operationWaves(LIBRARY, MAX_CONCURRENT_OPERATIONS_PER_REGION, 34)).toBe(1);
    expect(operationWaves(LIBRARY, MAX_CONCURRENT_OPERATIONS_PER_REGION + 1, 34)).toBe(2);
    expect(operationWaves(LIBRARY, 10000, 34)).toBe(3);
  });

  test('percentages round down to whole accounts, with at least one', () => {
    expect(accountConcurrency({ MaxConcurrentPercentage: 25, ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE' }, 10)).toBe(2);
    expect(accountConcurrency({ MaxConcurrentPercentage: 1, ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE' }, 10)).toBe(1);
  });

  test('STRICT_FAILURE_TOLERANCE caps concurrency at failure tolerance + 1', () => {
    const strict = { MaxConcurrentPercentage: 100, FailureToleranceCount: 4, ConcurrencyMode: 'STRICT_FAILURE_TOLERANCE' };
    expect(accountConcurrency(strict, 100)).toBe(5);
    expect(operationWaves({ ...strict, RegionConcurrencyType: 'PARALLEL' }, 100, 3)).toBe(20);
  });

  test('sequential regions add their waves up, parallel regions do not', () => {
    const prefs = { MaxConcurrentCount: 10, ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE' };
    expect(operationWaves({ ...prefs, RegionConcurrencyType: 'SEQUENTIAL' }, 95, 4)).toBe(40);
    expect(operationWaves({ ...prefs, RegionConcurrencyType: 'PARALLEL' }, 95, 4)).toBe(10);
  });

  test('refuses non-positive account and region counts', () => {
    expect(() => operationWaves(LIBRARY, 0, 1)).toThrow(/accounts/);
    expect(() => operationWaves(LIBRARY, 1, 0)).toThrow(/regions/);
  });
});
