import { denyResourcesOutsideOrgPathsStatement } from '../../../src/guardrails/statements/deny-resources-outside-org-paths';

describe('deny-resources-outside-org-paths', () => {
  test('renders P1 Example 2 (R-308) with ForAllValues:StringNotLike', () => {
    const paths = ['o-anycompany1/r-acroot/ou-acroot-mediaou1/', 'o-anycompany1/r-acroot/ou-acroot-sportsou/*'];
    expect(denyResourcesOutsideOrgPathsStatement({
      sid: 'DenyS3AccessOutsideMyBoundary',
      actions: ['s3:*'],
      resources: ['*'],
      trustedAccounts: [],
      exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: false },
      orgPaths: paths,
    })).toEqual({
      sid: 'DenyS3AccessOutsideMyBoundary',
      action: ['s3:*'],
      resource: ['*'],
      condition: { 'ForAllValues:StringNotLike': { 'aws:ResourceOrgPaths': paths } },
    });
  });

  test('puts trusted accounts under a separate single-valued operator', () => {
    const s = denyResourcesOutsideOrgPathsStatement({
      sid: 'X',
      actions: ['s3:*'],
      resources: ['*'],
      trustedAccounts: ['111122223333'],
      exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: false },
      orgPaths: ['o-anycompany1/r-acroot/'],
    });
    expect(s.condition!.StringNotEquals).toEqual({ 'aws:ResourceAccount': ['111122223333'] });
  });
});
