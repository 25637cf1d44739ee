import { BAD_VALUES, stringToken, TOKEN_OK } from './_kinds';
import { SUBJECTS, Subject } from './_subjects';

/**
 * Issue 15, the table: every construct x every prop x every kind of bad
 * value. Each row asserts the outcome: the library's error (an
 * AuditBaselineError, or a synth-time validation of the library) naming the
 * construct path and the prop; never a TypeError or an aws-cdk-lib internal
 * error. Plus, per construct: the minimal props synthesize, a missing
 * required prop and props that are not an object are the library's error,
 * and a token where one is accepted synthesizes.
 */

function errorOf(fn: () => void): Error | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/** Asserts that `error` is the library's own, naming `path` and `prop`. */
function expectLibraryError(error: Error | undefined, subject: Subject, prop: string): void {
  expect(error).toBeDefined();
  const e = error!;
  expect(e).not.toBeInstanceOf(TypeError);
  const ours = e.name === 'AuditBaselineError' || /^Validation failed with the following errors/.test(e.message);
  if (!ours) throw new Error(`not the library's error: ${e.name}: ${e.message}`);
  expect(e.message).toContain(subject.path);
  expect(e.message).toContain(prop);
}

const rows: Array<[string, string, string, Subject, unknown, boolean]> = [];
for (const subject of SUBJECTS) {
  for (const [prop, spec] of Object.entries(subject.props)) {
    for (const bad of BAD_VALUES[spec.kind]) rows.push([subject.name, prop, bad.label, subject, bad.value, bad.ok === true]);
    rows.push([subject.name, prop, 'null', subject, null, false]);
  }
}

/** The number of rows, for the closing note. */
export const ROW_COUNT = rows.length + SUBJECTS.length * 2;

describe('validation table', () => {
  test.each(SUBJECTS.map((s) => [s.name, s]))('%s: the minimal props synthesize', (_, subject) => {
    expect(errorOf(() => subject.build(subject.base))).toBeUndefined();
  });

  test.each(SUBJECTS.map((s) => [s.name, s]))('%s: props that are not an object are the library\'s error', (_, subject) => {
    expectLibraryError(errorOf(() => subject.build('oops' as any)), subject, subject.notAnObject ?? 'props');
  });

  const required = SUBJECTS.flatMap((s) => Object.entries(s.props).filter(([, p]) => p.required).map(([prop]) => [s.name, prop, s] as const));
  test.each(required)('%s.%s missing: the library\'s error', (_, prop, subject) => {
    const props = { ...subject.base };
    delete props[prop];
    expectLibraryError(errorOf(() => subject.build(props)), subject, `${prop} is required`);
  });

  const tokens = SUBJECTS.flatMap((s) => Object.entries(s.props)
    .filter(([, p]) => TOKEN_OK.has(p.kind) && !p.required)
    .map(([prop]) => [s.name, prop, s] as const));
  test.each(tokens)('%s.%s as a token: passes untouched', (_, prop, subject) => {
    const error = errorOf(() => subject.build({ ...subject.base, [prop]: stringToken() }));
    // A token is either accepted or refused deliberately by the library (never a crash).
    if (error) expectLibraryError(error, subject, prop);
  });

  test.each(rows)('%s.%s: %s', (_, prop, __, subject, value, ok) => {
    const error = errorOf(() => subject.build({ ...subject.base, [prop]: value }));
    if (ok) expect(error).toBeUndefined();
    else expectLibraryError(error, subject, prop);
  });
});
