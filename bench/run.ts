/* eslint-disable no-console */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { defineBaselineApp } from './baseline-app';
import { Footprint, LimitFigure, measureFootprint, nearLimits, worstFigure } from './footprint';
import { DefineApp, SynthRun, errorLine, linearFit, median, synthOnce } from './measure';
import { commercialRegions, fakeAccounts, firstRegions } from './org';
import { BenchOptions, defineLibraryApp, referenceOptions } from './reference-app';
import { CLOUDFORMATION_DEFAULTS, OperationPreferences, operationWaves } from './rollout-model';

/**
 * The benchmark runner: `npx projen bench`. Synth overhead against the
 * hand-written baseline (runs alternated, medians, ratio from the same run),
 * scaling in accounts, regions and guardrails, footprint against AWS limits,
 * and the rollout wave model. Prints a table, writes bench/results/*.json.
 * Figures only: nothing here passes or fails.
 */

const PAIRS = Number(process.env.BENCH_PAIRS ?? 9);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const ACCOUNT_STEPS = [10, 100, 1000, 10000];
const GUARDRAIL_STEPS = [1, 5, 10, 25, 50];

function medianRun(define: DefineApp, options: BenchOptions, reps: number): { ms: number; run: SynthRun } {
  const runs = Array.from({ length: reps }, () => synthOnce(define, options));
  return { ms: median(runs.map((r) => r.ms)), run: runs[0] };
}

function overhead() {
  const options = referenceOptions(commercialRegions());
  synthOnce(defineLibraryApp, options);
  synthOnce(defineBaselineApp, options);
  const library: number[] = [];
  const baseline: number[] = [];
  let libRun: SynthRun | undefined;
  let baseRun: SynthRun | undefined;
  for (let i = 0; i < PAIRS; i++) {
    // Alternate which goes first, so drift in machine load hits both sides.
    const order: Array<[DefineApp, number[]]> = i % 2 === 0
      ? [[defineLibraryApp, library], [defineBaselineApp, baseline]]
      : [[defineBaselineApp, baseline], [defineLibraryApp, library]];
    for (const [define, into] of order) {
      const run = synthOnce(define, options);
      into.push(run.ms);
      if (define === defineLibraryApp) libRun = run; else baseRun = run;
    }
  }
  const ratios = library.map((ms, i) => ms / baseline[i]);
  return {
    regions: options.regions.length,
    pairs: PAIRS,
    libraryMs: median(library),
    baselineMs: median(baseline),
    ratio: median(library) / median(baseline),
    pairedRatioMedian: median(ratios),
    libraryRunsMs: library,
    baselineRunsMs: baseline,
    library: libRun!,
    baseline: baseRun!,
  };
}

type AccountDimension = 'stackSetAccounts' | 'queueSourceAccounts' | 'guardrailTrustedAccounts';

/** One account-scaling point: synth time and size, and the figure nearest its limit; or the synthesis error. */
type AccountPoint =
  | { accounts: number; ms: number; stacks: number; resources: number; templateBytes: number; largestTemplateBytes: number; worst?: Omit<LimitFigure, 'estimated'> }
  | { accounts: number; error: string };

function accountPoint(dim: AccountDimension, n: number): AccountPoint {
  const options: BenchOptions = { ...referenceOptions(firstRegions(1)), [dim]: fakeAccounts(n) };
  let worst: LimitFigure | undefined;
  try {
    const first = synthOnce(defineLibraryApp, options, (app, asm, stacks) => { worst = worstFigure(measureFootprint(app, asm, stacks)); });
    const { ms } = medianRun(defineLibraryApp, options, REPS - 1);
    return {
      accounts: n,
      ms: median([first.ms, ms]),
      stacks: first.stacks,
      resources: first.resources,
      templateBytes: first.templateBytes,
      largestTemplateBytes: first.largestTemplateBytes,
      worst: worst && { what: worst.what, subject: worst.subject, size: worst.size, limit: worst.limit, ratio: worst.ratio },
    };
  } catch (e) {
    return { accounts: n, error: errorLine(e) };
  }
}

/**
 * The most accounts that fit: synthesis succeeds and every template and
 * policy stays within its limit (binary search between 1 and 10,000).
 */
function accountCapacity(dim: AccountDimension): number {
  const fits = (n: number) => {
    try {
      let ok = false;
      synthOnce(defineLibraryApp, { ...referenceOptions(firstRegions(1)), [dim]: fakeAccounts(n) }, (app, asm, stacks) => {
        ok = worstFigure(measureFootprint(app, asm, stacks)).ratio <= 1;
      });
      return ok;
    } catch {
      return false;
    }
  };
  const top = ACCOUNT_STEPS[ACCOUNT_STEPS.length - 1];
  if (fits(top)) return top;
  let lo = 0;
  let hi = top;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid; else hi = mid;
  }
  return lo;
}

