import { App, Stack } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { AuditTrail, CentralEventQueue, EventStreamRule, RegionalDeployment } from '../src';
import type { ExampleApp } from './registry';

/** The security account that hosts the receiving queue (fake). */
const SECURITY_ACCOUNT = '111122223333';
/** A monitored member account (fake). */
const MEMBER_ACCOUNT = '444455556666';
/** The organization (fake). */
const ORGANIZATION_ID = 'o-a1b2c3d4e5';
/** The vendor role that polls the queue (fake). */
const VENDOR_ROLE_NAME = 'VendorEventReader';

/**
 * The VMware Aria guide's event stream, self-hosted: the member account
 * gets one trail and a rule + `cloudcoreo-events` topic in each region, every topic
 * subscribed to one `cloudcoreo-events-queue` in us-west-2 of the security
 * account, which admits the organization's topics and lets the vendor read.
 */
export const example: ExampleApp = {
  name: 'event-stream-vmware',
  description: 'VMware Aria event stream: trail, per-region rule and cloudcoreo-events topic, central queue in us-west-2',
  define(app: App): Stack[] {
    const receiver = new Stack(app, 'EventStreamReceiver', {
      env: { account: SECURITY_ACCOUNT, region: 'us-west-2' },
      description: 'Central cloudcoreo-events-queue for the organization\'s event streams',
    });
    new CentralEventQueue(receiver, 'Queue', {
      sourceOrganizationId: ORGANIZATION_ID,
      consumerPrincipalArns: [receiver.formatArn({ service: 'iam', region: '', account: SECURITY_ACCOUNT, resource: 'role', resourceName: VENDOR_ROLE_NAME })],
    });

    const trail = new Stack(app, 'EventStreamTrail', {
      env: { account: MEMBER_ACCOUNT, region: 'us-east-1' },
      description: 'The one multi-region trail the event stream needs',
    });
    new AuditTrail(trail, 'Trail', { trailName: 'audit-trail' });

    const regions = new RegionalDeployment(app, 'EventStream', {
      regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
      account: MEMBER_ACCOUNT,
    });
    for (const stack of regions.stacks) {
      new EventStreamRule(stack, 'EventStream', {
        // The queue's ARN, built from its known name: a cross-region,
        // cross-account reference cannot use central.queueArn directly.
        // The partition comes from the queue's region, so the ARN is a literal.
        queueArn: stack.formatArn({
          partition: RegionInfo.get('us-west-2').partition,
          service: 'sqs',
          region: 'us-west-2',
          account: SECURITY_ACCOUNT,
          resource: 'cloudcoreo-events-queue',
        }),
      });
    }
    return [receiver, trail, ...regions.stacks];
  },
};
