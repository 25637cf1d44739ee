import * as fs from 'fs';
import * as path from 'path';
import { sourceFiles } from './core/_boundaries';

/**
 * The test tree mirrors src/ (issue 19, "one home for each rule"): a test of
 * a module sits at the module's path under test/, named after it
 * (`<module>.test.ts`, or `<module>.<aspect>.test.ts` for one aspect of a
 * large construct), and a helper module beside tests starts with `_`.
 * Suites that cut across src/ live in their own folders (harness, security,
 * validation, docs, deploy, bindings, consumers, bench, cli).
 */
const ROOT = path.resolve(__dirname, '..');
const CAPABILITIES = ['core', 'access', 'event-stream', 'stacksets', 'guardrails', 'presets'];

/** Modules with no test file of their own, and why. */
const UNTESTED_BY_NAME: Record<string, string> = {
  'src/stacksets/stack-set-rollout-options.ts': 'option structs and enums, tested through the rollout constructs that take them',
  'src/guardrails/guardrail-options.ts': 'option structs, tested through the Guardrail factories that take them',
  'src/stacksets/private/types.ts': 'interfaces only',
};

const filesOf = (top: string) => CAPABILITIES.flatMap((c) => sourceFiles(path.join(ROOT, top, c)));

/** The src/ module a test file is named after: test/<dir>/<module>[.<aspect>].test.ts -> src/<dir>/<module>.ts. */
function moduleOf(testFile: string): string {
  return `src/${path.posix.dirname(testFile).slice('test/'.length)}/${path.posix.basename(testFile).split('.')[0]}.ts`;
}

describe('test/ mirrors src/', () => {
  const testFiles = filesOf('test');
  const tests = testFiles.filter((f) => f.endsWith('.test.ts'));

  test('every test file of a capability is named after a module at the same path in src/', () => {
    expect(tests.length).toBeGreaterThan(50);
    expect(tests.filter((f) => !fs.existsSync(path.join(ROOT, moduleOf(f))))).toEqual([]);
  });

  test('every other module beside the tests is a helper whose name starts with _', () => {
    const unmarked = testFiles.filter((f) => !f.endsWith('.test.ts') && !path.posix.basename(f).startsWith('_'));
    expect(unmarked).toEqual([]);
  });

  test('every module of a capability, private ones included, has a test file named after it, or a reason it has none', () => {
    const modules = filesOf('src').filter((f) => path.posix.basename(f) !== 'index.ts');
    expect(modules.length).toBeGreaterThan(80);
    const tested = new Set(tests.map(moduleOf));
    expect(modules.filter((m) => !tested.has(m)).sort()).toEqual(Object.keys(UNTESTED_BY_NAME).sort());
  });
});
