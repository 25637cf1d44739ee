import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cfnLint, nagFindings, unknownActions } from './harness';
import { EXAMPLES } from '../examples/registry';

/**
 * Every example app is what the README's main command synthesizes, so every
 * stack of every example must pass the same gates: cdk-nag AwsSolutionsChecks
 * with no unsuppressed finding, no IAM action that does not exist, and
 * cfn-lint with no error or warning.
 */
describe('examples', () => {
  test('at least one example is registered', () => {
    expect(EXAMPLES.length).toBeGreaterThan(0);
  });

  test('example names are unique kebab-case', () => {
    const names = EXAMPLES.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  describe.each(EXAMPLES.map((e) => [e.name, e] as const))('%s', (_name, example) => {
    // Each gate builds its own App: cdk-nag works through Aspects, which run
    // only in the first synthesis of an app.
    function build(outdir?: string): Stack[] {
      return example.define(new App(outdir ? { outdir } : {}));
    }

    test('defines at least one stack', () => {
      expect(build().length).toBeGreaterThan(0);
    });

    test('has no unsuppressed cdk-nag AwsSolutions finding', () => {
      for (const stack of build()) {
        expect({ stack: stack.stackName, findings: nagFindings(stack) }).toEqual({ stack: stack.stackName, findings: [] });
      }
    });

    test('emits only IAM actions that exist', () => {
      for (const stack of build()) {
        const template = Template.fromStack(stack).toJSON();
        expect({ stack: stack.stackName, unknown: unknownActions(template) }).toEqual({ stack: stack.stackName, unknown: [] });
      }
    });

    test('passes cfn-lint with no error or warning', () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${example.name}-`));
      try {
        const stacks = build(outdir);
        (stacks[0].node.root as App).synth();
        // A stack of a Stage (RegionalDeployment, AriaSecureCloudsOnboarding)
        // is in the stage's nested assembly, under outdir.
        const files = stacks.map((s) => path.join(Stage.of(s)!.outdir, s.templateFile));
        for (const f of files) expect(path.relative(outdir, f).startsWith('..')).toBe(false);
        expect(files.filter((f) => fs.existsSync(f)).length).toBe(stacks.length);
        expect(cfnLint(files)).toEqual([]);
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
});
