import { Annotations, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { throwIfProblems } from '../../core/private/errors';
import { RegionInfo } from '../../core/private/lazy';
import { partitionFacts } from '../../core/private/partition-facts';
import { isUnresolved } from '../../core/private/tokens';
import { validate, validateList } from '../../core/private/validators';
import type { AuditedService } from '../audited-services';
import { EventStreamRule } from '../event-stream-rule';

/** How a set of per-region stacks is defined (`RegionalDeployment`'s props, and the presets' event streams). */
export interface RegionalStacksOptions {
  readonly regions: string[];
  readonly account?: string;
  /** The stack names' prefix; `<prefix>-<region>`. */
  readonly stackNamePrefix: string;
  /** Where `stackNamePrefix` comes from, in the message when it makes a bad stack name (e.g. `stackNamePrefix`). */
  readonly stackNamePrefixLabel: string;
  /** The prop that gave the regions, in messages. */
  readonly regionsLabel: string;
  /** Fail (true) or warn (false) when a global service would be missed. */
  readonly failOnMissingGlobalEvents: boolean;
  /** The other way out of a missed global service, after "add the region", e.g. `set missingGlobalEventsRegion to WARN if another stream covers them`. */
  readonly otherFix: string;
}

/** The stacks, one per region, and the partition facts they were checked against. */
export interface RegionalStacks {
  readonly stacks: Stack[];
  readonly regions: string[];
  readonly partition: string;
  readonly globalEventsRegion: string;
}

/**
 * One stack per region under `scope` (construct id: the region), after
 * checking the regions, with a validation on `scope` that fails (or warns on
 * the first stack) when an `EventStreamRule` in these stacks watches a global
 * service and the regions leave out the partition's global-events region.
 */
export function defineRegionalStacks(scope: Construct, options: RegionalStacksOptions): RegionalStacks {
  const regions = options.regions;
  const tokens = regions.filter((r) => isUnresolved(r));
  const partitions = [...new Set(regions.filter((r) => !isUnresolved(r) && validate('region', 'r', r) === undefined)
    .map((r) => RegionInfo.get(r).partition ?? 'unknown'))];
  throwIfProblems(scope, [
    ...validateList('region', options.regionsLabel, regions, { nonEmpty: true, unique: true }),
    tokens.length > 0 ? `${options.regionsLabel} must be literal region names, got ${tokens.length} unresolved token(s): a stack per region needs the region at synth` : undefined,
    partitions.length > 1 ? `${options.regionsLabel} must all be in one partition, got regions of ${partitions.map((p) => JSON.stringify(p)).join(' and ')}: define one RegionalDeployment per partition` : undefined,
    validate('accountId', 'account', options.account),
    ...regions.filter((r) => typeof r === 'string' && !isUnresolved(r)).slice(0, 1).map((r) => validate('stackName',
      `${options.stackNamePrefixLabel} with "-${r}"`,
      `${options.stackNamePrefix}-${r}`)),
  ]);

  const partition = partitions[0];
  const globalEventsRegion = partitionFacts(partition, scope).globalEventsRegion;
  const stacks = regions.map((region) => new Stack(scope, region, {
    stackName: `${options.stackNamePrefix}-${region}`,
    env: { account: options.account, region },
  }));

  scope.node.addValidation({
    validate: () => {
      const message = missingGlobalEventsMessage(options.regionsLabel, regions, globalEventsRegion, stacks, options.otherFix);
      if (message === undefined) return [];
      if (options.failOnMissingGlobalEvents) return [message];
      // On a stack: the CLI prints the annotations of stacks, not of the stage around them.
      Annotations.of(stacks[0]).addWarningV2('cdk-audit-baseline:missingGlobalEventsRegion', message);
      return [];
    },
  });
  return { stacks, regions: [...regions], partition, globalEventsRegion };
}

/** The problem sentence when a global service would be missed, else undefined. */
function missingGlobalEventsMessage(
  label: string, regions: string[], globalEventsRegion: string, stacks: Stack[], otherFix: string,
): string | undefined {
  if (regions.includes(globalEventsRegion)) {
    return undefined;
  }
  const watched: string[] = [];
  let all = false;
  for (const stack of stacks) {
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
  return `${label} (${regions.join(', ')}) leave out ${globalEventsRegion}, the only region where EventBridge receives the API events of global services, `
    + `yet the event streams watch ${what}: add ${JSON.stringify(globalEventsRegion)} to ${label}, or ${otherFix}`;
}
