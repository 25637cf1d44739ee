/**
 * The ```ts / ```typescript snippets of `docs/**\/*.md`, which rosetta never
 * reads (it compiles README.md and the `@example`s), compiled and run.
 *
 * What is proven, for each snippet:
 * - It type-checks as rosetta would compile it: the fixture `rosetta/default.ts-fixture`
 *   (or `fixture=<name>`, or none with `nofixture`) with the snippet at `/// here` and its
 *   imports hoisted, strict options from test/tsconfig.json (unused locals allowed, as in
 *   rosetta), against the library's current source (`cdk-audit-baseline` is `src/index.ts`,
 *   never a stale `lib/`). All snippets share one Program.
 * - It runs: the transpiled program is executed, `new Fixture(new App(), 'Fixture')` runs the
 *   snippet's constructors (which throw the library's synth-time errors for bad props), and
 *   every `App` the snippet creates (`new App()` resolves to a recording subclass) and the
 *   fixture's app are synthesized: validations pass (policy sizes, slot counts) and no
 *   construct carries an error annotation.
 * - The preset pages have an example for one account and one for an organization (issue 7).
 *
 * What is not proven: that the output is what the page says it is (the preset tests check the
 * templates), that a deployment works, that the snippet translates to the other jsii languages
 * (rosetta does that only for README.md and `@example`), warnings (they may be deliberate),
 * and anything hidden in a snippet that creates an app with the CDK's own `App` class by another
 * path than an `aws-cdk-lib` or `aws-cdk-lib/core` import. A snippet with `declare const` values is only type-checked:
 * it cannot run without them.
 *
 * The self-tests at the end feed broken snippets through the same functions, so a failure of
 * the machinery cannot pass silently (R-lines do not apply: this guards the docs).
 */
import * as fs from 'fs';
import * as path from 'path';
import { collectDocSnippets, ComposedSnippet, composeSnippet, extractSnippets, markdownFiles, runSnippet, typeCheckSnippets, TypeCheckResult } from './_snippets';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DOCS_DIR = path.join(REPO_ROOT, 'docs');

const DOC_SNIPPETS = collectDocSnippets(DOCS_DIR, REPO_ROOT);

/** A page of broken snippets for the self-tests; each fence line is noted beside it. */
const BROKEN_FILE = 'test/docs/broken.md';
const BROKEN_PAGE = [
  '# Broken on purpose', //                                        1
  '', //                                                           2
  '```ts', //                                                      3: misspelled prop
  "new audit.SkyhighNrtConfigAudit(this, 'Nrt', {", //             4
  "  regionz: ['us-east-1'],", //                                  5
  '});', //                                                        6
  '```', //                                                        7
  '', //                                                           8
  '```typescript', //                                              9: throws at construction
  "new audit.ReadOnlyAuditRole(this, 'Role', {", //               10
  "  trustedAccountId: 'not-an-account',", //                     11
  '});', //                                                       12
  '```', //                                                       13
  '', //                                                          14
  '```ts', //                                                     15: error annotation, app of its own
  "import { Annotations } from 'aws-cdk-lib';", //               16
  'const app = new App();', //                                    17
  "const stack = new Stack(app, 'Other');", //                    18
  "Annotations.of(stack).addError('deliberately broken');", //    19
  '```', //                                                       20
  '', //                                                          21
  '```ts', //                                                     22: unknown module in a hoisted import
  "const topic = new sns.Topic(this, 'Topic');", //              23
  "import * as nope from 'aws-cdk-lib/aws-nope';", //             24
  '```', //                                                       25
  '', //                                                          26
  '```ts nofixture', //                                           27: no fixture, `this` is no stack
  "import { App, Stack } from 'aws-cdk-lib';", //                28
  "new Stack(new App(), 'S').node.addValidation({ validate: () => ['nofixture invalid'] });", // 29
  '```', //                                                       30
].join('\n');
const BROKEN = extractSnippets(BROKEN_PAGE, BROKEN_FILE).map((s) => composeSnippet(s, REPO_ROOT));

function brokenAt(line: number): ComposedSnippet {
  const found = BROKEN.find((s) => s.snippet.line === line);
  if (!found) throw new Error(`no broken snippet at line ${line}`);
  return found;
}

let checked: TypeCheckResult;
let diagnostics: Map<string, string[]>;
beforeAll(() => {
  checked = typeCheckSnippets([...DOC_SNIPPETS, ...BROKEN], REPO_ROOT);
  diagnostics = checked.diagnostics;
}, 180_000);