function accountScaling() {
  const dims: AccountDimension[] = ['stackSetAccounts', 'queueSourceAccounts', 'guardrailTrustedAccounts'];
  return dims.map((dim) => {
    const points = ACCOUNT_STEPS.map((n) => accountPoint(dim, n));
    const ok = points.filter((p): p is Extract<AccountPoint, { ms: number }> => 'ms' in p);
    const bytesFit = ok.length >= 2 ? linearFit(ok.map((p) => [p.accounts, p.templateBytes])) : undefined;
    return {
      dimension: dim,
      points,
      resourcesFlat: ok.every((p) => p.resources === ok[0].resources),
      stacksFlat: ok.every((p) => p.stacks === ok[0].stacks),
      bytesPerAccount: bytesFit?.slope,
      msRatioLastToFirst: ok.length >= 2 ? ok[ok.length - 1].ms / ok[0].ms : undefined,
      capacity: accountCapacity(dim),
    };
  });
}

function regionScaling() {
  const all = commercialRegions().length;
  const steps = [...new Set([1, 2, 4, 8, 16, all])];
  const points = steps.map((n) => {
    const { ms, run } = medianRun(defineLibraryApp, referenceOptions(firstRegions(n)), REPS);
    return { regions: n, ms, stacks: run.stacks, resources: run.resources, templateBytes: run.templateBytes };
  });
  const msFit = linearFit(points.map((p) => [p.regions, p.ms]));
  const resFit = linearFit(points.map((p) => [p.regions, p.resources]));
  return { points, msPerRegion: msFit.slope, msR2: msFit.r2, resourcesPerRegion: resFit.slope, resourcesR2: resFit.r2 };
}

function guardrailScaling() {
  const points = GUARDRAIL_STEPS.map((n) => {
    const options = { ...referenceOptions(firstRegions(1)), guardrailCount: n };
    let footprint: Footprint | undefined;
    const run = synthOnce(defineLibraryApp, options, (app, asm, stacks) => { footprint = measureFootprint(app, asm, stacks); });
    const { ms } = medianRun(defineLibraryApp, options, REPS - 1);
    const scp = footprint!.scp[0];
    return {
      guardrails: n,
      ms: median([run.ms, ms]),
      templateBytes: run.templateBytes,
      scpPolicies: scp.policies,
      scpLowerBound: scp.lowerBound,
      scpCharacters: scp.totalCharacters,
    };
  });
  return { points, msFit: linearFit(points.map((p) => [p.guardrails, p.ms])) };
}

function footprintAtReference() {
  let footprint: Footprint | undefined;
  let prefs: Record<string, OperationPreferences> = {};
  synthOnce(defineLibraryApp, referenceOptions(commercialRegions()), (app, asm, stacks) => {
    footprint = measureFootprint(app, asm, stacks);
    const management = stacks.find((s) => s.stackName === 'Management')!;
    for (const [id, r] of Object.entries<any>(asm.getStackArtifact(management.artifactId).template.Resources)) {
      if (r.Type === 'AWS::CloudFormation::StackSet') prefs[id] = r.Properties.OperationPreferences;
    }
  });
  return { footprint: footprint!, prefs };
}

function rollout(prefs: OperationPreferences) {
  const regionsAll = commercialRegions().length;
  const rows: Array<{ accounts: number; regions: number; library: number; defaults: number }> = [];
  for (const accounts of [10, 100, 1000, 10000]) {
    for (const regions of [1, 4, regionsAll]) {
      rows.push({
        accounts,
        regions,
        library: operationWaves(prefs, accounts, regions),
        defaults: operationWaves(CLOUDFORMATION_DEFAULTS, accounts, regions),
      });
    }
  }
  return rows;
}

function pad(s: unknown, n: number): string {
  return String(s).padStart(n);
}

