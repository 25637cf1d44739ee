import { CfnParameter, Stack } from 'aws-cdk-lib';
import { ACCOUNT, EXTERNAL_ID, VENDOR, concreteStack, newStack, onlyOf, templateOf } from './_helpers';
import { ReadOnlyAuditRole, ReadOnlyAuditRoleProps } from '../../src/access';
import { arnOf, isAllowed, resolveTemplate, simulateAssumeRole, trustPolicy, type ResolveEnv } from '../harness';

/**
 * The trust of a ReadOnlyAuditRole, proven by simulation
 * (`@cloud-copilot/iam-simulate`): the vendor may assume the role only with
 * the right external ID, only from its own account, and only as a named
 * principal when the trust is narrowed.
 * The caller's own identity policy allows everything, so the trust policy
 * alone decides.
 */

const OTHER = '444455556666';

function trustOf(props: Partial<ReadOnlyAuditRoleProps>, stack: Stack = concreteStack(), env: ResolveEnv = { account: ACCOUNT }) {
  new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: VENDOR, externalId: EXTERNAL_ID, ...props });
  const t = resolveTemplate(templateOf(stack), env);
  const id = onlyOf(t, 'AWS::IAM::Role');
  return { trustPolicy: trustPolicy(t, id), roleArn: arnOf(t, id) };
}

async function mayAssume(trust: { trustPolicy: any; roleArn: string }, principal: string, externalId?: string): Promise<boolean> {
  const result = await simulateAssumeRole({
    ...trust,
    principal,
    context: externalId === undefined ? undefined : { 'sts:ExternalId': externalId },
  });
  return result.result === 'Allowed';
}

