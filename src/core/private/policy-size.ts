import { CfnElement, CfnMapping, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RegionInfo, lazyRecord } from './lazy';

/**
 * Policy sizing: how many characters AWS will count for a policy document,
 * measured at synth time, before anything is deployed.
 *
 * How AWS counts, by kind:
 * - `scp`, `rcp`: AWS Organizations stores the document exactly as the API
 *   receives it and counts every character of it, whitespace included (only
 *   the console minifies). CloudFormation sends the JSON it is given, so the
 *   library emits compact JSON and we count its characters.
 * - `managed`, `roleInline`, `userInline`, `trust`: the IAM quotas page says
 *   IAM does not count white space. Whitespace outside strings is therefore
 *   not counted; whitespace inside string values (rare: condition values)
 *   is counted, because the docs do not say it is dropped and over-counting
 *   is the safe side of a limit.
 * - `resource` (queue, topic, event bus policies) and `eventPattern`: the
 *   characters of the compact JSON.
 *
 * A document may hold CDK tokens. It is resolved with `Stack.resolve`; the
 * CloudFormation intrinsics that remain (`Ref`, `Fn::GetAtt`, `Fn::Join`,
 * `Fn::Select`, `Fn::FindInMap`, `Fn::If`, `Fn::Sub`, pseudo parameters) are
 * counted at the longest value they can render to (see `PSEUDO_BOUNDS` and
 * `RESOURCE_BOUNDS`), and the size is then flagged `estimated` ("at most").
 * An intrinsic with no known bound (an `Fn::ImportValue`, a `Ref` to a
 * parameter without `MaxLength` or `AllowedValues`, a list-valued
 * intrinsic) is counted as an empty value and named in `unbounded`, so the
 * size is then a lower bound ("at least").
 */

/** What kind of policy a document is; it decides how AWS counts its size. */
export type PolicyKind = 'scp' | 'rcp' | 'managed' | 'roleInline' | 'userInline' | 'trust' | 'resource' | 'eventPattern';

/** The measured size of a policy document. */
export interface PolicySize {
  /**
   * Characters AWS counts. When `estimated`, the most it can count; when
   * `unbounded` is not empty, the least it can count.
   */
  readonly characters: number;
  /** True when the document holds CloudFormation intrinsics, so the count is a bound. */
  readonly estimated: boolean;
  /**
   * Intrinsics that have no known upper bound (as compact JSON). When not
   * empty, every intrinsic was counted as an empty value and `characters` is
   * a lower bound.
   */
  readonly unbounded: string[];
}

/** The kinds IAM counts without whitespace. */
const IAM_KINDS: ReadonlySet<PolicyKind> = new Set<PolicyKind>(['managed', 'roleInline', 'userInline', 'trust']);

/** The name of each kind's limit, for messages. */
const KIND_NAMES: Record<PolicyKind, string> = {
  scp: 'SCP',
  rcp: 'RCP',
  managed: 'managed policy',
  roleInline: 'role inline policy',
  userInline: 'user inline policy',
  trust: 'trust policy',
  resource: 'resource policy',
  eventPattern: 'event pattern',
};

/** JSON with no whitespace between tokens; key order is kept as given. */
export function compactJson(doc: unknown): string {
  return JSON.stringify(doc) ?? '';
}

/** Characters as AWS counts them: Unicode code points, not UTF-16 units. */
function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Removes whitespace that is outside JSON strings, keeping everything in
 * strings (including escaped quotes) as written.
 */
