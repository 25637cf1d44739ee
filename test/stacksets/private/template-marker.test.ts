import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import { markStackSetTemplate, STACK_SET_TEMPLATE_METADATA } from '../../../src/stacksets/private/template-marker';

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
