import { MotoServer, startMotoServer } from './moto-server';
import { localDeploymentTests } from './suite';
import { EXAMPLES } from '../../examples/registry';

/**
 * Issue 8: every stack of every example app in `examples/registry.ts` is
 * deployed through the CloudFormation API of a local moto server, read back
 * through the services' own APIs, driven where moto delivers, and deleted
 * (retained resources must stay). The registry is iterated, never listed here.
 */
jest.setTimeout(180_000);

let server: MotoServer;
beforeAll(async () => {
  server = await startMotoServer();
});
afterAll(async () => {
  await server?.stop();
});

test('the example registry is readable', () => {
  expect(Array.isArray(EXAMPLES)).toBe(true);
});

for (const example of EXAMPLES) {
  describe(`example ${example.name} on moto`, () => {
    localDeploymentTests(() => server, (app) => example.define(app));
  });
}
