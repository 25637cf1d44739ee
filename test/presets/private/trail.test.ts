/**
 * Unit tests of src/presets/private/trail.ts: the trail props every preset
 * shares, and what `definePresetTrail` defines, references or warns about.
 */
import { Aws, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { checkTrailChoice, definePresetTrail } from '../../../src/presets/private/trail';
import { ACCOUNT, concreteStack, idsOf, newStack, templateOf } from '../_helpers';

const TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org-trail`;
const VENDOR = 'the test vendor';

/** A preset-like construct in `stack`. */
function presetIn(stack: Stack): Construct {
  return new Construct(stack, 'Preset');
}

describe('trail', () => {
  describe('checkTrailChoice', () => {
    test('accepts nothing, defineTrail alone, and an existing trail ARN (also with defineTrail: false)', () => {
      expect(checkTrailChoice({})).toEqual([]);
      expect(checkTrailChoice({ defineTrail: true })).toEqual([]);
      expect(checkTrailChoice({ existingTrailArn: TRAIL_ARN })).toEqual([]);
      expect(checkTrailChoice({ existingTrailArn: TRAIL_ARN, defineTrail: false })).toEqual([]);
    });

    test('existingTrailArn with defineTrail: true is refused, naming the ARN', () => {
      expect(checkTrailChoice({ existingTrailArn: TRAIL_ARN, defineTrail: true })).toEqual([
        `existingTrailArn (${JSON.stringify(TRAIL_ARN)}) and defineTrail: true cannot be combined: the vendor guides ask for one trail only; give existingTrailArn to rely on the trail you have, or defineTrail: true to define one`,
      ]);
    });

    test('an ARN that is not a trail\'s is refused with the fix; a token passes', () => {
      expect(checkTrailChoice({ existingTrailArn: 'arn:aws:s3:::trail-bucket' })).toEqual([
        expect.stringMatching(/^existingTrailArn must be a CloudTrail trail ARN .*, got "arn:aws:s3:::trail-bucket": /),
      ]);
      expect(checkTrailChoice({ existingTrailArn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:eventdatastore/abc` })).toEqual([
        expect.stringMatching(/: give the trail's ARN \("\.\.\.:trail\/<name>"\); copy it from the CloudTrail console/),
      ]);
      const stack = newStack();
      expect(checkTrailChoice({ existingTrailArn: new CfnParameter(stack, 'TrailArn', { type: 'String' }).valueAsString })).toEqual([]);
    });
  });

  describe('definePresetTrail', () => {
    test('an existing trail: its ARN and the region read from it, nothing defined and nothing said', () => {
      const stack = concreteStack();
      const preset = presetIn(stack);
      expect(definePresetTrail(preset, { existingTrailArn: TRAIL_ARN }, VENDOR)).toEqual({ trailArn: TRAIL_ARN, region: 'eu-west-1' });
      expect(preset.node.children).toEqual([]);
      expect(Annotations.fromStack(stack).findInfo('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    });

    test('a token trail ARN: the region is the fourth field of the ARN, split at deploy time', () => {
      const stack = newStack();
      const arn = new CfnParameter(stack, 'TrailArn', { type: 'String' }).valueAsString;
      const trail = definePresetTrail(presetIn(stack), { existingTrailArn: arn }, VENDOR);
      expect(trail.trailArn).toBe(arn);
      expect(stack.resolve(trail.region)).toEqual({ 'Fn::Select': [3, { 'Fn::Split': [':', { Ref: 'TrailArn' }] }] });
    });

    test('defineTrail: false defines nothing, warns naming the vendor, and takes the stack\'s region', () => {
      const stack = newStack();
      const preset = presetIn(stack);
      expect(definePresetTrail(preset, { defineTrail: false }, VENDOR)).toEqual({ region: Aws.REGION });
      expect(preset.node.children).toEqual([]);
      const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Preset', Match.anyValue());
      expect(warnings.map((w) => w.entry.data)).toEqual([
        'defineTrail is false and no existingTrailArn is given: the test vendor needs a CloudTrail trail that logs management events in this account (or its organization); '
        + 'make sure one exists, and give its ARN as existingTrailArn so the hand-off outputs name its region [ack: cdk-audit-baseline:presetWithoutTrail]',
      ]);
    });

    test('by default defines the AuditTrail child Trail in the stack\'s region, and says what a second trail costs', () => {
      const stack = concreteStack('ap-southeast-2');
      const preset = presetIn(stack);
      const trail = definePresetTrail(preset, {}, VENDOR);
      expect(trail.trail).toBe(preset.node.findChild('Trail'));
      expect(trail.trailArn).toBe(trail.trail!.trailArn);
      expect(trail.region).toBe('ap-southeast-2');
      const infos = Annotations.fromStack(stack).findInfo('/TestStack/Preset', Match.anyValue()).map((i) => i.entry.data);
      expect(infos).toEqual([expect.stringMatching(/^The test vendor defines a new CloudTrail trail with its own retained S3 buckets and KMS key .*give that trail's ARN as existingTrailArn instead \[ack: cdk-audit-baseline:presetNewTrail\]$/)]);
      expect(templateOf(stack).Resources[idsOf(templateOf(stack), 'AWS::CloudTrail::Trail')[0]].Properties.IsOrganizationTrail).toBe(false);
    });

    test('with organizationId the new trail is an organization trail, and the message says so', () => {
      const stack = concreteStack();
      definePresetTrail(presetIn(stack), {}, VENDOR, { organizationId: 'o-a1b2c3d4e5' });
      const t = templateOf(stack);
      expect(t.Resources[idsOf(t, 'AWS::CloudTrail::Trail')[0]].Properties.IsOrganizationTrail).toBe(true);
      Annotations.fromStack(stack).hasInfo('/TestStack/Preset', Match.stringLikeRegexp('^The test vendor defines a new organization CloudTrail trail '));
    });
  });
});
