import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

/**
 * Lifecycle of a local `moto_server` (PyPI `moto[server]`), the AWS emulator
 * the deployment tests run CloudFormation against (issue 8).
 *
 * One server per test file: `beforeAll(() => server = await startMotoServer())`,
 * `afterAll(() => server.stop())`. The server listens on 127.0.0.1 only, on a
 * port the OS picks, and starts with empty state, so test files never share
 * resources.
 */

/** The repository root (this file is `test/deploy/moto-server.ts`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Path of a tool in the Python virtualenv that `npx projen setup:python`
 * creates at the repository root (`.venv`, pinned by `requirements-dev.txt`).
 *
 * `CAB_PYTHON_VENV` points at another virtualenv with the same pins (used
 * while developing, before `.venv` exists). A missing tool is an error, never
 * a skip: the tests that need it must fail loudly on a machine that was not
 * set up.
 */
export function venvTool(name: string): string {
  const venv = process.env.CAB_PYTHON_VENV || path.join(REPO_ROOT, '.venv');
  const tool = path.join(venv, 'bin', name);
  if (!fs.existsSync(tool)) {
    throw new Error(
      `${tool} does not exist: run \`npx projen setup:python\` (it installs requirements-dev.txt into ${path.join(REPO_ROOT, '.venv')})`,
    );
  }
  return tool;
}

/** A running moto server. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`: the endpoint for every AWS SDK client. */
  readonly endpoint: string;
  readonly port: number;
  /** Everything the server printed so far (for failure messages). */
  log(): string;
  /** Stops the server and waits until the process has exited. */
  stop(): Promise<void>;
}

/** Options of {@link startMotoServer}. */
export interface StartMotoServerOptions {
  /** How many times to probe the server before giving up. @default 100 */
  readonly attempts?: number;
  /** Pause between two probes. @default 100 ms */
  readonly intervalMs?: number;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error(`unexpected address ${JSON.stringify(address)}`));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

/** One HTTP GET; resolves with the status code, rejects on a connection error. */
function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `moto_server` on a free loopback port and resolves once its
 * `/moto-api/` endpoint answers 200 (bounded: `attempts` x `intervalMs`).
 * Rejects, after stopping the process, if it exits or never answers.
 */
export async function startMotoServer(options: StartMotoServerOptions = {}): Promise<MotoServer> {
  const attempts = options.attempts ?? 100;
  const intervalMs = options.intervalMs ?? 100;
  const bin = venvTool('moto_server');

  // A port picked by the OS can be taken between the probe and the bind by
  // another test file starting its own server: try a few ports.
  let lastError: unknown;
  for (let portTry = 0; portTry < 3; portTry++) {
    const port = await freeLoopbackPort();
    const output: string[] = [];
    const child: ChildProcess = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // AWS managed policies exist, so attaching a misspelled one fails as on AWS.
      env: { ...process.env, PYTHONUNBUFFERED: '1', MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    });
    child.stdout?.on('data', (d) => output.push(String(d)));
    child.stderr?.on('data', (d) => output.push(String(d)));
    let exited = false;
    const exit = new Promise<void>((resolve) => child.once('exit', () => {
      exited = true;
      resolve();
    }));

    const server: MotoServer = {
      endpoint: `http://127.0.0.1:${port}`,
      port,
      log: () => output.join(''),
      stop: async () => {
        if (!exited) {
          child.kill('SIGTERM');
          let timer: NodeJS.Timeout | undefined;
          const killed = await Promise.race([
            exit.then(() => true),
            new Promise<boolean>((r) => { timer = setTimeout(() => r(false), 5000); }),
          ]);
          clearTimeout(timer);
          if (!killed) {
            child.kill('SIGKILL');
            await exit;
          }
        }
      },
    };

    for (let i = 0; i < attempts && !exited; i++) {
      try {
        if (await httpStatus(`${server.endpoint}/moto-api/`, 2000) === 200) return server;
      } catch (e) {
        lastError = e;
      }
      await sleep(intervalMs);
    }
    await server.stop();
    lastError = new Error(
      `moto_server on port ${port} ${exited ? 'exited' : `did not answer within ${attempts} probes of ${intervalMs} ms`}; `
      + `last error: ${String(lastError)}; output:\n${server.log()}`,
    );
    if (!exited) break; // a server that runs but never answers will not improve on another port
  }
  throw lastError;
}
