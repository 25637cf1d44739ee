import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuditBaselineError, throwIfProblems } from '../../../src/core/private/errors';

/** Errors (style guide B4.4 to B4.6): the construct path first, every problem in one error. */

function child(): Construct {
  const stack = new Stack(new App(), 'Org');
  return new Construct(new Construct(stack, 'Guardrails'), 'Scp');
}

describe('errors', () => {
  test('the message starts with the construct path', () => {
    expect(new AuditBaselineError(child(), 'statements need 11,873 characters').message).toBe('Org/Guardrails/Scp: statements need 11,873 characters');
  });

  test('several problems are listed one per line', () => {
    expect(new AuditBaselineError(child(), ['a is wrong', 'b is wrong']).message).toBe('Org/Guardrails/Scp: \n  - a is wrong\n  - b is wrong');
  });

  test('is an Error named AuditBaselineError that instanceof recognizes', () => {
    const error = new AuditBaselineError(child(), 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AuditBaselineError);
    expect(error.name).toBe('AuditBaselineError');
  });

  test('throwIfProblems throws once with every real problem, skipping undefined and empty ones', () => {
    let thrown: unknown;
    try {
      throwIfProblems(child(), [undefined, 'first', '', 'second', undefined]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AuditBaselineError);
    expect((thrown as Error).message).toBe('Org/Guardrails/Scp: \n  - first\n  - second');
  });

  test('throwIfProblems does nothing when there is no problem', () => {
    expect(() => throwIfProblems(child(), [undefined, undefined])).not.toThrow();
    expect(() => throwIfProblems(child(), [])).not.toThrow();
  });
});
