import { AUDIT_POLICY_ARN, protectAuditSetupStatements, protectedRoleArns } from '../../../src/guardrails/statements/protect-audit-setup';

const none = { roleNames: [], ruleNames: [], topicNames: [], queueNames: [], trailNames: [], adminPrincipalArnPatterns: [], protectTagged: false };

describe('protect-audit-setup', () => {
  test('builds partition-free ARN patterns for each kind; roles under any path (issue 13, finding 4)', () => {
    const [s] = protectAuditSetupStatements({
      ...none, sid: 'P', roleNames: ['security/Audit'], ruleNames: ['bus/rule'], topicNames: ['t'], queueNames: ['q'], trailNames: ['trail'],
    });
    expect(s.resource).toEqual([
      'arn:*:iam::*:role/Audit',
      'arn:*:iam::*:role/*/Audit',
      'arn:*:events:*:*:rule/bus/rule',
      'arn:*:sns:*:*:t',
      'arn:*:sqs:*:*:q',
      'arn:*:cloudtrail:*:*:trail/trail',
    ]);
  });

  test('a role name is protected at the root path and under every path', () => {
    expect(protectedRoleArns('stacksets-exec-*')).toEqual(['arn:*:iam::*:role/stacksets-exec-*', 'arn:*:iam::*:role/*/stacksets-exec-*']);
  });

  test('denies passing the protected roles (issue 13, finding 3)', () => {
    const [s] = protectAuditSetupStatements({ ...none, sid: 'P', roleNames: ['A'] });
    expect(s.action).toContain('iam:PassRole');
  });

  test('exempts only the admin principals, never calls via AWS services', () => {
    const statements = protectAuditSetupStatements({ ...none, protectTagged: true, sid: 'P', roleNames: ['A'], adminPrincipalArnPatterns: ['arn:aws:iam::*:role/Admin'] });
    for (const s of statements) {
      expect(s.condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': ['arn:aws:iam::*:role/Admin'] });
      expect(s.condition?.BoolIfExists).toBeUndefined();
    }
  });

  test('protectTagged adds the managed policies by path, the tagged resources and the tag key (issue 13, finding 6)', () => {
    const [named, tagged, tagKey] = protectAuditSetupStatements({ ...none, protectTagged: true, sid: 'P', roleNames: ['A'] });
    expect(named.resource).toContain(AUDIT_POLICY_ARN);
    expect(AUDIT_POLICY_ARN).toBe('arn:*:iam::*:policy/audit-baseline/*');
    expect(named.action).toEqual(expect.arrayContaining(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion']));
    expect(tagged).toMatchObject({ sid: 'PTagged', resource: ['*'], condition: { StringEquals: { 'aws:ResourceTag/audit-baseline:protected': 'true' } } });
    expect(tagKey).toMatchObject({ sid: 'PTagKey', action: ['*'], condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': ['audit-baseline:protected'] } } });
  });

  test('without protectTagged there is one statement', () => {
    expect(protectAuditSetupStatements({ ...none, sid: 'P', roleNames: ['A'] })).toHaveLength(1);
  });
});
