import { StackSetTemplate } from './stack-set-template';
import { AwsLimits } from '../core/limits';

/**
 * How StackSet operations move through regions.
 */
export enum RegionConcurrencyType {
  /** One region at a time (CloudFormation's default). */
  SEQUENTIAL = 'SEQUENTIAL',
  /** All regions at once. */
  PARALLEL = 'PARALLEL',
}

/**
 * How failures limit the concurrency of a StackSet operation.
 */
export enum StackSetConcurrencyMode {
  /**
   * Concurrency never exceeds the failure tolerance plus one and drops as
   * accounts fail (CloudFormation's default).
   */
  STRICT_FAILURE_TOLERANCE = 'STRICT_FAILURE_TOLERANCE',
  /**
   * Concurrency stays at the maximum whatever fails; the failure tolerance
   * only decides when the operation stops in a region.
   */
  SOFT_FAILURE_TOLERANCE = 'SOFT_FAILURE_TOLERANCE',
}

/**
 * Properties every StackSet rollout takes.
 */
export interface StackSetRolloutBaseProps {
  /**
   * The template to deploy, rendered from a stack (see `StackSetTemplate`).
   */
  readonly template: StackSetTemplate;

  /**
   * Regions to deploy a stack instance to in every target account.
   *
   * Explicit, never guessed. A template with named IAM resources
   * (global per account) must go to exactly one region: put such resources
   * in a rollout of their own, and regional resources (rules, topics) in
   * another one with every region.
   */
  readonly regions: string[];

  /**
   * Name of the StackSet.
   *
   * @default - a name generated from the construct path
   */
  readonly stackSetName?: string;

  /**
   * Description of the StackSet.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Values for the template's CloudFormation parameters.
   *
   * Every parameter without a default needs a value; unknown names fail.
   *
   * @default - no values (every template parameter needs a default)
   */
  readonly parameters?: { [name: string]: string };

  /**
   * Maximum percentage of target accounts deployed at the same time, per region.
   *
   * Applies to operations that this stack starts (create, update, delete of
   * the StackSet), not to automatic deployments.
   *
   * @default 100
   */
  readonly maxConcurrentPercentage?: number;

  /**
   * Maximum number of target accounts deployed at the same time, per region, instead of a percentage.
   *
   * For large organizations where a fixed pace is easier to reason about
   * (CloudFormation runs at most 3,500 stack-instance operations per region
   * at once). Not together with `maxConcurrentPercentage`.
   *
   * @default - `maxConcurrentPercentage` applies
   */
  readonly maxConcurrentCount?: number;

  /**
   * Percentage of target accounts per region that may fail before
   * CloudFormation stops the operation in that region (and does not start
   * later regions).
   *
   * The default lets every account be tried however many fail, so one bad
   * account never stops the rest; failed stack instances stay visible in the
   * StackSet's instance list. CloudFormation rounds the percentage down, so a
   * lower value stops small organizations at their first failure.
   *
   * @default 100
   */
  readonly failureTolerancePercentage?: number;

  /**
   * Number of target accounts per region that may fail before CloudFormation stops the operation in that region, instead of a percentage.
   *
   * Not together with `failureTolerancePercentage`.
   *
   * @default - `failureTolerancePercentage` applies
   */
  readonly failureToleranceCount?: number;

  /**
   * The order in which CloudFormation goes through the regions: some or all of `regions`, each once.
   *
   * Regions not listed follow in CloudFormation's order. Useful with
   * `RegionConcurrencyType.SEQUENTIAL`, e.g. to deploy a canary region
   * first; with `PARALLEL` every region starts at once.
   *
   * @default - CloudFormation's order
   */
  readonly regionOrder?: string[];

  /**
   * Whether operations go through regions one at a time or all at once.
   *
   * @default RegionConcurrencyType.PARALLEL
   */
  readonly regionConcurrencyType?: RegionConcurrencyType;

  /**
   * How failures limit concurrency.
   *
   * @default StackSetConcurrencyMode.SOFT_FAILURE_TOLERANCE
   */
  readonly concurrencyMode?: StackSetConcurrencyMode;

  /**
   * Run non-conflicting StackSet operations concurrently and queue conflicting ones.
   *
   * @default true
   */
  readonly managedExecution?: boolean;

  /**
   * The AWS limits to check the template against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}