function main(): void {
  const started = Date.now();
  const machine = {
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    loadavg: os.loadavg(),
    node: process.version,
    date: new Date().toISOString(),
  };
  console.log(`cdk-audit-baseline benchmarks: ${machine.nproc} CPUs, ${machine.memGiB} GiB, node ${machine.node}, load ${machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`);

  const o = overhead();
  console.log(`\nSynth overhead, reference org (${o.regions} regions, ${o.library.stacks} stacks, ${o.library.resources} resources), ${o.pairs} alternated pairs`);
  console.log(`  library  median ${o.libraryMs.toFixed(0)} ms   baseline median ${o.baselineMs.toFixed(0)} ms   ratio ${o.ratio.toFixed(2)} (paired median ${o.pairedRatioMedian.toFixed(2)})`);
  console.log(`  template bytes: library ${o.library.templateBytes}, baseline ${o.baseline.templateBytes}`);

  const accounts = accountScaling();
  console.log('\nScaling in accounts (1 region; median ms / resources / total template bytes / figure nearest its limit)');
  for (const d of accounts) {
    console.log(`  ${d.dimension}: resources flat ${d.resourcesFlat}, stacks flat ${d.stacksFlat}, ${d.bytesPerAccount?.toFixed(1) ?? '-'} bytes per account, time x${d.msRatioLastToFirst?.toFixed(2) ?? '-'} from ${ACCOUNT_STEPS[0]} to the last that synthesizes; at most ${d.capacity} accounts fit every limit`);
    for (const p of d.points) {
      if ('ms' in p) {
        const w = p.worst!;
        console.log(`    ${pad(p.accounts, 6)}: ${pad(p.ms.toFixed(0), 5)} ms ${pad(p.resources, 4)} res ${pad(p.templateBytes, 8)} B   ${w.what} ${w.size}/${w.limit} (${(100 * w.ratio).toFixed(0)}%) ${w.subject}`);
      } else {
        console.log(`    ${pad(p.accounts, 6)}: fails: ${p.error.slice(0, 200)}`);
      }
    }
  }

  const regions = regionScaling();
  console.log('\nScaling in regions (median ms / stacks / resources)');
  console.log(`  ${regions.points.map((p) => `${p.regions}: ${p.ms.toFixed(0)}ms/${p.stacks}/${p.resources}`).join('  ')}`);
  console.log(`  ${regions.msPerRegion.toFixed(1)} ms per region (R² ${regions.msR2.toFixed(3)}), ${regions.resourcesPerRegion.toFixed(1)} resources per region (R² ${regions.resourcesR2.toFixed(3)})`);

  const guard = guardrailScaling();
  console.log('\nScaling in guardrails (1 region; median ms / SCPs used / lower bound / SCP characters)');
  console.log(`  ${guard.points.map((p) => `${p.guardrails}: ${p.ms.toFixed(0)}ms/${p.scpPolicies}/${p.scpLowerBound}/${p.scpCharacters}`).join('  ')}`);

  const { footprint, prefs } = footprintAtReference();
  console.log('\nFootprint at the reference size (largest ratio of each kind)');
  const byKind = new Map<string, typeof footprint.policies[number]>();
  for (const f of [...footprint.templates, ...footprint.policies]) {
    const prev = byKind.get(f.what);
    if (!prev || f.ratio > prev.ratio) byKind.set(f.what, f);
  }
  for (const f of [...byKind.values()].sort((a, b) => b.ratio - a.ratio)) {
    console.log(`  ${f.what.padEnd(38)} ${pad(f.size, 7)} / ${pad(f.limit, 7)} ${pad((100 * f.ratio).toFixed(1), 5)}%${f.estimated ? ' (at most)' : ''}  ${f.subject}`);
  }
  for (const s of footprint.scp) console.log(`  SCPs of ${s.subject}: ${s.policies} used, lower bound ${s.lowerBound} (${s.totalCharacters} characters / ${s.limit})`);
  const near = nearLimits(footprint);
  console.log(`  within 25% of a limit: ${near.length === 0 ? 'nothing' : near.map((f) => `${f.subject} ${f.what} ${(100 * f.ratio).toFixed(0)}%`).join('; ')}`);

  const stackSetPrefs = Object.values(prefs)[0];
  const waves = rollout(stackSetPrefs);
  console.log(`\nRollout waves (library preferences ${JSON.stringify(stackSetPrefs)} vs CloudFormation defaults)`);
  console.log('  accounts regions   library  defaults');
  for (const w of waves) console.log(`  ${pad(w.accounts, 8)} ${pad(w.regions, 7)} ${pad(w.library, 9)} ${pad(w.defaults, 9)}`);

  const seconds = (Date.now() - started) / 1000;
  console.log(`\nTotal ${seconds.toFixed(0)} s`);
  const out = path.join(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `bench-${machine.date.replace(/[:.]/g, '-')}.json`);
  const result = {
    machine, seconds, overhead: o, accounts, regions, guardrails: guard, footprint, nearLimits: near, rolloutPreferences: prefs, rollout: waves,
  };
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify(result, null, 2));
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
}

main();

