import { bruteForceOptimum, randomPackingSets } from '../../bench/packing';
import { STACKSET_QUOTAS, stackSetsNeeded } from '../../bench/rollout-model';
import { forceGc, formatInterval, medianInterval, seededRandom } from '../../bench/stats';

/** The benchmark's own logic for issue 18's dimensions (small sizes: a smoke test, no timing). */
describe('bench stats', () => {
  test('seededRandom repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(90);
  });

  test('medianInterval brackets the median and narrows with agreeing samples', () => {
    const wide = medianInterval([1, 5, 2, 8, 3, 9, 4, 7, 6]);
    expect(wide.median).toBe(5);
    expect(wide.low).toBeLessThanOrEqual(5);
    expect(wide.high).toBeGreaterThanOrEqual(5);
    expect(wide.high - wide.low).toBeGreaterThan(0);
    const tight = medianInterval([2, 2, 2, 2, 2]);
    expect([tight.low, tight.high]).toEqual([2, 2]);
    expect(formatInterval(tight)).toBe('2.00 (95% CI 2.00-2.00, n 5)');
    expect(() => medianInterval([])).toThrow(/empty/);
  });

  test('forceGc runs without --expose-gc', () => {
    expect(() => forceGc()).not.toThrow();
  });
});

describe('bench packing', () => {
  test('bruteForceOptimum finds 3 where first fit decreasing takes 4', () => {
    expect(bruteForceOptimum([21, 61, 10, 31, 12, 17, 23, 53, 69].map((w) => w - 1), 99, 0)).toBe(3);
    expect(bruteForceOptimum([], 99, 0)).toBe(0);
    expect(bruteForceOptimum([200], 99, 0)).toBe(1);
  });

  test('randomPackingSets: the library at the optimum, the optimum at or above the lower bound, no false refusal', () => {
    const summary = randomPackingSets(3);
    expect(summary.cases).toHaveLength(3);
    for (const c of summary.cases) {
      expect(c.library).toBe(c.optimum);
      expect(c.optimum).toBeGreaterThanOrEqual(c.lowerBound);
      expect(c.firstFitDecreasing).toBeGreaterThanOrEqual(c.optimum);
      expect(c.libraryRefused).toBe(false);
    }
    expect(randomPackingSets(3)).toEqual(summary);
  });

  test('stackSetsNeeded divides instances by the per-StackSet quota, rounding up', () => {
    expect(stackSetsNeeded(1, 1)).toBe(1);
    expect(stackSetsNeeded(STACKSET_QUOTAS.instancesPerStackSet, 1)).toBe(1);
    expect(stackSetsNeeded(STACKSET_QUOTAS.instancesPerStackSet + 1, 1)).toBe(2);
    expect(stackSetsNeeded(1000, 34)).toBe(17);
  });
});
