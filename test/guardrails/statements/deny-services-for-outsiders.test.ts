import { denyServicesForOutsidersStatement } from '../../../src/guardrails/statements/deny-services-for-outsiders';

describe('deny-services-for-outsiders', () => {
  test('denies service principals acting for a source outside the organization', () => {
    expect(denyServicesForOutsidersStatement({
      sid: 'Deputy', organizationId: 'o-a1b2c3d4e5', actions: ['sqs:*'], trustedAccounts: [], trustedPrincipalArns: [],
    }).condition).toEqual({
      StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' },
      Null: { 'aws:SourceAccount': 'false' },
      Bool: { 'aws:PrincipalIsAWSService': 'true' },
    });
  });
});
