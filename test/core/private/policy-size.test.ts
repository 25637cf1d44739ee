import { App, Aws, CfnCondition, CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import * as fc from 'fast-check';
import { AwsLimits } from '../../../src/core';
import { partitionMapping } from '../../../src/core/private/partition-facts';
import {
  checkPolicySize,
  compactJson,
  formatCount,
  measurePolicy,
  PSEUDO_BOUNDS,
  RESOURCE_BOUNDS,
  stripJsonWhitespace,
} from '../../../src/core/private/policy-size';

/**
 * Policy sizing (style guide B8.3; seed-digest 5.1 "AwsLimits + policy
 * sizing", R-305, R-310; field notes: "No IaC tool checks sizes before
 * deploy", SCPs "too big even after minifying").
 */

function stack(): Stack {
  return new Stack(new App(), 'S');
}

/** An SCP-shaped document whose compact JSON has exactly `length` characters. */
function scpOfLength(length: number): Record<string, unknown> {
  const make = (pad: number) => ({
    Version: '2012-10-17',
    Statement: [{ Sid: 'Pad', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/t': 'a'.repeat(pad) } } }],
  });
  const base = compactJson(make(0)).length;
  const doc = make(length - base);
  expect(compactJson(doc)).toHaveLength(length);
  return doc;
}

/** Object keys a policy can have ("__proto__" is not one, and plain-object copies cannot keep it). */
const policyKey = fc.string().filter((k) => k !== '__proto__');

/** Arbitrary JSON documents (nested objects and arrays, no CDK tokens). */
const policyDoc = fc.object({ key: policyKey, maxDepth: 3, values: [fc.string(), fc.integer(), fc.boolean(), fc.constant(null)] });

const LONGEST_REGION = Math.max(...RegionInfo.regions.map((r) => r.name.length));

describe('policy-size', () => {
  describe('compactJson', () => {
    test('has no whitespace between tokens', () => {
      expect(compactJson({ a: [1, { b: 'x y' }], c: true })).toBe('{"a":[1,{"b":"x y"}],"c":true}');
    });

    test('keeps the key order given', () => {
      expect(compactJson({ Version: '2012-10-17', Statement: [], Id: 'x' })).toBe('{"Version":"2012-10-17","Statement":[],"Id":"x"}');
    });
  });

  describe('stripJsonWhitespace', () => {
    test('drops whitespace outside strings and keeps it inside', () => {
      expect(stripJsonWhitespace('{\n  "a b" : [ "c\\td e" , 1 ]\n}')).toBe('{"a b":["c\\td e",1]}');
    });

    test('does not end a string at an escaped quote', () => {
      expect(stripJsonWhitespace('{ "a": "x\\" y" }')).toBe('{"a":"x\\" y"}');
    });

    test('turns any pretty-printed JSON back into its compact form', () => {
      fc.assert(
        fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 8 }), (value, indent) => {
          return stripJsonWhitespace(JSON.stringify(value, undefined, indent)) === JSON.stringify(value);
        }),
      );
    });
  });

  describe('measurePolicy', () => {
    test('counts an SCP as its compact JSON, exactly', () => {
      const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };
      expect(measurePolicy(stack(), 'scp', doc)).toEqual({ characters: compactJson(doc).length, estimated: false, unbounded: [] });
    });

    test('counts every character of SCP text, whitespace included (the API stores what it is sent)', () => {
      const text = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}';
      expect(measurePolicy(stack(), 'scp', text).characters).toBe(text.length);
      expect(measurePolicy(stack(), 'rcp', text).characters).toBe(text.length);
    });

    test.each(['managed', 'roleInline', 'userInline', 'trust'] as const)('does not count whitespace outside strings in %s policy text (IAM quotas)', (kind) => {
      const text = '{\n  "Version": "2012-10-17",\n  "Statement": [ { "Sid": "A", "Condition": { "StringEquals": { "k": "a b" } } } ]\n}';
      expect(measurePolicy(stack(), kind, text).characters).toBe(stripJsonWhitespace(text).length);
      // The space inside "a b" is still counted.
      expect(stripJsonWhitespace(text)).toContain('"a b"');
    });

    test('without intrinsics, every kind counts a document exactly as its compact JSON', () => {
      const s = stack();
      fc.assert(
        fc.property(policyDoc, fc.constantFrom('scp', 'rcp', 'managed', 'trust', 'resource', 'eventPattern' as const), (doc, kind) => {
          const size = measurePolicy(s, kind, doc);
          return size.characters === [...compactJson(doc)].length && !size.estimated && size.unbounded.length === 0;
        }),
        { numRuns: 200 },
      );
    });

    test('counts an event pattern as the characters of its JSON', () => {
      const pattern = { 'source': ['aws.iam'], 'detail-type': ['AWS API Call via CloudTrail'] };
      expect(measurePolicy(stack(), 'eventPattern', pattern).characters).toBe(compactJson(pattern).length);
    });

    test('counts characters, not UTF-16 units', () => {
      const doc = { a: '😀' };
      expect(measurePolicy(stack(), 'scp', doc).characters).toBe('{"a":"😀"}'.length - 1);
    });

    test('resolves an iam.PolicyDocument first', () => {
      const s = stack();
      const doc = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
      expect(measurePolicy(s, 'managed', doc)).toEqual({
        characters: compactJson(s.resolve(doc)).length,
        estimated: false,
        unbounded: [],
      });
    });

    describe('CloudFormation intrinsics count at their documented worst case', () => {
      test.each([
        ['AWS::Partition', Aws.PARTITION, 10],
        ['AWS::AccountId', Aws.ACCOUNT_ID, 12],
        ['AWS::Region', Aws.REGION, LONGEST_REGION],
        ['AWS::URLSuffix', Aws.URL_SUFFIX, PSEUDO_BOUNDS['AWS::URLSuffix']],
        ['AWS::StackName', Aws.STACK_NAME, 128],
      ])('%s', (_name, token, bound) => {
        const size = measurePolicy(stack(), 'resource', { r: token });
        expect(size).toEqual({ characters: compactJson({ r: 'x'.repeat(bound) }).length, estimated: true, unbounded: [] });
      });

      test('the partition bound is "aws-us-gov" and the region bound at least "us-gov-west-1"', () => {
        expect(PSEUDO_BOUNDS['AWS::Partition']).toBe('aws-us-gov'.length);
        expect(PSEUDO_BOUNDS['AWS::Region']).toBeGreaterThanOrEqual('us-gov-west-1'.length);
        expect(PSEUDO_BOUNDS['AWS::URLSuffix']).toBeGreaterThanOrEqual('amazonaws.com.cn'.length);
      });

      test('Fn::Join is the sum of its parts and separators', () => {
        const s = stack();
        const arn = Fn.join(':', ['arn', Aws.PARTITION, 'iam', '', Aws.ACCOUNT_ID, 'root']);
        const expected = 'arn'.length + 10 + 'iam'.length + 0 + 12 + 'root'.length + 5;
        expect(measurePolicy(s, 'trust', { p: arn })).toEqual({ characters: compactJson({ p: 'x'.repeat(expected) }).length, estimated: true, unbounded: [] });
      });

      test('a role ARN (Fn::GetAtt Arn) counts 613: prefix, 512-character path, 64-character name', () => {
        const s = stack();
        const role = new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
        expect(RESOURCE_BOUNDS['AWS::IAM::Role'].attributes.Arn).toBe('arn:aws-us-gov:iam::123456789012:role'.length + 512 + 64);
        expect(RESOURCE_BOUNDS['AWS::IAM::Role'].attributes.Arn).toBe(613);
        expect(measurePolicy(s, 'trust', { p: role.roleArn }).characters).toBe(compactJson({ p: 'x'.repeat(613) }).length);
      });

      test('a queue ARN and a topic Ref count their documented name limits (80, 256)', () => {
        const s = stack();
        const queue = new sqs.Queue(s, 'Queue');
        const topic = new sns.Topic(s, 'Topic');
        const queueArn = 'arn:aws-us-gov:sqs:'.length + LONGEST_REGION + ':123456789012:'.length + 80;
        const topicArn = 'arn:aws-us-gov:sns:'.length + LONGEST_REGION + ':123456789012:'.length + 256;
        expect(measurePolicy(s, 'resource', [queue.queueArn, topic.topicArn]).characters).toBe(
          compactJson(['x'.repeat(queueArn), 'x'.repeat(topicArn)]).length,
        );
      });

      test('Fn::Select of a literal list counts its longest element', () => {
        const size = measurePolicy(stack(), 'scp', { a: Fn.select(0, ['abc', 'abcdefgh', Aws.ACCOUNT_ID]) });
        expect(size.characters).toBe(compactJson({ a: 'abcdefgh'.padEnd(12, 'x') }).length);
      });

      test('Fn::Select of Fn::Split counts the whole source string', () => {
        const s = stack();
        const value = Fn.select(1, Fn.split(':', Fn.join(':', ['a', Aws.ACCOUNT_ID])));
        expect(measurePolicy(s, 'scp', { a: value }).characters).toBe(compactJson({ a: 'x'.repeat(14) }).length);
      });

      test('Fn::If counts the longer branch, and AWS::NoValue drops the property', () => {
        const s = stack();
        const cond = new CfnCondition(s, 'C', { expression: Fn.conditionEquals(Aws.REGION, 'us-east-1') });
        const doc = { a: Fn.conditionIf(cond.logicalId, 'short', 'much longer value'), b: Fn.conditionIf(cond.logicalId, 'x', Aws.NO_VALUE) };
        expect(measurePolicy(s, 'scp', doc).characters).toBe(compactJson({ a: 'much longer value', b: 'x' }).length);
      });

      test('Fn::FindInMap on a mapping of the app counts its longest value', () => {
        const s = stack();
        const value = partitionMapping(s).findInMap(Aws.PARTITION, 'dnsSuffix');
        expect(measurePolicy(s, 'scp', { a: value }).characters).toBe(compactJson({ a: 'amazonaws.com.cn' }).length);
      });

      test('a Ref to a parameter counts its MaxLength, or its longest AllowedValue', () => {
        const s = stack();
        const withMax = new CfnParameter(s, 'WithMax', { maxLength: 40 });
        const withAllowed = new CfnParameter(s, 'WithAllowed', { allowedValues: ['a', 'abcde'] });
        expect(measurePolicy(s, 'scp', [withMax.valueAsString, withAllowed.valueAsString])).toEqual({
          characters: compactJson(['x'.repeat(40), 'abcde']).length,
          estimated: true,
          unbounded: [],
        });
      });

      test('an intrinsic without a bound is named, and the size becomes a lower bound', () => {
        const s = stack();
        const free = new CfnParameter(s, 'Free');
        const size = measurePolicy(s, 'scp', { a: free.valueAsString, b: Fn.importValue('Other'), c: Aws.ACCOUNT_ID });
        expect(size.unbounded).toEqual(['{"Ref":"Free"}', '{"Fn::ImportValue":"Other"}']);
        expect(size.estimated).toBe(true);
        // Every intrinsic counted as an empty string: a lower bound.
        expect(size.characters).toBe(compactJson({ a: '', b: '', c: '' }).length);
      });

      test('a list-valued intrinsic (a CommaDelimitedList parameter) is unbounded', () => {
        const s = stack();
        const list = new CfnParameter(s, 'Accounts', { type: 'CommaDelimitedList' });
        const size = measurePolicy(s, 'scp', { Resource: list.valueAsList });
        expect(size.unbounded).toEqual(['{"Ref":"Accounts"}']);
        expect(size.characters).toBe(compactJson({ Resource: [] }).length);
      });

      test('a token that resolves to a literal is exact', () => {
        const size = measurePolicy(stack(), 'scp', { a: Token.asString('literal') });
        expect(size).toEqual({ characters: compactJson({ a: 'literal' }).length, estimated: false, unbounded: [] });
      });
    });
  });

  describe('checkPolicySize', () => {
    const LIMIT = AwsLimits.DEFAULT.scpDocumentCharacters;

    test('an SCP of exactly the limit fits', () => {
      expect(checkPolicySize(stack(), 'scp', scpOfLength(LIMIT), LIMIT, 'statements of Guardrails')).toBeUndefined();
    });

    test('an SCP one character over the limit fails with both numbers and the fix', () => {
      expect(checkPolicySize(stack(), 'scp', scpOfLength(LIMIT + 1), LIMIT, 'statements of Guardrails')).toBe(
        'statements of Guardrails needs 10,241 characters, the SCP limit is 10,240: split the statements across more SCPs, or merge statements that share an effect and condition',
      );
    });

    test('uses the fix it is given', () => {
      expect(checkPolicySize(stack(), 'rcp', scpOfLength(5_121), 5_120, 'Perimeter', 'drop an exception')).toBe(
        'Perimeter needs 5,121 characters, the RCP limit is 5,120: drop an exception',
      );
    });

    test('a pretty-printed managed policy fits when its text without whitespace does', () => {
      const limit = AwsLimits.DEFAULT.managedPolicyCharacters;
      const pretty = JSON.stringify(scpOfLength(limit), undefined, 4);
      expect(pretty.length).toBeGreaterThan(limit);
      expect(checkPolicySize(stack(), 'managed', pretty, limit, 'Policy')).toBeUndefined();
    });

    test('the same pretty-printed text is over the limit as an SCP', () => {
      const pretty = JSON.stringify(scpOfLength(LIMIT), undefined, 4);
      expect(checkPolicySize(stack(), 'scp', pretty, LIMIT, 'Policy')).toBe(
        `Policy needs ${formatCount(pretty.length)} characters, the SCP limit is 10,240: split the statements across more SCPs, or merge statements that share an effect and condition`,
      );
    });

    test('says "at most" when the size is a worst-case estimate', () => {
      const s = stack();
      const role = new iam.Role(s, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      const doc = { Statement: [{ Effect: 'Allow', Principal: { AWS: [role.roleArn, role.roleArn, role.roleArn, role.roleArn] }, Action: 'sts:AssumeRole' }] };
      const expected = compactJson({ Statement: [{ Effect: 'Allow', Principal: { AWS: Array(4).fill('x'.repeat(613)) }, Action: 'sts:AssumeRole' }] }).length;
      expect(checkPolicySize(s, 'trust', doc, 2_048, 'Trust of Role')).toBe(
        `Trust of Role needs at most ${formatCount(expected)} characters (counting each CloudFormation reference at its longest value), the trust policy limit is 2,048: trust fewer principals per role, or use an organization condition instead of listing accounts`,
      );
    });

    test('says "at least" when an unbounded intrinsic is present and the rest is already over', () => {
      const s = stack();
      const doc = { ...scpOfLength(LIMIT + 1), Id: Fn.importValue('X') };
      expect(checkPolicySize(s, 'scp', doc, LIMIT, 'Guardrails')).toMatch(/^Guardrails needs at least 10,2\d\d characters, the SCP limit is 10,240: /);
    });

    test('does not fail when only an unbounded intrinsic could push it over', () => {
      const s = stack();
      expect(checkPolicySize(s, 'scp', { a: Fn.importValue('X') }, 20, 'Small')).toBeUndefined();
    });
  });

  describe('formatCount', () => {
    test.each([
      [0, '0'],
      [999, '999'],
      [1000, '1,000'],
      [11873, '11,873'],
      [1234567, '1,234,567'],
    ])('%d -> %s', (n, text) => {
      expect(formatCount(n)).toBe(text);
    });
  });
});
