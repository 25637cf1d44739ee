import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { ACCOUNT, EXTERNAL_ID, VENDOR, concreteStack, newStack, onlyOf, templateOf } from './_helpers';
import { ReadOnlyAuditRole, ReadOnlyAuditRoleProps } from '../../src/access';
import { arnOf, cfnLint, resolveTemplate, simulateAssumeRole, trustPolicy } from '../harness';

/**
 * Per-account external IDs (R-013: the bulk onboarding script takes an
 * external ID per account; A-14: a default plus an optional per-account
 * map). In a stack whose account is known the value is picked at synth; in an
 * environment-agnostic stack (a StackSet template) one template picks it per
 * account at deploy time, which the template resolver evaluates here for
 * several accounts, and the simulator then checks the trust each account
 * really gets.
 */

const MEMBER_A = '444455556666';
const MEMBER_B = '777788889999';
const UNLISTED = '222233334444';
const MAP = { [MEMBER_A]: 'tenant-a-0001', [MEMBER_B]: 'tenant-b-0002' };

function roleIn(stack: Stack, props: Partial<ReadOnlyAuditRoleProps> = {}): ReadOnlyAuditRole {
  return new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: VENDOR, externalId: EXTERNAL_ID, accountExternalIds: MAP, ...props });
}

/** The trust policy the role gets when the template is deployed in `account`. */
function trustIn(template: any, account: string) {
  const t = resolveTemplate(template, { account });
  const id = onlyOf(t, 'AWS::IAM::Role');
  return { trustPolicy: trustPolicy(t, id), roleArn: arnOf(t, id) };
}

async function mayAssume(trust: { trustPolicy: any; roleArn: string }, externalId: string): Promise<boolean> {
  const result = await simulateAssumeRole({ ...trust, principal: `arn:aws:iam::${VENDOR}:role/Scanner`, context: { 'sts:ExternalId': externalId } });
  return result.result === 'Allowed';
}

describe('ReadOnlyAuditRole accountExternalIds (R-013, A-14)', () => {
  describe('in an environment-agnostic stack (one template for every account, e.g. a StackSet)', () => {
    const template = () => {
      const stack = newStack();
      roleIn(stack);
      return templateOf(stack);
    };

    test.each([
      [MEMBER_A, 'tenant-a-0001'],
      [MEMBER_B, 'tenant-b-0002'],
      [UNLISTED, EXTERNAL_ID],
    ])('deployed in %s, the vendor may assume the role with %s and with no other listed value', async (account, value) => {
      const trust = trustIn(template(), account);
      expect(await mayAssume(trust, value)).toBe(true);
      for (const other of [EXTERNAL_ID, ...Object.values(MAP)].filter((v) => v !== value)) {
        expect(await mayAssume(trust, other)).toBe(false);
      }
    });

    test('one condition per listed account, on AWS::AccountId, in sorted order', () => {
      const t = template();
      const conditions = Object.values(t.Conditions ?? {});
      expect(conditions).toEqual([
        { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, MEMBER_A] },
        { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, MEMBER_B] },
      ]);
    });

    test('the ExternalId hand-off output resolves per account too', () => {
      const stack = newStack();
      roleIn(stack, { handOffOutputs: true });
      const t = templateOf(stack);
      const outputs = (account: string) => resolveTemplate(t, { account }).Outputs;
      const value = (account: string) => Object.entries(outputs(account)).find(([k]) => k.includes('ExternalId'))![1] as any;
      expect(value(MEMBER_B).Value).toBe('tenant-b-0002');
      expect(value(UNLISTED).Value).toBe(EXTERNAL_ID);
    });

    test('cfn-lint accepts the conditions and the Fn::If chain', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-ids-'));
      const file = path.join(dir, 'template.json');
      fs.writeFileSync(file, JSON.stringify(template()));
      expect(cfnLint([file])).toEqual([]);
    });
  });

  describe('in a stack whose account is known', () => {
    test('a listed account gets its value as a literal, with no condition', () => {
      const stack = newStack({ account: MEMBER_A, region: 'us-east-1' });
      const role = roleIn(stack);
      const t = templateOf(stack);
      expect(t.Conditions).toBeUndefined();
      expect(role.externalId).toBe('tenant-a-0001');
      expect(trustPolicy(t, onlyOf(t, 'AWS::IAM::Role')).Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'tenant-a-0001' } });
    });

    test('an account not in the map gets externalId', () => {
      const stack = concreteStack();
      expect(roleIn(stack).externalId).toBe(EXTERNAL_ID);
      expect(stack.account).toBe(ACCOUNT);
    });
  });

  describe('bad input is a synth-time error naming the value and the fix', () => {
    test.each([
      [{ accountExternalIds: {} }, /accountExternalIds must not be empty/],
      [{ externalId: undefined }, /accountExternalIds needs externalId: it is the value of every account not in the map/],
      [{ accountExternalIds: { 12345: 'tenant-x-1' } }, /accountExternalIds key "12345" must be a 12-digit AWS account ID.*got "12345": it has 5 digits/],
      [{ accountExternalIds: { [MEMBER_A]: 'bad id!' } }, /accountExternalIds\["444455556666"\].*remove/],
      [{ accountExternalIds: { [MEMBER_A]: 'x' } }, /accountExternalIds\["444455556666"\].*1 character/],
    ])('%j', (props, message) => {
      expect(() => roleIn(newStack(), props as Partial<ReadOnlyAuditRoleProps>)).toThrow(message);
    });

    test('the error names the construct path', () => {
      expect(() => roleIn(newStack(), { accountExternalIds: {} })).toThrow(/TestStack\/AuditRole/);
    });
  });
});
