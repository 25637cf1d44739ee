import { PRINCIPAL_ORG_ID, denyResourcesOutsideOrganizationStatement } from '../../../src/guardrails/statements/deny-resources-outside-organization';

const noExceptions = { principalArnPatterns: [], exemptCallsViaAwsServices: false };

describe('deny-resources-outside-organization', () => {
  test('renders P1 Example 3 (R-309) with the resource as a parameter', () => {
    expect(denyResourcesOutsideOrganizationStatement({
      sid: 'DenyS3AccessOutsideMyBoundary',
      actions: ['s3:*'],
      resources: ['arn:aws:s3:::*/*'],
      trustedAccounts: [],
      exceptions: noExceptions,
      organizationId: PRINCIPAL_ORG_ID,
    })).toEqual({
      sid: 'DenyS3AccessOutsideMyBoundary',
      action: ['s3:*'],
      resource: ['arn:aws:s3:::*/*'],
      condition: { StringNotEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
    });
  });

  test('ANDs trusted accounts under the same operator and renders NotResource for exempt resources', () => {
    const s = denyResourcesOutsideOrganizationStatement({
      sid: 'X',
      actions: ['s3:*'],
      resources: ['*'],
      notResources: ['arn:aws:s3:::aws-samples/*'],
      trustedAccounts: ['111122223333'],
      exceptions: { principalArnPatterns: ['arn:*:iam::*:role/A'], exemptCallsViaAwsServices: true },
      organizationId: 'o-a1b2c3d4e5',
    });
    expect(s.resource).toBeUndefined();
    expect(s.notResource).toEqual(['arn:aws:s3:::aws-samples/*']);
    expect(s.condition).toEqual({
      StringNotEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5', 'aws:ResourceAccount': ['111122223333'] },
      ArnNotLike: { 'aws:PrincipalArn': ['arn:*:iam::*:role/A'] },
      BoolIfExists: { 'aws:ViaAWSService': 'false' },
    });
  });
});
