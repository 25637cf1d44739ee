import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { AuditTrail, CentralEventQueue, EventStreamRule } from '../src';

/**
 * One account, one region: the trail, an event stream rule and topic, and a
 * central queue that admits this account's `cloudcoreo-events` topics. The
 * committed snapshot is what the offline integ run compares.
 */
const app = new App();
const stack = new Stack(app, 'AuditBaselineEventStream', { env: { account: '123456789012', region: 'us-east-1' } });

const central = new CentralEventQueue(stack, 'Queue', {
  queueName: 'integ-cloudcoreo-events-queue',
  sourceAccountIds: ['123456789012'],
  sourceTopicName: 'integ-cloudcoreo-events',
});
new EventStreamRule(stack, 'EventStream', {
  topicName: 'integ-cloudcoreo-events',
  queueArn: central.queueArn,
});
new AuditTrail(stack, 'Trail', { trailName: 'integ-audit-trail' });

new IntegTest(app, 'EventStream', { testCases: [stack] });
