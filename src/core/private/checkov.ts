import { CfnResource } from 'aws-cdk-lib';

/** One checkov skip as checkov reads it from a resource's `Metadata.checkov.skip`. */
interface CheckovSkip {
  readonly id: string;
  readonly comment: string;
}

/**
 * Records in `resource`'s template metadata that checkov should skip check
 * `id`, with `comment` as the justification a reviewer reads.
 *
 * Merges with whatever `checkov` metadata the resource already carries
 * (a second skip of the same check replaces the first) and leaves every
 * other metadata key alone.
 */
export function skipCheckov(resource: CfnResource, id: string, comment: string): void {
  const existing = (resource.getMetadata('checkov') ?? {}) as { skip?: CheckovSkip[] };
  const skip = (existing.skip ?? []).filter((s) => s.id !== id);
  resource.addMetadata('checkov', { ...existing, skip: [...skip, { id, comment }] });
}

/**
 * `skipCheckov` for every check in `checks` (check ID to justification).
 */
export function skipCheckovChecks(resource: CfnResource, checks: Record<string, string>): void {
  for (const [id, comment] of Object.entries(checks)) {
    skipCheckov(resource, id, comment);
  }
}
