import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  PARTITION_MAPPING_ID,
  partitionFact,
  partitionFacts,
  partitionMapping,
  partitionOf,
  SUPPORTED_PARTITIONS,
} from '../../../src/core/private/partition-facts';

/**
 * Partition facts (style guide B5.4, B5.5; A-82 partitions; aws-limits.md
 * "Global services ... reach EventBridge only in us-east-1 (cn-north-1 in China)").
 */

const CONCRETE: Array<[string, string]> = [
  ['aws', 'us-east-1'],
  ['aws-us-gov', 'us-gov-west-1'],
  ['aws-cn', 'cn-north-1'],
];

function envStack(region?: string): Stack {
  return new Stack(new App(), 'S', region ? { env: { region, account: '111122223333' } } : {});
}

describe('partition-facts', () => {
  describe('partitionFacts', () => {
    test('supports exactly aws, aws-us-gov and aws-cn', () => {
      expect(SUPPORTED_PARTITIONS).toEqual(['aws', 'aws-us-gov', 'aws-cn']);
    });

    test('aws: global service events reach us-east-1; RCPs and organization trails exist', () => {
      expect(partitionFacts('aws')).toEqual({
        partition: 'aws',
        globalEventsRegion: 'us-east-1',
        globalEventsRegionVerified: true,
        organizationsRegion: 'us-east-1',
        dnsSuffix: 'amazonaws.com',
        servicePrincipalSuffix: 'amazonaws.com',
        organizationTrails: 'yes',
        resourceControlPolicies: 'yes',
      });
    });

    test('aws-us-gov: us-gov-west-1 (unverified), Organizations in us-gov-west-1', () => {
      expect(partitionFacts('aws-us-gov')).toMatchObject({
        globalEventsRegion: 'us-gov-west-1',
        globalEventsRegionVerified: false,
        organizationsRegion: 'us-gov-west-1',
        dnsSuffix: 'amazonaws.com',
        servicePrincipalSuffix: 'amazonaws.com',
      });
    });

    test('aws-cn: cn-north-1 (unverified), Organizations in cn-northwest-1, endpoints on amazonaws.com.cn', () => {
      expect(partitionFacts('aws-cn')).toMatchObject({
        globalEventsRegion: 'cn-north-1',
        globalEventsRegionVerified: false,
        organizationsRegion: 'cn-northwest-1',
        dnsSuffix: 'amazonaws.com.cn',
        servicePrincipalSuffix: 'amazonaws.com',
      });
    });

    test.each(SUPPORTED_PARTITIONS)('%s: each region fact is a region of that partition', (partition) => {
      const facts = partitionFacts(partition);
      const stack = envStack(facts.globalEventsRegion);
      expect(partitionOf(stack)).toBe(partition);
      expect(partitionOf(envStack(facts.organizationsRegion))).toBe(partition);
    });

    test('the service principal suffix matches what aws-cdk-lib renders for the partition', () => {
      // aws-cdk-lib's ServicePrincipal renders "<service>.amazonaws.com" in all three partitions.
      for (const [partition, region] of CONCRETE) {
        const stack = envStack(region);
        const name = stack.resolve(new iam.ServicePrincipal('events.amazonaws.com').policyFragment.principalJson.Service[0]);
        expect(name).toBe(`events.${partitionFacts(partition).servicePrincipalSuffix}`);
      }
    });

    test.each(['aws-iso', 'aws-iso-b', 'AWS', ''])('rejects %j, naming the supported partitions and the fix', (partition) => {
      expect(() => partitionFacts(partition, envStack())).toThrow(
        `S: partition must be one of "aws", "aws-us-gov", "aws-cn", got ${JSON.stringify(partition)}: deploy to a region of a supported partition, or leave the stack env-agnostic`,
      );
    });

    test('rejects inherited object keys', () => {
      expect(() => partitionFacts('toString')).toThrow(/^partitionFacts: partition must be one of/);
    });
  });

  describe('partitionOf', () => {
    test.each(CONCRETE)('is %s for a stack in %s', (partition, region) => {
      expect(partitionOf(envStack(region))).toBe(partition);
    });

    test('is undefined for an env-agnostic stack', () => {
      expect(partitionOf(envStack())).toBeUndefined();
    });

    test('is undefined for a region aws-cdk-lib does not know', () => {
      expect(partitionOf(envStack('xx-nowhere-1'))).toBeUndefined();
    });

    test('works from a construct deep in the stack', () => {
      const stack = envStack('cn-northwest-1');
      const child = new CfnOutput(stack, 'O', { value: 'x' });
      expect(partitionOf(child)).toBe('aws-cn');
    });
  });

  describe('partitionMapping', () => {
    test('renders the table keyed by partition, then by fact', () => {
      const stack = envStack();
      partitionMapping(stack);
      expect(Template.fromStack(stack).toJSON().Mappings[PARTITION_MAPPING_ID]).toEqual({
        'aws': {
          partition: 'aws',
          globalEventsRegion: 'us-east-1',
          organizationsRegion: 'us-east-1',
          dnsSuffix: 'amazonaws.com',
          servicePrincipalSuffix: 'amazonaws.com',
          organizationTrails: 'yes',
          resourceControlPolicies: 'yes',
        },
        'aws-us-gov': {
          partition: 'aws-us-gov',
          globalEventsRegion: 'us-gov-west-1',
          organizationsRegion: 'us-gov-west-1',
          dnsSuffix: 'amazonaws.com',
          servicePrincipalSuffix: 'amazonaws.com',
          organizationTrails: 'unknown',
          resourceControlPolicies: 'unknown',
        },
        'aws-cn': {
          partition: 'aws-cn',
          globalEventsRegion: 'cn-north-1',
          organizationsRegion: 'cn-northwest-1',
          dnsSuffix: 'amazonaws.com.cn',
          servicePrincipalSuffix: 'amazonaws.com',
          organizationTrails: 'unknown',
          resourceControlPolicies: 'unknown',
        },
      });
    });

    test('returns the same mapping on every call for a stack', () => {
      const stack = envStack();
      const child = new CfnOutput(stack, 'O', { value: 'x' });
      expect(partitionMapping(child)).toBe(partitionMapping(stack));
      expect(Object.keys(Template.fromStack(stack).toJSON().Mappings)).toEqual([PARTITION_MAPPING_ID]);
    });

    test('refuses an id taken by another construct', () => {
      const stack = envStack();
      new CfnOutput(stack, 'Taken', { value: 'x' });
      expect(() => partitionMapping(stack, 'Taken')).toThrow('S: partitionMapping id "Taken" is already used by S/Taken: choose another id');
    });
  });

  describe('partitionFact', () => {
    test('in an env-agnostic stack, is Fn::FindInMap on AWS::Partition', () => {
      const stack = envStack();
      new CfnOutput(stack, 'Region', { value: partitionFact(stack, 'globalEventsRegion') });
      const template = Template.fromStack(stack);
      template.hasOutput('Region', {
        Value: { 'Fn::FindInMap': [PARTITION_MAPPING_ID, { Ref: 'AWS::Partition' }, 'globalEventsRegion'] },
      });
      expect(template.toJSON().Mappings[PARTITION_MAPPING_ID]['aws-cn'].globalEventsRegion).toBe('cn-north-1');
    });

    test.each(CONCRETE)('in a %s stack (%s), is the literal value and adds no mapping', (partition, region) => {
      const stack = envStack(region);
      new CfnOutput(stack, 'Region', { value: partitionFact(stack, 'globalEventsRegion') });
      const template = Template.fromStack(stack);
      template.hasOutput('Region', { Value: partitionFacts(partition).globalEventsRegion });
      expect(template.toJSON().Mappings).toBeUndefined();
    });

    test('in a stack of an unsupported partition, throws with the stack path', () => {
      const stack = envStack('us-iso-east-1');
      expect(() => partitionFact(stack, 'dnsSuffix')).toThrow(/^S: partition must be one of "aws", "aws-us-gov", "aws-cn", got "aws-iso"/);
    });
  });
});
