import * as fs from 'fs';
import * as path from 'path';

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

function filesUnder(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

describe('test/ mirrors src/', () => {
  const testFiles = CAPABILITIES.flatMap((c) => filesUnder(path.join('test', c)));

  test('every test file of a capability is named after a module at the same path in src/', () => {
    expect(testFiles.length).toBeGreaterThan(50);
    const orphans = testFiles.filter((f) => f.endsWith('.test.ts')).filter((f) => {
      const module = path.basename(f).split('.')[0];
      const src = path.join('src', path.relative('test', path.dirname(f)), `${module}.ts`);
      return !fs.existsSync(path.join(ROOT, src));
    });
    expect(orphans).toEqual([]);
  });

  test('every other module beside the tests is a helper whose name starts with _', () => {
    const unmarked = testFiles.filter((f) => !f.endsWith('.test.ts') && !path.basename(f).startsWith('_'));
    expect(unmarked).toEqual([]);
  });

  test('every module of a capability, private ones included, has a test file named after it, or a reason it has none', () => {
    const modules = CAPABILITIES.flatMap((c) => filesUnder(path.join('src', c)))
      .filter((f) => path.basename(f) !== 'index.ts');
    expect(modules.length).toBeGreaterThan(80);
    const untested = modules.filter((m) => {
      const dir = path.join(ROOT, 'test', path.relative('src', path.dirname(m)));
      const name = path.basename(m, '.ts');
      return !(fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f === `${name}.test.ts` || (f.startsWith(`${name}.`) && f.endsWith('.test.ts'))));
    });
    expect(untested.sort()).toEqual(Object.keys(UNTESTED_BY_NAME).sort());
  });
});
