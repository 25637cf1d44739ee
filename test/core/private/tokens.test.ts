import { App, Aws, CfnParameter, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { isUnresolved } from '../../../src/core/private/tokens';

/**
 * The one token check every validator uses (issue 18's shortcut; A-60 token
 * handling). Expected answers are written out rather than read from
 * Token.isUnresolved, which answers a number token written into a string
 * differently in aws-cdk-lib 2.257 and 2.278; this suite runs against the dev pin,
 * the peer floor and the newest release (scripts/test-cdk-version.sh).
 */
describe('isUnresolved', () => {
  const stack = new Stack(new App(), 'S');
  const n = Token.asNumber({ Ref: 'N' });
  const cases: Array<[string, unknown, boolean]> = [
    ['a plain string', '123456789012', false],
    ['an empty string', '', false],
    ['a string that looks like a marker but is not one', 'Token[x', false],
    ['a string with a number that looks like a token but is not one', '-1.2345678901e+289', false],
    ['a plain number', 42, false],
    ['undefined', undefined, false],
    ['a string token', Token.asString({ Ref: 'X' }), true],
    ['a string with a token inside', `arn:${Aws.PARTITION}:iam::123456789012:root`, true],
    // One element of a list token is not a string token: aws-cdk-lib refuses it
    // in a string context at synthesis, so a validator may report it.
    ['a list token element', Token.asList({ Ref: 'L' })[0], false],
    ['a list token', Token.asList({ Ref: 'L' }), true],
    ['a number token', n, true],
    ['a number token in a string', `${n}`, true],
    ['a number token inside a longer string', `port-${n}-end`, true],
    ['a lazy string', Lazy.string({ produce: () => 'x' }), true],
    ['a parameter', new CfnParameter(stack, 'P').valueAsString, true],
    ['a resolvable object', Lazy.any({ produce: () => 'x' }), true],
  ];
  test.each(cases)('%s', (_name, value, expected) => {
    expect(isUnresolved(value)).toBe(expected);
  });

  // Token.isUnresolved reads a string with a token-like number differently
  // across releases: in 2.257 any such number counts (even one that is not a
  // token), in 2.278 none does. Everywhere else the answers must agree.
  test('agrees with Token.isUnresolved on everything but a string with a token-like number', () => {
    for (const [, value] of cases.filter(([, v]) => !(typeof v === 'string' && v.includes('e+289')))) {
      expect(isUnresolved(value)).toBe(Token.isUnresolved(value));
    }
  });

  test('a number token written into a string is what synthesis resolves, so treating it as unresolved is right', () => {
    expect(stack.resolve(`${n}`)).toEqual({ Ref: 'N' });
  });

  test('any string without a token marker or a token exponent is resolved', () => {
    fc.assert(fc.property(fc.string().filter((s) => !s.includes('Token[') && !s.includes('e+289')), (s) => {
      expect(isUnresolved(s)).toBe(false);
    }), { numRuns: 500 });
  });
});
