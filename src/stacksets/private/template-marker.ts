import { Stack } from 'aws-cdk-lib';

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
