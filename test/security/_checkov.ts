import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { venvTool } from '../deploy/moto-server';

/**
 * Runs checkov (PyPI, pinned in requirements-dev.txt, installed in `.venv` by
 * `npx projen setup:python`) over CloudFormation templates.
 *
 * `--skip-download` keeps checkov offline (otherwise it fetches guidelines
 * from a vendor API on every run). Skips are honoured only where the template
 * carries them: `Metadata.checkov.skip: [{ id, comment }]` on the resource,
 * written by the construct that emits it, with the reason as the comment.
 */

/** One failed or skipped checkov check. */
export interface CheckovFinding {
  readonly checkId: string;
  readonly checkName: string;
  /** `AWS::SQS::Queue.QueueLogicalId`. */
  readonly resource: string;
  /** The template file's base name. */
  readonly file: string;
  /** The skip's justification (skipped checks only). */
  readonly comment?: string;
}

/** What checkov found in a set of templates. */
export interface CheckovReport {
  readonly failed: CheckovFinding[];
  readonly skipped: CheckovFinding[];
  readonly passed: number;
  readonly parsingErrors: string[];
}

/** Runs checkov once over `templates` (a list of template objects or file paths). */
export function checkov(templates: Array<{ name: string; template: any } | string>): CheckovReport {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-checkov-'));
  try {
    const files = templates.map((t, i) => {
      if (typeof t === 'string') return t;
      const file = path.join(dir, `${String(i).padStart(3, '0')}-${t.name.replace(/[^A-Za-z0-9-]/g, '_')}.template.json`);
      fs.writeFileSync(file, JSON.stringify(t.template, null, 1));
      return file;
    });
    const bin = venvTool('checkov');
    const run = spawnSync(bin, [
      ...files.flatMap((f) => ['-f', f]),
      // No --quiet: it drops the skipped checks, whose comments must be read.
      '--framework', 'cloudformation', '--output', 'json', '--compact', '--skip-download',
    ], { encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    if (run.error) throw run.error;
    // checkov exits 1 when a check fails; anything else non-zero, or no JSON, is a crash.
    if (run.status !== 0 && run.status !== 1) {
      throw new Error(`checkov exited ${run.status}: ${run.stderr}`);
    }
    let parsed: any;
    try {
      parsed = JSON.parse(run.stdout);
    } catch {
      throw new Error(`checkov printed no JSON (exit ${run.status}): ${run.stdout.slice(0, 2000)} ${run.stderr.slice(0, 2000)}`);
    }
    const reports: any[] = [].concat(parsed);
    const finding = (c: any): CheckovFinding => ({
      checkId: c.check_id,
      checkName: c.check_name,
      resource: c.resource,
      file: path.basename(c.file_path ?? c.file_abs_path ?? ''),
      ...(c.check_result?.suppress_comment !== undefined ? { comment: c.check_result.suppress_comment } : {}),
    });
    return {
      failed: reports.flatMap((r) => r.results?.failed_checks ?? []).map(finding),
      skipped: reports.flatMap((r) => r.results?.skipped_checks ?? []).map(finding),
      passed: reports.reduce((n, r) => n + (r.summary?.passed ?? 0), 0),
      parsingErrors: reports.flatMap((r) => r.results?.parsing_errors ?? r.summary?.parsing_errors_list ?? []).map(String),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
