import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { cfnLint } from '.';

describe('cfn-lint', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-cfn-lint-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, template: unknown): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(template, null, 1));
    return file;
  }

  test('a synthesized template with a queue has no finding', () => {
    const app = new App({ outdir: path.join(dir, 'cdk.out') });
    const stack = new Stack(app, 'Good');
    new sqs.Queue(stack, 'Queue', { enforceSSL: true });
    app.synth();
    expect(cfnLint([path.join(dir, 'cdk.out', 'Good.template.json')])).toEqual([]);
  });

  test('a property of the wrong type is an error (E3012)', () => {
    const file = write('broken.json', {
      Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: ['thirty'] } } },
    });
    const findings = cfnLint([file]);
    expect(findings).toEqual([expect.objectContaining({
      file, level: 'Error', rule: 'E3012', location: 'Resources/Queue/Properties/VisibilityTimeout',
    })]);
  });

  test('an unknown property is an error (E3002)', () => {
    const file = write('unknown-prop.json', {
      Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicNmae: 'x' } } },
    });
    expect(cfnLint([file]).map((f) => [f.level, f.rule])).toEqual([['Error', 'E3002']]);
  });

  test('findings of several files are all reported, each with its file', () => {
    const a = write('a.json', { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: ['x'] } } } });
    const b = write('b.json', { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicNmae: 'x' } } } });
    expect(cfnLint([a, b]).map((f) => f.file)).toEqual([a, b]);
  });

  test('a missing cfn-lint is an error that says how to install it', () => {
    const file = write('ok.json', { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });
    expect(() => cfnLint([file], { executable: path.join(dir, 'no-venv', 'bin', 'cfn-lint') }))
      .toThrow(/npx projen setup:python/);
  });

  test('a missing template is an error', () => {
    expect(() => cfnLint([path.join(dir, 'nope.json')])).toThrow(/does not exist/);
  });
});
