/**
 * The Python proof tools (cfn-lint, checkov, moto_server) the suite needs,
 * from the virtualenv that `npx projen setup:python` creates at the
 * repository root (pinned by requirements-dev.txt).
 *
 * Their gates are never skipped. A machine without them fails the run once,
 * before any test file starts (`test/harness/global-setup.ts`), with the
 * command that installs them, instead of failing every test that lints,
 * scans or deploys with its own message.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The repository root (this file is test/harness/python-tools.ts). */
const ROOT = path.resolve(__dirname, '..', '..');

/** The command that creates the virtualenv with every tool. */
export const SETUP_PYTHON_COMMAND = 'npx projen setup:python';

/** The executables the suite runs from the virtualenv. */
export const PYTHON_TOOLS = ['cfn-lint', 'checkov', 'moto_server'] as const;

/**
 * The virtualenv: `CAB_PYTHON_VENV` when set (another virtualenv with the
 * same pins), else the repository's `.venv`.
 */
export function pythonVenv(): string {
  return process.env.CAB_PYTHON_VENV || path.join(ROOT, '.venv');
}

/** The path of one tool in the virtualenv (it may not exist). */
export function pythonToolPath(name: string): string {
  return path.join(pythonVenv(), 'bin', name);
}

/** The tools whose executable is missing, as full paths (empty when all are there). */
export function missingPythonTools(): string[] {
  return PYTHON_TOOLS.map(pythonToolPath).filter((tool) => !fs.existsSync(tool));
}

/** The one message a run without the tools prints, or `undefined` when all are there. */
export function missingPythonToolsMessage(): string | undefined {
  const missing = missingPythonTools();
  if (missing.length === 0) return undefined;
  return `The Python proof tools are missing (${missing.join(', ')}): run \`${SETUP_PYTHON_COMMAND}\` `
    + `to create ${path.join(ROOT, '.venv')} from requirements-dev.txt, then run the tests again. `
    + 'The cfn-lint, checkov and moto gates are part of the suite and are never skipped.';
}
