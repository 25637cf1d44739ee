import { Aws, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';

/**
 * The cloud-assembly metadata type that marks a stack as a StackSet
 * template: synthesized for reading and inlining, never deployed as a stack.
 * `cdk-audit-baseline doctor --app` skips the stacks that carry it (the
 * command keeps its own copy of this string; a test holds them equal).
 */
export const STACK_SET_TEMPLATE_METADATA = 'cdk-audit-baseline:stackSetTemplate';

/** Mark `stack` as a StackSet template in its artifact's metadata, once. */
export function markStackSetTemplate(stack: Stack): void {
  if (!stack.node.metadata.some((m) => m.type === STACK_SET_TEMPLATE_METADATA)) {
    stack.node.addMetadata(STACK_SET_TEMPLATE_METADATA, true);
  }
}

/**
 * A StackSet member template's stack in `stage`: bootstrapless, and
 * environment-agnostic even when an enclosing stage has an env (a pipeline
 * stage usually has), since a stack without env takes its stage's.
 */
export function defineTemplateStack(stage: Stage, id: string, description: string): Stack {
  return new Stack(stage, id, {
    synthesizer: new BootstraplessSynthesizer(),
    env: { account: Aws.ACCOUNT_ID, region: Aws.REGION },
    description,
  });
}
