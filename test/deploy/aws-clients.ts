import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/** Where a stack is deployed in the emulator. */
export interface AccountRegion {
  readonly account: string;
  readonly region: string;
}

/** AWS SDK v3 clients for one account and region of a moto server. */
export interface MotoClients extends AccountRegion {
  readonly cfn: CloudFormationClient;
  readonly iam: IAMClient;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
}

/**
 * Clients whose requests go to `endpoint` and act in `account`: moto keeps a
 * separate state per account, chosen by the `x-moto-account-id` header, so
 * cross-account stacks (a publisher and a receiver) deploy into separate
 * accounts as they would on AWS. Credentials are fixed fakes; the loopback
 * endpoint is the only place they are sent.
 */
export function motoClients(endpoint: string, where: AccountRegion): MotoClients {
  const config = {
    endpoint,
    region: where.region,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 2,
  };
  const withAccount = <T extends { middlewareStack: any }>(client: T): T => {
    client.middlewareStack.add(
      (next: any) => async (args: any) => {
        args.request.headers['x-moto-account-id'] = where.account;
        return next(args);
      },
      { step: 'build', name: 'motoAccountHeader' },
    );
    return client;
  };
  return {
    ...where,
    cfn: withAccount(new CloudFormationClient(config)),
    iam: withAccount(new IAMClient(config)),
    sns: withAccount(new SNSClient(config)),
    sqs: withAccount(new SQSClient(config)),
    events: withAccount(new EventBridgeClient(config)),
  };
}
