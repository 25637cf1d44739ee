/* eslint-disable no-console */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ExternalIdPoint, printAccountExternalIds } from './account-external-ids';
import { defineBaselineApp } from './baseline-app';
import { ColdImport, coldImport } from './cold-import';
import { Footprint, LimitFigure, measureFootprint, nearLimits, worstFigure } from './footprint';
import { DefineApp, SynthRun, errorLine, linearFit, median, synthOnce } from './measure';
import { commercialRegions, fakeAccounts, firstRegions } from './org';
import { addGuardrailsMs, randomPackingSets } from './packing';
import { BenchOptions, defineLibraryApp, referenceOptions } from './reference-app';
import { CLOUDFORMATION_DEFAULTS, OperationPreferences, STACKSET_QUOTAS, operationWaves, stackSetsNeeded } from './rollout-model';
import { formatInterval, medianInterval } from './stats';

/**
 * The benchmark runner: `npx projen bench`. Synth overhead against the
 * hand-written baseline (runs alternated, garbage collected between runs,
 * median ratio with a bootstrap confidence interval), scaling in accounts,
 * regions and guardrails, guardrails added one by one, SCP packing on random
 * sets against the exact optimum, cold import time, footprint against every
 * AWS limit, and the rollout wave model. Prints a table and the goals,
 * writes bench/results/*.json. Figures only: nothing here passes or fails.
 *
 * BENCH_SMALL=1 runs every section at small sizes (a smoke run of the
 * benchmark's code; its figures mean nothing).
 *
 * accountExternalIds at scale has a benchmark of its own,
 * bench/account-external-ids.ts; hook it in here as one more section.
 */

const SMALL = process.env.BENCH_SMALL === '1';
const PAIRS = Number(process.env.BENCH_PAIRS ?? (SMALL ? 2 : 15));
const REPS = Number(process.env.BENCH_REPS ?? (SMALL ? 2 : 3));
const IMPORT_SAMPLES = Number(process.env.BENCH_IMPORT_SAMPLES ?? (SMALL ? 2 : 21));
const PACKING_SETS = Number(process.env.BENCH_PACKING_SETS ?? (SMALL ? 5 : 500));
const ADD_STEPS: [number, number] = SMALL ? [20, 80] : [200, 800];
const ACCOUNT_STEPS = SMALL ? [10, 100] : [10, 100, 1000, 10000];
/** Accounts listed in `ReadOnlyAuditRole.accountExternalIds` (one env-agnostic template). */
const EXTERNAL_ID_STEPS = SMALL ? [10, 100] : [10, 100, 300, 1000, 5000, 7000, 10000];
const GUARDRAIL_STEPS = SMALL ? [1, 5] : [1, 5, 10, 25, 50];

function medianRun(define: DefineApp, options: BenchOptions, reps: number): { ms: number; run: SynthRun } {
  const runs = Array.from({ length: reps }, () => synthOnce(define, options));
  return { ms: median(runs.map((r) => r.ms)), run: runs[0] };
}

