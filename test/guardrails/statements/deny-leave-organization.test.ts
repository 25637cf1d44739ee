import { denyLeaveOrganizationStatement } from '../../../src/guardrails/statements/deny-leave-organization';

describe('deny-leave-organization', () => {
  test('denies organizations:LeaveOrganization on every resource (R-342)', () => {
    expect(denyLeaveOrganizationStatement({ sid: 'Stay', exceptions: { principalArnPatterns: [], exemptCallsViaAwsServices: false } }))
      .toEqual({ sid: 'Stay', action: ['organizations:LeaveOrganization'], resource: ['*'], condition: {} });
  });
});
