import { App, Stack } from 'aws-cdk-lib';
import { defineBaselineApp } from '../../bench/baseline-app';
import { DefineApp, stackTemplate } from '../../bench/measure';
import { fakeAccounts, firstRegions } from '../../bench/org';
import { BenchOptions, defineLibraryApp, referenceOptions } from '../../bench/reference-app';
import { canonical } from '../harness/canonical';

/**
 * The synth-overhead figure compares the library app with a hand-written
 * aws-cdk-lib app; the ratio means something only if both emit the same
 * resources. Resource types and counts per stack name, StackSet member
 * templates included (issue 9: "assert the resource types and counts match").
 */
function resourceCounts(define: DefineApp, options: BenchOptions): Record<string, Record<string, number>> {
  const app = new App();
  const stacks: Stack[] = define(app, options);
  const out: Record<string, Record<string, number>> = {};
  for (const stack of stacks) {
    const template = app.synth().getStackArtifact(stack.artifactId).template;
    const counts: Record<string, number> = {};
    const add = (key: string) => { counts[key] = (counts[key] ?? 0) + 1; };
    for (const resource of Object.values<any>(template.Resources ?? {})) {
      add(resource.Type);
      if (resource.Type === 'AWS::CloudFormation::StackSet') {
        for (const member of Object.values<any>(JSON.parse(resource.Properties.TemplateBody).Resources ?? {})) {
          add(`member ${member.Type}`);
        }
      }
    }
    out[stack.stackName] = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

describe('baseline-app', () => {
  test('emits the same resource types and counts as the library reference app, stack by stack', () => {
    const options = referenceOptions(firstRegions(3));
    const library = resourceCounts(defineLibraryApp, options);
    const baseline = resourceCounts(defineBaselineApp, options);

    expect(Object.keys(library).sort()).toEqual(Object.keys(baseline).sort());
    expect(baseline).toEqual(library);
    // the comparison covers every kind of stack: StackSets, queue, account, one per region
    expect(Object.keys(library)).toHaveLength(3 + 3);
    expect(library.Management['member AWS::SNS::Topic']).toBe(1);
  });

  test('still matches when accounts are given as StackSet targets, queue sources and guardrail exceptions', () => {
    const accounts = fakeAccounts(20);
    const options: BenchOptions = {
      ...referenceOptions(firstRegions(1)),
      stackSetAccounts: accounts,
      queueSourceAccounts: accounts,
      guardrailTrustedAccounts: accounts,
    };
    expect(resourceCounts(defineBaselineApp, options)).toEqual(resourceCounts(defineLibraryApp, options));
  });

  test('refuses a guardrail count other than the reference 4, instead of emitting different resources', () => {
    expect(() => defineBaselineApp(new App(), { ...referenceOptions(firstRegions(1)), guardrailCount: 5 })).toThrow(/4 reference guardrails/);
  });
});

describe('baseline-app writes the same guardrail policy (issue 18: a fair comparison)', () => {
  function scpContent(define: DefineApp): unknown[] {
    const app = new App();
    const management = define(app, referenceOptions(firstRegions(1)))[0];
    const template = app.synth().getStackArtifact(management.artifactId).template;
    return Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::Organizations::Policy').map((r) => r.Properties.Content);
  }

  test('the SCP content is identical: the same protected actions, global services and exempt roles', () => {
    const library = scpContent(defineLibraryApp);
    const baseline = scpContent(defineBaselineApp);
    expect(library).toHaveLength(1);
    expect(baseline).toEqual(library);
    const text = JSON.stringify(library);
    // the statements the old hand-written copy had cut short
    expect(text).toMatch(/"NotAction":\[/);
  });
});

describe('baseline-app writes what the library writes, apart from logical IDs (issue 18: a fair comparison)', () => {
  /** Each resource and output as JSON with every logical ID and generated name suffix masked, by type, sorted. */
  function masked(template: any): Record<string, string[]> {
    const ids = [...Object.keys(template.Resources ?? {}), ...Object.keys(template.Outputs ?? {}), ...Object.keys(template.Conditions ?? {})]
      .sort((a, b) => b.length - a.length);
    const mask = (value: unknown) => {
      let text = canonical(value);
      for (const id of ids) text = text.split(`"${id}"`).join('"ID"');
      return text.replace(/-[0-9A-F]{8}\b/g, '-HASH');
    };
    const out: Record<string, string[]> = {};
    for (const resource of Object.values<any>(template.Resources ?? {})) {
      const copy = { ...resource };
      if (resource.Type === 'AWS::CloudFormation::StackSet') {
        copy.Properties = { ...resource.Properties, TemplateBody: masked(JSON.parse(resource.Properties.TemplateBody)) };
      }
      (out[resource.Type] ??= []).push(mask(copy));
    }
    out.Outputs = Object.values(template.Outputs ?? {}).map(mask);
    for (const list of Object.values(out)) list.sort();
    return out;
  }
  function templates(define: DefineApp): Record<string, Record<string, string[]>> {
    const app = new App();
    const stacks = define(app, referenceOptions(firstRegions(2)));
    app.synth();
    return Object.fromEntries(stacks.map((s) => [s.stackName, masked(stackTemplate(s))]));
  }

  test('every resource and output has the same properties, policies, tags, descriptions and metadata', () => {
    const library = templates(defineLibraryApp);
    const baseline = templates(defineBaselineApp);
    expect(Object.keys(baseline).sort()).toEqual(Object.keys(library).sort());
    for (const name of Object.keys(library)) {
      expect({ name, ...baseline[name] }).toEqual({ name, ...library[name] });
    }
  });
});
