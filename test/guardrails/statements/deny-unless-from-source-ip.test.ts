import { SERVICE_ROLE_ARN_PATTERN, denyUnlessFromSourceIpStatement } from '../../../src/guardrails/statements/deny-unless-from-source-ip';

const exceptions = { principalArnPatterns: [SERVICE_ROLE_ARN_PATTERN], exemptCallsViaAwsServices: true };

describe('deny-unless-from-source-ip', () => {
  test('denies every action unless aws:SourceIp is in the CIDRs, with the post\'s two exceptions (R-332, R-333, R-335, A-69)', () => {
    expect(denyUnlessFromSourceIpStatement({ sid: 'Ip', allowedCidrs: ['203.0.113.0/24'], allowedVpcIds: [], exceptions })).toEqual({
      sid: 'Ip',
      action: ['*'],
      resource: ['*'],
      condition: {
        NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] },
        ArnNotLike: { 'aws:PrincipalArn': ['arn:*:iam::*:role/service-role/*'] },
        BoolIfExists: { 'aws:ViaAWSService': 'false' },
      },
    });
  });

  test('adds StringNotEqualsIfExists on aws:SourceVpc for the allowed VPCs', () => {
    const s = denyUnlessFromSourceIpStatement({ sid: 'Ip', allowedCidrs: ['203.0.113.0/24'], allowedVpcIds: ['vpc-0a1b2c3d'], exceptions });
    expect(s.condition?.StringNotEqualsIfExists).toEqual({ 'aws:SourceVpc': ['vpc-0a1b2c3d'] });
  });

  test('the service-role pattern matches every partition and account', () => {
    expect(SERVICE_ROLE_ARN_PATTERN).toBe('arn:*:iam::*:role/service-role/*');
  });
});
