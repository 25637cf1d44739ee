import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';

/**
 * The machinery of the exact-limit table (limits.boundaries.test.ts, issue 20):
 * every bound the library enforces gets two tests, "exactly at the limit
 * synthesizes" and "one past it fails with the library's error naming both
 * figures".
 */

/** One enforced bound. */
export interface Bound {
  /** The highest (or, for `direction: 'min'`, the lowest) value that is accepted. */
  readonly limit: number;
  /** `max` (default): limit + 1 fails. `min`: limit - 1 fails. */
  readonly direction?: 'max' | 'min';
  /**
   * Builds and synthesizes something whose measured value (a length, a count,
   * a size, a number of seconds) is exactly `n`. Returns the error it throws,
   * or '' when it synthesizes.
   */
  readonly attempt: (n: number) => string;
  /**
   * What the error for the value just past the limit must say, given the
   * limit and that value. Default: both figures, as written plainly or with
   * thousands separators.
   */
  readonly names?: (limit: number, past: number) => Array<string | RegExp>;
}

/** A limit of `AwsLimits` that no construct checks yet: it gets its pair once one does. */
export interface Unenforced {
  readonly unenforced: string;
}

/** 11873 -> "11,873". */
export function withCommas(n: number): string {
  return n.toLocaleString('en-US');
}

/** A figure as a message writes it: "10,241" or "10241", not as part of a longer number. */
export function figure(n: number): RegExp {
  return new RegExp(`(?<![\\d,])(${withCommas(n)}|${n})(?![\\d,]*\\d)`);
}

/** The value one step past the limit. */
export function pastLimit(bound: Bound): number {
  return bound.direction === 'min' ? bound.limit - 1 : bound.limit + 1;
}

/** The error `fn` throws (construction or synthesis), or ''. */
export { errorOf } from '../presets/_helpers';

/** A fresh stack; `concrete` gives it a commercial account and region. */
export function freshStack(concrete = true): Stack {
  return new Stack(new App(), 'Limits', concrete ? { env: { account: '123456789012', region: 'us-east-1' } } : {});
}

/** Synthesizes the stack's template (node validations run then). */
export function synth(stack: Stack): void {
  Template.fromStack(stack);
}

/**
 * A bound on a size that grows one for one with a padding length: `build(pad)`
 * builds with a padding of `pad` characters and returns the error ('' if
 * none), and `measured` reads the size from the over-limit error. The offset
 * between padding and size is read once from a build that is surely over the
 * limit; the over-limit test then proves the size really is limit + 1.
 */
export function paddedSize(limit: number, measured: RegExp, build: (pad: number) => string, names?: Bound['names']): Bound {
  let offset: number | undefined;
  const sizeAt = (pad: number): number => {
    const message = build(pad);
    const m = measured.exec(message);
    if (!m) throw new Error(`calibration: a padding of ${pad} should be over the limit of ${limit}, got ${JSON.stringify(message)}`);
    return Number(m[1].replace(/,/g, ''));
  };
  const calibrate = (): number => {
    if (offset === undefined) {
      const size = sizeAt(limit);
      if (sizeAt(limit + 1) !== size + 1) throw new Error('calibration: one more character of padding must add exactly one to the size');
      offset = size - limit;
      if (offset <= 0) throw new Error(`calibration: the padding alone should not count as the whole size (offset ${offset})`);
    }
    return offset;
  };
  return { limit, attempt: (n) => build(n - calibrate()), names };
}

/** The repository's src/ directory. */
const SRC = path.resolve(__dirname, '..', '..', 'src');

/** Every .ts file under src/, as repository-relative paths with forward slashes. */
export function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(path.dirname(SRC), full).split(path.sep).join('/')] : [];
  }).sort();
}

/** The text of a repository file, e.g. `src/core/limits.ts`. */
export function sourceText(file: string): string {
  return fs.readFileSync(path.join(path.dirname(SRC), file), 'utf8');
}

/** A number literal of 2 or more, an UPPER_CASE constant, or a product with a number literal (`maxHours * 3600`). */
function isBoundOperand(node: ts.Expression): boolean {
  if (ts.isNumericLiteral(node)) return Number(node.text) >= 2;
  if (ts.isIdentifier(node)) return /^[A-Z][A-Z0-9_]{2,}$/.test(node.text);
  if (ts.isPropertyAccessExpression(node)) return isBoundOperand(node.name);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AsteriskToken) {
    return ts.isNumericLiteral(node.left) || ts.isNumericLiteral(node.right);
  }
  return false;
}

const COMPARISONS = new Set([
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

/**
 * Where the code compares against a fixed number or names a length range, as
 * `file: snippet`: comparisons with a number literal of 2 or more, an
 * UPPER_CASE constant or a product with a number (`> 1000`,
 * `<= MAX_RETRY_ATTEMPTS`, `> maxHours * 3600`), and length ranges in regular
 * expressions (`{2,64}`). Every one must be claimed by a bound of the table
 * or listed as not a limit, so a new check cannot land without its pair.
 */
export function numericChecks(files: string[]): string[] {
  const found = new Set<string>();
  for (const file of files) {
    const text = sourceText(file);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) {
        const op = node.operatorToken.getText(source);
        if (isBoundOperand(node.right)) found.add(`${file}: ${op} ${node.right.getText(source)}`);
        else if (isBoundOperand(node.left)) found.add(`${file}: ${node.left.getText(source)} ${op}`);
      }
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        for (const m of node.getText(source).matchAll(/\{\d+,\d+\}/g)) found.add(`${file}: ${m[0]}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found].sort();
}
