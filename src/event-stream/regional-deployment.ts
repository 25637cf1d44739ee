import { Annotations, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AuditedService } from './audited-services';
import { EventStreamRule } from './event-stream-rule';
import { markAuditSetup } from '../core/private/audit-tag';
import { throwIfProblems } from '../core/private/errors';
import { RegionInfo } from '../core/private/lazy';
import { partitionFacts } from '../core/private/partition-facts';
import { isUnresolved } from '../core/private/tokens';
import { checkPropShapes, enumShape, PropsSpec, required, validate, validateList } from '../core/private/validators';

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
export class RegionalDeployment extends Construct {
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
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);

    const regions = props.regions;
    const tokens = regions.filter((r) => isUnresolved(r));
    const partitions = [...new Set(regions.filter((r) => !isUnresolved(r) && validate('region', 'r', r) === undefined)
      .map((r) => RegionInfo.get(r).partition ?? 'unknown'))];
    throwIfProblems(this, [
      ...validateList('region', 'regions', regions, { nonEmpty: true, unique: true }),
      tokens.length > 0 ? `regions must be literal region names, got ${tokens.length} unresolved token(s): a stack per region needs the region at synth` : undefined,
      partitions.length > 1 ? `regions must all be in one partition, got regions of ${partitions.map((p) => JSON.stringify(p)).join(' and ')}: define one RegionalDeployment per partition` : undefined,
      validate('accountId', 'account', props.account),
      ...regions.filter((r) => typeof r === 'string' && !isUnresolved(r)).slice(0, 1).map((r) => validate('stackName',
        props.stackNamePrefix === undefined ? `the stack name prefix (stackNamePrefix, by default the construct id ${JSON.stringify(id)}) with "-${r}"` : `stackNamePrefix with "-${r}"`,
        `${props.stackNamePrefix ?? id}-${r}`)),
    ]);

    this.regions = [...regions];
    this.partition = partitions[0];
    this.globalEventsRegion = partitionFacts(this.partition, this).globalEventsRegion;
    const prefix = props.stackNamePrefix ?? id;
    this.stacks = regions.map((region) => new Stack(this, region, {
      stackName: `${prefix}-${region}`,
      env: { account: props.account, region },
    }));

    const behaviour = props.missingGlobalEventsRegion ?? MissingGlobalEventsRegion.ERROR;
    this.node.addValidation({
      validate: () => {
        const message = this.missingGlobalEventsMessage();
        if (message === undefined) return [];
        if (behaviour === MissingGlobalEventsRegion.ERROR) return [message];
        Annotations.of(this).addWarningV2('cdk-audit-baseline:missingGlobalEventsRegion', message);
        return [];
      },
    });
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

  /** The problem sentence when a global service would be missed, else undefined. */
  private missingGlobalEventsMessage(): string | undefined {
    if (this.regions.includes(this.globalEventsRegion)) {
      return undefined;
    }
    const watched: string[] = [];
    let all = false;
    for (const stack of this.stacks) {
      for (const c of stack.node.findAll()) {
        if (c instanceof EventStreamRule) {
          all = all || c.services.allServices;
          watched.push(...c.services.globalServices.map((s: AuditedService) => s.eventSource));
        }
      }
    }
    const globals = [...new Set(watched)];
    if (!all && globals.length === 0) {
      return undefined;
    }
    const what = all ? 'every service, including the global ones (IAM, STS, CloudFront, Route 53, ...)' : globals.join(', ');
    return `regions (${this.regions.join(', ')}) leave out ${this.globalEventsRegion}, the only region where EventBridge receives the API events of global services, `
      + `yet the event streams watch ${what}: add ${JSON.stringify(this.globalEventsRegion)} to regions, or set missingGlobalEventsRegion to WARN if another stream covers them`;
  }
}
