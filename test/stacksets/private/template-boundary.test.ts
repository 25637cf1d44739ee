/**
 * Unit tests of src/stacksets/private/template-boundary.ts: the boundary's
 * name and ARN, how a template stack is prepared for it, and the helpers
 * that read a template for `StackSetExecutionPermissions.fromTemplates`
 * (`flatten`, `wildcardMatch`, `actionsOverlap`).
 */
import { App, BootstraplessSynthesizer, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  actionsOverlap,
  boundaryArn,
  DEFAULT_BOUNDARY_POLICY_NAME,
  flatten,
  prepareTemplateStack,
  wildcardMatch,
} from '../../../src/stacksets/private/template-boundary';

describe('template-boundary', () => {
  test('boundaryArn is the named policy of the account where it is evaluated, which flatten reads back with placeholders', () => {
    const stack = new Stack(new App(), 'Host');
    const arn = stack.resolve(boundaryArn('VendorCeiling'));
    expect(arn).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/VendorCeiling']] });
    expect(flatten(arn)).toBe('arn:{partition}:iam::{account}:policy/VendorCeiling');
  });

  test('the default boundary name is not one CloudFormation generates for a StackSet\'s resources', () => {
    expect(DEFAULT_BOUNDARY_POLICY_NAME).toBe('AuditBaselineStackSetBoundary');
    expect(wildcardMatch('StackSet-*', DEFAULT_BOUNDARY_POLICY_NAME)).toBe(false);
  });

  test('prepareTemplateStack replaces a boundary a role already has', () => {
    const stack = new Stack(new App(), 'Template', { synthesizer: new BootstraplessSynthesizer() });
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      permissionsBoundary: iam.ManagedPolicy.fromManagedPolicyName(stack, 'Old', 'OldBoundary'),
    });
    prepareTemplateStack(stack, 'VendorCeiling');
    const [role] = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Role'));
    expect(flatten(role.Properties.PermissionsBoundary)).toBe('arn:{partition}:iam::{account}:policy/VendorCeiling');
  });

  test('flatten renders literals and the partition and account pseudo parameters, and nothing else an intrinsic computes', () => {
    const cases: Array<[unknown, string | undefined]> = [
      ['arn:aws:iam::aws:policy/SecurityAudit', 'arn:aws:iam::aws:policy/SecurityAudit'],
      [{ Ref: 'AWS::Partition' }, '{partition}'],
      [{ Ref: 'AWS::AccountId' }, '{account}'],
      [{ 'Fn::Join': ['/', ['a', { 'Fn::Join': ['', ['b', { Ref: 'AWS::AccountId' }]] }, 'c']] }, 'a/b{account}/c'],
      [{ Ref: 'AWS::Region' }, undefined],
      [{ Ref: 'PolicyArn' }, undefined],
      [{ 'Fn::Join': ['', ['arn:', { 'Fn::GetAtt': ['Policy', 'Arn'] }]] }, undefined],
      [{ 'Fn::Join': [{ Ref: 'Sep' }, ['a', 'b']] }, undefined],
      [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/X' }, undefined],
      [42, undefined],
      [undefined, undefined],
      [null, undefined],
    ];
    expect(cases.map(([value]) => flatten(value))).toEqual(cases.map(([, flat]) => flat));
  });

  test('wildcardMatch: * is any run, ? one character, the whole value must match', () => {
    expect(wildcardMatch('iam:Create*', 'iam:CreateRole')).toBe(true);
    expect(wildcardMatch('iam:Create*', 'iam:Create')).toBe(true);
    expect(wildcardMatch('iam:?ut*', 'iam:PutRolePolicy')).toBe(true);
    expect(wildcardMatch('iam:?ut*', 'iam:ut')).toBe(false);
    expect(wildcardMatch('iam:Create', 'iam:CreateRole')).toBe(false);
    expect(wildcardMatch('Role', 'iam:CreateRole')).toBe(false);
  });

  test('wildcardMatch ignores case unless asked not to', () => {
    expect(wildcardMatch('IAM:create*', 'iam:CreateRole')).toBe(true);
    expect(wildcardMatch('AuditBaseline*', 'auditbaselineBoundary', false)).toBe(false);
    expect(wildcardMatch('AuditBaseline*', 'AuditBaselineBoundary', false)).toBe(true);
  });

  test('wildcardMatch takes every other character literally, regular expression syntax included', () => {
    // Each pattern against a value its regular expression reading would match.
    const literal: Array<[string, string]> = [['a.b', 'axb'], ['a+', 'aa'], ['(a)', 'a'], ['[ab]', 'a'], ['a|b', 'b'], ['a{2}', 'aa'], ['^a$', 'a'], ['a\\d', 'a1']];
    expect(literal.map(([pattern, value]) => wildcardMatch(pattern, value))).toEqual(literal.map(() => false));
    expect([...literal.map(([pattern]) => pattern), 'a/b'].map((pattern) => wildcardMatch(pattern, pattern))).toEqual(Array(literal.length + 1).fill(true));
  });

  test('actionsOverlap: an action and a pattern overlap whichever side holds the pattern', () => {
    expect(actionsOverlap('iam:CreateRole', 'iam:Create*')).toBe(true);
    expect(actionsOverlap('iam:Create*', 'iam:CreateRole')).toBe(true);
    expect(actionsOverlap('*', 'kms:PutKeyPolicy')).toBe(true);
    expect(actionsOverlap('iam:createrole', 'IAM:Create*')).toBe(true);
    expect(actionsOverlap('iam:GetRole', 'iam:Create*')).toBe(false);
    expect(actionsOverlap('sqs:SendMessage', 'sts:AssumeRole')).toBe(false);
  });
});

describe('actionsOverlap between two patterns', () => {
  test.each([
    ['iam:*Policy', 'iam:Put*', true],
    ['iam:Create*', 'iam:*Role', true],
    ['iam:?assRole', 'iam:Pass*', true],
    ['IAM:PASSROLE', 'iam:passrole', true],
    ['iam:*', '*', true],
    ['s3:Get*', 'iam:*', false],
    ['iam:*Policy', 'iam:*Role', false],
    ['iam:Get?', 'iam:GetRole', false],
    ['sns:Publish', 'sns:Publish*', true],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(actionsOverlap(a, b)).toBe(expected);
    expect(actionsOverlap(b, a)).toBe(expected);
  });
});
