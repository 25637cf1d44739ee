import { ConditionBlock, GuardrailStatement } from './statement';

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

/** The longest Sid IAM documents accept in practice; a merged Sid is shortened past it. */
const MAX_SID = 100;

function mergedSid(sids: string[]): string {
  const joined = sids.join('');
  return joined.length <= MAX_SID ? joined : `${sids[0].slice(0, MAX_SID - 12)}And${sids.length - 1}More`;
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
 * of its documents could be merged into one; for the handful of statements
 * guardrails have it is optimal in practice.
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
  const sorted = docs.map((items, d) => ({ items: [...items].sort((a, b) => a - b), load: loads[d] }));
  sorted.sort((a, b) => a.items[0] - b.items[0]);
  return {
    documents: sorted.map((d) => d.items),
    sizes: sorted.map((d) => d.load),
    oversized: oversized.sort((a, b) => a - b),
  };
}
