import { IConstruct } from 'constructs';

/**
 * The error every synth-time check of this library throws.
 *
 * Not exported from the package: jsii cannot export an `Error` subclass
 * (aws/jsii#50), and aws-cdk-lib's own `ValidationError` is `@internal`.
 * Its message always starts with the construct path, so a user can find the
 * construct that is misconfigured in a large app.
 */
export class AuditBaselineError extends Error {
  /**
   * @param scope the construct whose props or state are wrong
   * @param problems one or more problems, each naming the prop, the bad value and the fix
   */
  constructor(scope: IConstruct, problems: string | string[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    const body = list.length === 1 ? list[0] : list.map((p) => `\n  - ${p}`).join('');
    const text = `${scope.node.path}: ${body}`;
    super(text);
    this.name = 'AuditBaselineError';
    Object.setPrototypeOf(this, AuditBaselineError.prototype);
    // aws-cdk-lib's token resolver prefixes the message of an error thrown
    // while it resolves ("Resolution error: " once per level): the library's
    // message stays as written, path first.
    Object.defineProperty(this, 'message', { get: () => text, set: () => undefined, enumerable: false, configurable: true });
  }
}

/**
 * Throws one `AuditBaselineError` listing every problem, if there are any.
 *
 * Validators collect problems first and the constructor throws once, so a
 * user fixes all of them in one round.
 */
export function throwIfProblems(scope: IConstruct, problems: ReadonlyArray<string | undefined>): void {
  const real = problems.filter((p): p is string => typeof p === 'string' && p.length > 0);
  if (real.length > 0) {
    throw new AuditBaselineError(scope, real);
  }
}

/**
 * The message of an error thrown while aws-cdk-lib resolved tokens, without
 * the "Resolution error: " it prefixes once per level and the construct
 * creation stack it appends, so that the library's own message reads first.
 */
export function plainMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^(Resolution error: )+/, '').replace(/\.?\nObject creation stack:[\s\S]*$/, '').trim();
}