export function stripJsonWhitespace(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += json[++i] ?? '';
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Worst-case lengths of the values CloudFormation intrinsics render to.
// ---------------------------------------------------------------------------

/** The longest partition name: "aws-us-gov". */
const PARTITION_BOUND = 10;
/** Account IDs are always 12 digits. */
const ACCOUNT_BOUND = 12;
let regionBoundValue: number | undefined;
/** The longest region name aws-cdk-lib knows (e.g. "us-isof-south-1", 15); region-info is loaded on first use. */
function regionBound(): number {
  regionBoundValue ??= Math.max(14, ...RegionInfo.regions.map((r) => r.name.length));
  return regionBoundValue;
}
let urlSuffixBoundValue: number | undefined;
/** The longest DNS suffix aws-cdk-lib knows (e.g. "amazonaws.com.cn", 16). */
function urlSuffixBound(): number {
  urlSuffixBoundValue ??= Math.max(16, ...RegionInfo.regions.map((r) => (r.domainSuffix ?? '').length));
  return urlSuffixBoundValue;
}
/** A stack name: 128 characters (CloudFormation quota). */
const STACK_NAME_BOUND = 128;
/** A UUID, as in stack IDs and KMS key IDs: 36 characters. */
const UUID_BOUND = 36;
/** An IAM path: 512 characters including both slashes. */
const IAM_PATH_BOUND = 512;

/** "arn:<partition>:<service>:<region>:<account>:" at its longest. */
function arnPrefix(service: string, regional: boolean, account = true): number {
  return 'arn:'.length + PARTITION_BOUND + 1 + service.length + 1 + (regional ? regionBound() : 0) + 1 + (account ? ACCOUNT_BOUND : 0) + 1;
}

/**
 * Worst-case rendered length of each pseudo parameter.
 * `AWS::NotificationARNs` is a list and is handled as unbounded.
 */
export const PSEUDO_BOUNDS: Readonly<Record<string, number>> = lazyRecord(() => ({
  'AWS::Partition': PARTITION_BOUND,
  'AWS::Region': regionBound(),
  'AWS::AccountId': ACCOUNT_BOUND,
  'AWS::URLSuffix': urlSuffixBound(),
  'AWS::StackName': STACK_NAME_BOUND,
  // arn:<p>:cloudformation:<region>:<account>:stack/<name>/<uuid>
  'AWS::StackId': arnPrefix('cloudformation', true) + 'stack/'.length + STACK_NAME_BOUND + 1 + UUID_BOUND,
  'AWS::NoValue': 0,
}));

/** A resource type's worst-case `Ref` length and `Fn::GetAtt` lengths. */
interface ResourceBound {
  readonly ref: number;
  readonly attributes: Readonly<Record<string, number>>;
}

const IAM_ROLE_ARN = arnPrefix('iam', false) + 'role'.length + IAM_PATH_BOUND + 64;
const IAM_USER_ARN = arnPrefix('iam', false) + 'user'.length + IAM_PATH_BOUND + 64;
const SQS_QUEUE_NAME = 80;
const SNS_TOPIC_NAME = 256;
const EVENT_BUS_NAME = 256;
const EVENT_RULE_NAME = 64;

/**
 * Worst-case rendered lengths for the resource types this library references
 * in policies, from each service's documented name limits and ARN formats.
 * A role ARN, for example, is "arn:aws-us-gov:iam::123456789012:role" plus a
 * path of up to 512 characters and a name of up to 64: 613 characters.
 */
export const RESOURCE_BOUNDS: Readonly<Record<string, ResourceBound>> = lazyRecord(() => ({
  'AWS::IAM::Role': { ref: 64, attributes: { Arn: IAM_ROLE_ARN, RoleId: 128 } },
  'AWS::IAM::User': { ref: 64, attributes: { Arn: IAM_USER_ARN } },
  'AWS::IAM::ManagedPolicy': { ref: arnPrefix('iam', false) + 'policy'.length + IAM_PATH_BOUND + 128, attributes: { PolicyArn: arnPrefix('iam', false) + 'policy'.length + IAM_PATH_BOUND + 128 } },
  'AWS::SQS::Queue': {
    // https://sqs.<region>.<suffix>/<account>/<name>
    ref: 'https://sqs.'.length + regionBound() + 1 + urlSuffixBound() + 1 + ACCOUNT_BOUND + 1 + SQS_QUEUE_NAME,
    attributes: { Arn: arnPrefix('sqs', true) + SQS_QUEUE_NAME, QueueName: SQS_QUEUE_NAME },
  },
  'AWS::SNS::Topic': { ref: arnPrefix('sns', true) + SNS_TOPIC_NAME, attributes: { TopicArn: arnPrefix('sns', true) + SNS_TOPIC_NAME, TopicName: SNS_TOPIC_NAME } },
  'AWS::KMS::Key': { ref: UUID_BOUND, attributes: { Arn: arnPrefix('kms', true) + 'key/'.length + UUID_BOUND, KeyId: UUID_BOUND } },
  'AWS::Events::EventBus': { ref: EVENT_BUS_NAME, attributes: { Arn: arnPrefix('events', true) + 'event-bus/'.length + EVENT_BUS_NAME, Name: EVENT_BUS_NAME } },
  'AWS::Events::Rule': {
    // "<bus>|<rule>" for a rule on a custom bus
    ref: EVENT_BUS_NAME + 1 + EVENT_RULE_NAME,
    attributes: { Arn: arnPrefix('events', true) + 'rule/'.length + EVENT_BUS_NAME + 1 + EVENT_RULE_NAME },
  },
  'AWS::S3::Bucket': { ref: 63, attributes: { Arn: arnPrefix('s3', false, false) + 63 } },
  'AWS::CloudTrail::Trail': { ref: 128, attributes: { Arn: arnPrefix('cloudtrail', true) + 'trail/'.length + 128 } },
  // arn:<p>:secretsmanager:<region>:<account>:secret:<name, 512>-<6 random characters>
  'AWS::SecretsManager::Secret': { ref: arnPrefix('secretsmanager', true) + 'secret:'.length + 512 + 7, attributes: {} },
  // arn:<p>:logs:<region>:<account>:log-group:<name, 512>:*
  'AWS::Logs::LogGroup': { ref: 512, attributes: { Arn: arnPrefix('logs', true) + 'log-group:'.length + 512 + ':*'.length } },
  'AWS::KMS::Alias': { ref: 256, attributes: {} },
}));

/** Marks a value that CloudFormation drops (`AWS::NoValue`). */
const DROP = Symbol('drop');

/**
 * Walks a resolved document and counts intrinsics.
 *
 * In `max` mode every intrinsic counts at its worst-case rendered length; in
 * `min` mode every intrinsic counts as an empty value, which gives a lower
 * bound when some intrinsic has no known upper bound.
 */
class Measurer {
  public estimated = false;
  public readonly unbounded: string[] = [];
  private index?: Map<string, CfnElement[]>;

  constructor(private readonly stack: Stack, private readonly mode: 'max' | 'min') {}

  /**
   * Renders the document as JSON in which every intrinsic in a string
   * position is replaced by a placeholder string of its bound length.
   */
  public render(node: unknown): unknown {
    if (Array.isArray(node)) {
      return node.map((el) => this.render(el)).filter((el) => el !== DROP);
    }
    if (node === null || typeof node !== 'object') {
      return node;
    }
    if (isIntrinsic(node)) {
      const [fn, arg] = Object.entries(node)[0];
      if (fn === 'Ref' && arg === 'AWS::NoValue') {
        return DROP;
      }
      this.estimated = true;
      if (fn === 'Fn::If') {
        return this.renderIf(arg, node);
      }
      if (this.isListValued(node)) {
        this.unknown(node);
        return [];
      }
      return 'x'.repeat(this.mode === 'max' ? this.stringBound(node) : 0);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const r = this.render(v);
      if (r !== DROP) out[k] = r;
    }
    return out;
  }

  /** `Fn::If` anywhere: the longer branch (in `min` mode, the shorter). */
  private renderIf(arg: unknown, node: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 3) {
      this.unknown(node);
      return '';
    }
    const a = this.render(arg[1]);
    const b = this.render(arg[2]);
    const len = (x: unknown) => (x === DROP ? 0 : compactJson(x).length);
    const longer = len(a) >= len(b) ? a : b;
    const shorter = longer === a ? b : a;
    return this.mode === 'max' ? longer : shorter;
  }

  /**
   * The worst-case length of the first element of `source` split on
   * `delimiter`, when `source` is an `Fn::Join` (with a separator free of the
   * delimiter) of literals and `Fn::If`s of literals: the longest run of
   * parts that may hold no delimiter, plus what the next part holds before
   * its first delimiter. This is how a value picked per account is written
   * (`Fn::Select [0, Fn::Split ["|", Fn::Join ["", [Fn::If [c, "v|", ""], ..., "fallback"]]]]`).
   * Undefined when `source` has another shape.
   */
  private firstSegmentBound(delimiter: string, source: unknown): number | undefined {
    if (delimiter === '' || !isIntrinsic(source) || !('Fn::Join' in source)) return undefined;
    const [sep, parts] = asList(source['Fn::Join']);
    if (typeof sep !== 'string' || sep.includes(delimiter) || !Array.isArray(parts)) return undefined;
    // For each part: the longest value without the delimiter (-1: it always has one) and the longest text before its first delimiter (-1: it never has one).
    const literal = (value: string): [number, number] =>
      value.includes(delimiter) ? [-1, charCount(value.split(delimiter)[0])] : [charCount(value), -1];
    const summaries: Array<[number, number]> = [];
    for (const part of parts) {
      if (typeof part === 'string') {
        summaries.push(literal(part));
      } else if (isIntrinsic(part) && 'Fn::If' in part) {
        const [, a, b] = asList(part['Fn::If']);
        if (typeof a !== 'string' || typeof b !== 'string') return undefined;
        const [fa, ha] = literal(a);
        const [fb, hb] = literal(b);
        summaries.push([Math.max(fa, fb), Math.max(ha, hb)]);
      } else {
        return undefined;
      }
    }
    let run = 0;
    let best = 0;
    for (const [free, head] of summaries) {
      if (head >= 0) best = Math.max(best, run + head);
      if (free < 0) return best;
      run += free + charCount(sep);
    }
    return Math.max(best, run - (summaries.length > 0 ? charCount(sep) : 0));
  }

  /** The worst-case length of a string-valued expression. */
  private stringBound(node: unknown): number {
    if (typeof node === 'string') return charCount(node);
    if (typeof node === 'number' || typeof node === 'boolean') return String(node).length;
    if (!isIntrinsic(node)) return this.unknown(node);
    const [fn, arg] = Object.entries(node)[0];
    switch (fn) {
      case 'Ref':
        return this.refBound(arg);
      case 'Fn::GetAtt':
        return this.getAttBound(arg);
      case 'Fn::Join': {
        const [sep, parts] = asList(arg);
        if (!Array.isArray(parts) || typeof sep !== 'string') return this.unknown(node);
        const lens = parts.map((p) => this.stringBound(p));
        return lens.reduce((a, b) => a + b, 0) + charCount(sep) * Math.max(0, parts.length - 1);
      }
      case 'Fn::Select': {
        const [, list] = asList(arg);
        if (Array.isArray(list)) {
          // The longest element is the worst case whatever the index resolves to.
          return Math.max(0, ...list.map((el) => this.stringBound(el)));
        }
        if (isIntrinsic(list) && 'Fn::Split' in list) {
          const [delimiter, source] = asList(list['Fn::Split']);
          const [index] = asList(arg);
          const first = index === 0 && typeof delimiter === 'string' ? this.firstSegmentBound(delimiter, source) : undefined;
          // Otherwise: any element of a split is at most as long as the whole string.
          return first ?? this.stringBound(source);
        }
        if (isIntrinsic(list) && 'Fn::GetAZs' in list) {
          // An availability zone name is its region's name plus one letter.
          return regionBound() + 1;
        }
        return this.unknown(node);
      }
      case 'Fn::If': {
        const [, a, b] = asList(arg);
        return Math.max(this.stringBound(a), this.stringBound(b));
      }
      case 'Fn::FindInMap':
        return this.findInMapBound(arg, node);
      case 'Fn::Sub':
        return this.subBound(arg, node);
      case 'Fn::Base64':
        return Math.ceil(this.stringBound(arg) / 3) * 4;
      default:
        return this.unknown(node);
    }
  }

  private refBound(name: unknown): number {
    if (typeof name !== 'string') return this.unknown({ Ref: name });
    if (name in PSEUDO_BOUNDS) return PSEUDO_BOUNDS[name];
    const bounds = this.elements(name).map((el) => {
      if (el instanceof CfnParameter) return parameterBound(this.stack, el);
      if (CfnResource.isCfnResource(el)) return RESOURCE_BOUNDS[el.cfnResourceType]?.ref;
      return undefined;
    });
    return this.maxOf(bounds, { Ref: name });
  }

  private getAttBound(arg: unknown): number {
    const [logicalId, attr] = typeof arg === 'string' ? splitOnce(arg, '.') : asList(arg);
    if (typeof logicalId !== 'string' || typeof attr !== 'string') return this.unknown({ 'Fn::GetAtt': arg });
    const bounds = this.elements(logicalId).map((el) =>
      CfnResource.isCfnResource(el) ? RESOURCE_BOUNDS[el.cfnResourceType]?.attributes[attr] : undefined,
    );
    return this.maxOf(bounds, { 'Fn::GetAtt': arg });
  }

  private findInMapBound(arg: unknown, node: unknown): number {
    const [mapName, key1, key2] = asList(arg);
    if (typeof mapName !== 'string') return this.unknown(node);
    const mapping = this.elements(mapName).find((el): el is CfnMapping => el instanceof CfnMapping);
    if (!mapping) return this.unknown(node);
    const rendered = this.stack.resolve((mapping as unknown as CfnRenderable)._toCloudFormation());
    const table: unknown = rendered?.Mappings?.[mapName];
    if (!table || typeof table !== 'object') return this.unknown(node);
    const values: unknown[] = [];
    for (const [k1, row] of Object.entries(table as Record<string, Record<string, unknown>>)) {
      if (typeof key1 === 'string' && k1 !== key1) continue;
      for (const [k2, v] of Object.entries(row)) {
        if (typeof key2 === 'string' && k2 !== key2) continue;
        values.push(v);
      }
    }
    if (values.length === 0 || values.some((v) => typeof v !== 'string')) return this.unknown(node);
    return Math.max(...values.map((v) => charCount(v as string)));
  }

  private subBound(arg: unknown, node: unknown): number {
    const [template, vars] = typeof arg === 'string' ? [arg, {}] : asList(arg);
    if (typeof template !== 'string') return this.unknown(node);
    const variables = (vars ?? {}) as Record<string, unknown>;
    let total = 0;
    const rest = template.replace(/\$\{([^!}][^}]*)\}/g, (_m, name: string) => {
      if (name in variables) total += this.stringBound(variables[name]);
      else if (name.includes('.')) total += this.getAttBound(name);
      else total += this.refBound(name);
      return '';
    });
    // "${!Literal}" renders as "${Literal}".
    return total + charCount(rest.replace(/\$\{!/g, '${'));
  }

  private isListValued(node: Record<string, unknown>): boolean {
    const [fn, arg] = Object.entries(node)[0];
    if (fn === 'Fn::Split' || fn === 'Fn::GetAZs' || fn === 'Fn::Cidr') return true;
    if (fn === 'Ref' && arg === 'AWS::NotificationARNs') return true;
    if (fn === 'Ref' && typeof arg === 'string') {
      return this.elements(arg).some((el) => el instanceof CfnParameter && /^(CommaDelimitedList|List<)/.test(el.type));
    }
    return false;
  }

  private maxOf(bounds: Array<number | undefined>, node: unknown): number {
    if (bounds.length === 0 || bounds.some((b) => b === undefined)) return this.unknown(node);
    return Math.max(...(bounds as number[]));
  }

  private unknown(node: unknown): number {
    this.unbounded.push(compactJson(node));
    return 0;
  }

  /** Every CloudFormation element of the app with this logical ID, this stack's first. */
  private elements(logicalId: string): CfnElement[] {
    if (!this.index) {
      this.index = new Map();
      const all = this.stack.node.root.node.findAll().filter((c): c is CfnElement => CfnElement.isCfnElement(c));
      for (const el of all) {
        const id = Stack.of(el).resolve(el.logicalId);
        if (typeof id !== 'string') continue;
        this.index.set(id, [...(this.index.get(id) ?? []), el]);
      }
    }
    const found = this.index.get(logicalId) ?? [];
    const local = found.filter((el) => Stack.of(el) === this.stack);
    return local.length > 0 ? local : found;
  }
}

