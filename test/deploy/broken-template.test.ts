import { UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { App } from 'aws-cdk-lib';
import { MotoServer, startMotoServer } from './moto-server';
import { postureProblems } from './posture';
import { readBack } from './read-back';
import { defineReferenceApp, EXTERNAL_ID, VENDOR_ACCOUNT } from './reference-app';
import { closeScenario, deployScenario, Scenario } from './scenario';

/**
 * Issue 8, "done when": a deliberately broken template makes the suite fail.
 * The reference app is deployed on moto with one security property broken;
 * the deployed-posture check (the same one every example runs through in
 * test/deploy/examples.test.ts) must report exactly that break, read back from
 * the emulator. checkov 3.3.30 has no CloudFormation check for either break
 * (it was tried: no failed check on an SQS queue policy with Principal "*",
 * none on a cross-account trust without sts:ExternalId), so this is the proof
 * that catches them.
 */
jest.setTimeout(120_000);

let server: MotoServer;
beforeAll(async () => {
  server = await startMotoServer();
});
afterAll(async () => {
  await server?.stop();
});

async function postureOf(options: Parameters<typeof defineReferenceApp>[1]): Promise<string[]> {
  let scenario: Scenario | undefined;
  try {
    scenario = await deployScenario(server.endpoint, (app: App) => defineReferenceApp(app, options));
    expect(scenario.error).toBeUndefined();
    const problems: string[] = [];
    for (const d of scenario.deployments) problems.push(...await postureProblems(d));
    return problems;
  } finally {
    closeScenario(scenario);
  }
}

describe('broken templates', () => {
  test('the unbroken reference app has no posture problem', async () => {
    expect(await postureOf({})).toEqual([]);
  });

  test('a queue policy that lets anyone send is reported on the deployed queue', async () => {
    expect(await postureOf({ queueOpenToAnyone: true })).toEqual([
      expect.stringMatching(/^CabRefReceiver\/Queue[0-9A-F]+ \(AWS::SQS::Queue\): statement .* allows any principal \(\*\) "sqs:SendMessage" with no narrowing condition$/),
    ]);
  });

  test('a role trust without external ID is reported on the deployed role', async () => {
    expect(await postureOf({ trustWithoutExternalId: true })).toEqual([
      `CabRefReceiver/AuditRole88E97C2A (AWS::IAM::Role): account ${VENDOR_ACCOUNT} may assume the role without sts:ExternalId (confused deputy)`,
    ]);
    expect(EXTERNAL_ID).toMatch(/^[\w+=,.@:/-]{2,1224}$/);
  });
});

describe('read-back catches a deployment that differs from its template', () => {
  let scenario: Scenario;
  beforeAll(async () => {
    scenario = await deployScenario(server.endpoint, (app: App) => defineReferenceApp(app));
  });
  afterAll(() => closeScenario(scenario));

  test('as deployed, the reference app reads back with no mismatch', async () => {
    expect(scenario.error).toBeUndefined();
    const problems: string[] = [];
    for (const d of scenario.deployments) problems.push(...await readBack(d, scenario.deployments));
    expect(problems).toEqual([]);
  });

  test('a queue retention changed behind CloudFormation, and a role trust without the external ID, are both reported', async () => {
    const receiver = scenario.deployments.find((d) => d.stack.stackName === 'CabRefReceiver')!;
    const queue = receiver.resources.find((r) => r.logicalId.startsWith('Queue') && r.type === 'AWS::SQS::Queue')!;
    const role = receiver.resources.find((r) => r.logicalId.startsWith('AuditRole') && r.type === 'AWS::IAM::Role')!;
    // moto's SetQueueAttributes drops a policy it is not given again: pass the deployed one back unchanged.
    const { Attributes: before } = await receiver.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.physicalId, AttributeNames: ['Policy'] }));
    await receiver.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.physicalId, Attributes: { MessageRetentionPeriod: '60', Policy: before!.Policy! } }));
    await receiver.clients.iam.send(new UpdateAssumeRolePolicyCommand({
      RoleName: role.physicalId,
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }),
    }));
    const problems = await readBack(receiver, scenario.deployments);
    expect(problems).toEqual([
      expect.stringMatching(/AuditRole88E97C2A \(AWS::IAM::Role\): the trust policy is .* the template says .*sts:ExternalId/),
      expect.stringMatching(/Queue4A7E3555 \(AWS::SQS::Queue\): attribute MessageRetentionPeriod is "60", the template says "1209600"/),
    ]);
    expect(await postureProblems(receiver)).toEqual([expect.stringContaining(`account ${VENDOR_ACCOUNT} may assume the role without sts:ExternalId`)]);
  });
});
