import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { formatCount } from './policy-size';
import { AwsLimits } from '../limits';

/**
 * The size of a whole stack template against CloudFormation's limit for a
 * template uploaded through S3. Constructs whose template grows with the
 * organization (account lists, regions, policies) register their stack once;
 * the check runs at synth, after every construct is defined.
 */

const registered = new WeakMap<Stack, AwsLimits>();

/**
 * Checks, at synth, the template of the stack `scope` is in against
 * `limits.templateUrlBytes`. Registers each stack once; the smallest limit
 * given wins.
 */
export function checkStackTemplateSize(scope: IConstruct, limits: AwsLimits): void {
  const stack = Stack.of(scope);
  const known = registered.get(stack);
  if (known !== undefined) {
    if (limits.templateUrlBytes < known.templateUrlBytes) registered.set(stack, limits);
    return;
  }
  registered.set(stack, limits);
  stack.node.addValidation({ validate: () => stackTemplateSizeProblems(stack, registered.get(stack) ?? limits) });
}

/**
 * The problems with the size of `stack`'s template: its bytes as `cdk synth`
 * writes the file (which is what the CLI uploads), with the largest
 * resources named when it is over the limit.
 */
export function stackTemplateSizeProblems(stack: Stack, limits: AwsLimits): string[] {
  let template: { Resources?: Record<string, unknown> };
  try {
    template = (stack as unknown as { _toCloudFormation(): typeof template })._toCloudFormation();
  } catch {
    // A template that does not render fails synthesis with its own error.
    return [];
  }
  // Indented by one space unless the app suppresses indentation, as cdk writes it.
  const compact = (stack as unknown as { _suppressTemplateIndentation?: boolean })._suppressTemplateIndentation === true;
  const bytes = templateBytes(template, compact);
  if (bytes <= limits.templateUrlBytes) return [];
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
export function templateBytes(value: unknown, compact = false): number {
  return Buffer.byteLength(JSON.stringify(value, undefined, compact ? undefined : 1), 'utf8');
}