/** `CfnMapping` renders its table only through this (public but undocumented) method. */
interface CfnRenderable {
  _toCloudFormation(): any;
}

function parameterBound(stack: Stack, p: CfnParameter): number | undefined {
  const allowed = stack.resolve(p.allowedValues);
  if (Array.isArray(allowed) && allowed.length > 0 && allowed.every((v) => typeof v === 'string')) {
    return Math.max(...allowed.map((v: string) => charCount(v)));
  }
  const max = stack.resolve(p.maxLength);
  return typeof max === 'number' ? max : undefined;
}

/** A CloudFormation intrinsic is an object with exactly one key, `Ref` or `Fn::<name>`. */
const INTRINSIC_KEY = /^(Ref|Fn::[A-Za-z0-9]+)$/;

function isIntrinsic(node: unknown): node is Record<string, any> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
  const keys = Object.keys(node);
  return keys.length === 1 && INTRINSIC_KEY.test(keys[0]);
}

function asList(arg: unknown): unknown[] {
  return Array.isArray(arg) ? arg : [];
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

/**
 * Measures a policy document the way AWS counts it for `kind`.
 *
 * `doc` is either a policy object (e.g. `iam.PolicyDocument`, or plain JSON
 * with tokens), or the JSON text of one. Text is counted as written for SCPs,
 * RCPs, resource policies and event patterns, and without whitespace outside
 * strings for IAM policies.
 */
export function measurePolicy(scope: IConstruct, kind: PolicyKind, doc: unknown): PolicySize {
  const stack = Stack.of(scope);
  const resolved = stack.resolve(doc);
  if (typeof resolved === 'string') {
    const text = IAM_KINDS.has(kind) ? stripJsonWhitespace(resolved) : resolved;
    return { characters: charCount(text), estimated: false, unbounded: [] };
  }
  const upper = new Measurer(stack, 'max');
  const maxText = compactJson(upper.render(resolved));
  if (upper.unbounded.length === 0) {
    return { characters: charCount(maxText), estimated: upper.estimated, unbounded: [] };
  }
  // Some intrinsic has no upper bound: report the lower bound instead.
  const lower = new Measurer(stack, 'min');
  const minText = compactJson(lower.render(resolved));
  return { characters: charCount(minText), estimated: true, unbounded: upper.unbounded };
}

/** 11873 -> "11,873" (fixed locale, so messages are the same on every machine). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The generic fix for an oversized document of each kind. */
const FIX_HINTS: Record<PolicyKind, string> = {
  scp: 'split the statements across more SCPs, or merge statements that share an effect and condition',
  rcp: 'split the statements across more RCPs, or merge statements that share an effect and condition',
  managed: 'split the statements across more managed policies, or use wildcards the vendor allows',
  roleInline: 'move statements into customer managed policies',
  userInline: 'move statements into customer managed policies',
  trust: 'trust fewer principals per role, or use an organization condition instead of listing accounts',
  resource: 'grant by organization condition instead of listing principals',
  eventPattern: 'split the pattern across more rules',
};

/**
 * Checks a document against a limit. Returns the problem sentence, or
 * `undefined` when it fits (or cannot be proven not to fit because an
 * intrinsic has no known bound).
 *
 * @param what the subject of the sentence, e.g. `statements of Guardrails`
 * @param fix the fix to suggest (default: a generic one for `kind`)
 */
export function checkPolicySize(
  scope: IConstruct,
  kind: PolicyKind,
  doc: unknown,
  limit: number,
  what: string,
  fix?: string,
): string | undefined {
  const size = measurePolicy(scope, kind, doc);
  if (size.characters <= limit) {
    return undefined;
  }
  let amount: string;
  if (size.unbounded.length > 0) {
    amount = 'at least ';
  } else if (size.estimated) {
    amount = 'at most ';
  } else {
    amount = '';
  }
  const estimateNote = size.estimated && size.unbounded.length === 0 ? ' (counting each CloudFormation reference at its longest value)' : '';
  return `${what} needs ${amount}${formatCount(size.characters)} characters${estimateNote}, the ${KIND_NAMES[kind]} limit is ${formatCount(limit)}: ${fix ?? FIX_HINTS[kind]}`;
}
