import { GetRoleCommand } from '@aws-sdk/client-iam';
import { App, Stack } from 'aws-cdk-lib';
import { deleteStack, deployableStacks, deployStack, Deployment } from './cloudformation';
import { MotoServer, startMotoServer } from './moto-server';
import { ReadOnlyAuditRole } from '../../src/access';

/**
 * Per-account external IDs deployed: one environment-agnostic
 * template, as a StackSet would carry it, deployed in three accounts of the
 * emulator. CloudFormation (moto) evaluates the conditions on
 * `AWS::AccountId`, and each account's role reads back with its own value.
 * The unit tests prove the same with the template resolver; this proves
 * that a CloudFormation implementation accepts the conditions and the
 * `Fn::If` chain and picks the value by account.
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

test.each([
  ['444455556666', 'tenant-a-0001'],
  ['777788889999', 'tenant-b-0002'],
  ['222233334444', DEFAULT_ID],
])('deployed in account %s, the role trusts the vendor with external ID %s', async (account, expected) => {
  const app = new App();
  const stack = new Stack(app, `ExternalIds${account}`);
  new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: VENDOR, externalId: DEFAULT_ID, accountExternalIds: BY_ACCOUNT });
  const [deployable] = deployableStacks(app, [stack]);
  let d: Deployment | undefined;
  try {
    d = await deployStack(server.endpoint, { ...deployable, where: { account, region: 'us-east-1' } });
    const role = d.resources.find((r) => r.type === 'AWS::IAM::Role')!;
    const got = (await d.clients.iam.send(new GetRoleCommand({ RoleName: role.physicalId }))).Role!;
    expect(got.Arn).toMatch(new RegExp(`^arn:aws:iam::${account}:role/`));
    const trust = JSON.parse(decodeURIComponent(got.AssumeRolePolicyDocument!));
    expect(trust.Statement).toEqual([{
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': expected } },
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${VENDOR}:root` },
    }]);
  } finally {
    if (d) await deleteStack(d);
  }
});
