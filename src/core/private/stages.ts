import { Annotations, Aspects, IAspect, Stack, Stage, Tag } from 'aws-cdk-lib';

/**
 * The problem when `stage` is defined inside a `Stack`: CDK allows it, but
 * `cdk deploy` then treats its stacks like a StackSet template's, nested in
 * an assembly of the stack and deployed by no default selection.
 */
export function stackPlacementProblem(stage: Stage, what: string): string | undefined {
  return stage.node.scopes.some((s) => Stack.isStack(s))
    ? `${stage.constructor.name} defines its own stacks (${what}): define it in an App or a Stage, not in a Stack`
    : undefined;
}


/** How an aspect is named in the warning, and compared: a tag by its key, any other aspect by its class. */
function aspectName(aspect: IAspect): string {
  return aspect instanceof Tag ? `tag ${JSON.stringify(aspect.key)}` : aspect.constructor.name;
}

/**
 * Warn on `stack` when scopes above `stage` (the `App`, usually) apply
 * aspects that neither `stage` nor `stack` applies: CDK runs an aspect only
 * within the stage it is applied in, so cdk-nag checks and tags given to the
 * `App` silently skip the stacks of a nested stage.
 */
export function warnOfOuterAspects(stage: Stage, stack: Stack): void {
  stage.node.addValidation({
    validate: () => {
      const own = new Set([...Aspects.of(stage).all, ...Aspects.of(stack).all].map(aspectName));
      const outer = stage.node.scopes.slice(0, -1).flatMap((s) => Aspects.of(s).all.map(aspectName));
      const missing = [...new Set(outer)].filter((name) => !own.has(name));
      if (missing.length > 0) {
        Annotations.of(stack).addWarningV2('cdk-audit-baseline:outerAspects',
          `${stage.node.path} is a Stage, and CDK applies aspects only within the stage they are given to: ${missing.join(', ')} from an enclosing scope ${missing.length === 1 ? 'does' : 'do'} not reach its stacks. `
          + `Apply ${missing.length === 1 ? 'it' : 'them'} to the stage too, e.g. Aspects.of(stage).add(new AwsSolutionsChecks()) or Tags.of(stage).add(key, value)`);
      }
      return [];
    },
  });
}
