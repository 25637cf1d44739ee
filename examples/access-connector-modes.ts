import { App, Stack, Validations } from 'aws-cdk-lib';
import { AssumeRoleConnector, AuditAccessKeyUser, AuditInstanceProfileRole, AuditPermissions } from '../src';
import { acknowledgeFinding, SECURITY_AUDIT_IAM4 } from './nag';
import type { ExampleApp } from './registry';

/** The monitored commercial account (fake). */
const MONITORED_ACCOUNT = '444455556666';
/** A monitored GovCloud account (fake). */
const GOVCLOUD_ACCOUNT = '555566667777';

const SMG4_REASON = 'Secrets Manager cannot rotate an IAM access key without a rotation function; the key is rotated by bumping accessKeySerial and redeploying, as documented';

/**
 * The alternatives to a cross-account role: SkyFormation's STSAssumeRole and
 * InstanceProfile modes in a commercial account, and VMware's
 * GovCloud access-key user with its secret in Secrets Manager.
 */
export const example: ExampleApp = {
  name: 'access-connector-modes',
  description: 'Access without vendor role trust: assume-role connector user, EC2 instance profile, GovCloud access-key user',
  define(app: App): Stack[] {
    const commercial = new Stack(app, 'AccessConnectorModes', {
      env: { account: MONITORED_ACCOUNT, region: 'us-east-1' },
      description: 'SkyFormation STSAssumeRole and InstanceProfile modes',
    });
    const connector = new AssumeRoleConnector(commercial, 'StsAssumeRole', {
      roleName: 'SkyFormationConnectorRole',
      connectorUserName: 'skyformation-connector',
      securityAudit: false,
      permissions: [
        AuditPermissions.CLOUDTRAIL_READ, AuditPermissions.IAM_READ, AuditPermissions.CLOUDWATCH_LOGS_READ,
        AuditPermissions.CLOUDWATCH_READ, AuditPermissions.GUARDDUTY_READ,
        AuditPermissions.consumeQueues([commercial.formatArn({ service: 'sqs', resource: 'cloudtrail-data-events' })]),
      ],
      accessKeySerial: 1,
      handOffOutputs: true,
    });
    for (const name of ['AWSCloudTrail_ReadOnlyAccess', 'IAMReadOnlyAccess', 'CloudWatchLogsReadOnlyAccess', 'CloudWatchReadOnlyAccess', 'AmazonGuardDutyReadOnlyAccess']) {
      acknowledgeFinding(connector.role, `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        `The SkyFormation guide names the AWS managed ${name} policy for this event family; AWS keeps it current`);
    }
    Validations.of(connector.secret!).acknowledge({ id: 'AwsSolutions-SMG4', reason: SMG4_REASON });

    const instance = new AuditInstanceProfileRole(commercial, 'InstanceProfile', {
      permissions: [AuditPermissions.FLOW_LOG_ENRICHMENT],
    });
    acknowledgeFinding(instance.role, SECURITY_AUDIT_IAM4, 'The AWS managed SecurityAudit policy is the read-only baseline the connector needs; AWS maintains it');
    acknowledgeFinding(instance.role, 'AwsSolutions-IAM5[Resource::*]', 'ec2:DescribeInstances and iam:ListAccountAliases are wildcard-only List actions');

    const govcloud = new Stack(app, 'AccessGovCloudUser', {
      env: { account: GOVCLOUD_ACCOUNT, region: 'us-gov-west-1' },
      description: 'VMware GovCloud access-key user with SecurityAudit',
    });
    const user = new AuditAccessKeyUser(govcloud, 'SecureStateUser', {
      userName: 'SecureStateUser',
      accessKeySerial: 1,
      handOffOutputs: true,
    });
    acknowledgeFinding(user.user, SECURITY_AUDIT_IAM4, 'The GovCloud guide attaches the AWS managed SecurityAudit policy to this user; AWS maintains it');
    Validations.of(user.secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: SMG4_REASON });
    return [commercial, govcloud];
  },
};
