import { App, BootstraplessSynthesizer, Stack, Stage, Token } from 'aws-cdk-lib';
import { defineTemplateStack, markStackSetTemplate, STACK_SET_TEMPLATE_METADATA } from '../../../src/stacksets/private/template-stack';

describe('markStackSetTemplate', () => {
  test('marks the stack once, however often it is called, and the mark reaches the stack artifact', () => {
    const app = new App();
    const stack = new Stack(new Stage(app, 'Templates'), 'Role', { synthesizer: new BootstraplessSynthesizer() });
    markStackSetTemplate(stack);
    markStackSetTemplate(stack);
    expect(stack.node.metadata.filter((m) => m.type === STACK_SET_TEMPLATE_METADATA).map((m) => m.data)).toEqual([true]);
    const artifact = app.synth().getNestedAssembly('assembly-Templates').getStackByName(stack.stackName);
    expect(artifact.findMetadataByType(STACK_SET_TEMPLATE_METADATA).map((m) => [m.path, m.data])).toEqual([['/Templates/Role', true]]);
  });

  test('an unmarked stack carries no mark', () => {
    const app = new App();
    const stack = new Stack(app, 'Plain');
    expect(app.synth().getStackByName(stack.stackName).findMetadataByType(STACK_SET_TEMPLATE_METADATA)).toEqual([]);
  });
});

describe('defineTemplateStack', () => {
  test('is bootstrapless and environment-agnostic even inside a stage with an env', () => {
    const app = new App();
    const pipelineStage = new Stage(app, 'Prod', { env: { account: '444455556666', region: 'eu-west-1' } });
    const stack = defineTemplateStack(new Stage(new Stack(pipelineStage, 'Host'), 'Templates'), 'Role', 'a member role');
    expect([Token.isUnresolved(stack.account), Token.isUnresolved(stack.region)]).toEqual([true, true]);
    expect(stack.resolve(stack.account)).toEqual({ Ref: 'AWS::AccountId' });
    expect(stack.synthesizer).toBeInstanceOf(BootstraplessSynthesizer);
    expect(stack.templateOptions.description).toBe('a member role');
  });
});
