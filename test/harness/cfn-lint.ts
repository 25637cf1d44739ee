/**
 * cfn-lint (from PyPI, pinned in requirements-dev.txt) on synthesized
 * templates, from the repo-root `.venv` that `npx projen setup:python`
 * (scripts/setup-python.sh) creates. A missing venv is an error, never a skip.
 *
 * ```ts
 * expect(cfnLint([path.join(outdir, 'MyStack.template.json')])).toEqual([]);
 * ```
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pythonToolPath } from './python-tools';

/** One cfn-lint match. */
export interface CfnLintFinding {
  /** The template file. */
  readonly file: string;
  /** `Error`, `Warning` or `Informational`. */
  readonly level: string;
  /** The rule id, e.g. `E3012`. */
  readonly rule: string;
  readonly message: string;
  /** Where in the template, e.g. `Resources/Queue/Properties/VisibilityTimeout`. */
  readonly location?: string;
}

/** Options of {@link cfnLint}. */
export interface CfnLintOptions {
  /** More cfn-lint arguments, e.g. `['--regions', 'us-east-1', 'eu-west-1']`. */
  readonly extraArgs?: string[];
  /** The cfn-lint executable. Default: {@link CFN_LINT}. */
  readonly executable?: string;
}

/** The repo root (this file is test/harness/cfn-lint.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The cfn-lint executable in the Python virtualenv (see python-tools.ts). */
export const CFN_LINT = pythonToolPath('cfn-lint');

/**
 * Runs cfn-lint on the given template files and returns every match (errors,
 * warnings and informational), sorted by file and rule. Throws if cfn-lint is
 * not installed or fails to run (exit codes 2/4/8 only mean "found
 * errors/warnings/informational", which are returned).
 */
export function cfnLint(templatePaths: string[], options: CfnLintOptions = {}): CfnLintFinding[] {
  const exe = options.executable ?? CFN_LINT;
  const extraArgs = options.extraArgs ?? [];
  if (templatePaths.length === 0) throw new Error('cfnLint: no template given');
  if (!fs.existsSync(exe)) {
    throw new Error(`cfnLint: ${exe} does not exist; run \`npx projen setup:python\` to create the Python virtualenv with cfn-lint`);
  }
  for (const p of templatePaths) {
    if (!fs.existsSync(p)) throw new Error(`cfnLint: template ${p} does not exist`);
  }
  const run = spawnSync(exe, ['--format', 'json', ...extraArgs, '--', ...templatePaths], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`cfnLint: could not run ${exe}: ${run.error.message}`);
  // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational; 1 is a crash.
  if (run.status === null || run.status % 2 === 1 || run.status > 15) {
    throw new Error(`cfnLint: cfn-lint failed (exit ${run.status}): ${run.stderr || run.stdout}`);
  }
  let matches: any[];
  try {
    matches = JSON.parse(run.stdout || '[]');
  } catch {
    throw new Error(`cfnLint: cfn-lint did not print JSON (exit ${run.status}): ${run.stdout}\n${run.stderr}`);
  }
  if (run.status !== 0 && matches.length === 0) {
    throw new Error(`cfnLint: cfn-lint exited ${run.status} without reporting a match: ${run.stderr}`);
  }
  return matches.map((m) => ({
    file: String(m.Filename),
    level: String(m.Level),
    rule: String(m.Rule?.Id),
    message: String(m.Message),
    location: Array.isArray(m.Location?.Path) ? m.Location.Path.join('/') : undefined,
  })).sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule));
}
