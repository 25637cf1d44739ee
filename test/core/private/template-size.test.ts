import * as fs from 'fs';
import * as path from 'path';
import { App, BootstraplessSynthesizer, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsLimits } from '../../../src/core';
import { checkStackTemplateSize } from '../../../src/core/private/template-size';
import { OrgStackSetRollout, StackSetTemplate } from '../../../src/stacksets';
import { addTopic, templateStack } from '../../stacksets/_helpers';

/**
 * Issue 18, item 5: every stack that holds a construct whose template grows
 * with the organization is checked against CloudFormation's limit for a
 * template uploaded through S3 (AwsLimits.templateUrlBytes), counted as the
 * template file cdk writes. At-limit / over-limit pair, and the case of the
 * issue: a StackSet with many listed accounts.
 */

/**
 * A stack with one resource padded to grow its template. Bootstrapless, so
 * the file holds exactly what the stack renders (the default synthesizer
 * adds its bootstrap-version parameter and rule, under 1 kB, while it writes).
 */
function paddedStack(padding: number, bootstrapless = true): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Padded', { synthesizer: bootstrapless ? new BootstraplessSynthesizer() : undefined });
  new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic', properties: { DisplayName: 'x'.repeat(padding) } });
  return { app, stack };
}

/** The bytes of the template file `cdk synth` writes for the padded stack. */
function writtenBytes(padding: number): number {
  const { app, stack } = paddedStack(padding);
  const assembly = app.synth();
  return fs.statSync(path.join(assembly.directory, stack.templateFile)).size;
}

describe('templateUrlBytes', () => {
  test('the default is 1,000,000 bytes', () => {
    expect(AwsLimits.DEFAULT.templateUrlBytes).toBe(1_000_000);
  });

  /** The synth error of the padded stack checked against `limit` bytes, or '' when it synthesizes. */
  function checked(padding: number, limit: number, bootstrapless = true): string {
    const { stack } = paddedStack(padding, bootstrapless);
    checkStackTemplateSize(stack, AwsLimits.of({ templateUrlBytes: limit }));
    try {
      Template.fromStack(stack);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }

  test('a template of exactly the limit passes, one byte more fails with the figures and the stack path', () => {
    const bytes = writtenBytes(500);
    expect(checked(500, bytes)).toBe('');
    expect(checked(500, bytes - 1)).toMatch(new RegExp(
      `^Padded: the template of stack "Padded" is ${bytes.toLocaleString('en-US')} bytes, the CloudFormation limit for a template uploaded through S3 is `
      + `${(bytes - 1).toLocaleString('en-US')} \\(largest resources: Topic [\\d,]+ bytes\\): target organizational units`));
  });

  test('with the default synthesizer the file is counted as written, its bootstrap-version parameter and rule included', () => {
    const { app, stack } = paddedStack(500, false);
    // What the stack renders before synthesis, when the synthesizer has not added its parameter and rule yet.
    const rendered = Buffer.byteLength(JSON.stringify((stack as unknown as { _toCloudFormation(): unknown })._toCloudFormation(), undefined, 1));
    const written = fs.statSync(path.join(app.synth().directory, stack.templateFile)).size;
    expect(written).toBeGreaterThan(rendered);
    expect(checked(500, written, false)).toBe('');
    expect(checked(500, written - 1, false)).toMatch(/is [\d,]+ bytes, the CloudFormation limit/);
  });

  test('the check is registered once per stack, the smaller limit staying', () => {
    const bytes = writtenBytes(500);
    const { stack } = paddedStack(500);
    checkStackTemplateSize(stack, AwsLimits.of({ templateUrlBytes: bytes - 1 }));
    checkStackTemplateSize(stack, AwsLimits.DEFAULT);
    expect(() => Template.fromStack(stack)).toThrow(/^Padded: the template of stack "Padded" is [\d,]+ bytes/);
  });

  test('the template is rendered once: the check reads the file synthesis writes instead of rendering the stack again', () => {
    const { stack } = paddedStack(500);
    checkStackTemplateSize(stack, AwsLimits.DEFAULT);
    const renders = jest.spyOn(stack as unknown as { _toCloudFormation(): unknown }, '_toCloudFormation');
    Template.fromStack(stack);
    expect(renders).toHaveBeenCalledTimes(1);
  });

  test('a StackSet listing many accounts makes its stack fail at synth, not at deploy', () => {
    const app = new App();
    const stack = new Stack(app, 'Management');
    const inner = templateStack(stack);
    addTopic(inner);
    const accounts = Array.from({ length: 3_000 }, (_, i) => String(100_000_000_000 + i));
    new OrgStackSetRollout(stack, 'Rollout', {
      template: StackSetTemplate.fromStack(inner),
      organizationalUnitIds: ['ou-ab12-11111111'],
      includedAccountIds: accounts,
      regions: ['us-east-1'],
      // 3,000 accounts take about 73 kB as written; a 50,000-byte limit stands in for 1,000,000 (about 40,000 accounts in one rollout).
      limits: AwsLimits.of({ templateUrlBytes: 50_000 }),
    });
    expect(() => Template.fromStack(stack)).toThrow(
      /^Management: the template of stack "Management" is [\d,]+ bytes, the CloudFormation limit for a template uploaded through S3 is 50,000 \(largest resources: Rollout[0-9A-F]+ [\d,]+ bytes\): target organizational units/);
  });
});
