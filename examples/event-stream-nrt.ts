import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NrtPublisher, NrtReceiver, NrtReceiverRolePolicies, RegionalDeployment } from '../src';
import type { ExampleApp } from './registry';

/** The receiver account (fake; the guide's example is 931709186019). */
const RECEIVER_ACCOUNT = '111122223333';
/** A publisher account (fake). */
const PUBLISHER_ACCOUNT = '444455556666';
const REGIONS = ['us-east-1', 'eu-west-1'];

/**
 * The McAfee MVISION Cloud / Skyhigh Security near-real-time configuration
 * audit, self-provisioned: in the receiver, a queue per region fed by the
 * default bus, which admits the
 * publisher; in the publisher, a rule per region forwarding to the
 * receiver's bus in the same region. The receiver is also monitored: its
 * own rule sees its own events.
 */
export const example: ExampleApp = {
  name: 'event-stream-nrt',
  description: 'Skyhigh / MVISION Cloud NRT: receiver queue and bus policy per region, publisher forwarding rule per region',
  define(app: App): Stack[] {
    const receivers = new RegionalDeployment(app, 'NrtReceiver', { regions: REGIONS, account: RECEIVER_ACCOUNT });
    for (const stack of receivers.stacks) {
      new NrtReceiver(stack, 'Receiver', {
        publisherAccountIds: [PUBLISHER_ACCOUNT],
        consumerRole: iam.Role.fromRoleName(stack, 'VendorRole', 'MVC_for_AWS_role', { mutable: true }),
      });
    }
    // The vendor role's two policies are account-wide: once, not per region.
    new NrtReceiverRolePolicies(receivers.stackFor('us-east-1'), 'VendorPolicies');
    const publishers = new RegionalDeployment(app, 'NrtPublisher', { regions: REGIONS, account: PUBLISHER_ACCOUNT });
    for (const stack of publishers.stacks) {
      new NrtPublisher(stack, 'Publisher', { receiverAccountId: RECEIVER_ACCOUNT });
    }
    return [...receivers.stacks, ...publishers.stacks];
  },
};
