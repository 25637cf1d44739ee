import { App, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SkyFormationConnector } from '../src';
import { acknowledgeFinding } from './nag';
import type { ExampleApp } from './registry';

/** The monitored account (fake). */
const MONITORED_ACCOUNT = '444455556666';

/**
 * The SkyFormation connector guide in the recommended STSAssumeRole mode,
 * with every optional feature: the CloudTrail data-event queue (defined here, encrypted with a
 * customer managed key), Redshift audit-log buckets, Shield, Inspector and
 * flow-log enrichment; the trail; and the connector form as outputs.
 */
export const example: ExampleApp = {
  name: 'presets-sky-formation',
  description: 'SkyFormation connector preset: STSAssumeRole user and role, every optional feature, trail, connector-form outputs',
  define(app: App): Stack[] {
    const stack = new Stack(app, 'SkyFormationConnector', {
      env: { account: MONITORED_ACCOUNT, region: 'us-east-1' },
      description: 'SkyFormation AWS connector',
    });
    const key = new kms.Key(stack, 'DataEventsKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    const dlq = new sqs.Queue(stack, 'DataEventsDeadLetters', {
      encryptionMasterKey: key, retentionPeriod: Duration.days(14), enforceSSL: true, removalPolicy: RemovalPolicy.RETAIN,
    });
    const dataEvents = new sqs.Queue(stack, 'DataEvents', {
      encryptionMasterKey: key,
      retentionPeriod: Duration.days(4),
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the CloudTrail data-event queue' });

    const connector = new SkyFormationConnector(stack, 'SkyFormation', {
      connectorUserName: 'skyformation-connector',
      roleName: 'SkyFormationConnector',
      cloudTrailDataEventsQueue: dataEvents,
      redshiftAuditLogBuckets: ['redshift-cluster-1-db-audit-log', 'redshift-bucket-3'],
      shield: true,
      inspector: true,
      flowLogEnrichment: true,
      accessKeySerial: 1,
    });
    const role = connector.role!.node.defaultChild!;
    for (const name of ['AWSCloudTrail_ReadOnlyAccess', 'IAMReadOnlyAccess', 'CloudWatchLogsReadOnlyAccess', 'CloudWatchReadOnlyAccess', 'AmazonGuardDutyReadOnlyAccess']) {
      acknowledgeFinding(role, `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        `The SkyFormation guide names the AWS managed ${name} policy for this event family; AWS keeps it current`);
    }
    acknowledgeFinding(role, 'AwsSolutions-IAM5[Resource::*]',
      'Shield ListAttacks, Inspector Classic findings, flow-log enrichment and the Redshift describe actions support no resource-level permission');
    acknowledgeFinding(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::redshift-cluster-1-db-audit-log/*]',
      'The connector reads every Redshift audit-log object of this bucket');
    acknowledgeFinding(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::redshift-bucket-3/*]',
      'The connector reads every Redshift audit-log object of this bucket');
    Validations.of(connector.node.findChild('Connector').node.findChild('Secret')).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Secrets Manager cannot rotate an IAM access key without a rotation function; rotate by bumping accessKeySerial and pasting the new key into the connector form',
    });
    return [stack];
  },
};
