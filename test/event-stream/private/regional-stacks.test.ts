import { App } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { EventStreamRule } from '../../../src/event-stream';
import { defineRegionalStacks, RegionalStacksOptions } from '../../../src/event-stream/private/regional-stacks';

const QUEUE = 'arn:aws:sqs:us-west-2:111122223333:cloudcoreo-events-queue';
const OPTIONS: RegionalStacksOptions = {
  regions: ['eu-west-1'],
  stackNamePrefix: 'Audit-event-stream',
  stackNamePrefixLabel: 'the stack name prefix "Audit-event-stream"',
  regionsLabel: 'eventStreamRegions',
  failOnMissingGlobalEvents: true,
  otherFix: 'watch only regional services (eventStreamServices)',
};

function define(options: Partial<RegionalStacksOptions>) {
  const app = new App();
  const scope = new Construct(app, 'EventStream');
  const defined = defineRegionalStacks(scope, { ...OPTIONS, ...options });
  for (const stack of defined.stacks) new EventStreamRule(stack, 'EventStream', { queueArn: QUEUE });
  return { app, defined };
}

describe('defineRegionalStacks', () => {
  test('one stack per region under the scope, named <prefix>-<region>, with the partition facts', () => {
    const { defined } = define({ regions: ['us-east-1', 'eu-west-1'], account: '123456789012' });
    expect(defined.stacks.map((s) => [s.node.path, s.stackName, s.account, s.region])).toEqual([
      ['EventStream/us-east-1', 'Audit-event-stream-us-east-1', '123456789012', 'us-east-1'],
      ['EventStream/eu-west-1', 'Audit-event-stream-eu-west-1', '123456789012', 'eu-west-1'],
    ]);
    expect([defined.partition, defined.globalEventsRegion, defined.regions]).toEqual(['aws', 'us-east-1', ['us-east-1', 'eu-west-1']]);
  });

  test('messages name the caller\'s props: the regions label, the stack-name prefix label and the other fix', () => {
    expect(() => define({ regions: ['eu-west-1', 'eu-west-1'] })).toThrow(/eventStreamRegions/);
    expect(() => define({ stackNamePrefix: 'x'.repeat(120) })).toThrow(/the stack name prefix "Audit-event-stream" with "-eu-west-1"/);
    const { app } = define({});
    expect(() => app.synth()).toThrow(/eventStreamRegions \(eu-west-1\) leave out us-east-1, .*: add "us-east-1" to eventStreamRegions, or watch only regional services \(eventStreamServices\)$/);
  });

  test('when told not to fail, the missed global events are a warning on the first stack', () => {
    const { app, defined } = define({ failOnMissingGlobalEvents: false });
    app.synth();
    expect(Annotations.fromStack(defined.stacks[0]).findWarning('*', Match.stringLikeRegexp('leave out us-east-1'))).toHaveLength(1);
  });
});
