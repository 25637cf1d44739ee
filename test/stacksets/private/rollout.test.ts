/**
 * Unit tests of src/stacksets/private/rollout.ts: the problems of the props
 * every StackSet rollout takes (`baseProblems`) and the StackSet
 * `defineStackSet` defines, with its warnings and synth-time checks, at the
 * edges the rollout construct tests do not reach.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { StackSetConcurrencyMode, StackSetRolloutBaseProps, StackSetTemplate } from '../../../src/stacksets';
import { baseProblems, defineStackSet } from '../../../src/stacksets/private/rollout';
import { addNamedRole, addTopic, templateStack } from '../_helpers';

/** A rollout scope and the base props of a topic template deployed to us-east-1. */
function setup(fill: (inner: Stack) => void = addTopic): { stack: Stack; scope: Construct; props: StackSetRolloutBaseProps } {
  const stack = new Stack(new App(), 'Host');
  const inner = templateStack(stack);
  fill(inner);
  return { stack, scope: new Construct(stack, 'Rollout'), props: { template: StackSetTemplate.fromStack(inner), regions: ['us-east-1'] } };
}

function problemsOf(overrides: Partial<StackSetRolloutBaseProps>): string[] {
  const { scope, props } = setup();
  return baseProblems(scope, { ...props, ...overrides }).filter((p): p is string => p !== undefined);
}

/** Defines the StackSet of a self-managed rollout; returns its scope's warnings and synth-time problems. */
function define(overrides: Partial<StackSetRolloutBaseProps>, fill?: (inner: Stack) => void): { warnings: string[]; problems: string[] } {
  const { scope, props } = setup(fill);
  defineStackSet(scope, { ...props, ...overrides }, { permissionModel: 'SELF_MANAGED', deploymentTargets: { accounts: ['444455556666'] } });
  return {
    warnings: scope.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data)),
    problems: scope.node.validate(),
  };
}

describe('rollout', () => {
  describe('baseProblems', () => {
    test('accepts the edge of each range', () => {
      const edges: Array<[string, Partial<StackSetRolloutBaseProps>]> = [
        ['maxConcurrentPercentage 1', { maxConcurrentPercentage: 1 }],
        ['maxConcurrentPercentage 100', { maxConcurrentPercentage: 100 }],
        ['failureTolerancePercentage 0', { failureTolerancePercentage: 0 }],
        ['maxConcurrentCount 1 and failureToleranceCount 0', { maxConcurrentCount: 1, failureToleranceCount: 0 }],
        ['a stackSetName of 128 characters', { stackSetName: `a${'-'.repeat(126)}9` }],
        ['a description of 1,024 characters', { description: 'd'.repeat(1024) }],
      ];
      expect(edges.map(([name, overrides]) => [name, problemsOf(overrides)])).toEqual(edges.map(([name]) => [name, []]));
    });

    test('refuses a stackSetName of 129 characters, with the rule and an example', () => {
      const name = 'a'.repeat(129);
      expect(problemsOf({ stackSetName: name })).toEqual([
        `stackSetName must start with a letter and hold 1-128 letters, digits and hyphens, got "${name}": rename it, e.g. "audit-role"`,
      ]);
    });

    test('passes unresolved names, descriptions, percentages, counts and regions through', () => {
      const { stack, scope, props } = setup();
      const regions = new CfnParameter(stack, 'Regions', { type: 'CommaDelimitedList' }).valueAsList;
      const number = new CfnParameter(stack, 'Number', { type: 'Number' }).valueAsNumber;
      expect(baseProblems(scope, {
        ...props,
        regions,
        regionOrder: ['eu-west-1'],
        stackSetName: stack.stackName,
        description: stack.stackName,
        maxConcurrentPercentage: number,
        failureToleranceCount: number,
      }).filter((p) => p !== undefined)).toEqual([]);
    });

    test('checks the concrete regions of regionOrder against regions, skipping its unresolved ones', () => {
      const { stack } = setup();
      expect(problemsOf({ regions: ['us-east-1'], regionOrder: [stack.region, 'ap-south-1', 'us-east-1'] })).toEqual([
        'regionOrder lists "ap-south-1", which regions does not: order only the regions the StackSet deploys to (us-east-1)',
      ]);
    });
  });

  describe('defineStackSet', () => {
    const strict = StackSetConcurrencyMode.STRICT_FAILURE_TOLERANCE;

    test('warns only when STRICT_FAILURE_TOLERANCE caps maxConcurrentCount, i.e. above failureToleranceCount plus one', () => {
      expect(define({ concurrencyMode: strict, failureToleranceCount: 3, maxConcurrentCount: 4 }).warnings).toEqual([]);
      expect(define({ concurrencyMode: strict, failureToleranceCount: 3, maxConcurrentCount: 5 }).warnings).toEqual([
        'concurrencyMode STRICT_FAILURE_TOLERANCE caps concurrency at failureToleranceCount (3) plus one account, below maxConcurrentCount (5): '
          + 'use SOFT_FAILURE_TOLERANCE to keep the concurrency [ack: cdk-audit-baseline:stackset-strict-concurrency]',
      ]);
    });

    test('does not warn when the tolerance does not cap the concurrency, or in SOFT_FAILURE_TOLERANCE', () => {
      const quiet: Array<[string, Partial<StackSetRolloutBaseProps>]> = [
        ['STRICT with the default percentages (100% and 100%)', { concurrencyMode: strict }],
        ['STRICT with a tolerance equal to the concurrency', { concurrencyMode: strict, maxConcurrentPercentage: 40, failureTolerancePercentage: 40 }],
        ['STRICT with a count and the other default percentage', { concurrencyMode: strict, maxConcurrentCount: 10 }],
        ['SOFT with a tolerance far below the concurrency', { failureToleranceCount: 0, maxConcurrentCount: 50 }],
      ];
      expect(quiet.map(([name, overrides]) => [name, define(overrides).warnings])).toEqual(quiet.map(([name]) => [name, []]));
    });

    test('a template parameter with a default needs no value; one without gets it from parameters', () => {
      const { problems } = define({ parameters: { ExternalId: 'tenant-1234' } }, (inner) => {
        addTopic(inner);
        new CfnParameter(inner, 'ExternalId', { type: 'String' });
        new CfnParameter(inner, 'Suffix', { type: 'String', default: 'audit' });
      });
      expect(problems).toEqual([]);
    });

    test('named IAM resources with unresolved regions are not reported: the region count is unknown', () => {
      const stack = new Stack(new App(), 'Host');
      const inner = templateStack(stack);
      addNamedRole(inner);
      const scope = new Construct(stack, 'Rollout');
      const regions = new CfnParameter(stack, 'Regions', { type: 'CommaDelimitedList' }).valueAsList;
      defineStackSet(scope, { template: StackSetTemplate.fromStack(inner), regions }, { permissionModel: 'SELF_MANAGED', deploymentTargets: { accounts: ['444455556666'] } });
      expect(scope.node.validate()).toEqual([]);
    });
  });
});
