import { PRINCIPAL_ACCOUNT, denyResourcesOutsideAccountsStatement } from '../../../src/guardrails/statements/deny-resources-outside-accounts';

describe('deny-resources-outside-accounts', () => {
  test('renders P1 Example 1 (R-306), and R-307\'s ${aws:PrincipalAccount} form', () => {
    const input = { sid: 'S', actions: ['s3:*'], resources: ['*'], trustedAccounts: [], exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: false } };
    expect(denyResourcesOutsideAccountsStatement({ ...input, accountIds: ['222222222222'] }).condition)
      .toEqual({ StringNotEquals: { 'aws:ResourceAccount': ['222222222222'] } });
    expect(denyResourcesOutsideAccountsStatement({ ...input, accountIds: [PRINCIPAL_ACCOUNT] }).condition)
      .toEqual({ StringNotEquals: { 'aws:ResourceAccount': ['${aws:PrincipalAccount}'] } });
  });

  test('lists trusted accounts after the allowed ones', () => {
    const s = denyResourcesOutsideAccountsStatement({
      sid: 'S',
      actions: ['s3:*'],
      resources: ['*'],
      trustedAccounts: ['111122223333'],
      exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: false },
      accountIds: ['222222222222'],
    });
    expect(s.condition!.StringNotEquals['aws:ResourceAccount']).toEqual(['222222222222', '111122223333']);
  });
});
