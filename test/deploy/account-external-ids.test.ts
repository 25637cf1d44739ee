import { GetRoleCommand } from '@aws-sdk/client-iam';
import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import { deleteStack, deployableStacks, deployStack, Deployment } from './cloudformation';
import { MotoServer, startMotoServer } from './moto-server';
import { ReadOnlyAuditRole } from '../../src/access';

/**
 * Per-account external IDs deployed: one environment-agnostic
 * template, as a StackSet would carry it, deployed in three accounts of the
 * emulator. CloudFormation (moto) evaluates the conditions on
 * `AWS::AccountId`, and each account's role reads back with its own value.
 * The unit tests prove the same with the template resolver; this proves
 * that a CloudFormation implementation accepts the conditions and the flat
 * `Fn::Select`/`Fn::Split`/`Fn::Join` of `Fn::If`s and picks the value by
 * account. Issue 15: the same for the largest map a StackSet template can
 * carry (350 accounts, TemplateBody under 51,200 bytes), which crashed
 * synthesis at 96 accounts when the conditions nested.
 */
jest.setTimeout(120_000);

const VENDOR = '111122223333';
const DEFAULT_ID = 'tenant-default-0000';
const BY_ACCOUNT = { 444455556666: 'tenant-a-0001', 777788889999: 'tenant-b-0002' };

let server: MotoServer;
beforeAll(async () => {
  server = await startMotoServer();
});
afterAll(async () => {
  await server?.stop();
});

async function trustIn(app: App, stack: Stack, account: string): Promise<any> {
  const [deployable] = deployableStacks(app, [stack]);
  let d: Deployment | undefined;
  try {
    d = await deployStack(server.endpoint, { ...deployable, where: { account, region: 'us-east-1' } });
    const role = d.resources.find((r) => r.type === 'AWS::IAM::Role')!;
    const got = (await d.clients.iam.send(new GetRoleCommand({ RoleName: role.physicalId }))).Role!;
    expect(got.Arn).toMatch(new RegExp(`^arn:aws:iam::${account}:role/`));
    return JSON.parse(decodeURIComponent(got.AssumeRolePolicyDocument!));
  } finally {
    if (d) await deleteStack(d);
  }
}

describe('a StackSet-sized map: 350 accounts in one StackSet template (issue 15)', () => {
  const ids: Record<string, string> = {};
  for (let i = 0; i < 350; i++) ids[String(300000000000 + i * 7919)] = `tenant-${String(i).padStart(13, '0')}`;
  const accounts = Object.keys(ids).sort();

  test.each([
    ['the first listed account', accounts[0]],
    ['the last listed account', accounts[accounts.length - 1]],
    ['an unlisted account', '222233334444'],
  ])('deployed in %s (%s), the trust names its own external ID', async (_, account) => {
    const app = new App();
    const stack = new Stack(new Stage(app, 'MemberTemplates'), 'Role', { synthesizer: new BootstraplessSynthesizer() });
    new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: VENDOR, externalId: DEFAULT_ID, accountExternalIds: ids });
    const body = JSON.stringify(app.synth().getNestedAssembly('assembly-MemberTemplates').getStackArtifact(stack.artifactId).template);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(51_200);
    const trust = await trustIn(app, stack, account);
    expect(trust.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': ids[account] ?? DEFAULT_ID } });
  });
});

test.each([
  ['444455556666', 'tenant-a-0001'],
  ['777788889999', 'tenant-b-0002'],
  ['222233334444', DEFAULT_ID],
])('deployed in account %s, the role trusts the vendor with external ID %s', async (account, expected) => {
  const app = new App();
  const stack = new Stack(app, `ExternalIds${account}`);
  new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: VENDOR, externalId: DEFAULT_ID, accountExternalIds: BY_ACCOUNT });
  const trust = await trustIn(app, stack, account);
  expect(trust.Statement).toEqual([{
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': expected } },
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${VENDOR}:root` },
  }]);
});
