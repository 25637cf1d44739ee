import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Interval, medianInterval } from './stats';

/**
 * Cold import time: a fresh node process per sample, the library's compiled
 * entry point (lib/index.js) against aws-cdk-lib with the submodules the
 * hand-written baseline app imports, alternated.
 */

/** The aws-cdk-lib submodules `bench/baseline-app.ts` imports. */
export const BASELINE_SUBMODULES = [
  'aws-cloudformation', 'aws-cloudtrail', 'aws-events', 'aws-events-targets', 'aws-iam', 'aws-kms',
  'aws-logs', 'aws-organizations', 'aws-s3', 'aws-sns', 'aws-sqs',
];

const ROOT = path.join(__dirname, '..');
export const LIBRARY_ENTRY = path.join(ROOT, 'lib', 'index.js');

/** The script a sample runs: time (wall and CPU) around the requires, printed as JSON. */
function script(requires: string[]): string {
  return `const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint();
${requires.map((r) => `require(${JSON.stringify(r)});`).join('\n')}
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ wallMs: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (c.user + c.system) / 1000 }));`;
}

interface Sample { readonly wallMs: number; readonly cpuMs: number }

function sample(requires: string[]): Sample {
  const out = spawnSync(process.execPath, ['-e', script(requires)], { cwd: ROOT, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`import sample failed: ${out.stderr.split('\n')[0]}`);
  return JSON.parse(out.stdout) as Sample;
}

/** What the cold-import section reports. */
export interface ColdImport {
  readonly samples: number;
  readonly libraryWallMs: Interval;
  readonly baselineWallMs: Interval;
  /** Per pair, library / baseline wall time. */
  readonly wallRatio: Interval;
  readonly libraryCpuMs: Interval;
  readonly baselineCpuMs: Interval;
  readonly cpuRatio: Interval;
}

/** `samples` alternated pairs; undefined when lib/ is not compiled. */
export function coldImport(samples: number): ColdImport | undefined {
  if (!fs.existsSync(LIBRARY_ENTRY)) return undefined;
  const library = [LIBRARY_ENTRY];
  const baseline = ['aws-cdk-lib', ...BASELINE_SUBMODULES.map((m) => `aws-cdk-lib/${m}`)];
  sample(library);
  sample(baseline);
  const lib: Sample[] = [];
  const base: Sample[] = [];
  for (let i = 0; i < samples; i++) {
    if (i % 2 === 0) {
      lib.push(sample(library));
      base.push(sample(baseline));
    } else {
      base.push(sample(baseline));
      lib.push(sample(library));
    }
  }
  return {
    samples,
    libraryWallMs: medianInterval(lib.map((s) => s.wallMs)),
    baselineWallMs: medianInterval(base.map((s) => s.wallMs)),
    wallRatio: medianInterval(lib.map((s, i) => s.wallMs / base[i].wallMs)),
    libraryCpuMs: medianInterval(lib.map((s) => s.cpuMs)),
    baselineCpuMs: medianInterval(base.map((s) => s.cpuMs)),
    cpuRatio: medianInterval(lib.map((s, i) => s.cpuMs / base[i].cpuMs)),
  };
}
