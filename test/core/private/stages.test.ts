import { App, Aspects, IAspect, Stack, Stage, Tags } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct, IConstruct } from 'constructs';
import { stackPlacementProblem, warnOfOuterAspects } from '../../../src/core/private/stages';

class Checker implements IAspect {
  public visit(_node: IConstruct): void {}
}

function stageIn(app: App): { stage: Stage; stack: Stack } {
  const stage = new Stage(app, 'Onboarding');
  const stack = new Stack(stage, 'Account');
  warnOfOuterAspects(stage, stack);
  return { stage, stack };
}

function warnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((m) => String(m.entry.data));
}

describe('warnOfOuterAspects', () => {
  test('names each aspect class and tag key of the App that the stage lacks, with the fix', () => {
    const app = new App();
    Aspects.of(app).add(new Checker());
    Tags.of(app).add('team', 'security');
    const { stack } = stageIn(app);
    app.synth();
    expect(warnings(stack)).toEqual([
      'Onboarding is a Stage, and CDK applies aspects only within the stage they are given to: Checker, tag "team" from an enclosing scope do not reach its stacks. '
      + 'Apply them to the stage too, e.g. Aspects.of(stage).add(new AwsSolutionsChecks()) or Tags.of(stage).add(key, value) [ack: cdk-audit-baseline:outerAspects]',
    ]);
  });

  test('aspects the stage or its stack applies too (another instance of the class, the same tag key) are not named', () => {
    const app = new App();
    Aspects.of(app).add(new Checker());
    Tags.of(app).add('team', 'security');
    Tags.of(app).add('cost-center', '42');
    const { stage, stack } = stageIn(app);
    Aspects.of(stage).add(new Checker());
    Tags.of(stack).add('team', 'security');
    app.synth();
    expect(warnings(stack)).toEqual([expect.stringContaining(': tag "cost-center" from an enclosing scope does not reach its stacks. Apply it to the stage too')]);
  });

  test('no warning when no enclosing scope has aspects', () => {
    const app = new App();
    const { stack } = stageIn(app);
    app.synth();
    expect(warnings(stack)).toEqual([]);
  });
});

describe('stackPlacementProblem', () => {
  test('names the class, what it defines and the fix when the stage is anywhere inside a Stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Host');
    class Onboarding extends Stage {}
    const deep = new Onboarding(new Construct(stack, 'Group'), 'Onboarding');
    expect(stackPlacementProblem(deep, 'one per region')).toBe('Onboarding defines its own stacks (one per region): define it in an App or a Stage, not in a Stack');
  });

  test('no problem in an App or in a Stage', () => {
    const app = new App();
    expect(stackPlacementProblem(new Stage(app, 'A'), 'x')).toBeUndefined();
    expect(stackPlacementProblem(new Stage(new Stage(app, 'Outer'), 'B'), 'x')).toBeUndefined();
  });
});
