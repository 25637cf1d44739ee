import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { BenchOptions } from './reference-app';
import { forceGc } from './stats';

/** A function that defines an app's stacks. */
export type DefineApp = (app: App, options: BenchOptions) => Stack[];

/** One synthesis: its wall time and what it emitted. */
export interface SynthRun {
  /** Construct + synth, in milliseconds. */
  readonly ms: number;
  /** Deployable stacks. */
  readonly stacks: number;
  /** Resources in every deployable stack and every inlined StackSet template. */
  readonly resources: number;
  /** Bytes of every deployable stack's template as compact JSON. */
  readonly templateBytes: number;
  /** The largest deployable template, compact JSON bytes. */
  readonly largestTemplateBytes: number;
}

/** The result of a synthesis that may fail (e.g. an account list that no longer fits a policy). */
export interface SynthOutcome {
  readonly run?: SynthRun;
  /** The first line of the error, when synthesis failed. */
  readonly error?: string;
}

/**
 * The synthesized template of `stack`, from the cloud assembly of its stage
 * (the app's, or a nested one such as a preset's); call after `app.synth()`.
 */
export function stackTemplate(stack: Stack): any {
  return Stage.of(stack)!.synth().getStackArtifact(stack.artifactId).template;
}

/** Synthesizes `define(options)` into a temporary directory, timing construction and synthesis together. */
export function synthOnce(define: DefineApp, options: BenchOptions, keep?: (app: App, assembly: CloudAssembly, stacks: Stack[]) => void): SynthRun {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-bench-'));
  try {
    // Collect the previous run's garbage now, not during this run's timing.
    forceGc();
    const start = performance.now();
    const app = new App({ outdir });
    const stacks = define(app, options);
    const assembly = app.synth();
    const ms = performance.now() - start;
    let resources = 0;
    let templateBytes = 0;
    let largestTemplateBytes = 0;
    for (const stack of stacks) {
      const template = stackTemplate(stack);
      const bytes = Buffer.byteLength(JSON.stringify(template));
      templateBytes += bytes;
      largestTemplateBytes = Math.max(largestTemplateBytes, bytes);
      for (const resource of Object.values<any>(template.Resources ?? {})) {
        resources++;
        if (resource.Type === 'AWS::CloudFormation::StackSet') {
          resources += Object.keys(JSON.parse(resource.Properties.TemplateBody).Resources ?? {}).length;
        }
      }
    }
    keep?.(app, assembly, stacks);
    return { ms, stacks: stacks.length, resources, templateBytes, largestTemplateBytes };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Like `synthOnce`, but a failed synthesis is an outcome, not an exception. */
export function trySynth(define: DefineApp, options: BenchOptions): SynthOutcome {
  try {
    return { run: synthOnce(define, options) };
  } catch (e) {
    return { error: errorLine(e) };
  }
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) {
    throw new RangeError('median of an empty list');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Least-squares line through (x, y) points, with the coefficient of determination. */
export function linearFit(points: Array<[number, number]>): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  if (n < 2) {
    throw new RangeError('linearFit needs at least 2 points');
  }
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  const ssRes = points.reduce((s, [x, y]) => s + (y - (intercept + slope * x)) ** 2, 0);
  return { slope, intercept, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

/** The first informative line of a synthesis error (validation errors put the problems on later lines). */
export function errorLine(e: unknown): string {
  const lines = String((e as Error)?.message ?? e).split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const problem = lines.find((l) => !/^Validation failed/.test(l)) ?? lines[0] ?? '';
  return problem.replace(/^\[[^\]]*\]\s*/, '').slice(0, 400);
}
