/**
 * Unit tests of src/access/private/account-lookup.ts: the flat per-account
 * lookup, its size estimate and the template size limit it is checked against.
 */
import { App, BootstraplessSynthesizer, CfnOutput, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LOOKUP_SEPARATOR, lookupBytes, templateLimit, valueByAccount } from '../../../src/access/private/account-lookup';
import { AwsLimits } from '../../../src/core/limits';
import { resolveTemplate } from '../../harness';
import { newStack, templateOf } from '../_helpers';

const A = '111111111111';
const B = '222222222222';
/** Listed out of order on purpose: the lookup sorts by account ID. */
const MAP = { [B]: 'tenant-b:0002', [A]: 'tenant-a=0001' };
const FALLBACK = 'tenant-default';

/** A stack whose one output is the looked-up value. */
function lookupStack(map: Record<string, string> = MAP, stack: Stack = newStack()): { stack: Stack; value: string } {
  const value = valueByAccount(new Construct(stack, 'Scope'), map, FALLBACK);
  new CfnOutput(stack, 'Value', { value });
  return { stack, value };
}

describe('account-lookup', () => {
  describe('valueByAccount', () => {
    test('renders one flat Fn::Select of a Fn::Split on "|", with one Fn::If per account sorted by ID and the fallback last', () => {
      expect(LOOKUP_SEPARATOR).toBe('|');
      const { stack, value } = lookupStack();
      expect(stack.resolve(value)).toEqual({
        'Fn::Select': [0, {
          'Fn::Split': ['|', {
            'Fn::Join': ['', [
              { 'Fn::If': [`Account${A}`, 'tenant-a=0001|', ''] },
              { 'Fn::If': [`Account${B}`, 'tenant-b:0002|', ''] },
              FALLBACK,
            ]],
          }],
        }],
      });
      expect(templateOf(stack).Conditions).toEqual({
        [`Account${A}`]: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, A] },
        [`Account${B}`]: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, B] },
      });
    });

    test.each([
      [A, 'tenant-a=0001'],
      [B, 'tenant-b:0002'],
      ['333333333333', FALLBACK],
    ])('deployed in %s the value resolves to %s', (account, expected) => {
      const { stack } = lookupStack();
      expect(resolveTemplate(templateOf(stack), { account }).Outputs.Value.Value).toBe(expected);
    });

    test('conditions belong to the stack: a lookup in another stack of the app defines its own', () => {
      const app = new App();
      const first = lookupStack(MAP, new Stack(app, 'First')).stack;
      const second = lookupStack({ [A]: 'other-a' }, new Stack(app, 'Second')).stack;
      expect(Object.keys(templateOf(first).Conditions)).toEqual([`Account${A}`, `Account${B}`]);
      expect(Object.keys(templateOf(second).Conditions)).toEqual([`Account${A}`]);
      expect(resolveTemplate(templateOf(second), { account: A }).Outputs.Value.Value).toBe('other-a');
    });
  });

  describe('lookupBytes', () => {
    test.each([1, 2])('is exactly the characters of the conditions plus %i use(s) of the value in the compact template', (uses) => {
      const { stack, value } = lookupStack();
      // Every condition entry and a comma after each: the Conditions object without its two braces, plus one comma.
      const conditions = JSON.stringify(templateOf(stack).Conditions).length - 1;
      const pick = JSON.stringify(stack.resolve(value)).length;
      expect(lookupBytes(MAP, FALLBACK, uses)).toBe(conditions + uses * pick);
    });
  });

  describe('templateLimit', () => {
    test('a StackSet template (BootstraplessSynthesizer) gets the TemplateBody limit', () => {
      const stack = new Stack(new App(), 'Member', { synthesizer: new BootstraplessSynthesizer() });
      expect(templateLimit(new Construct(stack, 'Scope'), AwsLimits.DEFAULT)).toEqual({ bytes: 51_200, name: 'TemplateBody limit of a StackSet template' });
    });

    test('any other stack gets the limit of a template uploaded to S3', () => {
      expect(templateLimit(newStack(), AwsLimits.DEFAULT)).toEqual({ bytes: 1_000_000, name: 'limit of a template uploaded to S3' });
    });

    test('the byte counts come from the limits given', () => {
      const limits = AwsLimits.of({ stackSetTemplateBodyBytes: 40_000, templateUrlBytes: 500_000 });
      const member = new Stack(new App(), 'Member', { synthesizer: new BootstraplessSynthesizer() });
      expect(templateLimit(member, limits).bytes).toBe(40_000);
      expect(templateLimit(newStack(), limits).bytes).toBe(500_000);
    });
  });
});
