/**
 * The main job: synthesize every app in `examples/` into `cdk.out/<example>/`
 * and print a summary of stacks and resources.
 *
 * Run it with `npx projen examples` (README). Exits non-zero if an example
 * fails to synthesize or none exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stage } from 'aws-cdk-lib';
import { EXAMPLES } from '../examples/registry';

const OUT = path.join(__dirname, '..', 'cdk.out');

function main(): number {
  if (EXAMPLES.length === 0) {
    process.stderr.write('no example apps are registered in examples/registry.ts\n');
    return 1;
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  const rows: string[][] = [['example', 'stack', 'resources', 'template bytes', 'resource types']];
  let stacks = 0;
  let resources = 0;
  const started = Date.now();
  for (const example of EXAMPLES) {
    const outdir = path.join(OUT, example.name);
    const app = new App({ outdir });
    const defined = example.define(app);
    app.synth();
    for (const stack of defined) {
      // A stack of a Stage is in the stage's nested assembly (assembly-<stage>/).
      const file = path.join(Stage.of(stack)!.outdir, stack.templateFile);
      const template = JSON.parse(fs.readFileSync(file, 'utf-8')) as { Resources?: Record<string, { Type: string }> };
      const res = Object.values(template.Resources ?? {});
      const types = new Map<string, number>();
      for (const r of res) types.set(r.Type, (types.get(r.Type) ?? 0) + 1);
      const bytes = fs.statSync(file).size;
      rows.push([
        example.name,
        stack.stackName,
        String(res.length),
        String(bytes),
        [...types.entries()].sort().map(([t, n]) => `${t.replace(/^AWS::/, '')}×${n}`).join(' '),
      ]);
      stacks += 1;
      resources += res.length;
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) {
    process.stdout.write(r.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join('  ') + '\n');
  }
  process.stdout.write(`\n${EXAMPLES.length} examples, ${stacks} stacks, ${resources} resources synthesized into ${path.relative(process.cwd(), OUT)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

process.exitCode = main();
