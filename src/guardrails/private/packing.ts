import { ConditionBlock, GuardrailStatement } from './statement';
import { SID_MAX } from '../../core/private/validators';

/**
 * Merging and packing of guardrail statements into as few size-limited
 * policy documents as possible. Pure functions over plain data: the sizes
 * come from the caller (`measurePolicy` in core), so this file can be tested
 * and fuzzed on its own.
 */

/** Canonical JSON with object keys sorted, for comparing conditions. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Statements merge when everything but their actions and Sid is the same, and both use `Action`. */
function mergeKey(s: GuardrailStatement): string | undefined {
  if (!s.action) return undefined; // NotAction lists cannot be unioned without widening the deny
  return canonical({
    principal: s.principal ?? null,
    resource: s.resource ?? null,
    notResource: s.notResource ?? null,
    condition: s.condition ?? ({} as ConditionBlock),
  });
}

/** The Sid of merged statements: their Sids joined, shortened past the longest Sid the library writes. */
function mergedSid(sids: string[]): string {
  const joined = sids.join('');
  return joined.length <= SID_MAX ? joined : `${sids[0].slice(0, SID_MAX - 12)}And${sids.length - 1}More`;
}

/**
 * Merges compatible statements: same Effect (always Deny here), Principal,
 * Resource/NotResource and Condition. A Deny of A under C plus a Deny of B
 * under C denies exactly what one Deny of A and B under C denies. The merged
 * statement takes the union of the actions, sorted (deterministic), and the
 * Sids joined in order. The result keeps the position of each group's first
 * statement.
 */
export function mergeStatements(statements: ReadonlyArray<GuardrailStatement>): GuardrailStatement[] {
  const groups = new Map<string, GuardrailStatement[]>();
  const order: Array<string | GuardrailStatement> = [];
  for (const s of statements) {
    const key = mergeKey(s);
    if (key === undefined) {
      order.push(s);
      continue;
    }
    const group = groups.get(key);
    if (group) {
      group.push(s);
    } else {
      groups.set(key, [s]);
      order.push(key);
    }
  }
  return order.map((entry) => {
    if (typeof entry !== 'string') return entry;
    const group = groups.get(entry)!;
    if (group.length === 1) return group[0];
    const actions = [...new Set(group.flatMap((s) => s.action!))].sort();
    return { ...group[0], sid: mergedSid(group.map((s) => s.sid)), action: actions };
  });
}

/** The outcome of packing items into documents. */
export interface Packing {
  /** Each document's item indices, in ascending order; documents ordered by their first item. */
  readonly documents: number[][];
  /** Each document's size in characters (overhead, items and separating commas). */
  readonly sizes: number[];
  /** Items that do not fit a document even alone (each is placed in a document of its own). */
  readonly oversized: number[];
}

/**
 * First-fit decreasing: items sorted by size (largest first, ties by index),
 * each placed in the first document it fits in, else in a new one. A
 * document holding items s1..sn needs `overhead + s1 + ... + sn + (n - 1)`
 * characters (the commas between statements).
 *
 * FFD never uses more than 11/9 of the optimum plus one document, and no two
 * of its documents could be merged into one. It is the starting point of
 * `packDocuments`, which proves it optimal or improves on it.
 */
export function packFirstFitDecreasing(sizes: ReadonlyArray<number>, capacity: number, overhead: number): Packing {
  const order = sizes.map((size, index) => ({ size, index })).sort((a, b) => b.size - a.size || a.index - b.index);
  const docs: number[][] = [];
  const loads: number[] = [];
  const oversized: number[] = [];
  for (const { size, index } of order) {
    if (overhead + size > capacity) {
      oversized.push(index);
      docs.push([index]);
      loads.push(overhead + size);
      continue;
    }
    let placed = false;
    for (let d = 0; d < docs.length; d++) {
      if (docs[d].length > 0 && loads[d] + 1 + size <= capacity) {
        docs[d].push(index);
        loads[d] += 1 + size;
        placed = true;
        break;
      }
    }
    if (!placed) {
      docs.push([index]);
      loads.push(overhead + size);
    }
  }
  return sortedPacking(docs, sizes, overhead, oversized);
}

