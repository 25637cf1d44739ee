import { resourcePolicyProblems, trustPolicyProblems } from './posture';

/** The posture rules applied to read-back policies (no emulator needed). */
const TLS_DENY = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

describe('resourcePolicyProblems', () => {
  test('a TLS-only policy with a source-scoped service statement has no problem', () => {
    expect(resourcePolicyProblems('q', {
      Statement: [TLS_DENY, { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:t' } } }],
    })).toEqual([]);
  });

  test('a policy without the TLS deny is reported', () => {
    expect(resourcePolicyProblems('q', { Statement: [] })).toEqual(['q: the policy does not deny requests without TLS (aws:SecureTransport false)']);
  });

  test('any principal narrowed by organization is accepted, unnarrowed is reported', () => {
    const narrowed = { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
    expect(resourcePolicyProblems('q', { Statement: [TLS_DENY, narrowed] })).toEqual([]);
    const { Condition: _, ...open } = narrowed;
    expect(resourcePolicyProblems('q', { Statement: [TLS_DENY, open] })).toEqual([expect.stringContaining('allows any principal (*) "sqs:SendMessage" with no narrowing condition')]);
  });

  test('a service principal without aws:SourceArn or aws:SourceAccount is reported', () => {
    expect(resourcePolicyProblems('t', { Statement: [TLS_DENY, { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: '*' }] }))
      .toEqual([expect.stringContaining('allows service principal "events.amazonaws.com" without aws:SourceArn or aws:SourceAccount')]);
  });
});

describe('trustPolicyProblems', () => {
  const trust = (principal: any, condition?: any) => ({ Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });

  test('another account with sts:ExternalId is accepted, without it is reported', () => {
    expect(trustPolicyProblems('r', '123456789012', trust({ AWS: 'arn:aws:iam::111122223333:root' }, { StringEquals: { 'sts:ExternalId': 'x1' } }))).toEqual([]);
    expect(trustPolicyProblems('r', '123456789012', trust({ AWS: 'arn:aws:iam::111122223333:root' })))
      .toEqual(['r: account 111122223333 may assume the role without sts:ExternalId (confused deputy)']);
  });

  test('the same account, or one named role of another account, needs no external ID', () => {
    expect(trustPolicyProblems('r', '123456789012', trust({ AWS: 'arn:aws:iam::123456789012:root' }))).toEqual([]);
    expect(trustPolicyProblems('r', '123456789012', trust({ AWS: 'arn:aws:iam::111122223333:role/AWSCloudFormationStackSetAdministrationRole' }))).toEqual([]);
  });

  test('any principal is always reported', () => {
    expect(trustPolicyProblems('r', '123456789012', trust({ AWS: '*' }, { StringEquals: { 'sts:ExternalId': 'x1' } })))
      .toEqual(['r: the trust policy lets any AWS principal (*) assume the role']);
  });
});