describe('docs snippets', () => {
  test('docs/ holds TypeScript snippets to check', () => {
    expect(DOC_SNIPPETS.length).toBeGreaterThan(0);
  });

  // Issue 7: a page per vendor with an example for one account and one for an organization.
  test.each(markdownFiles(path.join(DOCS_DIR, 'presets')).map((f) => path.relative(REPO_ROOT, f).split(path.sep).join('/')))(
    '%s has a snippet for one account and one for an organization', (file) => {
      const headings = DOC_SNIPPETS.filter((s) => s.snippet.file === file).map((s) => s.snippet.heading.toLowerCase());
      expect(headings).toEqual(expect.arrayContaining([expect.stringContaining('one account'), expect.stringContaining('organization')]));
    });

  test('cdk-audit-baseline resolves to src/index.ts, and nothing of a built lib/ is in the Program', () => {
    const resolved = new Set(DOC_SNIPPETS.map((s) => checked.libraryFiles.get(s.name)));
    expect({ resolved: [...resolved], built: checked.builtLibraryFiles }).toEqual({ resolved: [path.join(REPO_ROOT, 'src', 'index.ts')], built: [] });
  });

  describe('type-check against src/', () => {
    test.each(DOC_SNIPPETS.map((s) => s.name))('%s', (name) => {
      expect(diagnostics.get(name)).toEqual([]);
    });
  });

  describe('construct and synthesize', () => {
    const runnable = DOC_SNIPPETS.filter((s) => s.declaredOnly.length === 0);
    const declaring = DOC_SNIPPETS.filter((s) => s.declaredOnly.length > 0);
    // A snippet in a fixture must define something: otherwise its constructors did not run.
    test.each(runnable.map((s) => [s.name, s] as const))('%s', (_name, s) => {
      const run = runSnippet(s);
      const resources = run.stacks.reduce((n, st) => n + Number(st.split(': ')[1]), 0);
      expect({ problems: run.problems, definesResources: resources > 0 || s.snippet.parameters.nofixture !== undefined })
        .toEqual({ problems: [], definesResources: true });
    }, 60_000);
    // Listed, so a reader sees which snippets are only type-checked.
    if (declaring.length > 0) {
      test.skip.each(declaring.map((s) => [s.name, s.declaredOnly.join(', ')] as const))('%s (declares %s, type-checked only)', () => undefined);
    }
  });
});

describe('self-test: broken snippets are reported at their file and line', () => {
  test('the broken page yields the five snippets, ts and typescript fences alike', () => {
    expect(BROKEN.map((s) => s.name)).toEqual([3, 9, 15, 22, 27].map((l) => `${BROKEN_FILE}:${l}`));
  });

  test('a misspelled prop is a type error at its markdown line and column', () => {
    expect(diagnostics.get(`${BROKEN_FILE}:3`)).toEqual([
      expect.stringMatching(/^test\/docs\/broken\.md:5:3 TS2561: .*'regionz'.*'regions'/),
    ]);
  });

  test('an unknown module in a hoisted import is reported at the import line', () => {
    expect(diagnostics.get(`${BROKEN_FILE}:22`)).toEqual([
      expect.stringMatching(/^test\/docs\/broken\.md:24:\d+ TS2307: .*aws-cdk-lib\/aws-nope/),
    ]);
  });

  test('snippets that only fail at run time type-check cleanly', () => {
    expect([9, 15, 27].map((l) => diagnostics.get(`${BROKEN_FILE}:${l}`))).toEqual([[], [], []]);
  });

  test('a synth-time error thrown by a constructor is reported with the snippet and the message', () => {
    expect(runSnippet(brokenAt(9)).problems).toEqual([
      expect.stringMatching(/^test\/docs\/broken\.md:9: running the snippet threw AuditBaselineError: Fixture\/Role: [\s\S]*trustedAccountId[\s\S]*not-an-account/),
    ]);
  });

  test('an error annotation in an app the snippet creates itself is reported; both apps are synthesized', () => {
    expect(runSnippet(brokenAt(15))).toEqual({
      problems: ['test/docs/broken.md:15: error annotation on Other: deliberately broken'],
      stacks: ['Fixture: 0', 'Other: 0'],
    });
  });

  test('a failed validation at synthesis of a nofixture snippet is reported', () => {
    expect(runSnippet(brokenAt(27)).problems).toEqual([
      expect.stringMatching(/^test\/docs\/broken\.md:27: synthesizing the app threw [\s\S]*nofixture invalid/),
    ]);
  });

  test('a correct snippet runs without problems (the checks are not failing everything)', () => {
    const [ok] = extractSnippets("```ts\nnew audit.ReadOnlyAuditRole(this, 'Role', { trustedAccountId: '111122223333', externalId: 'my-tenant-1234' });\n```", BROKEN_FILE)
      .map((s) => composeSnippet(s, REPO_ROOT));
    expect(runSnippet(ok)).toEqual({ problems: [], stacks: ['Fixture: 1'] });
  });
});

describe('extractSnippets', () => {
  test('reads ts and typescript fences with their parameters, skips other languages and nested fences', () => {
    const page = [
      '## A', //                        1
      '```ts nofixture', //             2
      'const a = 1;', //                3
      '```', //                         4
      '````md', //                      5
      '```ts', //                       6
      'not a snippet', //               7
      '```', //                         8
      '````', //                        9
      '```js', //                      10
      'const js = 1;', //              11
      '```', //                        12
      '1. list item', //               13
      '   ~~~typescript fixture=x', //  14
      '   const b = 2;', //             15
      '   ~~~', //                      16
    ].join('\n');
    expect(extractSnippets(page, 'p.md')).toEqual([
      { file: 'p.md', line: 2, source: 'const a = 1;', parameters: { nofixture: '' }, heading: 'A' },
      { file: 'p.md', line: 14, source: 'const b = 2;', parameters: { fixture: 'x' }, heading: 'A' },
    ]);
  });

  test('a snippet whose named fixture does not exist is reported', () => {
    const [s] = extractSnippets('```ts fixture=missing\nconst x = 1;\n```', 'p.md').map((x) => composeSnippet(x, REPO_ROOT));
    expect(runSnippet(s).problems).toEqual(['p.md:1: fixture "missing" not found at rosetta/missing.ts-fixture']);
  });

  test('the fixture the docs use exists and has a /// here line', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, 'rosetta', 'default.ts-fixture'), 'utf-8')).toMatch(/\/\/\/ here/);
  });
});
