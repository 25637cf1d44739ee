import { Annotations, Fn, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { isUnresolved } from '../../core/private/tokens';
import { validate } from '../../core/private/validators';
import { AuditTrail } from '../../event-stream/audit-trail';

/** The trail props every preset shares (flat props, not a nested object). */
export interface PresetTrailChoice {
  readonly existingTrailArn?: string;
  readonly defineTrail?: boolean;
}

/** How the preset's new trail, if it defines one, is set up. */
export interface PresetTrailOptions {
  /** Define an organization trail that logs every account of this organization. */
  readonly organizationId?: string;
}

/** What the preset knows about the trail it relies on. */
export interface PresetTrail {
  /** The trail defined here, if any. */
  readonly trail?: AuditTrail;
  /** The trail's ARN, when known (defined here or given). */
  readonly trailArn?: string;
  /** The trail's home region: the region the connector forms ask for. */
  readonly region: string;
}

/** Problems with the trail props, for the preset's one `throwIfProblems`. */
export function checkTrailChoice(choice: PresetTrailChoice): string[] {
  const problems: string[] = [];
  if (choice.existingTrailArn !== undefined && choice.defineTrail === true) {
    problems.push(`existingTrailArn (${JSON.stringify(choice.existingTrailArn)}) and defineTrail: true cannot be combined: the vendor guides ask for one trail only; give existingTrailArn to rely on the trail you have, or defineTrail: true to define one`);
  }
  const arnProblem = validate('cloudTrailArn', 'existingTrailArn', choice.existingTrailArn);
  if (arnProblem) problems.push(arnProblem);
  return problems;
}

/**
 * Defines the trail prerequisite, references the existing one, or warns that there is none.
 *
 * Call after `checkTrailChoice` passed.
 */
export function definePresetTrail(scope: Construct, choice: PresetTrailChoice, vendor: string, options: PresetTrailOptions = {}): PresetTrail {
  const stack = Stack.of(scope);
  if (choice.existingTrailArn !== undefined) {
    // Validated by checkTrailChoice; nothing to define, so no reference construct.
    const arn = choice.existingTrailArn;
    const region = isUnresolved(arn) ? Fn.select(3, Fn.split(':', arn)) : arn.split(':')[3];
    return { trailArn: arn, region };
  }
  if (choice.defineTrail === false) {
    Annotations.of(scope).addWarningV2('cdk-audit-baseline:presetWithoutTrail',
      `defineTrail is false and no existingTrailArn is given: ${vendor} needs a CloudTrail trail that logs management events in this account (or its organization); `
      + 'make sure one exists, and give its ARN as existingTrailArn so the hand-off outputs name its region');
    return { region: stack.region };
  }
  const trail = new AuditTrail(scope, 'Trail', { organizationId: options.organizationId });
  // The cost of a trail the user may not need, where it is decided: the
  // first trail of an account (or organization) is free of CloudTrail
  // charges, a second one that also logs management events is not.
  Annotations.of(scope).addInfoV2('cdk-audit-baseline:presetNewTrail',
    `${vendor.charAt(0).toUpperCase()}${vendor.slice(1)} defines a new ${options.organizationId === undefined ? '' : 'organization '}CloudTrail trail with its own retained S3 buckets and KMS key (about 1 USD a month for the key, plus storage). `
    + 'If a trail that logs management events in every region already covers these accounts (your own, an organization trail, AWS Control Tower\'s), '
    + 'this one is a second copy, billed by CloudTrail per 100,000 management events: give that trail\'s ARN as existingTrailArn instead');
  return { trail, trailArn: trail.trailArn, region: stack.region };
}
