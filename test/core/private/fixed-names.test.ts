import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { claimFixedName, NameScope } from '../../../src/core/private/fixed-names';

/**
 * Unit tests of src/core/private/fixed-names.ts: two constructs that give the
 * same fixed name to the same kind of resource where the names meet fail at
 * synth. test/validation/fixed-names.test.ts covers every construct that claims.
 */
function errorsOf(app: App): string[] {
  try {
    app.synth();
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}

function twoClaims(env1: { account?: string; region?: string }, env2: { account?: string; region?: string }, where: NameScope, what2 = 'queue'): string[] {
  const app = new App();
  const a = new Stack(app, 'A', { env: env1 });
  const b = new Stack(app, 'B', { env: env2 });
  claimFixedName(new Construct(a, 'One'), 'queueName', 'queue', 'audit-events', where);
  claimFixedName(new Construct(b, 'Two'), 'queueName', what2, 'audit-events', where);
  return errorsOf(app);
}

describe('fixed-names', () => {
  const east = { account: '111122223333', region: 'us-east-1' };
  const west = { account: '111122223333', region: 'us-west-2' };
  const other = { account: '444455556666', region: 'us-east-1' };

  test('the same name in the same account and region fails, naming both constructs and the fix', () => {
    const [message] = twoClaims(east, east, 'region');
    expect(message).toContain('queueName "audit-events" names a queue that A/One (queueName) also names, in the same account and region: '
      + 'the second fails at deploy with "already exists". Give one of them another queueName, or define the construct once');
  });

  test.each([
    ['another region, for a regional name', west, 'region' as NameScope, 0],
    ['another region, for an account-wide name', west, 'account' as NameScope, 1],
    ['another account', other, 'account' as NameScope, 0],
    ['an environment-agnostic stack (nothing known at synth)', {}, 'account' as NameScope, 0],
  ])('%s: %d errors', (_name, env2, where, count) => {
    expect(twoClaims(east, env2, where)).toHaveLength(count);
  });

  test('another kind of resource with the same name is no clash', () => {
    expect(twoClaims(east, east, 'region', 'topic')).toEqual([]);
  });

  test('two claims in one stack always meet, even environment-agnostic', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    claimFixedName(new Construct(stack, 'One'), 'roleName', 'role', 'Audit', 'account');
    claimFixedName(new Construct(stack, 'Two'), 'roleName', 'role', 'Audit', 'account');
    expect(errorsOf(app)).toHaveLength(1);
  });

  test('an undefined or token name claims nothing', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const token = new CfnParameter(stack, 'P').valueAsString;
    claimFixedName(new Construct(stack, 'One'), 'roleName', 'role', token, 'account');
    claimFixedName(new Construct(stack, 'Two'), 'roleName', 'role', token, 'account');
    claimFixedName(new Construct(stack, 'Three'), 'roleName', 'role', undefined, 'account');
    expect(errorsOf(app)).toEqual([]);
  });
});
