import { App, Stack } from 'aws-cdk-lib';
import { checkov } from './_checkov';
import { EXAMPLES } from '../../examples/registry';
import { deployableStacks } from '../deploy/cloudformation';

/**
 * Issue 8, security scanning: checkov over every synthesized template of every
 * example, with zero failed checks; a skipped check counts only with a
 * justification written in the template's metadata by the construct that
 * emits the resource. Run once over all templates (checkov starts in ~3 s).
 */
jest.setTimeout(300_000);

/**
 * The templates of an app's stacks, plus the inline `TemplateBody` of each
 * StackSet in them: what every member account receives is scanned too.
 */
function templatesOf(name: string, define: (app: App) => Stack[]): Array<{ name: string; template: any }> {
  const app = new App();
  const stacks = deployableStacks(app, define(app));
  const out: Array<{ name: string; template: any }> = [];
  for (const s of stacks) {
    out.push({ name: `${name}-${s.stackName}`, template: s.template });
    for (const [id, r] of Object.entries<any>(s.template.Resources ?? {})) {
      if (r.Type !== 'AWS::CloudFormation::StackSet') continue;
      const body = r.Properties?.TemplateBody;
      if (typeof body !== 'string') throw new Error(`${s.stackName}/${id}: TemplateBody is not a literal string, so checkov cannot scan it`);
      out.push({ name: `${name}-${s.stackName}-${id}-body`, template: JSON.parse(body) });
    }
  }
  return out;
}

describe('checkov', () => {
  const exampleTemplates = EXAMPLES.flatMap((e) => templatesOf(e.name, (app) => e.define(app)));

  test('every example template has zero failed checkov checks, and every skip is justified', () => {
    // With no example registered yet there is nothing to scan; test/examples.test.ts fails on an empty registry.
    if (exampleTemplates.length === 0) return;
    const report = checkov(exampleTemplates);
    expect(report.parsingErrors).toEqual([]);
    expect(report.failed.map((f) => `${f.file} ${f.resource} ${f.checkId} ${f.checkName}`)).toEqual([]);
    expect(report.skipped.filter((s) => !s.comment || s.comment.trim().length < 10).map((s) => `${s.file} ${s.resource} ${s.checkId}`)).toEqual([]);
    expect(report.passed).toBeGreaterThan(0);
  });

  test('an unencrypted queue fails CKV_AWS_27, so a construct that drops encryption fails the suite', () => {
    const report = checkov([{ name: 'plain', template: { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: {} } } } }]);
    expect(report.failed.map((f) => [f.resource, f.checkId])).toEqual([['AWS::SQS::Queue.Queue', 'CKV_AWS_27']]);
  });

  test('a skip justified in the resource metadata is reported with its comment, not as a failure', () => {
    const template = {
      Resources: {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Metadata: { checkov: { skip: [{ id: 'CKV_AWS_27', comment: 'encrypted with SQS-managed SSE, set by the construct' }] } },
          Properties: {},
        },
      },
    };
    const report = checkov([{ name: 'skip', template }]);
    expect(report.skipped).toEqual([expect.objectContaining({ checkId: 'CKV_AWS_27', comment: 'encrypted with SQS-managed SSE, set by the construct' })]);
    expect(report.failed.map((f) => f.checkId)).not.toContain('CKV_AWS_27');
  });
});
