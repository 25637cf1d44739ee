/**
 * How many sequential operation waves a StackSet operation takes, from its
 * operation preferences. A model, not a measurement: no account is reachable.
 *
 * Assumptions (each from the CloudFormation StackSets documentation, see
 * BENCHMARKS.md "Rollout model"):
 * 1. In each region, accounts are deployed in batches of at most
 *    `concurrency` stack instances; a batch is a wave. Percentages round
 *    down to whole accounts, with at least 1 (`MaxConcurrentPercentage`).
 * 2. STRICT_FAILURE_TOLERANCE caps the concurrency at failure tolerance + 1
 *    accounts; SOFT_FAILURE_TOLERANCE does not.
 * 3. SEQUENTIAL regions run one after another (waves add up); PARALLEL
 *    regions run at the same time (the slowest region decides).
 * 4. An administrator account runs at most 3,500 stack-instance operations
 *    at once per region (aws-limits.md), which caps the batch size.
 * 5. Every wave takes the same time and no account fails (a failure can
 *    only lower concurrency under STRICT, which the model leaves out).
 * 6. Automatic deployment (an account joining an OU) ignores operation
 *    preferences; the model covers operations the stack starts.
 */

/** StackSet operation preferences, as in `AWS::CloudFormation::StackSet.OperationPreferences`. */
export interface OperationPreferences {
  readonly RegionConcurrencyType?: string;
  readonly MaxConcurrentCount?: number;
  readonly MaxConcurrentPercentage?: number;
  readonly FailureToleranceCount?: number;
  readonly FailureTolerancePercentage?: number;
  readonly ConcurrencyMode?: string;
}

/** CloudFormation's defaults: one account at a time, no failure tolerated, one region at a time. */
export const CLOUDFORMATION_DEFAULTS: OperationPreferences = {
  RegionConcurrencyType: 'SEQUENTIAL',
  MaxConcurrentCount: 1,
  FailureToleranceCount: 0,
  ConcurrencyMode: 'STRICT_FAILURE_TOLERANCE',
};

/** Concurrent stack-instance operations per region per administrator account. */
export const MAX_CONCURRENT_OPERATIONS_PER_REGION = 3500;

/** Accounts deployed at once in one region. */
export function accountConcurrency(prefs: OperationPreferences, accounts: number): number {
  if (!Number.isInteger(accounts) || accounts < 1) {
    throw new RangeError(`accounts must be a positive integer, got ${accounts}`);
  }
  let concurrency = prefs.MaxConcurrentCount
    ?? (prefs.MaxConcurrentPercentage !== undefined ? Math.floor((accounts * prefs.MaxConcurrentPercentage) / 100) : 1);
  if ((prefs.ConcurrencyMode ?? 'STRICT_FAILURE_TOLERANCE') === 'STRICT_FAILURE_TOLERANCE') {
    const tolerance = prefs.FailureToleranceCount
      ?? (prefs.FailureTolerancePercentage !== undefined ? Math.floor((accounts * prefs.FailureTolerancePercentage) / 100) : 0);
    concurrency = Math.min(concurrency, tolerance + 1);
  }
  return Math.max(1, Math.min(concurrency, accounts, MAX_CONCURRENT_OPERATIONS_PER_REGION));
}

/** Sequential waves for `accounts` x `regions` stack instances. */
export function operationWaves(prefs: OperationPreferences, accounts: number, regions: number): number {
  if (!Number.isInteger(regions) || regions < 1) {
    throw new RangeError(`regions must be a positive integer, got ${regions}`);
  }
  const perRegion = Math.ceil(accounts / accountConcurrency(prefs, accounts));
  return (prefs.RegionConcurrencyType ?? 'SEQUENTIAL') === 'PARALLEL' ? perRegion : perRegion * regions;
}

/**
 * StackSet quotas that bound a real rollout, whatever the operation
 * preferences (from aws-limits.md; adjustable ones can be raised on request).
 */
export const STACKSET_QUOTAS = {
  /** Stack instances per StackSet: accounts x regions of one StackSet. */
  instancesPerStackSet: 2_000,
  /** StackSets per administrator account. */
  stackSetsPerAdministrator: 100,
  /** Concurrent stack-instance operations per region per administrator account (the model's cap, assumption 4). */
  concurrentOperationsPerRegion: MAX_CONCURRENT_OPERATIONS_PER_REGION,
} as const;

/** StackSets needed for `accounts` x `regions` instances under the per-StackSet instance quota. */
export function stackSetsNeeded(accounts: number, regions: number): number {
  return Math.ceil((accounts * regions) / STACKSET_QUOTAS.instancesPerStackSet);
}
