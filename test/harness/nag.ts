/**
 * cdk-nag 3 `AwsSolutionsChecks` findings of a stack, for jest.
 *
 * cdk-nag 3 is a policy-validation plugin, not an Aspect: registered with
 * `Validations.of(app).addPlugins(...)` it makes synthesis fail. In tests the
 * pack's `validateScope(scope)` gives the same report as data. Findings are
 * suppressed (acknowledged) with aws-cdk-lib's own API:
 *
 * ```ts
 * Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the DLQ of the event queue' });
 * expect(nagFindings(stack)).toEqual([]);
 * ```
 *
 * cdk-nag 2's `NagSuppressions` no longer exists. cdk-nag 3 accepts any
 * reason, so this helper enforces what cdk-nag 2 did: an acknowledgment of an
 * `AwsSolutions-*` rule whose reason is shorter than
 * {@link MIN_SUPPRESSION_REASON_LENGTH} characters is itself reported, with
 * id `Harness-SuppressionReason[<rule>]`.
 */
import { Stage, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** One unsuppressed finding. */
export interface NagFinding {
  /** The rule id, with the finding id where the rule has several (`AwsSolutions-IAM5[Action::s3:*]`). */
  readonly id: string;
  /** Construct path of the offending L1 resource (`Stack/Queue/Resource`). */
  readonly path: string;
  readonly level: 'Error' | 'Warning';
}

/** Shortest acceptable suppression reason (cdk-nag 2 required 10 characters). */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

function shortReasons(scope: IConstruct): NagFinding[] {
  const out: NagFinding[] = [];
  for (const c of scope.node.findAll()) {
    // Each acknowledge() call appends an entry holding every acknowledgment
    // so far: merge them, the latest reason of a rule wins.
    const reasons = new Map<string, unknown>();
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [qualified, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        reasons.set(qualified.replace(/^annotation::/i, ''), reason);
      }
    }
    for (const [id, reason] of reasons) {
      if (!id.startsWith('AwsSolutions-')) continue;
      if (typeof reason !== 'string' || reason.trim().length < MIN_SUPPRESSION_REASON_LENGTH) {
        out.push({ id: `Harness-SuppressionReason[${id}]`, path: c.node.path, level: 'Error' });
      }
    }
  }
  return out;
}

/**
 * Unsuppressed `AwsSolutionsChecks` findings (errors and warnings) of every
 * resource in `stack`, plus suppressions without a real reason, sorted by
 * path then id. The app is synthesized first (once; later calls reuse it) so
 * that Aspects have run and the checked tree is the deployed one.
 */
export function nagFindings(stack: Stack): NagFinding[] {
  Stage.of(stack)?.synth();
  // Some cdk-nag rules read deprecated L1 properties (e.g.
  // CfnEventBusPolicy#principal): keep aws-cdk-lib's deprecation warnings
  // about cdk-nag's own reads out of the test output.
  const deprecated = process.env.JSII_DEPRECATED;
  process.env.JSII_DEPRECATED = 'quiet';
  let report;
  try {
    report = new AwsSolutionsChecks(stack).validateScope(stack);
  } finally {
    if (deprecated === undefined) delete process.env.JSII_DEPRECATED;
    else process.env.JSII_DEPRECATED = deprecated;
  }
  const findings: NagFinding[] = [];
  for (const v of report.violations) {
    const level = (v as { severity?: string }).severity === 'error' ? 'Error' : 'Warning';
    for (const r of v.violatingResources as Array<{ constructPath?: string; resourceLogicalId?: string }>) {
      findings.push({ id: v.ruleName, path: r.constructPath ?? r.resourceLogicalId ?? '?', level });
    }
  }
  findings.push(...shortReasons(stack));
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.id.localeCompare(b.id));
}
