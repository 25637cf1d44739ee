/**
 * Sample EventBridge events, written from AWS's documented event structure
 * (EventBridge "AWS service events" and "Events delivered via CloudTrail";
 * CloudTrail "record contents"). Account and IDs are fake.
 */
const ACCOUNT = '123456789012';

/** The 21 event sources of seed 000's custom event pattern, in its order (R-030). */
export const SEED_000_EVENT_SOURCES = [
  'acm.amazonaws.com', 'autoscaling.amazonaws.com', 'cloudformation.amazonaws.com', 'cloudfront.amazonaws.com',
  'cloudhsm.amazonaws.com', 'cloudtrail.amazonaws.com', 'directconnect.amazonaws.com', 'dynamodb.amazonaws.com',
  'ec2.amazonaws.com', 'elasticache.amazonaws.com', 'elasticloadbalancing.amazonaws.com', 'es.amazonaws.com',
  'iam.amazonaws.com', 'kms.amazonaws.com', 'rds.amazonaws.com', 'redshift.amazonaws.com', 'route53.amazonaws.com',
  's3.amazonaws.com', 'ses.amazonaws.com', 'sqs.amazonaws.com', 'waf.amazonaws.com',
];


/** An "AWS API Call via CloudTrail" event as EventBridge delivers it. */
export function apiCallEvent(eventSource: string, eventName: string, overrides: { source?: string; readOnly?: boolean; region?: string } = {}): any {
  const service = eventSource.replace(/\.amazonaws\.com$/, '');
  const region = overrides.region ?? 'us-east-1';
  return {
    'version': '0',
    'id': '6f87d04b-9f74-4f04-a780-7acf4b0a9b38',
    'detail-type': 'AWS API Call via CloudTrail',
    'source': overrides.source ?? `aws.${service}`,
    'account': ACCOUNT,
    'time': '2026-11-23T09:00:00Z',
    'region': region,
    'resources': [],
    'detail': {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEID:operator',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Operator/operator`,
        accountId: ACCOUNT,
      },
      eventTime: '2026-11-23T09:00:00Z',
      eventSource,
      eventName,
      awsRegion: region,
      sourceIPAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.15.0',
      requestParameters: {},
      responseElements: null,
      requestID: 'b0f2b1c8-7c11-4f4e-9d0e-0d8f5a1e2c3d',
      eventID: 'c2f1e0d9-8b7a-4c6d-9e5f-1a2b3c4d5e6f',
      readOnly: overrides.readOnly ?? false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    },
  };
}

/** A console sign-in: its own detail-type, source aws.signin. */
export function consoleSignInEvent(): any {
  return {
    'version': '0',
    'id': '0d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60',
    'detail-type': 'AWS Console Sign In via CloudTrail',
    'source': 'aws.signin',
    'account': ACCOUNT,
    'time': '2026-11-23T09:00:00Z',
    'region': 'us-east-1',
    'resources': [],
    'detail': {
      eventVersion: '1.09',
      userIdentity: { type: 'IAMUser', accountId: ACCOUNT, userName: 'operator' },
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      awsRegion: 'us-east-1',
      responseElements: { ConsoleLogin: 'Success' },
      eventType: 'AwsConsoleSignIn',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    },
  };
}

/** An event an AWS service emits on its own (not an API call): EC2 state change. */
export function ec2StateChangeEvent(): any {
  return {
    'version': '0',
    'id': '7bf73129-1428-4cd3-a780-95db273d1602',
    'detail-type': 'EC2 Instance State-change Notification',
    'source': 'aws.ec2',
    'account': ACCOUNT,
    'time': '2026-11-23T09:00:00Z',
    'region': 'us-east-1',
    'resources': [`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1234567890abcdef0`],
    'detail': { 'instance-id': 'i-1234567890abcdef0', 'state': 'running' },
  };
}

/** A CloudTrail "AWS Service Event via CloudTrail" (eventType AwsServiceEvent). */
export function serviceEventViaCloudTrail(): any {
  const e = apiCallEvent('kms.amazonaws.com', 'RotateKey');
  e['detail-type'] = 'AWS Service Event via CloudTrail';
  e.detail.eventType = 'AwsServiceEvent';
  return e;
}

/**
 * A forged event: anyone with events:PutEvents can send this detail-type and
 * detail, but PutEvents rejects any `source` starting with "aws.".
 */
export function forgedApiCallEvent(eventSource: string): any {
  return apiCallEvent(eventSource, 'DeleteTrail', { source: 'custom.attacker' });
}
