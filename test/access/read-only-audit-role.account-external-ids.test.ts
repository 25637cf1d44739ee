import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
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

    test('cfn-lint accepts the conditions and the flat lookup', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-ids-'));
      const file = path.join(dir, 'template.json');
      fs.writeFileSync(file, JSON.stringify(template()));
      expect(cfnLint([file])).toEqual([]);
    });
  });

  describe('at scale: one flat lookup, no nesting (issue 15: 96 accounts crashed the resolver)', () => {
    /** `n` accounts with 20-character external IDs. */
    const manyIds = (n: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [String(300000000000 + i * 7919), `tenant-${String(i).padStart(13, '0')}`]));
    const stackSetStack = () => new Stack(new Stage(new App(), 'MemberTemplates'), 'Role', { synthesizer: new BootstraplessSynthesizer() });

    /** The deepest nesting of Fn::If in `node`. */
    function ifDepth(node: unknown): number {
      if (Array.isArray(node)) return Math.max(0, ...node.map(ifDepth));
      if (node === null || typeof node !== 'object') return 0;
      return Math.max(0, ...Object.entries(node).map(([k, v]) => ifDepth(v) + (k === 'Fn::If' ? 1 : 0)));
    }

    test.each([96, 350])('%i accounts in a StackSet template: synthesizes under 51,200 bytes, every Fn::If at depth 1', (n) => {
      const stack = stackSetStack();
      roleIn(stack, { accountExternalIds: manyIds(n), handOffOutputs: n < 100 });
      const t = templateOf(stack);
      expect(Object.keys(t.Conditions)).toHaveLength(n);
      expect(ifDepth(t)).toBe(1);
      expect(Buffer.byteLength(JSON.stringify(t))).toBeLessThanOrEqual(51_200);
    });

    test('cfn-lint accepts the 96-account template (its time grows with the conditions, so the larger ones are left to the moto deployment)', () => {
      const stack = stackSetStack();
      roleIn(stack, { accountExternalIds: manyIds(96), handOffOutputs: true });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-ids-'));
      const file = path.join(dir, 'template.json');
      fs.writeFileSync(file, JSON.stringify(templateOf(stack)));
      expect(cfnLint([file])).toEqual([]);
    });

    test('2,000 accounts in a stack cdk deploy uploads: the first, a middle and the last listed account and an unlisted one each get their own value, and the vendor may assume the role with it only', async () => {
      const ids = manyIds(2000);
      const stack = newStack();
      roleIn(stack, { accountExternalIds: ids });
      const t = templateOf(stack);
      const accounts = Object.keys(ids).sort();
      const cases = [accounts[0], accounts[999], accounts[1999]].map((a) => [a, ids[a]]);
      for (const [account, value] of [...cases, [UNLISTED, EXTERNAL_ID]]) {
        const trust = trustIn(t, account);
        expect(trust.trustPolicy.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': value } });
        expect(await mayAssume(trust, value)).toBe(true);
        expect(await mayAssume(trust, value === EXTERNAL_ID ? ids[accounts[0]] : EXTERNAL_ID)).toBe(false);
      }
    });

    test('two roles in one stack share the per-account conditions', () => {
      const stack = newStack();
      roleIn(stack);
      new ReadOnlyAuditRole(stack, 'Second', { trustedAccountId: VENDOR, externalId: 'other-default', accountExternalIds: { [MEMBER_A]: 'other-a' } });
      const t = templateOf(stack);
      expect(Object.keys(t.Conditions).sort()).toEqual([`Account${MEMBER_A}`, `Account${MEMBER_B}`]);
      const second = resolveTemplate(t, { account: MEMBER_A }).Resources;
      const values = Object.values<any>(second).filter((r) => r.Type === 'AWS::IAM::Role').map((r) => r.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['sts:ExternalId']).sort();
      expect(values).toEqual(['other-a', 'tenant-a-0001']);
    });

    test.each([
      ['a StackSet template', stackSetStack, /accountExternalIds lists 10000 accounts; picking the value per account at deploy time adds \d+ bytes to the template, over the 51200-byte TemplateBody limit of a StackSet template \(about \d+ accounts fit/],
      ['a stack cdk deploy uploads', () => newStack(), /accountExternalIds lists 10000 accounts; picking the value per account at deploy time adds \d+ bytes to the template, over the 1000000-byte limit of a template uploaded to S3 \(about \d+ accounts fit/],
    ])('10,000 accounts in %s: the library\'s error names the limit, the count and the fix', (_, make, message) => {
      const stack = make();
      expect(() => roleIn(stack, { accountExternalIds: manyIds(10_000) })).toThrow(message);
      expect(() => roleIn(make(), { accountExternalIds: manyIds(10_000) })).toThrow(/\/AuditRole: .*split the accounts over several rollouts/);
    });

    test('a stack whose account is known takes any number of accounts (the value is picked at synth)', () => {
      const ids = manyIds(10_000);
      const stack = newStack({ account: Object.keys(ids)[5000], region: 'us-east-1' });
      expect(roleIn(stack, { accountExternalIds: ids }).externalId).toBe(ids[Object.keys(ids)[5000]]);
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
      [{ accountExternalIds: { [MEMBER_A]: 12345678 } }, /accountExternalIds\["444455556666"\] must be a string, got number 12345678: write every value in quotes/],
      [{ accountExternalIds: { [MEMBER_A]: 'a|b' } }, /accountExternalIds\["444455556666"\].*remove "\|"/],
      [{ accountExternalIds: ['tenant-a'] }, /accountExternalIds must be a map of string keys to string values, got an array of 1/],
    ])('%j', (props, message) => {
      expect(() => roleIn(newStack(), props as Partial<ReadOnlyAuditRoleProps>)).toThrow(message);
    });

    test('the error names the construct path', () => {
      expect(() => roleIn(newStack(), { accountExternalIds: {} })).toThrow(/TestStack\/AuditRole/);
    });
  });
});