describe('ReadOnlyAuditRole trust (simulation)', () => {
  describe('trusting the vendor account', () => {
    const trust = () => trustOf({});

    test('the vendor\'s principal with the right external ID may assume the role', async () => {
      expect(await mayAssume(trust(), `arn:aws:iam::${VENDOR}:role/Scanner`, EXTERNAL_ID)).toBe(true);
    });

    test('any principal of the vendor account may, when the trust is not narrowed', async () => {
      expect(await mayAssume(trust(), `arn:aws:iam::${VENDOR}:user/ops`, EXTERNAL_ID)).toBe(true);
    });

    test('a wrong external ID is denied', async () => {
      expect(await mayAssume(trust(), `arn:aws:iam::${VENDOR}:role/Scanner`, 'other-tenant-9999')).toBe(false);
    });

    test('the external ID is compared case-sensitively (StringEquals)', async () => {
      expect(await mayAssume(trust(), `arn:aws:iam::${VENDOR}:role/Scanner`, EXTERNAL_ID.toUpperCase())).toBe(false);
    });

    test('a missing external ID is denied', async () => {
      expect(await mayAssume(trust(), `arn:aws:iam::${VENDOR}:role/Scanner`)).toBe(false);
    });

    test('a principal of another account is denied, even with the right external ID', async () => {
      expect(await mayAssume(trust(), `arn:aws:iam::${OTHER}:role/Scanner`, EXTERNAL_ID)).toBe(false);
    });

    test('a principal of the role\'s own account is denied: only the vendor account is trusted', async () => {
      expect(await mayAssume(trust(), `arn:aws:iam::${ACCOUNT}:role/Admin`, EXTERNAL_ID)).toBe(false);
    });

    test('the trust grants sts:AssumeRole only, not sts:TagSession or sts:SetSourceIdentity', async () => {
      const { trustPolicy: policy, roleArn } = trust();
      for (const action of ['sts:TagSession', 'sts:SetSourceIdentity']) {
        expect(await isAllowed({
          principal: `arn:aws:iam::${VENDOR}:role/Scanner`,
          action,
          resource: roleArn,
          resourcePolicy: policy,
          identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
          context: { 'sts:ExternalId': EXTERNAL_ID },
          allowIgnoredContextKeys: true,
        })).toBe(false);
      }
    });
  });

  describe('narrowed to principal ARNs', () => {
    const SCANNER = `arn:aws:iam::${VENDOR}:role/Scanner`;

    test('the named principal with the right external ID may assume the role', async () => {
      expect(await mayAssume(trustOf({ trustedPrincipalArns: [SCANNER] }), SCANNER, EXTERNAL_ID)).toBe(true);
    });

    test('a session of the named role may assume it (aws:PrincipalArn holds the role ARN)', async () => {
      expect(await mayAssume(trustOf({ trustedPrincipalArns: [SCANNER] }), `arn:aws:sts::${VENDOR}:assumed-role/Scanner/run-42`, EXTERNAL_ID)).toBe(true);
    });

    test('another principal of the vendor account is denied, even with the right external ID', async () => {
      expect(await mayAssume(trustOf({ trustedPrincipalArns: [SCANNER] }), `arn:aws:iam::${VENDOR}:role/Intern`, EXTERNAL_ID)).toBe(false);
    });

    test('the named principal without the external ID is denied', async () => {
      expect(await mayAssume(trustOf({ trustedPrincipalArns: [SCANNER] }), SCANNER)).toBe(false);
    });

    test('a wildcard principal ARN admits the roles it matches and no others', async () => {
      const trust = trustOf({ trustedPrincipalArns: [`arn:aws:iam::${VENDOR}:role/scanners/*`] });
      expect(await mayAssume(trust, `arn:aws:iam::${VENDOR}:role/scanners/eu-1`, EXTERNAL_ID)).toBe(true);
      expect(await mayAssume(trust, `arn:aws:iam::${VENDOR}:role/builders/eu-1`, EXTERNAL_ID)).toBe(false);
    });
  });

  describe('trusting the stack\'s own account', () => {
    test('a principal of the account whose own policy allows it may assume the role without an external ID', async () => {
      expect(await mayAssume(trustOf({ trustedAccountId: ACCOUNT, externalId: undefined }), `arn:aws:iam::${ACCOUNT}:user/connector`)).toBe(true);
    });

    test('a principal of the account without an identity policy allowing sts:AssumeRole is denied', async () => {
      const trust = trustOf({ trustedAccountId: ACCOUNT, externalId: undefined });
      expect(await isAllowed({ principal: `arn:aws:iam::${ACCOUNT}:user/connector`, action: 'sts:AssumeRole', resource: trust.roleArn, resourcePolicy: trust.trustPolicy })).toBe(false);
    });
  });

  describe.each([
    ['aws-cn', 'cn-north-1'],
    ['aws-us-gov', 'us-gov-west-1'],
  ])('in %s', (partition, region) => {
    test.each([
      ['environment-agnostic', undefined],
      ['with a concrete environment', { account: ACCOUNT, region }],
    ])('%s: the vendor principal of the partition may assume with the external ID and not without', async (_kind, env) => {
      const trust = trustOf({}, newStack(env), { partition, region, account: ACCOUNT });
      expect(trust.roleArn).toMatch(new RegExp(`^arn:${partition}:iam::${ACCOUNT}:role/`));
      expect(await mayAssume(trust, `arn:${partition}:iam::${VENDOR}:role/Scanner`, EXTERNAL_ID)).toBe(true);
      expect(await mayAssume(trust, `arn:${partition}:iam::${VENDOR}:role/Scanner`)).toBe(false);
    });
  });

  test('with the account and external ID as CloudFormation parameters, the deployed values decide', async () => {
    const stack = newStack();
    const vendor = new CfnParameter(stack, 'VendorAccountId', { type: 'String' });
    const ext = new CfnParameter(stack, 'ExternalId', { type: 'String' });
    const trust = trustOf({ trustedAccountId: vendor.valueAsString, externalId: ext.valueAsString }, stack, {
      account: ACCOUNT,
      parameters: { VendorAccountId: VENDOR, ExternalId: 'per-account-77' },
    });
    expect(await mayAssume(trust, `arn:aws:iam::${VENDOR}:role/Scanner`, 'per-account-77')).toBe(true);
    expect(await mayAssume(trust, `arn:aws:iam::${VENDOR}:role/Scanner`, EXTERNAL_ID)).toBe(false);
  });
});
