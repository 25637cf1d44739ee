import { App, Stack } from 'aws-cdk-lib';
import { SkyhighNrtConfigAudit, SkyhighNrtMode } from '../src';
import { acknowledgeFinding } from './nag';
import type { ExampleApp } from './registry';

/** The receiver account, monitored too (fake; the guide's example is 931709186019). */
const RECEIVER_ACCOUNT = '111122223333';
/** The organization's management account, a publisher (fake). */
const MANAGEMENT_ACCOUNT = '123456789012';
/** A standalone account that provisions its own queue and rules (fake). */
const SELF_PROVISIONED_ACCOUNT = '777788889999';
const ROOT_ID = 'r-ab12';
const REGIONS = ['us-east-1', 'eu-west-1'];

const ADMIN_REASON = 'The guide lets the StackSet administration role assume AWSCloudFormationStackSetExecutionRole in any account: the vendor adds publisher accounts later';
const EXECUTION_REASON = 'The guide grants the vendor\'s StackSet these stack, rule and queue actions on every resource: the vendor names its stacks, rules and queues itself';
const QUEUES_REASON = 'The receiver\'s StackSet creates one queue per region, named by CloudFormation: the queue actions apply to the queues of the vendor\'s name prefix (StackSet-) only';
const DERIVED_REASON = 'Derived from the library\'s NRT templates: CloudFormation names the queues, rules and roles of each StackSet instance at deployment, '
  + 'so the actions apply to every resource; only the receiver\'s StackSet administration role may assume the execution role (narrowExecutionRoleTrust)';

/**
 * The McAfee MVISION Cloud / Skyhigh Security NRT guide: the receiver
 * account, which is also a publisher (the guide's single-account setup), and the organization's management
 * account as a publisher whose members get the publisher role from a
 * service-managed StackSet. Both narrow the execution roles' trust to the
 * receiver's StackSet administration role, the hardening AWS recommends.
 * A third, standalone account is self-provisioned: its StackSet
 * defines the queue, bus policy and rule in each region instead of the
 * vendor's.
 */
export const example: ExampleApp = {
  name: 'presets-skyhigh-nrt',
  description: 'Skyhigh / MVISION Cloud NRT preset: receiver that is also a publisher, an organization of publishers, and a self-provisioned account',
  define(app: App): Stack[] {
    const receiver = new Stack(app, 'SkyhighNrtReceiver', {
      env: { account: RECEIVER_ACCOUNT, region: 'us-east-1' },
      description: 'Skyhigh NRT configuration audit: receiver and publisher',
    });
    const nrt = new SkyhighNrtConfigAudit(receiver, 'Nrt', { regions: REGIONS, narrowExecutionRoleTrust: true });
    acknowledgeFinding(nrt.adminRole!.policy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole]', ADMIN_REASON);
    acknowledgeFinding(nrt.executionPolicy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::*]', EXECUTION_REASON);
    acknowledgeFinding(nrt.executionPolicy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:*:<AWS::AccountId>:StackSet-*]', QUEUES_REASON);

    const management = new Stack(app, 'SkyhighNrtPublishers', {
      env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' },
      description: 'Skyhigh NRT configuration audit: the management account and every member account as publishers',
    });
    const publishers = new SkyhighNrtConfigAudit(management, 'Nrt', {
      mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER_ACCOUNT, organizationalUnitIds: [ROOT_ID] }),
      // Only the receiver's StackSet administration role may assume the
      // execution roles, not every principal of the receiver account.
      narrowExecutionRoleTrust: true,
    });
    for (const policy of [publishers.executionPolicy, publishers.memberExecutionRole!.policy!]) {
      acknowledgeFinding(policy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::*]', EXECUTION_REASON);
    }

    // Not confirmed by the vendor: the console must not provision NRT for
    // this account too, or the queues and rules exist twice.
    const standalone = new Stack(app, 'SkyhighNrtSelfProvisioned', {
      env: { account: SELF_PROVISIONED_ACCOUNT, region: 'us-east-1' },
      description: 'Skyhigh NRT configuration audit: receiver and publisher whose queue and rules the library defines',
    });
    const self = new SkyhighNrtConfigAudit(standalone, 'Nrt', { regions: REGIONS, selfProvisioned: true });
    acknowledgeFinding(self.adminRole!.policy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole]', ADMIN_REASON);
    acknowledgeFinding(self.executionPolicy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::*]', EXECUTION_REASON);
    acknowledgeFinding(self.executionPolicy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:*:<AWS::AccountId>:StackSet-*]', QUEUES_REASON);
    acknowledgeFinding(self.selfProvisioningPolicy!.policy.node.defaultChild!, 'AwsSolutions-IAM5[Resource::*]', DERIVED_REASON);
    for (const queues of ['StackSet-*', 'StackSet-nrt-*']) {
      acknowledgeFinding(self.selfProvisioningPolicy!.policy.node.defaultChild!, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:*:<AWS::AccountId>:${queues}]`, QUEUES_REASON);
    }
    return [receiver, management, standalone];
  },
};
