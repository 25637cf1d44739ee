import { CfnResource } from 'aws-cdk-lib';

/**
 * Why an access-log bucket logs nothing itself (checkov CKV_AWS_18): the
 * justification `AuditTrail` writes, one home so that the benchmark's
 * hand-written baseline writes the same bytes.
 */
export const ACCESS_LOG_BUCKET_REASON = 'This is the access-log bucket: it receives the server access logs of the trail bucket. Logging it to itself would log its own log writes without end, '
  + 'and logging it to a further bucket only moves the finding there; it is versioned, TLS-only, private and retained instead.';

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
