import * as http from 'http';
import { DescribeEventBusCommand, DescribeRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { App, Stack } from 'aws-cdk-lib';
import { DeployableStack, deployableStacks, DeployedResource, deleteStack, Deployment, deployStack, destroyClients } from './cloudformation';

/**
 * One deployment scenario on a moto server: an app's stacks, deployed in
 * order, with the state tests need afterwards.
 */
export interface Scenario {
  readonly stacks: DeployableStack[];
  readonly deployments: Deployment[];
  /** The error that stopped the deployment, if any. */
  readonly error?: unknown;
  readonly seconds: number;
}

/** Empties the moto server (every account and region), so scenarios never see each other's resources. */
export function resetMoto(endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${endpoint}/moto-api/reset`, { method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`moto reset answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resets moto, synthesizes `define(new App())` and deploys every stack in dependency order. */
export async function deployScenario(endpoint: string, define: (app: App) => Stack[]): Promise<Scenario> {
  const started = Date.now();
  await resetMoto(endpoint);
  const deployments: Deployment[] = [];
  let stacks: DeployableStack[] = [];
  try {
    const app = new App();
    stacks = deployableStacks(app, define(app));
    for (const s of stacks) deployments.push(await deployStack(endpoint, s));
    return { stacks, deployments, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    return { stacks, deployments, error, seconds: (Date.now() - started) / 1000 };
  }
}

/** Whether a deployed resource of a type this helper can read still exists in moto; undefined for other types. */
export async function stillExists(d: Deployment, r: DeployedResource): Promise<boolean | undefined> {
  const gone = (e: unknown) => /NoSuch|NotFound|does not exist|NonExistent/i.test(`${(e as any)?.name} ${String(e)}`);
  const probe = async (call: () => Promise<unknown>) => {
    try {
      await call();
      return true;
    } catch (e) {
      if (gone(e)) return false;
      throw e;
    }
  };
  switch (r.type) {
    case 'AWS::SQS::Queue': return probe(() => d.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: r.physicalId, AttributeNames: ['QueueArn'] })));
    case 'AWS::SNS::Topic': return probe(() => d.clients.sns.send(new GetTopicAttributesCommand({ TopicArn: r.physicalId })));
    case 'AWS::IAM::Role': return probe(() => d.clients.iam.send(new GetRoleCommand({ RoleName: r.physicalId })));
    case 'AWS::Events::Rule': return probe(() => d.clients.events.send(new DescribeRuleCommand({ Name: r.physicalId, EventBusName: r.properties.EventBusName })));
    case 'AWS::Events::EventBus': return probe(() => d.clients.events.send(new DescribeEventBusCommand({ Name: r.physicalId })));
    default: return undefined;
  }
}

/** Deletes every deployment, last first, and reports each readable resource whose existence afterwards is wrong. */
export async function deleteAndCheckRetention(scenario: Scenario): Promise<{ problems: string[]; retained: string[]; deleted: string[] }> {
  const problems: string[] = [];
  const retained: string[] = [];
  const deleted: string[] = [];
  for (const d of [...scenario.deployments].reverse()) {
    try {
      await deleteStack(d);
    } catch (e) {
      problems.push(`${d.stack.stackName}: deleting the stack failed: ${String(e)}`);
    }
  }
  for (const d of scenario.deployments) {
    for (const r of d.resources) {
      if (r.createdBy !== 'cloudformation') continue;
      const exists = await stillExists(d, r);
      if (exists === undefined) continue;
      const where = `${d.stack.stackName}/${r.logicalId} (${r.type})`;
      const keep = r.deletionPolicy === 'Retain' || r.deletionPolicy === 'RetainExceptOnCreate';
      if (keep && !exists) problems.push(`${where}: DeletionPolicy ${r.deletionPolicy}, but it was deleted with the stack`);
      if (!keep && exists) problems.push(`${where}: no Retain policy, but it is still there after the stack was deleted`);
      (keep ? retained : deleted).push(where);
    }
  }
  return { problems, retained, deleted };
}

/** Closes every client of the scenario. */
export function closeScenario(s: Scenario | undefined): void {
  for (const d of s?.deployments ?? []) destroyClients(d.clients);
}
