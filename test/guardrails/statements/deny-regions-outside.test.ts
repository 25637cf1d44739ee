import { denyRegionsOutsideStatement } from '../../../src/guardrails/statements/deny-regions-outside';

describe('deny-regions-outside', () => {
  test('denies everything but the exempt actions outside the allowed regions', () => {
    expect(denyRegionsOutsideStatement({
      sid: 'Regions', allowedRegions: ['eu-west-1'], exemptActions: ['iam:*'], exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: true },
    })).toEqual({
      sid: 'Regions',
      notAction: ['iam:*'],
      resource: ['*'],
      condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] }, BoolIfExists: { 'aws:ViaAWSService': 'false' } },
    });
  });
});
