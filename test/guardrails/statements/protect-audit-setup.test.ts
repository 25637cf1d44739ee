import { protectAuditSetupStatement } from '../../../src/guardrails/statements/protect-audit-setup';

const none = { roleNames: [], ruleNames: [], topicNames: [], queueNames: [], trailNames: [], adminPrincipalArnPatterns: [] };

describe('protect-audit-setup', () => {
  test('builds partition-free ARN patterns for each kind', () => {
    const s = protectAuditSetupStatement({
      ...none, sid: 'P', roleNames: ['security/Audit'], ruleNames: ['bus/rule'], topicNames: ['t'], queueNames: ['q'], trailNames: ['trail'],
    });
    expect(s.resource).toEqual([
      'arn:*:iam::*:role/security/Audit',
      'arn:*:events:*:*:rule/bus/rule',
      'arn:*:sns:*:*:t',
      'arn:*:sqs:*:*:q',
      'arn:*:cloudtrail:*:*:trail/trail',
    ]);
  });

  test('exempts only the admin principals, never calls via AWS services', () => {
    const s = protectAuditSetupStatement({ ...none, sid: 'P', roleNames: ['A'], adminPrincipalArnPatterns: ['arn:aws:iam::*:role/Admin'] });
    expect(s.condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Admin'] } });
  });
});
