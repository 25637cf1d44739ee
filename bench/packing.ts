import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { ORG, guardrails } from './org';
import { forceGc, seededRandom } from './stats';
import { AwsLimits, Guardrail, OrgGuardrailScp } from '../src';
import { measurePolicy } from '../src/core/private/policy-size';
import { packFirstFitDecreasing } from '../src/guardrails/private/packing';
import { documentToJson, statementToJson } from '../src/guardrails/private/statement';

/**
 * The guardrail dimensions: adding guardrails one by one, and how many SCPs
 * random guardrail sets with uneven statement sizes use against the exact
 * optimum and the lower bound, with the refusals at the slot limit.
 */

/** Time to define an `OrgGuardrailScp` with `n` guardrails and synthesize it: one by one with `addGuardrail`, or all in the constructor. */
export function addGuardrailsMs(n: number, oneByOne: boolean): number {
  const all = guardrails(n);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-bench-'));
  try {
    forceGc();
    const start = performance.now();
    const app = new App({ outdir });
    const stack = new Stack(app, 'Org', { env: { account: ORG.managementAccount, region: ORG.homeRegion } });
    // No targets: the policies are defined without being attached, so the
    // slot limit does not stop 800 guardrails; the template limit is raised
    // for the same reason (800 guardrails take about 100 SCPs).
    const props = { targetIds: [], limits: AwsLimits.of({ templateUrlBytes: 100_000_000 }) };
    if (oneByOne) {
      const scp = new OrgGuardrailScp(stack, 'Guardrails', props);
      for (const g of all) scp.addGuardrail(g);
    } else {
      new OrgGuardrailScp(stack, 'Guardrails', { ...props, guardrails: all });
    }
    app.synth();
    return performance.now() - start;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The fewest documents for statements of `sizes` characters, by exhaustive
 * search over every assignment (each partition once, pruned by the best so
 * far). Independent of the library's search; for small sets only.
 */
export function bruteForceOptimum(sizes: number[], capacity: number, overhead: number): number {
  const fitting = [...sizes].filter((s) => overhead + s <= capacity).sort((a, b) => b - a);
  let best = fitting.length;
  const loads: number[] = [];
  const visit = (i: number) => {
    if (loads.length >= best) return;
    if (i === fitting.length) {
      best = loads.length;
      return;
    }
    for (let d = 0; d < loads.length; d++) {
      if (loads[d] + 1 + fitting[i] <= capacity) {
        loads[d] += 1 + fitting[i];
        visit(i + 1);
        loads[d] -= 1 + fitting[i];
      }
    }
    loads.push(overhead + fitting[i]);
    visit(i + 1);
    loads.pop();
  };
  visit(0);
  return best + (sizes.length - fitting.length);
}

/** One random set's outcome. */
export interface PackingCase {
  readonly statements: number;
  readonly totalCharacters: number;
  /** ceil(total statement characters / limit). */
  readonly lowerBound: number;
  readonly optimum: number;
  /** SCPs the library uses. */
  readonly library: number;
  /** SCPs first-fit decreasing (the previous packing) uses. */
  readonly firstFitDecreasing: number;
  /** With exactly `optimum` free slots: the library refused (a false refusal). */
  readonly libraryRefused: boolean;
}

/** Summary of the random sets. */
export interface PackingSummary {
  readonly sets: number;
  readonly limit: number;
  readonly libraryAtOptimum: number;
  readonly libraryAboveOptimum: number;
  readonly firstFitAboveOptimum: number;
  readonly optimumAboveLowerBound: number;
  /** Sets the library refused although `optimum` slots were free: must be 0. */
  readonly falseRefusals: number;
  /** Sets first-fit decreasing would have refused with `optimum` free slots. */
  readonly firstFitFalseRefusals: number;
  readonly cases: PackingCase[];
}

/**
 * A statement size drawn unevenly: most guardrails are small, some carry
 * long lists (regions, principals, accounts), a few are near the limit.
 */
function unevenPadding(random: () => number): number {
  const r = random();
  if (r < 0.5) return Math.floor(random() * 800);
  if (r < 0.85) return 800 + Math.floor(random() * 2700);
  return 3500 + Math.floor(random() * 5500);
}

/**
 * `sets` random guardrail sets of 6 to 12 guardrails with uneven sizes
 * (a perimeter guardrail whose exempt role name is padded; distinct, so none
 * merge). For each: the exact optimum by brute force, the SCPs the library
 * uses, the SCPs first-fit decreasing uses, and whether the library accepts
 * the set when exactly the optimum number of slots is free.
 */
export function randomPackingSets(sets: number, seed = 18): PackingSummary {
  const random = seededRandom(seed);
  const limit = AwsLimits.DEFAULT.scpDocumentCharacters;
  const cases: PackingCase[] = [];
  for (let s = 0; s < sets; s++) {
    const n = 6 + Math.floor(random() * 7);
    const set = Array.from({ length: n }, (_, i) => Guardrail.denyResourcesOutsideOrganization({
      sid: `Perimeter${i}`,
      actions: ['s3:*'],
      exemptPrincipalArns: [`arn:aws:iam::*:role/Exempt${i}${'x'.repeat(unevenPadding(random))}`],
    }));
    const probe = new Stack(new App(), 'Probe');
    const overhead = measurePolicy(probe, 'scp', documentToJson([])).characters;
    const sizes = set.map((g) => measurePolicy(probe, 'scp', statementToJson(g._statements()[0])).characters);
    const optimum = bruteForceOptimum(sizes, limit, overhead);
    const total = sizes.reduce((a, b) => a + b, 0);
    const ffd = packFirstFitDecreasing(sizes, limit, overhead).documents.length;

    const stack = new Stack(new App(), 'Org');
    const free = Math.min(optimum, AwsLimits.DEFAULT.scpsPerTarget);
    const scp = new OrgGuardrailScp(stack, 'Guardrails', {
      targetIds: [ORG.workloadsOu],
      guardrails: set,
      slotsAlreadyTaken: AwsLimits.DEFAULT.scpsPerTarget - free,
    });
    const refused = scp.validateForServiceControlPolicy().some((p) => /free slot/.test(p));
    cases.push({
      statements: n,
      totalCharacters: total,
      lowerBound: Math.ceil(total / limit),
      optimum,
      library: scp.policyCount,
      firstFitDecreasing: ffd,
      libraryRefused: refused && optimum <= AwsLimits.DEFAULT.scpsPerTarget,
    });
  }
  return {
    sets,
    limit,
    libraryAtOptimum: cases.filter((c) => c.library === c.optimum).length,
    libraryAboveOptimum: cases.filter((c) => c.library > c.optimum).length,
    firstFitAboveOptimum: cases.filter((c) => c.firstFitDecreasing > c.optimum).length,
    optimumAboveLowerBound: cases.filter((c) => c.optimum > c.lowerBound).length,
    falseRefusals: cases.filter((c) => c.libraryRefused).length,
    firstFitFalseRefusals: cases.filter((c) => c.firstFitDecreasing > c.optimum && c.optimum <= AwsLimits.DEFAULT.scpsPerTarget).length,
    cases,
  };
}
