import * as fc from 'fast-check';

/**
 * jest setup, run before every test file.
 */

/**
 * A snapshot serializer that replaces asset hashes, so a snapshot changes
 * only when a template really changes (style guide B9.3).
 */
const ASSET_HASH = /[0-9a-f]{64}(\.zip|\.json)?/g;

expect.addSnapshotSerializer({
  test: (value: unknown) => typeof value === 'string' && /[0-9a-f]{64}/.test(value),
  print: (value: unknown) => JSON.stringify((value as string).replace(ASSET_HASH, 'ASSET-HASH$1')),
});

/**
 * Property tests run synchronously, so jest's `testTimeout` cannot stop
 * them: a property that fails and then shrinks for minutes (each step
 * synthesizing apps) used to run a worker out of memory instead of failing
 * (issue 20). fast-check stops any run, shrinking included, after this
 * many milliseconds and reports the interruption as a failure of the test,
 * with the smallest counterexample found so far. A test may pass its own
 * `interruptAfterTimeLimit`.
 */
const PROPERTY_TIME_LIMIT_MS = 60_000;

fc.configureGlobal({ ...fc.readConfigureGlobal(), interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS, markInterruptAsFailure: true });
