import { Aws, CfnMapping, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { AuditBaselineError } from './errors';
import { RegionInfo } from './lazy';
import { isUnresolved } from './tokens';

/**
 * Facts that differ by AWS partition, in one table.
 *
 * A stack whose region is concrete knows its partition at synth, and the
 * facts are plain strings. An env-agnostic stack only learns its partition at
 * deploy time (`AWS::Partition`), so the same table is rendered as a
 * `CfnMapping` keyed by partition and read with `Fn::FindInMap`.
 */

/** Whether a partition supports a feature. */
export type Support = 'yes' | 'no' | 'unknown';

/** What the library needs to know about one partition. */
export interface PartitionFacts {
  /** The partition name, as in ARNs. */
  readonly partition: string;
  /**
   * The only region whose default event bus receives the "AWS API Call via
   * CloudTrail" events of global services (IAM, STS, Organizations,
   * CloudFront, Route 53, ...). A rule elsewhere never sees them.
   */
  readonly globalEventsRegion: string;
  /** Whether `globalEventsRegion` was confirmed in AWS documentation. */
  readonly globalEventsRegionVerified: boolean;
  /** The region that hosts the AWS Organizations endpoint. */
  readonly organizationsRegion: string;
  /** The DNS suffix of service endpoints (`sqs.<region>.<suffix>`). */
  readonly dnsSuffix: string;
  /**
   * The DNS suffix of service principals (`events.<suffix>`). AWS uses
   * `amazonaws.com` in every partition, China included, for the services
   * this library grants.
   */
  readonly servicePrincipalSuffix: string;
  /** Whether CloudTrail organization trails are available. */
  readonly organizationTrails: Support;
  /** Whether AWS Organizations resource control policies (RCPs) are available. */
  readonly resourceControlPolicies: Support;
}

/**
 * The table.
 *
 * Sources:
 * - global events region: EventBridge docs and re:Post ("global services ...
 *   deliver events only to us-east-1"); China: cn-north-1 per the field
 *   notes (not found in AWS docs: unverified); GovCloud: us-gov-west-1, the
 *   region of the partition's IAM endpoint (not found in AWS docs: unverified).
 * - Organizations endpoint: Organizations "Region support" page (us-east-1,
 *   AWS GovCloud (US-West), China (Ningxia)).
 * - DNS and service principal suffixes: aws-cdk-lib `RegionInfo`.
 * - RCPs: launched 2024-11 in the commercial partition; the China docs
 *   describe them but no availability statement was found for China or
 *   GovCloud, so those are `unknown`. Organization trails: available in the
 *   commercial partition; for GovCloud and China (the field notes report an
 *   `IsOrganizationTrail` gap in China) they are `unknown`.
 */
const TABLE: Readonly<Record<string, PartitionFacts>> = {
  'aws': {
    partition: 'aws',
    globalEventsRegion: 'us-east-1',
    globalEventsRegionVerified: true,
    organizationsRegion: 'us-east-1',
    dnsSuffix: 'amazonaws.com',
    servicePrincipalSuffix: 'amazonaws.com',
    organizationTrails: 'yes',
    resourceControlPolicies: 'yes',
  },
  'aws-us-gov': {
    partition: 'aws-us-gov',
    globalEventsRegion: 'us-gov-west-1',
    globalEventsRegionVerified: false,
    organizationsRegion: 'us-gov-west-1',
    dnsSuffix: 'amazonaws.com',
    servicePrincipalSuffix: 'amazonaws.com',
    organizationTrails: 'unknown',
    resourceControlPolicies: 'unknown',
  },
  'aws-cn': {
    partition: 'aws-cn',
    globalEventsRegion: 'cn-north-1',
    globalEventsRegionVerified: false,
    organizationsRegion: 'cn-northwest-1',
    dnsSuffix: 'amazonaws.com.cn',
    servicePrincipalSuffix: 'amazonaws.com',
    organizationTrails: 'unknown',
    resourceControlPolicies: 'unknown',
  },
};

/** The partitions the library supports, in table order. */
export const SUPPORTED_PARTITIONS: readonly string[] = Object.keys(TABLE);

/** The string-valued facts, which a `CfnMapping` can hold. */
export type PartitionFactName = Exclude<keyof PartitionFacts, 'globalEventsRegionVerified'>;

const MAPPED_FACTS: readonly PartitionFactName[] = [
  'partition',
  'globalEventsRegion',
  'organizationsRegion',
  'dnsSuffix',
  'servicePrincipalSuffix',
  'organizationTrails',
  'resourceControlPolicies',
];

/** The default construct ID of the mapping on each stack. */
export const PARTITION_MAPPING_ID = 'AuditBaselinePartitionFacts';

/**
 * The facts of one partition. Throws for a partition the library does not
 * support (the ISO partitions, or a typo).
 *
 * @param scope the construct to name in the error
 */
export function partitionFacts(partition: string, scope?: IConstruct): PartitionFacts {
  const facts = Object.prototype.hasOwnProperty.call(TABLE, partition) ? TABLE[partition] : undefined;
  if (!facts) {
    const where = scope ?? ({ node: { path: 'partitionFacts' } } as unknown as IConstruct);
    throw new AuditBaselineError(
      where,
      `partition must be one of ${SUPPORTED_PARTITIONS.map((p) => JSON.stringify(p)).join(', ')}, got ${JSON.stringify(partition)}: deploy to a region of a supported partition, or leave the stack env-agnostic`,
    );
  }
  return facts;
}

/**
 * The concrete partition of the scope's stack, or `undefined` when the
 * stack's region is unresolved (an env-agnostic stack) or unknown to
 * aws-cdk-lib.
 */
export function partitionOf(scope: IConstruct): string | undefined {
  const region = Stack.of(scope).region;
  if (isUnresolved(region)) {
    return undefined;
  }
  return RegionInfo.get(region).partition;
}

/**
 * The partition table as a `CfnMapping` on the scope's stack, keyed by
 * partition and then by fact name.
 *
 * Idempotent: every call for the same stack and ID returns the same mapping.
 */
export function partitionMapping(scope: Construct, id: string = PARTITION_MAPPING_ID): CfnMapping {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(id);
  if (existing) {
    if (existing instanceof CfnMapping) {
      return existing;
    }
    throw new AuditBaselineError(scope, `partitionMapping id ${JSON.stringify(id)} is already used by ${existing.node.path}: choose another id`);
  }
  const mapping: Record<string, Record<string, string>> = {};
  for (const [partition, facts] of Object.entries(TABLE)) {
    mapping[partition] = {};
    for (const name of MAPPED_FACTS) {
      mapping[partition][name] = facts[name];
    }
  }
  return new CfnMapping(stack, id, { mapping });
}

/**
 * One fact for the scope's stack: a plain string when the partition is known
 * at synth, otherwise an `Fn::FindInMap` on `AWS::Partition`.
 *
 * Throws when the stack's region is in a partition the library does not
 * support.
 */
export function partitionFact(scope: Construct, name: PartitionFactName): string {
  const partition = partitionOf(scope);
  if (partition !== undefined) {
    return partitionFacts(partition, scope)[name];
  }
  return partitionMapping(scope).findInMap(Aws.PARTITION, name);
}
