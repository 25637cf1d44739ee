import { denyUnlessFromSourceIpStatement } from '../../../src/guardrails/statements/deny-unless-from-source-ip';

const exceptions = { principalArnPatterns: ['arn:aws:iam::444455556666:role/Workload'], exemptCallsViaAwsServices: true };

describe('deny-unless-from-source-ip', () => {
  test('denies every action unless aws:SourceIp is in the CIDRs, with the principal and service-call exceptions (R-332, R-335, A-69)', () => {
    expect(denyUnlessFromSourceIpStatement({ sid: 'Ip', allowedCidrs: ['203.0.113.0/24'], allowedVpcIds: [], exceptions })).toEqual({
      sid: 'Ip',
      action: ['*'],
      resource: ['*'],
      condition: {
        NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] },
        ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::444455556666:role/Workload'] },
        BoolIfExists: { 'aws:ViaAWSService': 'false' },
      },
    });
  });

  test('adds StringNotEqualsIfExists on aws:SourceVpc for the allowed VPCs', () => {
    const s = denyUnlessFromSourceIpStatement({ sid: 'Ip', allowedCidrs: ['203.0.113.0/24'], allowedVpcIds: ['vpc-0a1b2c3d'], exceptions });
    expect(s.condition?.StringNotEqualsIfExists).toEqual({ 'aws:SourceVpc': ['vpc-0a1b2c3d'] });
  });

});