function overhead() {
  const options = referenceOptions(SMALL ? firstRegions(2) : commercialRegions());
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
    pairedRatio: medianInterval(ratios),
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
    const first = synthOnce(defineLibraryApp, options, (app, _asm, stacks) => { worst = worstFigure(measureFootprint(app, stacks)); });
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
      synthOnce(defineLibraryApp, { ...referenceOptions(firstRegions(1)), [dim]: fakeAccounts(n) }, (app, _asm, stacks) => {
        ok = worstFigure(measureFootprint(app, stacks)).ratio <= 1;
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
  const steps = SMALL ? [1, 2] : [...new Set([1, 2, 4, 8, 16, all])];
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
    const run = synthOnce(defineLibraryApp, options, (app, _asm, stacks) => { footprint = measureFootprint(app, stacks); });
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
  const prefs: Record<string, OperationPreferences> = {};
  const baselinePrefs: Record<string, OperationPreferences> = {};
  const options = referenceOptions(SMALL ? firstRegions(2) : commercialRegions());
  type Assembly = { getStackArtifact(id: string): { template: any } };
  const stackSetPrefs = (asm: Assembly, stacks: Array<{ stackName: string; artifactId: string }>, into: Record<string, OperationPreferences>) => {
    const management = stacks.find((s) => s.stackName === 'Management')!;
    for (const [id, r] of Object.entries<any>(asm.getStackArtifact(management.artifactId).template.Resources)) {
      if (r.Type === 'AWS::CloudFormation::StackSet') into[id] = r.Properties.OperationPreferences;
    }
  };
  synthOnce(defineLibraryApp, options, (app, asm, stacks) => {
    footprint = measureFootprint(app, stacks);
    stackSetPrefs(asm, stacks, prefs);
  });
  synthOnce(defineBaselineApp, options, (_app, asm, stacks) => stackSetPrefs(asm, stacks, baselinePrefs));
  return { footprint: footprint!, prefs, baselinePrefs };
}

/** Waves for the library's preferences, the hand-written StackSet's, and CloudFormation's defaults; StackSets the instance quota requires. */
function rollout(prefs: OperationPreferences, handWritten: OperationPreferences) {
  const regionsAll = commercialRegions().length;
  type Row = {
    accounts: number; regions: number; library: number; handWritten: number; defaults: number; instances: number; stackSetsNeeded: number;
  };
  const rows: Row[] = [];
  for (const accounts of [10, 100, 1000, 10000]) {
    for (const regions of [1, 4, regionsAll]) {
      rows.push({
        accounts,
        regions,
        library: operationWaves(prefs, accounts, regions),
        handWritten: operationWaves(handWritten, accounts, regions),
        defaults: operationWaves(CLOUDFORMATION_DEFAULTS, accounts, regions),
        instances: accounts * regions,
        stackSetsNeeded: stackSetsNeeded(accounts, regions),
      });
    }
  }
  return rows;
}

/**
 * The same 10-to-10,000 scaling for the hand-written app, which lists the
 * same accounts in its StackSets: alternated library/hand-written runs at
 * both sizes, medians of `reps`. What aws-cdk-lib itself pays per listed
 * account shows in the hand-written ratio; the library's extra is the rest.
 */
function stackSetAccountsPaired(reps: number) {
  const first = ACCOUNT_STEPS[0];
  const last = ACCOUNT_STEPS[ACCOUNT_STEPS.length - 1];
  const runs: Record<string, number[]> = { lib0: [], lib1: [], base0: [], base1: [] };
  const opts = (n: number): BenchOptions => ({ ...referenceOptions(firstRegions(1)), stackSetAccounts: fakeAccounts(n) });
  for (let r = -1; r < reps; r++) {
    for (const [key, define] of [['lib', defineLibraryApp], ['base', defineBaselineApp]] as const) {
      const small = synthOnce(define, opts(first)).ms;
      const large = synthOnce(define, opts(last)).ms;
      if (r < 0) continue; // warm-up
      runs[`${key}0`].push(small);
      runs[`${key}1`].push(large);
    }
  }
  return {
    from: first,
    to: last,
    reps,
    libraryRatio: median(runs.lib1) / median(runs.lib0),
    handWrittenRatio: median(runs.base1) / median(runs.base0),
  };
}

/** Synth time of the reference org (1 region) with 10 and with 10,000 accounts listed, in every account dimension at once that still synthesizes. */
function accountGoal(points: ReturnType<typeof accountScaling>) {
  return points.map((d) => {
    const ok = d.points.filter((p): p is Extract<AccountPoint, { ms: number }> => 'ms' in p);
    const first = ok[0];
    const last = ok[ok.length - 1];
    return { dimension: d.dimension, from: first?.accounts, to: last?.accounts, ratio: first && last ? last.ms / first.ms : undefined };
  });
}

function addGuardrailScaling() {
  const [small, large] = ADD_STEPS;
  addGuardrailsMs(small, true); // warm-up
  const reps = Math.max(REPS, 3);
  const run = (n: number, oneByOne: boolean) => median(Array.from({ length: reps }, () => addGuardrailsMs(n, oneByOne)));
  const oneSmall = run(small, true);
  const oneLarge = run(large, true);
  const ctorSmall = run(small, false);
  const ctorLarge = run(large, false);
  return {
    small,
    large,
    reps,
    oneByOneMs: [oneSmall, oneLarge],
    constructorMs: [ctorSmall, ctorLarge],
    ratio: oneLarge / oneSmall,
    constructorRatio: ctorLarge / ctorSmall,
  };
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
  console.log(`  library  median ${o.libraryMs.toFixed(0)} ms   baseline median ${o.baselineMs.toFixed(0)} ms   ratio of medians ${o.ratio.toFixed(2)}; paired ratio ${formatInterval(o.pairedRatio)}`);
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

  const externalIds: ExternalIdPoint[] = printAccountExternalIds(EXTERNAL_ID_STEPS);

  const regions = regionScaling();
  console.log('\nScaling in regions (median ms / stacks / resources)');
  console.log(`  ${regions.points.map((p) => `${p.regions}: ${p.ms.toFixed(0)}ms/${p.stacks}/${p.resources}`).join('  ')}`);
  console.log(`  ${regions.msPerRegion.toFixed(1)} ms per region (R² ${regions.msR2.toFixed(3)}), ${regions.resourcesPerRegion.toFixed(1)} resources per region (R² ${regions.resourcesR2.toFixed(3)})`);

  const guard = guardrailScaling();
  console.log('\nScaling in guardrails (1 region; median ms / SCPs used / lower bound / SCP characters)');
  console.log(`  ${guard.points.map((p) => `${p.guardrails}: ${p.ms.toFixed(0)}ms/${p.scpPolicies}/${p.scpLowerBound}/${p.scpCharacters}`).join('  ')}`);

  const adds = addGuardrailScaling();
  console.log(`\nGuardrails added one by one (addGuardrail, then synth; median of ${adds.reps}; no targets, so the slot limit does not apply)`);
  console.log(`  ${adds.small}: ${adds.oneByOneMs[0].toFixed(0)} ms   ${adds.large}: ${adds.oneByOneMs[1].toFixed(0)} ms   ratio ${adds.ratio.toFixed(2)} (linear is ${(adds.large / adds.small).toFixed(0)})`);
  console.log(`  the same in the constructor: ${adds.constructorMs[0].toFixed(0)} ms and ${adds.constructorMs[1].toFixed(0)} ms, ratio ${adds.constructorRatio.toFixed(2)}`);

  const packing = randomPackingSets(PACKING_SETS);
  console.log(`\nSCP packing, ${packing.sets} random guardrail sets of 6-12 guardrails with uneven sizes (limit ${packing.limit}; optimum by brute force)`);
  console.log(`  library at the optimum: ${packing.libraryAtOptimum}/${packing.sets}, above: ${packing.libraryAboveOptimum}`);
  console.log(`  first-fit decreasing (the previous packing) above the optimum: ${packing.firstFitAboveOptimum}/${packing.sets}`);
  console.log(`  optimum above the lower bound ceil(total / limit): ${packing.optimumAboveLowerBound}/${packing.sets}`);
  console.log(`  with exactly the optimum number of free slots: library refusals ${packing.falseRefusals}, first-fit decreasing would refuse ${packing.firstFitFalseRefusals}`);

  const imports: ColdImport | undefined = coldImport(IMPORT_SAMPLES);
  const firstUse: ColdImport | undefined = coldImport(IMPORT_SAMPLES, true);
  console.log('\nCold import (fresh node process per sample, alternated): lib/index.js vs aws-cdk-lib + the 11 submodules the baseline imports');
  for (const [label, r] of [['require only', imports], ['require + the classes each app uses', firstUse]] as const) {
    if (!r) {
      console.log('  skipped: lib/index.js is missing; compile first (npx projen compile)');
      break;
    }
    console.log(`  ${label}:`);
    console.log(`    wall ms: library ${formatInterval(r.libraryWallMs, 1)}, aws-cdk-lib ${formatInterval(r.baselineWallMs, 1)}, paired ratio ${formatInterval(r.wallRatio)}`);
    console.log(`    CPU ms:  library ${formatInterval(r.libraryCpuMs, 1)}, aws-cdk-lib ${formatInterval(r.baselineCpuMs, 1)}, paired ratio ${formatInterval(r.cpuRatio)}`);
  }

  const { footprint, prefs, baselinePrefs } = footprintAtReference();
  console.log('\nFootprint at the reference size (largest ratio of each kind; templates as cdk writes them)');
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
  const handWrittenPrefs = Object.values(baselinePrefs)[0];
  const waves = rollout(stackSetPrefs, handWrittenPrefs);
  console.log(`\nRollout waves (library ${JSON.stringify(stackSetPrefs)}; hand-written StackSet ${JSON.stringify(handWrittenPrefs)}; CloudFormation defaults)`);
  console.log('  accounts regions   library  hand-written  defaults  instances  StackSets the instance quota needs');
  for (const w of waves) console.log(`  ${pad(w.accounts, 8)} ${pad(w.regions, 7)} ${pad(w.library, 9)} ${pad(w.handWritten, 13)} ${pad(w.defaults, 9)} ${pad(w.instances, 10)} ${pad(w.stackSetsNeeded, 6)}`);
  console.log(`  quotas: ${STACKSET_QUOTAS.instancesPerStackSet} stack instances per StackSet, ${STACKSET_QUOTAS.stackSetsPerAdministrator} StackSets per administrator account, `
    + `${STACKSET_QUOTAS.concurrentOperationsPerRegion} concurrent stack-instance operations per region per administrator account`);

  const accountGoals = accountGoal(accounts);
  const paired = stackSetAccountsPaired(Math.max(REPS, 5));
  console.log(`\nStackSet account filters, ${paired.from} to ${paired.to} accounts, alternated runs (${paired.reps} each): `
    + `library x${paired.libraryRatio.toFixed(2)}, hand-written app listing the same accounts x${paired.handWrittenRatio.toFixed(2)}`);
  const goals = [
    { goal: 'addGuardrail cost ratio 800/200 at most 5 (linear is 4)', figure: adds.ratio.toFixed(2), met: adds.ratio <= 5 },
    { goal: 'SCPs used equal to the exact optimum on every set', figure: `${packing.libraryAtOptimum}/${packing.sets}`, met: packing.libraryAtOptimum === packing.sets },
    { goal: 'zero false refusals at the slot limit', figure: String(packing.falseRefusals), met: packing.falseRefusals === 0 },
    {
      goal: 'cold import at most 1.5x aws-cdk-lib + submodules (paired wall ratio; CPU ratio)',
      figure: imports ? `${imports.wallRatio.median.toFixed(2)}; CPU ${imports.cpuRatio.median.toFixed(2)}` : 'not measured',
      met: imports ? imports.wallRatio.median <= 1.5 : undefined,
    },
    {
      goal: 'the same with the classes each app uses touched (paired wall ratio; CPU ratio)',
      figure: firstUse ? `${firstUse.wallRatio.median.toFixed(2)}; CPU ${firstUse.cpuRatio.median.toFixed(2)}` : 'not measured',
      met: firstUse ? firstUse.wallRatio.median <= 1.5 : undefined,
    },
    { goal: 'synth overhead at most 1.05x the hand-written app', figure: formatInterval(o.pairedRatio), met: o.pairedRatio.median <= 1.05 },
    ...accountGoals.map((g) => ({
      goal: `${g.dimension}: ${g.to}-account org within 1.2x of the ${g.from}-account one`,
      figure: g.dimension === 'stackSetAccounts' ? `${g.ratio?.toFixed(2) ?? '-'} (paired: library ${paired.libraryRatio.toFixed(2)}, hand-written ${paired.handWrittenRatio.toFixed(2)})` : g.ratio?.toFixed(2) ?? '-',
      met: g.ratio !== undefined && g.to === ACCOUNT_STEPS[ACCOUNT_STEPS.length - 1] ? g.ratio <= 1.2 : undefined,
    })),
  ];
  console.log('\nGoals');
  for (const g of goals) console.log(`  ${g.met === undefined ? 'n/a ' : g.met ? 'met ' : 'NOT '} ${g.goal}: ${g.figure}`);

  const seconds = (Date.now() - started) / 1000;
  console.log(`\nTotal ${seconds.toFixed(0)} s`);
  const out = path.join(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `bench-${machine.date.replace(/[:.]/g, '-')}.json`);
  const result = {
    machine,
    small: SMALL,
    seconds,
    overhead: o,
    accounts,
    externalIds,
    stackSetAccountsPaired: paired,
    regions,
    guardrails: guard,
    addGuardrail: adds,
    packing,
    coldImport: imports,
    footprint,
    nearLimits: near,
    rolloutPreferences: prefs,
    handWrittenPreferences: baselinePrefs,
    rollout: waves,
    goals,
  };
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify(result, null, 2));
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
}

main();

