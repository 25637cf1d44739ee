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
    super(`${scope.node.path}: ${body}`);
    this.name = 'AuditBaselineError';
    Object.setPrototypeOf(this, AuditBaselineError.prototype);
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
