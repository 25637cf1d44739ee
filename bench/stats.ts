import * as v8 from 'v8';
import * as vm from 'vm';
import { median } from './measure';

/**
 * Statistics and hygiene for timed runs: forced garbage collection between
 * runs, and a bootstrap confidence interval for a median.
 */

let gcFunction: (() => void) | undefined;

/**
 * Runs a full garbage collection, so one run's garbage is not collected in
 * the next one's time. Uses `global.gc` when node runs with `--expose-gc`,
 * otherwise enables the flag at run time and takes `gc` from a fresh context.
 */
export function forceGc(): void {
  if (!gcFunction) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (typeof g === 'function') {
      gcFunction = g;
    } else {
      v8.setFlagsFromString('--expose-gc');
      gcFunction = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFunction();
}

/** A deterministic pseudo-random generator (Park-Miller), so intervals and random sets repeat run to run. */
export function seededRandom(seed: number): () => number {
  let state = (Math.abs(Math.floor(seed)) % 2147483646) + 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/** A median with its 95% bootstrap confidence interval (percentile method, 2,000 resamples, fixed seed). */
export interface Interval {
  readonly median: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
}

export function medianInterval(values: number[], resamples = 2000, seed = 18): Interval {
  if (values.length === 0) throw new RangeError('medianInterval of an empty list');
  const random = seededRandom(seed);
  const medians: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = values.map(() => values[Math.floor(random() * values.length)]);
    medians.push(median(sample));
  }
  medians.sort((a, b) => a - b);
  return {
    median: median(values),
    low: medians[Math.floor(0.025 * (resamples - 1))],
    high: medians[Math.ceil(0.975 * (resamples - 1))],
    n: values.length,
  };
}

/** "1.02 (95% CI 0.98-1.06, n 15)". */
export function formatInterval(i: Interval, digits = 2): string {
  return `${i.median.toFixed(digits)} (95% CI ${i.low.toFixed(digits)}-${i.high.toFixed(digits)}, n ${i.n})`;
}
