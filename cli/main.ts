#!/usr/bin/env node
import * as path from 'path';
import { parseArgs } from 'util';
import { CATALOG, UsageError } from './catalog';
import { deployCommand, generateTemplates, parametersOf, TemplateFormat, writeTemplates } from './templates';

const HELP = `Usage: cdk-audit-baseline <command> [options]

Commands:
  templates [name...]   Write plain CloudFormation templates (no CDK, no bootstrap) for the
                        building blocks and presets; all of them when no name is given.
  doctor                Check a live account (or every account of an organization) against
                        the expected setup; read-only. See \`cdk-audit-baseline doctor --help\`.

Options of templates:
  --out <dir>           Output folder (default: ./cdk-audit-baseline-templates)
  --format <f>          yaml, json or both (default: yaml)
  --value <Name=value>  A parameter's default, or a setting's value; repeat for several.
                        Checked against the template's pattern.
  --list                List the templates and their values, write nothing.

  -h, --help            This help.

Templates:
${CATALOG.map((t) => `  ${t.name.padEnd(30)}${t.summary}`).join('\n')}
`;

/** Runs the command line; returns the exit code. */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === 'templates') return templatesCommand(rest, out);
    if (command === 'doctor') {
      // Loaded only here: doctor needs the AWS SDK, templates does not.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const doctor: typeof import('./doctor') = require('./doctor');
      return await doctor.doctorCommand(rest, out, err);
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)}: use templates or doctor (--help lists the options)`);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`cdk-audit-baseline: ${e.message}\n`);
      return 2;
    }
    err(`cdk-audit-baseline: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function templatesCommand(args: string[], out: (s: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'cdk-audit-baseline-templates' },
        format: { type: 'string', default: 'yaml' },
        value: { type: 'string', multiple: true, default: [] },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const o = parsed.values;
  if (o.help) {
    out(HELP);
    return 0;
  }
  if (o.list) {
    for (const t of CATALOG) {
      out(`${t.name}: ${t.summary}\n  deploy in: ${t.where}\n`);
      for (const v of t.values) {
        out(`  ${v.kind === 'setting' ? 'setting  ' : 'parameter'} ${v.name}${v.default !== undefined ? ` (default ${v.default})` : ''}: ${v.description}\n`);
      }
    }
    return 0;
  }
  const formats: TemplateFormat[] = o.format === 'both' ? ['yaml', 'json'] : o.format === 'yaml' || o.format === 'json' ? [o.format] : [];
  if (formats.length === 0) throw new UsageError(`--format ${JSON.stringify(o.format)}: use yaml, json or both`);
  const values: Record<string, string> = {};
  for (const pair of o.value as string[]) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--value ${JSON.stringify(pair)}: write Name=value, e.g. --value VendorAccountId=111122223333`);
    values[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const generated = generateTemplates({ names: parsed.positionals, values });
  const outdir = path.resolve(o.out as string);
  const files = writeTemplates(generated, outdir, formats);
  out(`Wrote ${files.length} template file${files.length === 1 ? '' : 's'} to ${outdir}:\n`);
  for (const g of generated) {
    const file = path.join(outdir, `${g.spec.name}.template.${formats[0]}`);
    const params = parametersOf(g.spec).map((p) => p.name);
    out(`\n${g.spec.name}: ${g.spec.summary}\n  deploy in: ${g.spec.where}\n  parameters: ${params.join(', ') || 'none'}\n  ${deployCommand(g.spec, path.relative(process.cwd(), file))}\n`);
  }
  return 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
