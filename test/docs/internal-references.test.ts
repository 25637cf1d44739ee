import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CATALOG } from '../../cli/catalog';
import { synthesizeTemplate } from '../../cli/templates';
import { EXAMPLES } from '../../examples/registry';

/**
 * Issue 19: requirement and decision IDs, guide numbers
 * ("seed 000", "(001, 002)"), issue numbers and style-guide sections are
 * internal bookkeeping. They belong in docs/traceability.md, tests and
 * commit messages, never in what a user reads: the source (its doc comments
 * become API.md, Construct Hub and the Python and Java docstrings; its
 * strings become error messages and template text), the README and docs,
 * the examples and the command, API.md, and every template the examples and
 * the command synthesize. Every ID a test cites must be one
 * docs/traceability.md lists.
 */

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * One internal reference. IDs must not touch a word character, `/`, `:`,
 * `.` or `-`, so names and ARNs (`role/R-100`), dates and versions never match.
 */
const INTERNAL_REFERENCE = new RegExp([
  String.raw`(?<![\w/:.-])[RA]-\d{2,3}(?![\w-])`,
  String.raw`\b[Ss]eeds? ?\d{3}\b`, // seed 000, seeds 001/002
  String.raw`\(00[0-4](?:, ?00[0-4])*\)`, // (000), (001, 002)
  String.raw`\b[Tt]he seeds?\b`,
  String.raw`\bseed digest\b`,
  String.raw`\b[Ii]ssues? \d+\b`, // (issue 2), issue 15
  String.raw`\b[Ss]tyle[ -]guide\b`, // style guide B5.1
  String.raw`§ ?\d`,
].join('|'), 'g');

/** `line: match` of every internal reference in a text, line numbers from 1. */
function internalReferences(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(INTERNAL_REFERENCE)) found.push(`${i + 1}: ${m[0]}`);
  });
  return found;
}

/** Files under a folder (relative to the repository root) whose names end with `ext`. */
function filesUnder(dir: string, ext: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (skip(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(ext)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** `file:line: match` of every internal reference in the files. */
function referencesIn(files: string[]): string[] {
  return files.flatMap((f) => internalReferences(fs.readFileSync(path.join(ROOT, f), 'utf-8')).map((r) => `${f}:${r}`));
}

describe('the matcher', () => {
  test.each([
    'see R-006', 'R-028 to R-034', 'lost (A-03)', 'seed 000', 'Seed 000\'s pattern', 'seeds 001/002', 'the seed says',
    'the seed digest', '(issue 2)', 'Moved from event-stream (issue 2).', 'Issue 15', 'style guide B5.1', '(style-guide 3.2)',
    '§4', '| Topic policy not given (000) |', '`sqs:DeleteMessageBatch` (001, 002, 004)',
  ])('flags %j', (text) => {
    expect(internalReferences(text)).not.toEqual([]);
  });

  test.each([
    'arn:aws:iam::123456789012:role/R-1', 'arn:aws:iam::123456789012:role/R-100', 'arn:aws:sqs:us-west-2:111122223333:A-123',
    '2026-12-05', 'v2.252.0', 'aws-cdk-lib ^2.252.0', 'r-ab12', 'ou-ab12-11111111', 'o-a1b2c3d4e5', 'A-1234', 'QA-100', 'SHA-256',
    'a fixed seed', 'seed 42', 'limit (100)', 'see issue #123 upstream', 'billed per 100,000 events', 'the seeding script',
  ])('does not flag %j', (text) => {
    expect(internalReferences(text)).toEqual([]);
  });

  test('names the line and the match', () => {
    expect(internalReferences('one\ntwo (R-006) and seed 000\n')).toEqual(['2: R-006', '2: seed 000']);
  });
});

describe('no internal reference in what a user sees', () => {
  test('src/**/*.ts (doc comments, messages, template text and code comments)', () => {
    expect(referencesIn(filesUnder('src', '.ts'))).toEqual([]);
  });

  test('README.md, CONTRIBUTING.md, SECURITY.md, CHANGELOG.md and docs/**/*.md (except docs/traceability.md)', () => {
    const docs = filesUnder('docs', '.md', (rel) => rel === 'docs/traceability.md');
    expect(docs.length).toBeGreaterThan(0);
    expect(referencesIn(['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md', ...docs])).toEqual([]);
  });

  test('examples/**/*.ts and cli/**/*.ts', () => {
    expect(referencesIn([...filesUnder('examples', '.ts'), ...filesUnder('cli', '.ts')])).toEqual([]);
  });

  test('API.md', () => {
    expect(referencesIn(['API.md'])).toEqual([]);
  });

  test.each(EXAMPLES.map((e) => [e.name, e] as const))('every template example %s synthesizes', (_name, example) => {
    const stacks = example.define(new App());
    const assembly = (stacks[0].node.root as App).synth();
    const found = assembly.stacksRecursively.flatMap((artifact) =>
      internalReferences(JSON.stringify(artifact.template, undefined, 1)).map((r) => `${example.name}/${artifact.templateFile}:${r}`));
    expect(assembly.stacksRecursively.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });

  test.each(CATALOG.map((spec) => [spec.name, spec] as const))('the plain template %s of the templates command', (_name, spec) => {
    const text = JSON.stringify(synthesizeTemplate(spec), undefined, 1);
    expect(internalReferences(text).map((r) => `${spec.name}.template.json:${r}`)).toEqual([]);
  });
});

describe('traceability', () => {
  /** Generated or built folders under test/: their text is not a citation. */
  const GENERATED = /(^|\/)(node_modules|target|build|dist|cdk\.out|__pycache__|\.venv|[^/]*\.snapshot)$/;
  const TEXT = /\.(ts|js|py|java|sh|md|txt|json|xml|ya?ml)$/;
  const ID = /(?<![\w/:.-])[RA]-\d{2,3}(?![\w-])/g;

  test('every R-/A- ID cited under test/ is listed in docs/traceability.md', () => {
    const listed = new Set([...fs.readFileSync(path.join(ROOT, 'docs', 'traceability.md'), 'utf-8').matchAll(/^\| ([RA]-\d{2,3}) \|/gm)].map((m) => m[1]));
    expect(listed.size).toBeGreaterThan(100);
    const files = filesUnder('test', '', (rel) => GENERATED.test(rel)).filter((f) => TEXT.test(f));
    const unlisted = files.flatMap((f) => fs.readFileSync(path.join(ROOT, f), 'utf-8').split('\n').flatMap((line, i) =>
      [...line.matchAll(ID)].filter((m) => !listed.has(m[0])).map((m) => `${f}:${i + 1}: ${m[0]}`)));
    expect(files.length).toBeGreaterThan(100);
    expect(unlisted).toEqual([]);
  });
});
