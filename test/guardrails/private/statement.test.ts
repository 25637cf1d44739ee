import { anyPartitionArn, anyRoleArn, documentToJson, statementToJson, withExceptions } from '../../../src/guardrails/private/statement';

describe('statement', () => {
  test('renders keys in IAM order and one-element lists as strings', () => {
    const json = statementToJson({ sid: 'S', action: ['s3:*'], resource: ['*'], condition: { StringNotEquals: { k: ['v'] } } });
    expect(JSON.stringify(json)).toBe('{"Sid":"S","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"k":"v"}}}');
  });

  test('omits an empty condition block', () => {
    expect(statementToJson({ sid: 'S', action: ['a:b'], resource: ['*'], condition: {} })).not.toHaveProperty('Condition');
  });

  test('renders a document with the 2012-10-17 version', () => {
    expect(documentToJson([])).toEqual({ Version: '2012-10-17', Statement: [] });
  });

  test('adds exceptions without touching the input', () => {
    const input = { StringNotEquals: { k: 'v' } };
    const out = withExceptions(input, { principalArnPatterns: ['arn:*:iam::*:role/A'], exemptCallsViaAwsServices: true });
    expect(out).toEqual({ StringNotEquals: { k: 'v' }, ArnNotLike: { 'aws:PrincipalArn': ['arn:*:iam::*:role/A'] }, BoolIfExists: { 'aws:ViaAWSService': 'false' } });
    expect(input).toEqual({ StringNotEquals: { k: 'v' } });
  });

  test('builds ARN patterns valid in every partition', () => {
    expect(anyRoleArn('Audit')).toBe('arn:*:iam::*:role/Audit');
    expect(anyPartitionArn('sns', 'topic')).toBe('arn:*:sns:*:*:topic');
  });
});
