import { denyPrincipalsOutsideOrganizationStatement } from '../../../src/guardrails/statements/deny-principals-outside-organization';

describe('deny-principals-outside-organization', () => {
  test('denies outsiders, exempting trusted accounts, trusted principals and AWS service principals', () => {
    expect(denyPrincipalsOutsideOrganizationStatement({
      sid: 'Outsiders', organizationId: 'o-a1b2c3d4e5', actions: ['s3:*'], trustedAccounts: ['111122223333'], trustedPrincipalArns: ['arn:aws:iam::444455556666:role/R'],
    })).toEqual({
      sid: 'Outsiders',
      principal: '*',
      action: ['s3:*'],
      resource: ['*'],
      condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:PrincipalAccount': ['111122223333'] },
        ArnNotLikeIfExists: { 'aws:PrincipalArn': ['arn:aws:iam::444455556666:role/R'] },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    });
  });
});
