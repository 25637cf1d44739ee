import { Stack, Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { defineRegionalStacks } from './private/regional-stacks';
import { markAuditSetup } from '../core/private/audit-tag';
import { throwIfProblems } from '../core/private/errors';
import { stackPlacementProblem, warnOfOuterAspects } from '../core/private/stages';
import { checkPropShapes, enumShape, PropsSpec, required } from '../core/private/validators';

/**
 * What a `RegionalDeployment` does when its regions leave out the global-events region while an event stream watches a global service.
 */
export enum MissingGlobalEventsRegion {
  /** Synthesis fails, naming the region to add and the services that would be missed. */
  ERROR = 'ERROR',
  /** Synthesis warns (acknowledgeable) and goes on: for accounts whose global events another stream already covers. */
  WARN = 'WARN',
}

/**
 * Properties of a `RegionalDeployment`.
 */
export interface RegionalDeploymentProps {
  /**
   * The regions to deploy to, each once, all in one partition.
   *
   * There is no default: the vendor guides leave the region list to the
   * customer (the McAfee MVISION Cloud / Skyhigh Security NRT guide selects
   * "all 14 AWS regions" without naming them). When an
   * event stream in these stacks watches a global service, the list must
   * include the partition's global-events region (us-east-1; cn-north-1 in
   * China).
   */
  readonly regions: string[];

  /**
   * The account every regional stack deploys to.
   *
   * @default - the account of the CLI credentials at deploy time (env-agnostic account)
   */
  readonly account?: string;

  /**
   * The prefix of every stack name; the region is appended (`<prefix>-<region>`).
   *
   * @default - the construct ID
   */
  readonly stackNamePrefix?: string;

  /**
   * What happens when the regions leave out the global-events region while an `EventStreamRule` in these stacks watches a global service.
   *
   * @default MissingGlobalEventsRegion.ERROR
   */
  readonly missingGlobalEventsRegion?: MissingGlobalEventsRegion;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { regions: required('string[]'), account: 'string', stackNamePrefix: 'string', missingGlobalEventsRegion: enumShape('MissingGlobalEventsRegion', MissingGlobalEventsRegion) };

/**
 * One stack per region, for the per-region pieces of an event stream (or of an NRT receiver or publisher), with a check that global services are not silently missed.
 *
 * The VMware Aria Automation for Secure Clouds guide requires "a CloudWatch
 * event rule in each region". The
 * API events of global services (IAM, STS, CloudFront, Route 53, WAF
 * Classic, Organizations) reach EventBridge only in one region per
 * partition, so a set of regions without it never sees an IAM change. At
 * synthesis, if any `EventStreamRule` defined in these stacks watches a
 * global service and the regions leave out the global-events region, this
 * construct fails (or warns) with the reason. Each event is still seen
 * once: the global-events region's rule is the only one that receives it.
 *
 * Define the pieces in each stack of `stacks`.
 *
 * It is a `Stage` (define it in an `App` or a `Stage`, not in a `Stack`): its stacks are synthesized into a nested cloud assembly
 * (`cdk.out/assembly-<id>/`), it can be added to a CDK Pipelines wave as it
 * is, and `cdk deploy --all` leaves it out: deploy it with
 * `cdk deploy '<id>/*'`. Aspects and tags applied to the `App` do not reach
 * into a stage (CDK applies them per stage): apply cdk-nag and your tags to
 * this construct as well; synthesis warns when the `App` has aspects that
 * this stage lacks.
 *
 * @example
 * const regions = new audit.RegionalDeployment(new App(), 'EventStream', {
 *   regions: ['us-east-1', 'eu-west-1'],
 *   account: '123456789012',
 * });
 * for (const stack of regions.stacks) {
 *   new audit.EventStreamRule(stack, 'EventStream', {
 *     queueArn: `arn:${Aws.PARTITION}:sqs:us-west-2:111122223333:cloudcoreo-events-queue`,
 *   });
 * }
 */
export class RegionalDeployment extends Stage {
  /** One stack per region, in the order of `regions`. */
  public readonly stacks: Stack[];

  /** The regions, in the order given. */
  public readonly regions: string[];

  /** The partition of the regions. */
  public readonly partition: string;

  /** The region whose default bus receives the API events of global services in this partition. */
  public readonly globalEventsRegion: string;

  constructor(scope: Construct, id: string, props: RegionalDeploymentProps) {
    super(scope, id);
    throwIfProblems(this, [...checkPropShapes(props, PROP_SHAPES), stackPlacementProblem(this, 'one per region')]);
    markAuditSetup(this);
    const defined = defineRegionalStacks(this, {
      regions: props.regions,
      account: props.account,
      stackNamePrefix: props.stackNamePrefix ?? id,
      stackNamePrefixLabel: props.stackNamePrefix === undefined ? `the stack name prefix (stackNamePrefix, by default the construct id ${JSON.stringify(id)})` : 'stackNamePrefix',
      regionsLabel: 'regions',
      failOnMissingGlobalEvents: (props.missingGlobalEventsRegion ?? MissingGlobalEventsRegion.ERROR) === MissingGlobalEventsRegion.ERROR,
      otherFix: 'set missingGlobalEventsRegion to WARN if another stream covers them',
    });
    this.stacks = defined.stacks;
    this.regions = defined.regions;
    this.partition = defined.partition;
    this.globalEventsRegion = defined.globalEventsRegion;
    warnOfOuterAspects(this, this.stacks[0]);
  }

  /**
   * The stack of one region.
   *
   * @param region one of `regions`
   */
  public stackFor(region: string): Stack {
    const i = this.regions.indexOf(region);
    if (i < 0) {
      throwIfProblems(this, [`stackFor(${JSON.stringify(region)}): the region is not one of regions (${this.regions.join(', ')})`]);
    }
    return this.stacks[i];
  }
}
