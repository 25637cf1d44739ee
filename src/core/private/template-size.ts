import * as fs from 'fs';
import * as path from 'path';
import { ISynthesisSession, IStackSynthesizer, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditBaselineError } from './errors';
import { formatCount } from './policy-size';
import { AwsLimits } from '../limits';

/**
 * The size of a whole stack template against CloudFormation's limit for a
 * template uploaded through S3. Constructs whose template grows with the
 * organization (account lists, regions, policies) register their stack once;
 * the check measures the template file synthesis writes.
 */

const registered = new WeakMap<Stack, AwsLimits>();

/**
 * Checks, at synth, the template of the stack `scope` is in against
 * `limits.templateUrlBytes`. Registers each stack once; the smallest limit
 * given wins.
 *
 * The check runs right after the stack's synthesizer writes the template,
 * on that file: the bytes the CLI uploads, the synthesizer's bootstrap
 * parameter and rule included. Rendering the template once more in a
 * validation would resolve every token of the stack a second time (with
 * 10,000 listed accounts, 20,000 strings), the library's largest cost per
 * listed account. Synthesis then fails with the figures, after the
 * validations, so a template is only measured once it is valid.
 */
export function checkStackTemplateSize(scope: IConstruct, limits: AwsLimits): void {
  const stack = Stack.of(scope);
  const known = registered.get(stack);
  if (known !== undefined) {
    if (limits.templateUrlBytes < known.templateUrlBytes) registered.set(stack, limits);
    return;
  }
  registered.set(stack, limits);
  const synthesizer = stack.synthesizer as IStackSynthesizer & { synthesize(session: ISynthesisSession): void };
  const synthesize = synthesizer.synthesize.bind(synthesizer);
  synthesizer.synthesize = (session: ISynthesisSession) => {
    synthesize(session);
    const file = path.join(session.outdir, stack.templateFile);
    // A synthesizer that writes no file where the stack says (none of
    // aws-cdk-lib's) leaves the template unmeasured rather than guessed.
    if (!fs.existsSync(file)) return;
    const problems = writtenTemplateSizeProblems(stack, file, registered.get(stack) ?? limits);
    if (problems.length > 0) throw new AuditBaselineError(stack, problems);
  };
}

/**
 * The problems with the size of the template file `file` of `stack`, with
 * the largest resources named when it is over the limit.
 */
function writtenTemplateSizeProblems(stack: Stack, file: string, limits: AwsLimits): string[] {
  const bytes = fs.statSync(file).size;
  if (bytes <= limits.templateUrlBytes) return [];
  const template = JSON.parse(fs.readFileSync(file, 'utf-8')) as { Resources?: Record<string, unknown> };
  // Indented by one space unless the app suppresses indentation, as cdk writes it.
  const compact = (stack as unknown as { _suppressTemplateIndentation?: boolean })._suppressTemplateIndentation === true;
  const largest = Object.entries(template.Resources ?? {})
    .map(([id, resource]) => ({ id, bytes: templateBytes(resource, compact) }))
    .sort((a, b) => b.bytes - a.bytes || (a.id < b.id ? -1 : 1))
    .slice(0, 3)
    .map((r) => `${r.id} ${formatCount(r.bytes)}`);
  return [`the template of stack ${JSON.stringify(stack.stackName)} is ${formatCount(bytes)} bytes, `
    + `the CloudFormation limit for a template uploaded through S3 is ${formatCount(limits.templateUrlBytes)} (largest resources: ${largest.join(', ')} bytes): `
    + 'target organizational units or the organization root instead of account lists, or split the resources across stacks'];
}

/** Bytes of a template (or part) as `cdk synth` writes it: JSON indented by one space (or compact), UTF-8. */
function templateBytes(value: unknown, compact = false): number {
  return Buffer.byteLength(JSON.stringify(value, undefined, compact ? undefined : 1), 'utf8');
}
