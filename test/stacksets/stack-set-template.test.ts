import * as os from 'os';
import * as path from 'path';
import { App, Aws, BootstraplessSynthesizer, CfnResource, DefaultStackSynthesizer, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { AwsLimits } from '../../src/core/limits';
import { OrgStackSetRollout, OrgStackSetRolloutProps, StackSetTemplate } from '../../src/stacksets';
import { cfnLint, unknownActions } from '../harness';
import { addNamedRole, addTopic, hostStack, templateStack } from './_helpers';

function rollout(stack: Stack, template: StackSetTemplate, props: Partial<OrgStackSetRolloutProps> = {}) {
  return new OrgStackSetRollout(stack, 'Rollout', { template, organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'], ...props });
}

function templateBody(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet');
  return JSON.parse(Object.values<any>(resources)[0].Properties.TemplateBody);
}

describe('StackSetTemplate', () => {
  test('fromStack inlines exactly the stack\'s synthesized template (R-325, R-326)', () => {
    const { stack } = hostStack();
    const inner = templateStack(stack);
    addNamedRole(inner);
    rollout(stack, StackSetTemplate.fromStack(inner));
    expect(templateBody(stack)).toEqual(Template.fromStack(inner).toJSON());
  });

  test('renders the template as compact JSON', () => {
    const { stack } = hostStack();
    const inner = templateStack(stack);
    addTopic(inner);
    rollout(stack, StackSetTemplate.fromStack(inner));
    const body: string = Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'))[0].Properties.TemplateBody;
    expect(body).toBe(JSON.stringify(JSON.parse(body)));
  });

  test('renders IAM ARNs through AWS::Partition, never a literal arn:aws: (A-82)', () => {
    const { stack } = hostStack();
    const inner = templateStack(stack);
    addNamedRole(inner);
    rollout(stack, StackSetTemplate.fromStack(inner));
    const body = JSON.stringify(templateBody(stack));
    expect(body).toContain('AWS::Partition');
    expect(body).not.toContain('arn:aws:');
  });

  test('sees resources added to the stack after the rollout was defined (rendering happens at synth)', () => {
    const { stack } = hostStack();
    const inner = templateStack(stack);
    rollout(stack, StackSetTemplate.fromStack(inner));
    addTopic(inner);
    expect(Object.values<any>(templateBody(stack).Resources).map((r) => r.Type)).toContain('AWS::SNS::Topic');
  });

  test('fromStack refuses a nested stack', () => {
    const { stack } = hostStack();
    const nested = new NestedStack(stack, 'Nested');
    expect(() => StackSetTemplate.fromStack(nested)).toThrow(/^Host\/Nested: StackSetTemplate.fromStack needs a stack of its own, got a NestedStack/);
  });

  test('fromStage takes the only stack of a stage', () => {
    const { stack } = hostStack();
    const stage = new Stage(stack, 'Templates');
    const inner = new Stack(stage, 'Topic', { synthesizer: new BootstraplessSynthesizer() });
    addTopic(inner);
    const template = StackSetTemplate.fromStage(stage);
    expect(template.stack).toBe(inner);
  });

  test('fromStage fails for a stage with two stacks, naming them', () => {
    const { stack } = hostStack();
    const stage = new Stage(stack, 'Templates');
    new Stack(stage, 'A');
    new Stack(stage, 'B');
    expect(() => StackSetTemplate.fromStage(stage)).toThrow(
      /^Host\/Templates: StackSetTemplate.fromStage needs a stage with exactly one stack, found "Host\/Templates\/A", "Host\/Templates\/B"/,
    );
  });

  test('fromStage fails for an empty stage', () => {
    const { stack } = hostStack();
    expect(() => StackSetTemplate.fromStage(new Stage(stack, 'Templates'))).toThrow(/exactly one stack, found none/);
  });

  test('fails if the stack has an account in its env', () => {
    const { stack } = hostStack();
    const stage = new Stage(stack, 'Templates');
    const inner = new Stack(stage, 'T', { env: { account: '444455556666' }, synthesizer: new BootstraplessSynthesizer() });
    expect(() => rollout(stack, StackSetTemplate.fromStack(inner))).toThrow(
      /^Host\/Rollout: template \(stack "Host\/Templates\/T"\) has account "444455556666" in its env: .*define the stack without env/,
    );
  });

  test('an env the template stack takes from an enclosing stage (a pipeline stage\'s) is named as inherited, with the fix', () => {
    const app = new App();
    const pipelineStage = new Stage(app, 'Prod', { env: { account: '444455556666', region: 'eu-west-1' } });
    const host = new Stack(pipelineStage, 'Host');
    const inner = new Stack(new Stage(host, 'Templates'), 'T', { synthesizer: new BootstraplessSynthesizer() });
    expect(() => rollout(host, StackSetTemplate.fromStack(inner))).toThrow(
      'Prod/Host/Rollout: template (stack "Prod/Host/Templates/T") has account "444455556666" and region "eu-west-1" from the env of the stage "Prod/Host/Templates" around it '
      + '(a stack without env takes its stage\'s), but a StackSet deploys one template to many accounts and regions: give the template stack env '
      + '{ account: Aws.ACCOUNT_ID, region: Aws.REGION } to keep it environment-agnostic',
    );
    // The fix it gives works.
    const otherHost = new Stack(pipelineStage, 'OtherHost');
    const fixed = new Stack(new Stage(otherHost, 'Templates'), 'T', { synthesizer: new BootstraplessSynthesizer(), env: { account: Aws.ACCOUNT_ID, region: Aws.REGION } });
    new sns.Topic(fixed, 'Topic');
    rollout(otherHost, StackSetTemplate.fromStack(fixed));
    expect(Object.keys(templateBody(otherHost).Resources)).toEqual([expect.stringMatching(/^Topic/)]);
  });

  test('fails if the stack has a region in its env', () => {
    const { stack } = hostStack();
    const stage = new Stage(stack, 'Templates');
    const inner = new Stack(stage, 'T', { env: { region: 'eu-west-1' }, synthesizer: new BootstraplessSynthesizer() });
    expect(() => rollout(stack, StackSetTemplate.fromStack(inner))).toThrow(/has region "eu-west-1" in its env/);
  });

  test('fails if the stack is in the rollout\'s own app (it would also deploy as a plain stack)', () => {
    const { app, stack } = hostStack();
    const inner = new Stack(app, 'Plain', { synthesizer: new BootstraplessSynthesizer() });
    expect(() => rollout(stack, StackSetTemplate.fromStack(inner))).toThrow(
      /template \(stack "Plain"\) is in the same App or Stage as the rollout, so cdk deploy would also deploy it as a plain stack.*a Stage with id "MemberTemplates"/,
    );
  });

  test('fails if the stack is in a separate app that writes to the same outdir', () => {
    const outdir = path.join(os.tmpdir(), `stacksets-same-outdir-${process.pid}`);
    const app = new App({ outdir });
    const stack = new Stack(app, 'Host');
    const other = new App({ outdir });
    const inner = new Stack(other, 'T', { synthesizer: new BootstraplessSynthesizer() });
    expect(() => rollout(stack, StackSetTemplate.fromStack(inner))).toThrow(/separate App that writes to the same directory as the deploying app/);
  });

  test('accepts a stack in a separate app with its own outdir', () => {
    const { stack } = hostStack();
    const inner = new Stack(new App(), 'T', { synthesizer: new BootstraplessSynthesizer() });
    addTopic(inner);
    rollout(stack, StackSetTemplate.fromStack(inner));
    expect(Object.keys(templateBody(stack).Resources)).toHaveLength(2);
  });

  test('fails synthesis for file assets, naming them and the alternative', () => {
    const { app, stack } = hostStack();
    const stage = new Stage(stack, 'Templates');
    const inner = new Stack(stage, 'T', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
    new s3assets.Asset(inner, 'Code', { path: __filename });
    rollout(stack, StackSetTemplate.fromStack(inner));
    expect(() => app.synth()).toThrow(/template \(stack "Host\/Templates\/T"\) uses assets \(file ".*"\), which a StackSet cannot carry: .*lambda.Code.fromInline/s);
  });

  test('with BootstraplessSynthesizer, an asset is refused where it is added', () => {
    const { stack } = hostStack();
    const inner = templateStack(stack);
    expect(() => new s3assets.Asset(inner, 'Code', { path: __filename })).toThrow(/BootstraplessSynthesizer/);
  });

  test('fails synthesis for the CDK bootstrap version check, naming BootstraplessSynthesizer', () => {
    const { app, stack } = hostStack();
    const inner = new Stack(new Stage(stack, 'Templates'), 'T');
    addTopic(inner);
    rollout(stack, StackSetTemplate.fromStack(inner));
    expect(() => app.synth()).toThrow(/carries the CDK bootstrap version check .*set the stack's synthesizer prop to a BootstraplessSynthesizer/s);
  });

  test('refuses a stack with context lookups: a lookup needs the env that a StackSet template must not have', () => {
    const { stack } = hostStack();
    const inner = new Stack(new Stage(stack, 'Templates'), 'T', {
      env: { account: '444455556666', region: 'us-east-1' },
      synthesizer: new BootstraplessSynthesizer(),
    });
    new sns.Topic(inner, 'Topic', { displayName: ssm.StringParameter.valueFromLookup(inner, '/vendor/name') });
    expect(() => rollout(stack, StackSetTemplate.fromStack(inner))).toThrow(/has account "444455556666" in its env/);
  });

  test('reports context lookups when rendering, with the deploy-time alternative', () => {
    const { stack } = hostStack();
    const inner = new Stack(new Stage(stack, 'Templates'), 'T', {
      env: { account: '444455556666', region: 'us-east-1' },
      synthesizer: new BootstraplessSynthesizer(),
    });
    new sns.Topic(inner, 'Topic', { displayName: ssm.StringParameter.valueFromLookup(inner, '/vendor/name') });
    const problems = StackSetTemplate.fromStack(inner)._render('template').problems;
    expect(problems).toEqual([expect.stringMatching(/uses context lookups \(ssm .*\{\{resolve:ssm:\/name\}\}/s)]);
  });

  test('fails synthesis for a reference to another stack', () => {
    const { app, stack } = hostStack();
    const stage = new Stage(stack, 'Templates');
    const producer = new Stack(stage, 'Producer', { synthesizer: new BootstraplessSynthesizer() });
    const topic = addTopic(producer);
    const consumer = new Stack(stage, 'Consumer', { synthesizer: new BootstraplessSynthesizer() });
    new ssm.StringParameter(consumer, 'TopicArn', { stringValue: topic.topicArn });
    rollout(stack, StackSetTemplate.fromStack(consumer));
    expect(() => app.synth()).toThrow(/references stack ".*Producer.*" \(a cross-stack reference or an explicit dependency\)/);
  });

  test('fails synthesis for nested stacks', () => {
    const { app, stack } = hostStack();
    const inner = new Stack(new Stage(stack, 'Templates'), 'T', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
    addTopic(new NestedStack(inner, 'Nested'));
    rollout(stack, StackSetTemplate.fromStack(inner));
    expect(() => app.synth()).toThrow(/contains nested stacks \(.*\): .*do not deploy nested stacks/s);
  });

  test('fails synthesis for a transform', () => {
    const { app, stack } = hostStack();
    const inner = templateStack(stack);
    addTopic(inner);
    inner.addTransform('AWS::Serverless-2016-10-31');
    rollout(stack, StackSetTemplate.fromStack(inner));
    expect(() => app.synth()).toThrow(/declares Transform "AWS::Serverless-2016-10-31": service-managed StackSets do not run transforms or macros/);
  });

  test('fails synthesis over the 51,200-byte TemplateBody limit, with the size and the alternative', () => {
    const { app, stack } = hostStack();
    const inner = templateStack(stack);
    new CfnResource(inner, 'Big', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: 'x'.repeat(52_000) } });
    rollout(stack, StackSetTemplate.fromStack(inner));
    expect(() => app.synth()).toThrow(/renders to 52,\d{3} bytes, the StackSet TemplateBody limit is 51,200: split it into two rollouts/);
  });

  test('accepts a template just under the limit', () => {
    const { app, stack } = hostStack();
    const inner = templateStack(stack);
    const overhead = JSON.stringify({ Resources: { Big: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: '' } } } }).length;
    new CfnResource(inner, 'Big', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: 'x'.repeat(51_200 - overhead) } });
    rollout(stack, StackSetTemplate.fromStack(inner));
    expect(() => app.synth()).not.toThrow();
  });

  test('checks the size against the given limits', () => {
    const { app, stack } = hostStack();
    const inner = templateStack(stack);
    addTopic(inner);
    rollout(stack, StackSetTemplate.fromStack(inner), { limits: AwsLimits.of({ stackSetTemplateBodyBytes: 100 }) });
    expect(() => app.synth()).toThrow(/the StackSet TemplateBody limit is 100/);
  });

  test('the rendered template passes cfn-lint and emits only existing IAM actions', () => {
    const { app, stack } = hostStack();
    const inner = templateStack(stack);
    addNamedRole(inner);
    addTopic(inner);
    rollout(stack, StackSetTemplate.fromStack(inner));
    const assembly = app.synth();
    const nested = assembly.nestedAssemblies[0].nestedAssembly;
    const artifact = nested.getStackArtifact(inner.artifactId);
    expect(unknownActions(artifact.template)).toEqual([]);
    expect(cfnLint([artifact.templateFullPath, assembly.getStackArtifact(stack.artifactId).templateFullPath])).toEqual([]);
  });
});
