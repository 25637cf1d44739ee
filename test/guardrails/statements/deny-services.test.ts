import { denyServicesStatement } from '../../../src/guardrails/statements/deny-services';

describe('deny-services', () => {
  test('denies every action of each service on every resource, in the order given (R-312)', () => {
    expect(denyServicesStatement({
      sid: 'GameDay', services: ['route53', 'iam'], exceptions: { principalArnPatterns: ['arn:*:iam::*:role/Audit'], exemptCallsViaAwsServices: false },
    })).toEqual({
      sid: 'GameDay',
      action: ['route53:*', 'iam:*'],
      resource: ['*'],
      condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:*:iam::*:role/Audit'] } },
    });
  });

  test('adds the aws:ViaAWSService exception only when asked', () => {
    const s = denyServicesStatement({ sid: 'S', services: ['kms'], exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: true } });
    expect(s.condition).toEqual({ BoolIfExists: { 'aws:ViaAWSService': 'false' } });
  });
});
