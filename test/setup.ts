import { Worker } from 'worker_threads';
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

/**
 * A watchdog for synchronous hangs. jest's `testTimeout` fires only when a
 * test yields to the event loop; a test stuck in synchronous code (a loop,
 * a runaway computation) blocks the timer and runs until the worker runs out
 * of memory, and the report never says which test it was. A worker thread,
 * which keeps running while the test's thread is blocked, watches each test:
 * past WATCHDOG_FACTOR times its timeout (`jest.setTimeout` of the file, or
 * the configured 30 s) and at least WATCHDOG_MIN_MS, it writes the test's name
 * to stderr and ends the process, which jest reports as a failed test file.
 */
const WATCHDOG_FACTOR = 4;
const WATCHDOG_MIN_MS = 120_000;
/** jest's `testTimeout` from the jest config (.projenrc.ts): keep the two in step. */
const CONFIGURED_TEST_TIMEOUT_MS = 30_000;

const WATCHDOG_CODE = `
const { workerData } = require('worker_threads');
const fs = require('fs');
// [generation, armed, limit in ms, stop]
const state = new Int32Array(workerData.state);
const name = new Uint8Array(workerData.name);
while (Atomics.load(state, 3) === 0) {
  const generation = Atomics.load(state, 0);
  if (Atomics.load(state, 1) === 0) {
    Atomics.wait(state, 0, generation);
    continue;
  }
  const limit = Atomics.load(state, 2);
  if (Atomics.wait(state, 0, generation, limit) === 'timed-out' && Atomics.load(state, 0) === generation && Atomics.load(state, 3) === 0) {
    const end = name.indexOf(0);
    const test = Buffer.from(name.subarray(0, end < 0 ? name.length : end)).toString('utf8');
    fs.writeSync(2, '\\n[test watchdog] "' + test + '" has blocked its thread for ' + limit / 1000 + ' s without yielding '
      + '(a synchronous hang: jest\\'s testTimeout cannot stop it); ending the test process (pid ' + process.pid + ').\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}
`;

const watchdogState = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
const watchdogName = new Uint8Array(new SharedArrayBuffer(1024));
const watchdog = new Worker(WATCHDOG_CODE, { eval: true, workerData: { state: watchdogState.buffer, name: watchdogName.buffer } });
watchdog.unref();

function armWatchdog(armed: 0 | 1): void {
  Atomics.store(watchdogState, 1, armed);
  Atomics.add(watchdogState, 0, 1);
  Atomics.notify(watchdogState, 0);
}

beforeEach(() => {
  const fileTimeout = (globalThis as Record<symbol, unknown>)[Symbol.for('TEST_TIMEOUT_SYMBOL')];
  const timeout = typeof fileTimeout === 'number' ? fileTimeout : CONFIGURED_TEST_TIMEOUT_MS;
  Atomics.store(watchdogState, 2, Math.max(WATCHDOG_MIN_MS, WATCHDOG_FACTOR * timeout));
  const name = Buffer.from(`${expect.getState().testPath ?? ''} › ${expect.getState().currentTestName ?? ''}`, 'utf8').subarray(0, watchdogName.length - 1);
  watchdogName.fill(0);
  watchdogName.set(name);
  armWatchdog(1);
});

afterEach(() => armWatchdog(0));

afterAll(async () => {
  Atomics.store(watchdogState, 3, 1);
  armWatchdog(0);
  await watchdog.terminate();
});
