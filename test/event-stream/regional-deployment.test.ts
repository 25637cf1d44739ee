import { App, Stack, Stage, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AuditedService, AuditedServices, EventStreamRule, MissingGlobalEventsRegion, RegionalDeployment, RegionalDeploymentProps } from '../../src/event-stream';

const QUEUE = 'arn:aws:sqs:us-west-2:111122223333:cloudcoreo-events-queue';

function deploy(props: RegionalDeploymentProps, services?: AuditedServices, queueArn = QUEUE): { app: App; regions: RegionalDeployment } {
  const app = new App();
  const regions = new RegionalDeployment(app, 'EventStream', props);
  for (const stack of regions.stacks) {
    new EventStreamRule(stack, 'EventStream', { queueArn, services });
  }
  return { app, regions };
}

describe('RegionalDeployment', () => {
  test('defines one stack per region, named <prefix>-<region>, in the given account (R-029)', () => {
    const { regions } = deploy({ regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'], account: '123456789012' });
    expect(regions.stacks.map((s) => [s.stackName, s.region, s.account])).toEqual([
      ['EventStream-us-east-1', 'us-east-1', '123456789012'],
      ['EventStream-eu-west-1', 'eu-west-1', '123456789012'],
      ['EventStream-ap-southeast-2', 'ap-southeast-2', '123456789012'],
    ]);
  });

  test('each stack holds its own rule and topic', () => {
    const { regions } = deploy({ regions: ['us-east-1', 'eu-west-1'] });
    for (const stack of regions.stacks) {
      const t = Template.fromStack(stack);
      t.resourceCountIs('AWS::Events::Rule', 1);
      t.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'cloudcoreo-events' });
    }
  });

  test('stackNamePrefix and stackFor work', () => {
    const { regions } = deploy({ regions: ['us-east-1', 'eu-west-1'], stackNamePrefix: 'audit-events' });
    expect(regions.stackFor('eu-west-1').stackName).toBe('audit-events-eu-west-1');
    expect(() => regions.stackFor('us-west-2')).toThrow('EventStream: stackFor("us-west-2"): the region is not one of regions (us-east-1, eu-west-1)');
  });

  test('regions with us-east-1 synthesize when global services are watched (A-10)', () => {
    const { app } = deploy({ regions: ['eu-west-1', 'us-east-1'] });
    expect(() => app.synth()).not.toThrow();
  });

  test('regions without us-east-1 fail at synth, naming the global services and the fix (A-10)', () => {
    const { app } = deploy({ regions: ['eu-west-1', 'us-west-2'] });
    expect(() => app.synth()).toThrow(
      'regions (eu-west-1, us-west-2) leave out us-east-1, the only region where EventBridge receives the API events of global services, '
      + 'yet the event streams watch cloudfront.amazonaws.com, iam.amazonaws.com, route53.amazonaws.com, waf.amazonaws.com: '
      + 'add "us-east-1" to regions, or set missingGlobalEventsRegion to WARN if another stream covers them',
    );
  });

  test('the error names the construct path', () => {
    const { app } = deploy({ regions: ['eu-west-1'] });
    expect(() => app.synth()).toThrow(/\[EventStream\]/);
  });

  test('ALL_SERVICES without us-east-1 fails too', () => {
    const { app } = deploy({ regions: ['eu-west-1'] }, AuditedServices.ALL_SERVICES);
    expect(() => app.synth()).toThrow(/yet the event streams watch every service, including the global ones/);
  });

  test('regional services only need no global-events region', () => {
    const { app } = deploy({ regions: ['eu-west-1'] }, AuditedServices.of(AuditedService.EC2, AuditedService.S3));
    expect(() => app.synth()).not.toThrow();
  });

  test('WARN turns the error into an acknowledgeable warning', () => {
    const { app, regions } = deploy({ regions: ['eu-west-1'], missingGlobalEventsRegion: MissingGlobalEventsRegion.WARN });
    expect(() => app.synth()).not.toThrow();
    // On the stack, where the CLI prints it (a stage's own metadata is in no stack artifact).
    const warnings = Annotations.fromStack(regions.stacks[0]).findWarning('*', Match.anyValue()).map((m) => String(m.entry.data));
    expect(warnings).toEqual([expect.stringMatching(/leave out us-east-1.*\[ack: cdk-audit-baseline:missingGlobalEventsRegion\]$/)]);
  });

  test('China regions require cn-north-1', () => {
    // The queue is in aws-cn too: an aws queue ARN from a China stack is refused since issue 15.
    const { app } = deploy({ regions: ['cn-northwest-1'] }, undefined, 'arn:aws-cn:sqs:cn-north-1:111122223333:cloudcoreo-events-queue');
    expect(() => app.synth()).toThrow(/leave out cn-north-1/);
  });

  test('China regions with cn-north-1 synthesize without a literal aws partition', () => {
    const cnQueue = 'arn:aws-cn:sqs:cn-north-1:111122223333:cloudcoreo-events-queue';
    const { regions } = deploy({ regions: ['cn-north-1', 'cn-northwest-1'], account: '123456789012' }, undefined, cnQueue);
    for (const stack of regions.stacks) {
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toMatch(/arn:aws:/);
    }
  });

  describe('bad input', () => {
    test.each([
      [{ regions: [] }, /regions must not be empty/],
      [{ regions: ['us-east-1', 'us-east-1'] }, /regions lists "us-east-1" more than once/],
      [{ regions: ['us-east-1', 'us-esat-1'] }, /regions\[1\] must be an AWS region name .*got "us-esat-1"/],
      [{ regions: ['us-east-1', 'cn-north-1'] }, /regions must all be in one partition, got regions of "aws" and "aws-cn"/],
      [{ regions: ['us-east-1'], account: '1234' }, /account must be a 12-digit AWS account ID/],
    ])('%j fails in the constructor', (props, message) => {
      expect(() => new RegionalDeployment(new App(), 'EventStream', props as RegionalDeploymentProps)).toThrow(message);
    });
  });
});

