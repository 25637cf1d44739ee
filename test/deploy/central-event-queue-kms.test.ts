import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { App, Aws, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { driveSnsToSqs } from './flows';
import { MotoServer, startMotoServer } from './moto-server';
import { closeScenario, deployScenario, Scenario } from './scenario';
import { localDeploymentTests } from './suite';
import { CentralEventQueue, EventStreamRule } from '../../src/event-stream';

/**
 * CentralEventQueue with a customer managed key, deployed on moto:
 * the key, the SSE-KMS queue and DLQ, and an EventStreamRule of the same
 * account whose topic subscribes the queue, so the suite publishes to the
 * topic and receives from the encrypted queue. moto checks neither key
 * policies nor encryption: who may use the key is proven by the simulation
 * tests in test/event-stream/central-event-queue.kms.test.ts.
 */
jest.setTimeout(180_000);

const ACCOUNT = '123456789012';
const REGION = 'us-west-2';

function defineApp(app: App): Stack[] {
  const stack = new Stack(app, 'CabCentralQueueKms', { env: { account: ACCOUNT, region: REGION } });
  const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
  const central = new CentralEventQueue(stack, 'Central', {
    sourceAccountIds: [ACCOUNT],
    consumerPrincipalArns: [`arn:${Aws.PARTITION}:iam::111122223333:role/VendorEventReader`],
    encryptionKey: key,
  });
  new EventStreamRule(stack, 'EventStream', { queueArn: central.queueArn });
  return [stack];
}

let server: MotoServer;
beforeAll(async () => {
  server = await startMotoServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('CentralEventQueue with a customer managed key on moto', () => {
  localDeploymentTests(() => server, defineApp);
});

describe('CentralEventQueue with a customer managed key on moto, read back', () => {
  let scenario: Scenario;
  beforeAll(async () => {
    scenario = await deployScenario(server.endpoint, defineApp);
  });
  afterAll(() => closeScenario(scenario));

  test('the queue and its dead-letter queue report the key as KmsMasterKeyId', async () => {
    expect(scenario.error).toBeUndefined();
    const [d] = scenario.deployments;
    const key = d.resources.find((r) => r.type === 'AWS::KMS::Key' && r.logicalId.startsWith('QueueKey'));
    expect(key?.physicalId).toBeDefined();
    const queues = d.resources.filter((r) => r.type === 'AWS::SQS::Queue' && r.logicalId.startsWith('Central'));
    expect(queues).toHaveLength(2);
    for (const q of queues) {
      const out = await d.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.physicalId, AttributeNames: ['KmsMasterKeyId'] }));
      // CloudFormation passes the key's ARN (Fn::GetAtt Arn); moto keeps what it was given.
      // (moto 5.2.5 also reports SqsManagedSseEnabled "true" for every queue, so that attribute proves nothing here.)
      expect({ queue: q.logicalId, kms: out.Attributes?.KmsMasterKeyId?.endsWith(key!.physicalId!) }).toEqual({ queue: q.logicalId, kms: true });
    }
  });

  test('a publish to the EventStreamRule topic is delivered to the encrypted queue (driven, not skipped)', async () => {
    const results = await driveSnsToSqs(server.endpoint, scenario.deployments);
    expect(results.map((r) => r.outcome)).toEqual(['delivered']);
  });
});
