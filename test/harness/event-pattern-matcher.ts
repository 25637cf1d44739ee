/**
 * A small offline evaluator of EventBridge event patterns, for the operators
 * this library emits: exact string/number/boolean values, `prefix`,
 * `anything-but` (values or `{ prefix }`), `exists`, and nested objects.
 * Any other operator throws, so a pattern using one is never silently
 * judged.
 *
 * Semantics follow the EventBridge user guide ("Event patterns"): every key
 * of the pattern must match; a list in the pattern matches when any of its
 * entries matches; when the event value is an array, the pattern matches
 * when any element matches; a key missing from the event matches only
 * `{ "exists": false }`.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) {
    throw new Error(`a pattern must be an object, got ${JSON.stringify(pattern)}`);
  }
  return Object.entries(pattern).every(([key, rule]) => matchField(rule, isObject(event) ? event[key] : undefined, key));
}

function matchField(rule: unknown, value: unknown, path: string): boolean {
  if (Array.isArray(rule)) {
    return rule.some((entry) => matchEntry(entry, value, path));
  }
  if (isObject(rule)) {
    return isObject(value) && matchesPattern(rule, value);
  }
  throw new Error(`pattern field ${path} must be a list or an object, got ${JSON.stringify(rule)}`);
}

function matchEntry(entry: unknown, value: unknown, path: string): boolean {
  if (isObject(entry)) {
    const keys = Object.keys(entry);
    if (keys.length !== 1) throw new Error(`operator object at ${path} must have one key, got ${JSON.stringify(entry)}`);
    const [op] = keys;
    const arg = entry[op];
    switch (op) {
      case 'exists':
        return arg ? value !== undefined : value === undefined;
      case 'prefix':
        return anyScalar(value, (v) => typeof v === 'string' && typeof arg === 'string' && v.startsWith(arg));
      case 'anything-but':
        if (value === undefined) return false;
        return anyScalar(value, (v) => !anythingButHits(arg, v));
      default:
        throw new Error(`operator ${JSON.stringify(op)} at ${path} is not supported by this matcher`);
    }
  }
  if (entry === null || ['string', 'number', 'boolean'].includes(typeof entry)) {
    return anyScalar(value, (v) => v === entry);
  }
  throw new Error(`pattern entry at ${path} is not a value or an operator: ${JSON.stringify(entry)}`);
}

function anythingButHits(arg: unknown, v: unknown): boolean {
  if (Array.isArray(arg)) return arg.includes(v);
  if (isObject(arg) && typeof arg.prefix === 'string') return typeof v === 'string' && v.startsWith(arg.prefix);
  return arg === v;
}

function anyScalar(value: unknown, test: (v: unknown) => boolean): boolean {
  if (value === undefined) return false;
  return Array.isArray(value) ? value.some(test) : test(value);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