// Keep Annotations/Match imports meaningful: a region list that covers the
// global-events region yields no warning at all.
test('a covering region list yields no missing-region warning', () => {
  const app = new App();
  const regions = new RegionalDeployment(app, 'EventStream', { regions: ['us-east-1'], missingGlobalEventsRegion: MissingGlobalEventsRegion.WARN });
  new EventStreamRule(regions.stacks[0], 'EventStream');
  app.synth();
  Annotations.fromStack(regions.stacks[0]).hasNoWarning('*', Match.stringLikeRegexp('leave out'));
});

describe('RegionalDeployment is a Stage', () => {
  test('its stacks are the whole of its own cloud assembly, as a CDK Pipelines wave deploys a stage', () => {
    const { app, regions } = deploy({ regions: ['us-east-1', 'eu-west-1'], account: '123456789012' });
    expect(Stage.isStage(regions)).toBe(true);
    app.synth();
    const assembly = regions.synth();
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['EventStream-eu-west-1', 'EventStream-us-east-1']);
    // cdk deploy --all selects the top-level stacks only: none of these.
    expect(app.synth().stacks.map((s) => s.stackName)).toEqual([]);
    expect(app.synth().stacksRecursively.map((s) => s.hierarchicalId).sort()).toEqual(['EventStream/eu-west-1', 'EventStream/us-east-1']);
  });

  test('the stacks keep the construct paths they had as a construct, so resource logical IDs are unchanged', () => {
    const { regions } = deploy({ regions: ['us-east-1'] });
    expect(regions.stacks[0].node.path).toBe('EventStream/us-east-1');
    expect(Object.keys(Template.fromStack(regions.stacks[0]).findResources('AWS::Events::Rule'))).toEqual([expect.stringMatching(/^EventStreamRule[0-9A-F]{8}$/)]);
  });

  test('an App tag that does not reach into the stage is warned about on its first stack; the same tag on the stage is not', () => {
    const lacking = deploy({ regions: ['us-east-1'] });
    Tags.of(lacking.app).add('cost-center', 'security');
    lacking.app.synth();
    expect(Annotations.fromStack(lacking.regions.stacks[0]).findWarning('*', Match.stringLikeRegexp('outerAspects')).map((m) => String(m.entry.data)))
      .toEqual([expect.stringContaining('EventStream is a Stage, and CDK applies aspects only within the stage they are given to: tag "cost-center" from an enclosing scope does not reach its stacks')]);
    // What the warning says is true: the App's tag is not on the stage's resources.
    expect(JSON.stringify(Template.fromStack(lacking.regions.stacks[0]).toJSON())).not.toContain('cost-center');

    const covered = deploy({ regions: ['us-east-1'] });
    Tags.of(covered.app).add('cost-center', 'security');
    Tags.of(covered.regions).add('cost-center', 'security');
    covered.app.synth();
    Annotations.fromStack(covered.regions.stacks[0]).hasNoWarning('*', Match.stringLikeRegexp('outerAspects'));
    expect(JSON.stringify(Template.fromStack(covered.regions.stacks[0]).toJSON())).toContain('cost-center');
  });

  test('is refused inside a Stack, where cdk deploy would select none of its stacks', () => {
    const stack = new Stack(new App(), 'Host');
    expect(() => new RegionalDeployment(stack, 'EventStream', { regions: ['us-east-1'] }))
      .toThrow('Host/EventStream: RegionalDeployment defines its own stacks (one per region): define it in an App or a Stage, not in a Stack');
  });
});
