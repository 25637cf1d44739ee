import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { BAD_VALUES, GOOD_VALUES } from './_kinds';
import { SUBJECTS, Subject } from './_subjects';
import { cfnLint, nagFindings, unknownActions } from '../harness';

/**
 * Issue 15, the property: for each construct, props generated from good and
 * bad values of every prop's kind either synthesize, and then the templates
 * pass the gates (cfn-lint, every action exists, no cdk-nag finding the
 * minimal props do not have, beyond the documented IAM4/IAM5), or throw the library's own error naming the
 * construct path. Any other outcome (a TypeError, an aws-cdk-lib internal
 * error) fails. `CAB_FC_RUNS` sets the runs per construct (default 8, kept
 * small for CI; the bench size is e.g. 200).
 */

const RUNS = Number(process.env.CAB_FC_RUNS ?? 8);
/**
 * Findings the constructs document as expected for some props, for the user
 * to acknowledge with the reason given there: AWS managed policies (IAM4) and
 * wildcard resources of permission bundles (IAM5, e.g. a bucket's objects).
 */
const DOCUMENTED_NAG = new Set(['AwsSolutions-IAM4', 'AwsSolutions-IAM5']);
jest.setTimeout(180_000);

/** The stacks of an app, at any depth (StackSet templates live in Stages). */
function stacksOf(app: App): Stack[] {
  return app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
}

function templatesOf(app: App): Array<{ name: string; template: any }> {
  const assembly = app.synth();
  return [assembly, ...assembly.nestedAssemblies.map((n) => n.nestedAssembly)]
    .flatMap((a) => a.stacks.map((s) => ({ name: s.hierarchicalId, template: s.template })));
}

function propsArbitrary(subject: Subject): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(subject.props).map(([prop, spec]) => {
    // Mostly left out or good, so that many runs synthesize and meet the gates; a bad value now and then.
    const choices: Array<fc.WeightedArbitrary<unknown>> = [
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(...BAD_VALUES[spec.kind].map((b) => b.value)) },
    ];
    if (GOOD_VALUES[spec.kind].length > 0) choices.push({ weight: 4, arbitrary: fc.constantFrom(...GOOD_VALUES[spec.kind]) });
    return [prop, fc.oneof(...choices)] as const;
  });
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] }).map((overrides) => {
    const props: Record<string, unknown> = { ...subject.base };
    for (const [k, v] of Object.entries(overrides)) if (v !== undefined) props[k] = v;
    return props;
  });
}

const lintDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-validation-'));
const toLint: string[] = [];
let properties = 0;
const outcomes = { synthesized: 0, refused: 0 };

describe('validation property: synthesizes and passes the gates, or is the library\'s error', () => {
  test.each(SUBJECTS.map((s) => [s.name, s]))('%s', (_, subject) => {
    properties++;
    const baseNag = new Set(stacksOf(subject.build(subject.base)).flatMap((s) => nagFindings(s).map((f) => f.id.replace(/\[.*$/, ''))));
    let nagChecked = 0;
    let linted = 0;
    fc.assert(fc.property(propsArbitrary(subject), (props) => {
      let app: App;
      try {
        app = subject.build(props);
      } catch (e) {
        const error = e as Error;
        const ours = error.name === 'AuditBaselineError' || /^Validation failed with the following errors/.test(error.message);
        if (!ours || error instanceof TypeError || !error.message.includes(subject.path)) {
          throw new Error(`not the library's error for ${JSON.stringify(props)}: ${error.name}: ${error.message}`);
        }
        outcomes.refused++;
        return;
      }
      outcomes.synthesized++;
      const lint = linted++ < 2;
      for (const { name, template } of templatesOf(app)) {
        expect(unknownActions(template)).toEqual([]);
        if (lint) {
          const file = path.join(lintDir, `${subject.name}-${toLint.length}-${name.replace(/\W/g, '_')}.json`);
          fs.writeFileSync(file, JSON.stringify(template));
          toLint.push(file);
        }
      }
      if (nagChecked++ < 2) {
        const fresh = stacksOf(app).flatMap((s) => nagFindings(s).map((f) => f.id.replace(/\[.*$/, '')))
          .filter((id) => !baseNag.has(id) && !DOCUMENTED_NAG.has(id));
        expect(fresh).toEqual([]);
      }
    }), { numRuns: RUNS, seed: process.env.CAB_FC_SEED ? Number(process.env.CAB_FC_SEED) : undefined });
  });

  test('cfn-lint accepts every template the properties synthesized (one batched run)', () => {
    expect(properties).toBe(SUBJECTS.length);
    // Both outcomes are exercised: the generators are not all-bad or all-good.
    expect(outcomes.synthesized).toBeGreaterThan(SUBJECTS.length);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(toLint.length).toBeGreaterThan(0);
    expect(cfnLint(toLint)).toEqual([]);
  });
});