/** Documents in canonical order: items ascending, documents by their first item. */
function sortedPacking(docs: number[][], sizes: ReadonlyArray<number>, overhead: number, oversized: number[]): Packing {
  const sorted = docs.map((items) => [...items].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
  return {
    documents: sorted,
    sizes: sorted.map((items) => overhead + items.reduce((sum, i) => sum + sizes[i], 0) + items.length - 1),
    oversized: [...oversized].sort((a, b) => a - b),
  };
}

/** Options of `packDocuments`. */
export interface PackOptions {
  /**
   * The most documents that can be used (the free slots). When the optimum
   * search ends above it without proof, a second search for a packing into
   * exactly this many documents runs with `slotSearchSteps`.
   *
   * @default - no limit
   */
  readonly maxDocuments?: number;
  /** Search steps for each document count tried while looking for the optimum. @default 200,000 */
  readonly searchSteps?: number;
  /** Search steps for the packing into `maxDocuments` documents. @default 5,000,000 */
  readonly slotSearchSteps?: number;
}

/** Whether the items fit `maxDocuments` documents. */
export type Fit = 'fits' | 'does-not-fit' | 'unknown';

/** The outcome of `packDocuments`. */
export interface OptimalPacking extends Packing {
  /** No packing of the regular items uses fewer documents than this (oversized items excluded). */
  readonly lowerBound: number;
  /** True when no packing uses fewer documents than this one. */
  readonly optimal: boolean;
  /** Against `maxDocuments`: proven to fit (this packing does), proven not to fit, or not known (the search ran out of steps). */
  readonly fit: Fit;
  /** The search steps taken in all. */
  readonly steps: number;
}

const DEFAULT_SEARCH_STEPS = 200_000;
const DEFAULT_SLOT_SEARCH_STEPS = 5_000_000;

/**
 * The fewest documents: first-fit decreasing, then, unless it already meets
 * the lower bound, an exact branch-and-bound search for each smaller count.
 *
 * Statement sizes become bin-packing weights `size + 1` (the comma) in bins
 * of `capacity - overhead + 1`. The lower bound is the larger of
 * `ceil(total / bin)` and Martello and Toth's L2. The search places items
 * largest first (ties by index) into open documents, skips documents whose
 * load it already tried for the same item, takes an exact fit as the only
 * choice (it never loses a solution), and gives up on a branch when the
 * items left outweigh the room that can still take one. Steps, not time,
 * bound it, so the result is the same on every machine.
 *
 * Deterministic: the same sizes give the same documents. When first fit
 * decreasing is already optimal its packing is kept as is.
 */
export function packDocuments(sizes: ReadonlyArray<number>, capacity: number, overhead: number, options: PackOptions = {}): OptimalPacking {
  const searchSteps = options.searchSteps ?? DEFAULT_SEARCH_STEPS;
  const slotSearchSteps = options.slotSearchSteps ?? DEFAULT_SLOT_SEARCH_STEPS;
  const ffd = packFirstFitDecreasing(sizes, capacity, overhead);
  const oversized = ffd.oversized;
  const regular = sizes.map((size, index) => ({ weight: size + 1, index })).filter(({ index }) => !oversized.includes(index))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const bin = capacity - overhead + 1;
  const weights = regular.map((r) => r.weight);
  const lowerBound = lowerBoundOf(weights, bin);
  const extra = oversized.length;
  const maxRegular = options.maxDocuments === undefined ? undefined : options.maxDocuments - extra;

  let best: Packing = ffd;
  let bestRegular = ffd.documents.length - extra;
  let provenBelow = lowerBound; // every count below this is proven impossible
  let steps = 0;
  const toPacking = (bins: number[][]) =>
    sortedPacking([...bins.map((b) => b.map((k) => regular[k].index)), ...oversized.map((i) => [i])], sizes, overhead, oversized);

  for (let k = lowerBound; k < bestRegular; k++) {
    const result = searchBins(weights, bin, k, searchSteps);
    steps += result.steps;
    if (result.bins) {
      best = toPacking(result.bins);
      bestRegular = k;
      break;
    }
    if (result.exhausted) break;
    provenBelow = k + 1;
  }
  let optimal = provenBelow >= bestRegular;

  let fit: Fit = 'fits';
  if (maxRegular !== undefined && bestRegular > maxRegular) {
    if (maxRegular < provenBelow) {
      fit = 'does-not-fit';
    } else {
      const result = searchBins(weights, bin, maxRegular, slotSearchSteps);
      steps += result.steps;
      if (result.bins) {
        best = toPacking(result.bins);
        bestRegular = maxRegular;
        optimal = provenBelow >= bestRegular;
        fit = 'fits';
      } else {
        fit = result.exhausted ? 'unknown' : 'does-not-fit';
      }
    }
  }
  return { ...best, lowerBound: lowerBound + extra, optimal, fit, steps };
}

/**
 * A lower bound on the bins for `weights` (sorted largest first): the
 * larger of the total over the capacity and Martello and Toth's L2, which
 * also counts the items too large to share a bin with each other.
 */
export function lowerBoundOf(weights: ReadonlyArray<number>, bin: number): number {
  if (weights.length === 0) return 0;
  const total = weights.reduce((a, b) => a + b, 0);
  let bound = Math.ceil(total / bin);
  const candidates = [...new Set([0, ...weights.filter((w) => w <= bin / 2)])];
  for (const k of candidates) {
    let n1 = 0; let n2 = 0; let sum2 = 0; let sum3 = 0;
    for (const w of weights) {
      if (w > bin - k) {
        n1++;
      } else if (w > bin / 2) {
        n2++;
        sum2 += w;
      } else if (w >= k) {
        sum3 += w;
      }
    }
    bound = Math.max(bound, n1 + n2 + Math.max(0, Math.ceil((sum3 - (n2 * bin - sum2)) / bin)));
  }
  return bound;
}

interface SearchResult {
  /** The bins found (indices into the sorted weights), or undefined. */
  readonly bins?: number[][];
  /** True when the step budget ran out before the search finished. */
  readonly exhausted: boolean;
  readonly steps: number;
}

/** Depth-first search for a packing of `weights` (sorted largest first) into `count` bins of `bin`. */
function searchBins(weights: ReadonlyArray<number>, bin: number, count: number, budget: number): SearchResult {
  const n = weights.length;
  if (n === 0) return { bins: [], exhausted: false, steps: 0 };
  if (count <= 0) return { exhausted: false, steps: 0 };
  const suffix = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + weights[i];
  const smallest = weights[n - 1];
  const loads = new Array<number>(count).fill(0);
  const assignment = new Array<number>(n).fill(-1);
  let steps = 0;
  let exhausted = false;

  const place = (i: number, open: number): boolean => {
    if (i === n) return true;
    if (++steps > budget) {
      exhausted = true;
      return false;
    }
    // Room that can still take an item: a bin with less room than the smallest item is lost.
    let room = 0;
    for (let b = 0; b < count; b++) {
      const free = bin - loads[b];
      if (free >= smallest) room += free;
    }
    if (suffix[i] > room) return false;
    const w = weights[i];
    const last = Math.min(open, count - 1); // bins 0..open-1 are open; bin `open` is the first empty one
    const attempt = (b: number): boolean => {
      loads[b] += w;
      assignment[i] = b;
      const ok = place(i + 1, Math.max(open, b + 1));
      loads[b] -= w;
      return ok;
    };
    // An item that fills a bin exactly goes there: any packing that puts it
    // elsewhere can swap it with what fills that bin instead.
    for (let b = 0; b <= last; b++) {
      if (loads[b] + w === bin) return attempt(b);
    }
    const tried = new Set<number>();
    for (let b = 0; b <= last; b++) {
      const load = loads[b];
      if (load + w > bin || tried.has(load)) continue;
      tried.add(load);
      if (attempt(b)) return true;
      if (exhausted) return false;
    }
    return false;
  };

  if (!place(0, 0)) return { exhausted, steps: Math.min(steps, budget) };
  const bins: number[][] = [];
  assignment.forEach((b, i) => { (bins[b] ??= []).push(i); });
  return { bins: bins.filter((b) => b !== undefined), exhausted: false, steps };
}
