import { App, Stack } from 'aws-cdk-lib';
import { deleteStack, Deployment, deployStack, destroyClients, MOTO_GAPS, stackSetInstance } from './cloudformation';
import { checkPatterns, drivePutEvents, driveSnsToSqs, FlowResult } from './flows';
import { MotoServer } from './moto-server';
import { postureProblems } from './posture';
import { readBack } from './read-back';
import { closeScenario, deleteAndCheckRetention, deployScenario, Scenario } from './scenario';

/** The member account StackSet instance templates are deployed into. */
export const STACKSET_MEMBER_ACCOUNT = '444455556666';

/** Flow results that are failures (anything delivered wrongly or not at all). */
export function failedFlows(results: FlowResult[]): FlowResult[] {
  return results.filter((r) => !r.outcome.startsWith('not driven') && r.outcome !== 'delivered');
}

/**
 * Registers the local-deployment tests of one app (inside the caller's
 * `describe`): deploy every stack on moto, read back, posture, flows,
 * patterns, delete and retention. `server()` is the file's moto server.
 */
export function localDeploymentTests(server: () => MotoServer, define: (app: App) => Stack[]): { scenario: () => Scenario } {
  let scenario: Scenario;
  beforeAll(async () => {
    scenario = await deployScenario(server().endpoint, define);
  });
  afterAll(() => closeScenario(scenario));

  test('every stack reaches CREATE_COMPLETE through the CloudFormation API', () => {
    expect({ error: scenario.error === undefined ? undefined : String(scenario.error) }).toEqual({ error: undefined });
    expect(scenario.deployments.map((d) => d.stack.stackName)).toEqual(scenario.stacks.map((s) => s.stackName));
    expect(scenario.stacks.length).toBeGreaterThan(0);
  });

  test('every resource is created by CloudFormation, or is a documented moto gap', () => {
    const undocumented = scenario.deployments.flatMap((d) => d.resources
      .filter((r) => r.createdBy === 'skipped' && !MOTO_GAPS[r.type])
      .map((r) => `${d.stack.stackName}/${r.logicalId} (${r.type})`));
    expect(undocumented).toEqual([]);
    // A documented gap that moto now creates makes the table (and the README) stale.
    const nowCreated = scenario.deployments.flatMap((d) => d.resources
      .filter((r) => r.createdBy === 'cloudformation' && MOTO_GAPS[r.type])
      .map((r) => `${d.stack.stackName}/${r.logicalId} (${r.type})`));
    expect(nowCreated).toEqual([]);
  });

  test('roles, topics, queues, rules and bus policies read back as the template meant', async () => {
    const problems: string[] = [];
    for (const d of scenario.deployments) problems.push(...await readBack(d, scenario.deployments));
    expect(problems).toEqual([]);
  });

  test('deployed roles and queue/topic policies keep the security posture (TLS, no public access, external ID, source conditions)', async () => {
    const problems: string[] = [];
    for (const d of scenario.deployments) problems.push(...await postureProblems(d));
    expect(problems).toEqual([]);
  });

  test('SNS publish reaches every subscribed queue', async () => {
    expect(failedFlows(await driveSnsToSqs(server().endpoint, scenario.deployments))).toEqual([]);
  });

  test('PutEvents reaches the queues behind every rule whose targets moto delivers to', async () => {
    expect(failedFlows(await drivePutEvents(scenario.deployments))).toEqual([]);
  });

  test('rule patterns match sample CloudTrail events and reject forged sources (moto EventBridge matcher)', async () => {
    expect(await checkPatterns(scenario.deployments)).toEqual([]);
  });

  test('every inline StackSet template body deploys as a plain stack in a member account, reads back and keeps the posture', async () => {
    const problems: string[] = [];
    for (const d of scenario.deployments) {
      for (const r of d.resources.filter((x) => x.type === 'AWS::CloudFormation::StackSet')) {
        const where = `${d.stack.stackName}/${r.logicalId}`;
        if (r.unresolved.length > 0) {
          problems.push(`${where}: the StackSet references what moto did not create: ${r.unresolved.join(', ')}`);
          continue;
        }
        const instance = stackSetInstance(d, r, STACKSET_MEMBER_ACCOUNT);
        if (!instance) {
          problems.push(`${where}: TemplateBody is not inline, so the instance template cannot be deployed offline`);
          continue;
        }
        let member: Deployment | undefined;
        try {
          member = await deployStack(server().endpoint, instance);
          problems.push(...member.resources.filter((x) => x.createdBy === 'skipped' && !MOTO_GAPS[x.type]).map((x) => `${where}: instance resource ${x.logicalId} (${x.type}) is not created by moto and not a documented gap`));
          problems.push(...await readBack(member, [member]));
          problems.push(...await postureProblems(member));
          await deleteStack(member);
        } catch (e) {
          problems.push(`${where}: deploying the instance template failed: ${String(e)}`);
        } finally {
          if (member) destroyClients(member.clients);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('deleting the stacks keeps exactly the resources with DeletionPolicy Retain', async () => {
    const { problems } = await deleteAndCheckRetention(scenario);
    expect(problems).toEqual([]);
  });

  return { scenario: () => scenario };
}
