import { validate } from '../../../src/core/private/validators';
import { ONBOARDING_ROLES, onboardingRoleNames } from '../../../src/guardrails/private/onboarding';

describe('onboarding', () => {
  test('every onboarding role name is a valid IAM role name (a trailing * aside)', () => {
    const problems = onboardingRoleNames().map((n) => validate('roleName', n, n.replace(/\*$/, 'x')));
    expect(problems.filter(Boolean)).toEqual([]);
  });

  test('includes the StackSet and Control Tower execution roles', () => {
    expect(onboardingRoleNames()).toEqual(expect.arrayContaining(['stacksets-exec-*', 'AWSCloudFormationStackSetExecutionRole', 'AWSControlTowerExecution']));
  });

  test('every role says who uses it', () => {
    for (const r of ONBOARDING_ROLES) expect(r.why.length).toBeGreaterThan(10);
  });
});
