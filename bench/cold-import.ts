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

/**
 * What each side's app touches first: the library reference app's classes
 * (bench/reference-app.ts), and the aws-cdk-lib classes the hand-written
 * baseline uses (bench/baseline-app.ts). Touching a class loads its code;
 * a bare require of a lazy index loads almost nothing.
 */
export const LIBRARY_FIRST_USE: Array<[string, string[]]> = [
  ['aws-cdk-lib', ['App', 'BootstraplessSynthesizer', 'Stack', 'Stage']],
  ['LIB', ['AriaSecureCloudsOnboarding', 'CentralEventQueue', 'EventStreamRule', 'Guardrail', 'OrgGuardrailScp', 'OrgStackSetRollout', 'ReadOnlyAuditRole', 'StackSetTemplate']],
];
export const BASELINE_FIRST_USE: Array<[string, string[]]> = [
  ['aws-cdk-lib', ['App', 'ArnFormat', 'Aws', 'BootstraplessSynthesizer', 'CfnOutput', 'Duration', 'Lazy', 'RemovalPolicy', 'Stack', 'Stage']],
  ['aws-cdk-lib/aws-cloudformation', ['CfnStackSet']],
  ['aws-cdk-lib/aws-cloudtrail', ['CfnTrail']],
  ['aws-cdk-lib/aws-events', ['Rule', 'Match']],
  ['aws-cdk-lib/aws-events-targets', ['SnsTopic']],
  ['aws-cdk-lib/aws-iam', ['Role', 'PolicyStatement', 'ServicePrincipal', 'AccountPrincipal', 'ArnPrincipal', 'ManagedPolicy']],
  ['aws-cdk-lib/aws-kms', ['Key']],
  ['aws-cdk-lib/aws-logs', ['LogGroup', 'RetentionDays']],
  ['aws-cdk-lib/aws-organizations', ['CfnPolicy']],
  ['aws-cdk-lib/aws-s3', ['Bucket', 'BlockPublicAccess', 'ObjectOwnership', 'BucketEncryption']],
  ['aws-cdk-lib/aws-sns', ['Topic', 'Subscription', 'LoggingProtocol', 'SubscriptionProtocol']],
  ['aws-cdk-lib/aws-sqs', ['Queue', 'QueueEncryption']],
];

/** The script a sample runs: time (wall and CPU) around the requires (and first uses), printed as JSON. */
function script(requires: string[], use: Array<[string, string[]]> = []): string {
  const touch = use.map(([m, names]) => `{ const m = require(${JSON.stringify(m === 'LIB' ? LIBRARY_ENTRY : m)}); for (const n of ${JSON.stringify(names)}) if (m[n] === undefined) throw new Error('missing ' + n); }`);
  return `const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint();
${requires.map((r) => `require(${JSON.stringify(r)});`).join('\n')}
${touch.join('\n')}
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ wallMs: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (c.user + c.system) / 1000 }));`;
}

interface Sample { readonly wallMs: number; readonly cpuMs: number }

function sample(requires: string[], use?: Array<[string, string[]]>): Sample {
  const out = spawnSync(process.execPath, ['-e', script(requires, use)], { cwd: ROOT, encoding: 'utf8' });
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

/**
 * `samples` alternated pairs; undefined when lib/ is not compiled. With
 * `firstUse`, each side also touches the classes its app uses.
 */
export function coldImport(samples: number, firstUse = false): ColdImport | undefined {
  if (!fs.existsSync(LIBRARY_ENTRY)) return undefined;
  const library = [LIBRARY_ENTRY];
  const baseline = ['aws-cdk-lib', ...BASELINE_SUBMODULES.map((m) => `aws-cdk-lib/${m}`)];
  const libUse = firstUse ? LIBRARY_FIRST_USE : undefined;
  const baseUse = firstUse ? BASELINE_FIRST_USE : undefined;
  sample(library, libUse);
  sample(baseline, baseUse);
  const lib: Sample[] = [];
  const base: Sample[] = [];
  for (let i = 0; i < samples; i++) {
    if (i % 2 === 0) {
      lib.push(sample(library, libUse));
      base.push(sample(baseline, baseUse));
    } else {
      base.push(sample(baseline, baseUse));
      lib.push(sample(library, libUse));
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
