/**
 * Unit tests of src/event-stream/private/bus-policy.ts: the default event bus
 * policy statements shared by CentralEventBusPolicy and NrtReceiver, their
 * size check and the CfnEventBusPolicy resources defined from them.
 */
import { App, Aws, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { AwsLimits } from '../../../src/core/limits';
import { busStatements, checkBusPolicySize, defineBusPolicies } from '../../../src/event-stream/private/bus-policy';

const ENV = { account: '111122223333', region: 'eu-west-1' };
const MEMBER = '222233334444';
const ORG = 'o-a1b2c3d4e5';
/** A literal bus ARN, so that the statements hold no token and sizes are exact. */
const BUS = `arn:aws:events:eu-west-1:${ENV.account}:event-bus/default`;

function envStack(): Stack {
  return new Stack(new App(), 'S', { env: ENV });
}

describe('bus-policy', () => {
  describe('busStatements', () => {
    test('gives no statement without accounts or organization, nor for an empty account list', () => {
      const stack = envStack();
      expect(busStatements(stack, BUS, undefined, undefined)).toEqual([]);
      expect(busStatements(stack, BUS, [], undefined)).toEqual([]);
    });

    test('admits the accounts by their root principals to PutEvents on the given bus', () => {
      expect(busStatements(envStack(), BUS, [MEMBER, '555566667777'], undefined)).toEqual([{
        id: 'Accounts',
        statement: {
          Effect: 'Allow',
          Principal: { AWS: [`arn:aws:iam::${MEMBER}:root`, 'arn:aws:iam::555566667777:root'] },
          Action: 'events:PutEvents',
          Resource: BUS,
        },
      }]);
    });

    test('keeps an account token as a bare principal next to the root ARNs of the concrete accounts', () => {
      const stack = envStack();
      const [accounts] = busStatements(stack, BUS, [MEMBER, Aws.ACCOUNT_ID], undefined);
      expect(stack.resolve(accounts.statement.Principal)).toEqual({ AWS: [`arn:aws:iam::${MEMBER}:root`, { Ref: 'AWS::AccountId' }] });
    });

    test('admits the organization through aws:PrincipalOrgID, after the accounts\' statement', () => {
      const statements = busStatements(envStack(), BUS, [MEMBER], ORG);
      expect(statements.map((s) => s.id)).toEqual(['Accounts', 'Organization']);
      expect(statements[1].statement).toEqual({
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: BUS,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      });
    });

    test('throws on a bad concrete account ID, naming the scope and the value', () => {
      expect(() => busStatements(envStack(), BUS, [MEMBER, '12345'], undefined)).toThrow(
        'S: account must be a 12-digit AWS account ID (e.g. "123456789012"), got "12345": it has 5 digits; write all 12, leading zeros included, and as a string',
      );
    });
  });

  describe('checkBusPolicySize', () => {
    // {"Version":"2012-10-17","Statement":[<the one Accounts statement>]} is 209 characters.
    const statements = () => busStatements(envStack(), BUS, [MEMBER], undefined);

    test('fits at exactly the limit; one character over, gives the size, the limit and the caller\'s subject and fix', () => {
      const check = (limit: number) => checkBusPolicySize(envStack(), statements(), AwsLimits.of({ eventBusPolicyCharacters: limit }), 'the statements', 'do less');
      expect(check(209)).toBeUndefined();
      expect(check(208)).toBe('the statements needs 209 characters, the resource policy limit is 208: do less');
    });
  });

  describe('defineBusPolicies', () => {
    test('defines one policy per statement on the default bus, named by the statement\'s id, in order, and none for no statements', () => {
      const stack = envStack();
      const scope = new Construct(stack, 'Members');
      const statements = busStatements(stack, BUS, [MEMBER], ORG);
      const policies = defineBusPolicies(scope, statements, 'Prefix');
      expect(policies.map((p) => p.node.path)).toEqual(['S/Members/Accounts', 'S/Members/Organization']);
      expect(policies.map((p) => p.eventBusName)).toEqual(['default', 'default']);
      expect(policies.map((p) => p.statement)).toEqual(statements.map((s) => s.statement));
      expect(defineBusPolicies(new Construct(stack, 'None'), [], 'Prefix')).toEqual([]);
      Template.fromStack(stack).resourceCountIs('AWS::Events::EventBusPolicy', 2);
    });

    test('statement IDs are the prefix, the statement\'s id and the first 16 characters of the scope\'s address', () => {
      const stack = envStack();
      const statements = busStatements(stack, BUS, [MEMBER], undefined);
      const a = new Construct(stack, 'A');
      const b = new Construct(stack, 'B');
      const [idA] = defineBusPolicies(a, statements, 'Prefix').map((p) => p.statementId);
      const [idB] = defineBusPolicies(b, statements, 'Prefix').map((p) => p.statementId);
      expect(idA).toBe(`PrefixAccounts-${a.node.addr.slice(0, 16)}`);
      expect(idA).toMatch(/^PrefixAccounts-[0-9a-f]{16}$/);
      expect(idB).not.toBe(idA);
    });
  });
});
