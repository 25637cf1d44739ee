import type * as CloudFormation from '@aws-sdk/client-cloudformation';
import type * as CloudTrail from '@aws-sdk/client-cloudtrail';
import type * as EventBridge from '@aws-sdk/client-eventbridge';
import type * as Iam from '@aws-sdk/client-iam';
import type * as Organizations from '@aws-sdk/client-organizations';
import type * as Sns from '@aws-sdk/client-sns';
import type * as Sqs from '@aws-sdk/client-sqs';
import type * as Sts from '@aws-sdk/client-sts';
import { UsageError } from './catalog';

/**
 * The AWS SDK for JavaScript v3 clients `doctor` uses, loaded only when it
 * runs: they are not dependencies of the package (jsii refuses non-jsii
 * dependencies, even optional peers), so a missing client is a clear error
 * with the command that installs them.
 */

/** Every client package doctor needs. */
export const SDK_PACKAGES = [
  '@aws-sdk/client-cloudformation',
  '@aws-sdk/client-cloudtrail',
  '@aws-sdk/client-eventbridge',
  '@aws-sdk/client-iam',
  '@aws-sdk/client-organizations',
  '@aws-sdk/client-sns',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-sts',
];

/** The command that installs the clients. */
export const SDK_INSTALL = `npm install --no-save ${SDK_PACKAGES.join(' ')}`;

/** The loaded client modules. */
export interface Sdk {
  readonly cfn: typeof CloudFormation;
  readonly cloudtrail: typeof CloudTrail;
  readonly events: typeof EventBridge;
  readonly iam: typeof Iam;
  readonly organizations: typeof Organizations;
  readonly sns: typeof Sns;
  readonly sqs: typeof Sqs;
  readonly sts: typeof Sts;
}

/** Requires one package, or explains how to install all of them. `load` is replaceable for tests. */
export function requireSdkPackage<T>(name: string, load: (name: string) => unknown = require): T {
  try {
    return load(name) as T;
  } catch (e) {
    if ((e as { code?: string }).code === 'MODULE_NOT_FOUND' && String(e).includes(name)) {
      throw new UsageError(`doctor needs the AWS SDK for JavaScript v3, which is not a dependency of cdk-audit-baseline; ${name} is missing. Install the clients next to it:\n  ${SDK_INSTALL}`);
    }
    throw e;
  }
}

/** Loads every client package doctor needs. */
export function loadSdk(load?: (name: string) => unknown): Sdk {
  const [cfn, cloudtrail, events, iam, organizations, sns, sqs, sts] = SDK_PACKAGES.map((p) => requireSdkPackage<any>(p, load));
  return { cfn, cloudtrail, events, iam, organizations, sns, sqs, sts };
}

/** Credentials of an assumed role. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Client configuration for one account and region. */
export interface ClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: Credentials;
}

/** The clients of one account and region. */
export interface Clients {
  readonly cfn: CloudFormation.CloudFormationClient;
  readonly cloudtrail: CloudTrail.CloudTrailClient;
  readonly events: EventBridge.EventBridgeClient;
  readonly iam: Iam.IAMClient;
  readonly organizations: Organizations.OrganizationsClient;
  readonly sns: Sns.SNSClient;
  readonly sqs: Sqs.SQSClient;
  readonly sts: Sts.STSClient;
  /** The client modules, for their command classes. */
  readonly sdk: Sdk;
  destroy(): void;
}

export function clientsFor(sdk: Sdk, config: ClientConfig): Clients {
  const c = {
    region: config.region,
    maxAttempts: 3,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  };
  const all = {
    cfn: new sdk.cfn.CloudFormationClient(c),
    cloudtrail: new sdk.cloudtrail.CloudTrailClient(c),
    events: new sdk.events.EventBridgeClient(c),
    iam: new sdk.iam.IAMClient(c),
    organizations: new sdk.organizations.OrganizationsClient(c),
    sns: new sdk.sns.SNSClient(c),
    sqs: new sdk.sqs.SQSClient(c),
    sts: new sdk.sts.STSClient(c),
  };
  return { ...all, sdk, destroy: () => Object.values(all).forEach((client) => client.destroy()) };
}
