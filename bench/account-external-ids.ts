/* eslint-disable no-console */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import { errorLine } from './measure';
import { fakeAccounts } from './org';
import { ReadOnlyAuditRole } from '../src/access';

/**
 * The `ReadOnlyAuditRole.accountExternalIds` dimension: one
 * environment-agnostic template whose role picks its external ID per
 * account at deploy time, for 10 to 10,000 listed accounts, as a StackSet
 * template (BootstraplessSynthesizer, sent inline, 51,200 bytes) and as a
 * stack `cdk deploy` uploads (1 MB). Prints synth time and template bytes,
 * or the library's error where the map no longer fits.
 *
 * Run alone: `npx ts-node --project test/tsconfig.json bench/account-external-ids.ts`
 * (`BENCH_EXTERNAL_ID_STEPS=10,100` to choose the sizes).
 */

const STEPS = (process.env.BENCH_EXTERNAL_ID_STEPS ?? '10,100,300,1000,5000,7000,10000').split(',').map(Number);

/** One point: synth time and template bytes, or the first line of the error. */
export type ExternalIdPoint =
  | { accounts: number; kind: 'stackset' | 'stack'; ms: number; templateBytes: number; conditions: number }
  | { accounts: number; kind: 'stackset' | 'stack'; ms: number; error: string };

/** External IDs of 20 characters, the length of a typical vendor tenant ID. */
export function externalIdMap(n: number): Record<string, string> {
  return Object.fromEntries(fakeAccounts(n).map((id, i) => [id, `tenant-${String(i).padStart(13, '0')}`]));
}

/** Synthesizes one env-agnostic role stack with `n` listed accounts. */
export function externalIdPoint(n: number, kind: 'stackset' | 'stack'): ExternalIdPoint {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-bench-ext-'));
  const start = performance.now();
  try {
    const app = new App({ outdir });
    const stack = kind === 'stackset'
      ? new Stack(new Stage(app, 'MemberTemplates'), 'Role', { synthesizer: new BootstraplessSynthesizer() })
      : new Stack(app, 'Role');
    new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: '111122223333', externalId: 'tenant-default-00000', accountExternalIds: externalIdMap(n) });
    const assembly = Stage.of(stack)!.synth();
    const template = assembly.getStackArtifact(stack.artifactId).template;
    const ms = performance.now() - start;
    const templateBytes = Buffer.byteLength(JSON.stringify(template));
    return { accounts: n, kind, ms, templateBytes, conditions: Object.keys(template.Conditions ?? {}).length };
  } catch (e) {
    return { accounts: n, kind, ms: performance.now() - start, error: errorLine(e) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Prints the dimension; returns its points. */
export function printAccountExternalIds(steps: number[] = STEPS): ExternalIdPoint[] {
  console.log('\naccountExternalIds in an environment-agnostic template (accounts: ms / template bytes, or the error)');
  const points: ExternalIdPoint[] = [];
  for (const kind of ['stackset', 'stack'] as const) {
    for (const n of steps) {
      const p = externalIdPoint(n, kind);
      points.push(p);
      const head = `  ${kind.padEnd(8)} ${String(n).padStart(6)}: ${p.ms.toFixed(0).padStart(6)} ms`;
      console.log('error' in p ? `${head}  fails: ${p.error.slice(0, 260)}` : `${head} ${String(p.templateBytes).padStart(9)} B ${p.conditions} conditions`);
    }
  }
  return points;
}

if (require.main === module) {
  printAccountExternalIds();
}
