import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CATALOG, PATTERNS, plainApp, TemplateSpec } from '../../cli/catalog';
import { main } from '../../cli/main';
import { formatTemplate, parametersOf, synthesizeTemplate } from '../../cli/templates';
import { validate, validateOrgTarget } from '../../src/core/private/validators';
import { motoClients } from '../deploy/aws-clients';
import { deleteStack, Deployment, deployStack, destroyClients, MOTO_GAPS, stackSetInstance } from '../deploy/cloudformation';
import { MotoServer, startMotoServer, venvTool } from '../deploy/moto-server';
import { readBack } from '../deploy/read-back';
import { cfnLint } from '../harness/cfn-lint';
import { checkov } from '../security/_checkov';

/**
 * Issue 17: `cdk-audit-baseline templates` writes plain CloudFormation for
 * teams without CDK. Every template of the catalog is linted, scanned,
 * compared with the template its constructs synthesize from literal values,
 * deployed on moto with parameters and read back.
 */
jest.setTimeout(300_000);

const TEMPLATES = CATALOG.map((spec) => ({ spec, template: synthesizeTemplate(spec) }));

/** The example value of every parameter of a template. */
function exampleParameters(spec: TemplateSpec): Record<string, string> {
  return Object.fromEntries(parametersOf(spec).map((p) => [p.name, p.example]));
}

/** Requirement and decision IDs, which must never appear in user-facing text. */
const REQUIREMENT_IDS = /\b[RA]-\d{2,3}\b|seed 00\d|issue \d/;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-cli-templates-'));
  for (const { spec, template } of TEMPLATES) {
    for (const format of ['json', 'yaml'] as const) fs.writeFileSync(path.join(dir, `${spec.name}.template.${format}`), formatTemplate(template, format));
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the catalog', () => {
  test('covers every building block and each preset\'s member and management templates', () => {
    expect(CATALOG.map((t) => t.name)).toEqual([
      'audit-role', 'event-stream', 'central-queue', 'stackset-admin-role', 'stackset-execution-role', 'guardrail-scps',
      'aria-member-role', 'aria-management', 'skyhigh-receiver', 'skyhigh-publisher-management', 'skyhigh-publisher-member', 'sky-formation',
    ]);
  });

  test.each(TEMPLATES.map((t) => [t.spec.name, t.template]))('%s is plain: no bootstrap rule or parameter, no assets, no SSM lookups', (_name, template) => {
    const text = JSON.stringify(template);
    expect(template.Rules).toBeUndefined();
    expect(Object.keys(template.Parameters ?? {}).filter((p) => p === 'BootstrapVersion' || p.startsWith('AssetParameters'))).toEqual([]);
    expect(Object.values<any>(template.Parameters ?? {}).map((p) => p.Type).filter((t) => t !== 'String' && t !== 'CommaDelimitedList')).toEqual([]);
    expect(text).not.toMatch(/cdk-bootstrap|hnb659fds|CDKMetadata|aws:cdk:path|aws:asset/);
  });

  test.each(TEMPLATES.map((t) => [t.spec.name, t.spec, t.template]))('%s declares every vendor value as a parameter with a pattern and a description that says where it comes from', (_name, spec: TemplateSpec, template) => {
    const declared = template.Parameters ?? {};
    expect(Object.keys(declared).sort()).toEqual(parametersOf(spec).map((p) => p.name).sort());
    for (const [name, p] of Object.entries<any>(declared)) {
      expect({ name, pattern: typeof p.AllowedPattern, description: p.Description?.length > 40, constraint: typeof p.ConstraintDescription })
        .toEqual({ name, pattern: 'string', description: true, constraint: 'string' });
    }
    // Requirement and decision IDs never reach the text this command writes.
    expect(JSON.stringify({ d: template.Description, m: template.Metadata, p: template.Parameters })).not.toMatch(REQUIREMENT_IDS);
  });

  // The whole of every template (resources, outputs, checkov skip comments, StackSet bodies) is
  // checked for internal references by test/docs/internal-references.test.ts.
});

describe('cfn-lint and checkov', () => {
  test('every template, in JSON and in YAML, passes cfn-lint with no finding', () => {
    const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
    expect(files.length).toBe(2 * CATALOG.length);
    expect(cfnLint(files)).toEqual([]);
  });

  test('every template has zero failed checkov checks, and every skip is justified', () => {
    const report = checkov(TEMPLATES.map((t) => ({ name: t.spec.name, template: t.template })));
    expect(report.parsingErrors).toEqual([]);
    expect(report.failed.map((f) => `${f.file} ${f.resource} ${f.checkId}`)).toEqual([]);
    expect(report.skipped.filter((s) => !s.comment || s.comment.length < 40).map((s) => `${s.file} ${s.checkId}`)).toEqual([]);
    expect(report.passed).toBeGreaterThan(100);
  });

  test('the YAML files read back (PyYAML) as exactly the JSON templates', () => {
    const script = 'import json, sys, yaml, pathlib\n'
      + 'd = pathlib.Path(sys.argv[1])\n'
      + 'bad = [f.name for f in sorted(d.glob("*.template.yaml")) if yaml.safe_load(f.read_text()) != json.loads(f.with_suffix(".json").read_text())]\n'
      + 'print(json.dumps(bad))\n';
    const run = spawnSync(venvTool('python'), ['-c', script, dir], { encoding: 'utf-8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});

/**
 * Replaces `{ Ref: name }` of the given values, joins `Fn::Join`s whose parts
 * all became strings, and opens StackSet bodies (their own parameters
 * replaced by what the StackSet passes), so that a template with parameters
 * and one with literals compare by what they deploy.
 */
function normalize(x: any, values: Record<string, string | string[]>): any {
  if (Array.isArray(x)) return x.map((y) => normalize(y, values));
  if (x === null || typeof x !== 'object') return x;
  const keys = Object.keys(x);
  if (keys.length === 1 && keys[0] === 'Ref' && values[x.Ref] !== undefined) {
    return values[x.Ref];
  }
  if (keys.length === 1 && keys[0] === 'Fn::Split') {
    const [sep, text] = normalize(x['Fn::Split'], values);
    return typeof text === 'string' ? text.split(sep) : { 'Fn::Split': [sep, text] };
  }
  if (keys.length === 1 && keys[0] === 'Fn::Select') {
    const [i, list] = normalize(x['Fn::Select'], values);
    return Array.isArray(list) && list.every((l) => typeof l === 'string') ? list[Number(i)] : { 'Fn::Select': [i, list] };
  }
  if (keys.length === 1 && keys[0] === 'Fn::Join') {
    const [sep, parts] = x['Fn::Join'];
    const flat = normalize(parts, values);
    if (Array.isArray(flat) && flat.every((p: any) => typeof p === 'string')) return flat.join(sep);
    // Merge neighbouring strings so "a" + "b" and "ab" compare equal.
    const merged: any[] = [];
    for (const p of flat) {
      if (typeof p === 'string' && typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] += sep + p;
      else merged.push(p);
    }
    return { 'Fn::Join': [sep, merged] };
  }
  if (x.Type === 'AWS::CloudFormation::StackSet' && typeof x.Properties?.TemplateBody === 'string') {
    const passed = Object.fromEntries((normalize(x.Properties.Parameters ?? [], values) as any[]).map((p) => [p.ParameterKey, p.ParameterValue]));
    const { Parameters: _p, Metadata: _m, ...body } = JSON.parse(x.Properties.TemplateBody);
    const { TemplateBody: _b, Parameters: _pp, ...rest } = x.Properties;
    return { ...x, Properties: { ...normalize(rest, values), TemplateBody: normalize(body, { ...values, ...passed }) } };
  }
  return Object.fromEntries(keys.map((k) => [k, normalize(x[k], values)]));
}

/** The template the catalog's constructs synthesize when given the values as literals. */
function constructTemplate(spec: TemplateSpec, values: Record<string, string>): any {
  const app = plainApp();
  const stack = spec.define!(app, {
    ref: (n) => values[n],
    list: (n) => values[n].split(','),
    setting: (n) => spec.values.find((v) => v.name === n)!.default!,
  });
  return app.synth().getStackArtifact(stack.artifactId).template;
}

describe('the templates mean what the constructs mean', () => {
  const own = TEMPLATES.filter((t) => t.spec.define !== undefined);
  test.each(own.map((t) => [t.spec.name, t.spec, t.template]))('%s, with its parameters given, is the template its constructs synthesize from the same values', (_name, spec: TemplateSpec, template) => {
    const values = exampleParameters(spec);
    const resolved = Object.fromEntries(parametersOf(spec).map((p) => [p.name, p.list ? p.example.split(',') : p.example]));
    const { Parameters: _p, Metadata: _m, ...withParameters } = template;
    const { Parameters: _q, Metadata: _n, ...literal } = constructTemplate(spec, values);
    expect(normalize(withParameters, resolved)).toEqual(normalize(literal, resolved));
  });

  test.each(TEMPLATES.filter((t) => t.spec.memberOf).map((t) => [t.spec.name, t.spec, t.template]))('member template %s is exactly the body its management template\'s StackSet deploys', (_name, spec: TemplateSpec, template) => {
    const management = TEMPLATES.find((t) => t.spec.name === spec.memberOf!.template)!.template;
    const stackSet = Object.entries<any>(management.Resources).find(([id]) => id.startsWith(spec.memberOf!.stackSet))![1];
    const { Metadata: _m, ...body } = template;
    const { Metadata: _n, ...deployed } = JSON.parse(stackSet.Properties.TemplateBody);
    expect(body).toEqual(deployed);
    expect(stackSet.Properties.Parameters.map((p: any) => p.ParameterKey).sort()).toEqual(Object.keys(template.Parameters).sort());
  });

  test('an unresolved list parameter is refused by the presets, so their organization targets are one String parameter (documented)', () => {
    const aria = CATALOG.find((t) => t.name === 'aria-management')!;
    const ou = aria.values.find((v) => v.name === 'OrganizationalUnitId')!;
    expect(ou.pattern).toContain('r-');
    expect(ou.list).toBeUndefined();
  });
});

/** Good and bad values of each pattern, checked against the construct's own validator. */
const PATTERN_CASES: Array<{ pattern: string; validator: (v: string) => string | undefined; values: string[]; stricter?: string[] }> = [
  { pattern: 'accountId', validator: (v) => validate('accountId', 'x', v), values: ['111122223333', '000000000000', '11112222333', '1111222233334', '1111-2222-3333', ' 111122223333', 'abcdefghijkl', ''] },
  { pattern: 'externalId', validator: (v) => validate('externalId', 'x', v), values: ['my-tenant-1234', 'ab', 'a', 'o-a1b2c3d4e5:tenant/x', 'has space', 'semi;colon', 'x'.repeat(1224), 'x'.repeat(1225), 'a=b,c.d@e+f'] },
  { pattern: 'roleName', validator: (v) => validate('roleName', 'x', v), values: ['SecurityAuditRole', 'a', 'x'.repeat(64), 'x'.repeat(65), 'with space', 'slash/role', 'a+=,.@-_'] },
  { pattern: 'organizationId', validator: (v) => validate('organizationId', 'x', v), values: ['o-a1b2c3d4e5', 'o-a1b2c3d4e', 'O-A1B2C3D4E5', 'o-' + 'a'.repeat(32), 'o-' + 'a'.repeat(33), 'r-ab12', ''] },
  { pattern: 'orgTarget', validator: (v) => validateOrgTarget('x', v), values: ['r-ab12', 'ou-ab12-11111111', '111122223333', 'r-ab1', 'ou-ab12-1111111', 'OU-AB12-11111111', 'o-a1b2c3d4e5', '11112222333'] },
  {
    pattern: 'sqsQueueArn',
    validator: (v) => validate('sqsQueueArn', 'x', v),
    values: ['arn:aws:sqs:us-west-2:111122223333:cloudcoreo-events-queue', 'arn:aws-us-gov:sqs:us-gov-west-1:111122223333:q', 'arn:aws:sns:us-west-2:111122223333:q', 'arn:aws:sqs:us-west-2:11112222333:q', 'arn:aws:sqs:us-west-2:111122223333:', 'arn:aws:sqs:us-west-2:111122223333:q.fifo', 'arn:aws:sqs:us-west-2:111122223333:q.x'],
    // The validator does not check the queue name; SQS names are [A-Za-z0-9_-] with an optional ".fifo" suffix.
    stricter: ['arn:aws:sqs:us-west-2:111122223333:q.x'],
  },
];

describe('patterns', () => {
  test.each(PATTERN_CASES.map((c) => [c.pattern, c]))('the %s pattern accepts exactly what the construct\'s validator accepts (or is stricter where listed)', (_name, c) => {
    const re = new RegExp(PATTERNS[c.pattern as keyof typeof PATTERNS].pattern);
    const disagreements = c.values.filter((v) => re.test(v) !== (c.validator(v) === undefined));
    expect(disagreements).toEqual(c.stricter ?? []);
    // Stricter only: the pattern never accepts what the validator refuses.
    expect(c.values.filter((v) => re.test(v) && c.validator(v) !== undefined)).toEqual([]);
    // The corpus has both kinds, so the comparison can fail either way.
    expect(c.values.some((v) => re.test(v))).toBe(true);
    expect(c.values.some((v) => !re.test(v))).toBe(true);
  });

  test('the template\'s own pattern refuses a bad account ID, and cfn-lint flags it as a default', () => {
    const template = TEMPLATES.find((t) => t.spec.name === 'audit-role')!.template;
    const re = new RegExp(template.Parameters.VendorAccountId.AllowedPattern);
    expect(['999988887777', '99998888777', '9999-8888-7777'].map((v) => re.test(v))).toEqual([true, false, false]);
    const bad = { ...template, Parameters: { ...template.Parameters, VendorAccountId: { ...template.Parameters.VendorAccountId, Default: '9999-8888-7777' } } };
    const file = path.join(dir, 'bad-default.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    try {
      // E2015: a parameter's default does not match its AllowedPattern (the good template has no finding at all).
      expect(cfnLint([file]).filter((f) => f.level === 'Error').map((f) => [f.rule, f.location])).toEqual([['E2015', expect.stringContaining('VendorAccountId')]]);
    } finally {
      fs.rmSync(file);
    }
  });

  test('the command refuses a --value that the template\'s pattern refuses, and writes nothing', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-cli-bad-'));
    const errors: string[] = [];
    try {
      const code = await main(['templates', 'audit-role', '--out', out, '--value', 'VendorAccountId=9999-8888-7777'], () => undefined, (s) => errors.push(s));
      expect(code).toBe(2);
      expect(errors.join('')).toContain('"9999-8888-7777" must be a 12-digit AWS account ID');
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('--value sets the default, and settings reach the template', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-cli-values-'));
    try {
      const code = await main(['templates', 'audit-role', 'guardrail-scps', '--out', out, '--format', 'json', '--value', 'VendorAccountId=999988887777', '--value', 'AuditRoleName=VendorAudit'],
        () => undefined, () => undefined);
      expect(code).toBe(0);
      const role = JSON.parse(fs.readFileSync(path.join(out, 'audit-role.template.json'), 'utf-8'));
      expect(role.Parameters.VendorAccountId.Default).toBe('999988887777');
      expect(role.Parameters.ExternalId.Default).toBeUndefined();
      const scps = fs.readFileSync(path.join(out, 'guardrail-scps.template.json'), 'utf-8');
      expect(scps).toContain('role/VendorAudit');
      expect(scps).not.toContain('role/SecurityAuditRole');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('on moto', () => {
  let server: MotoServer;
  beforeAll(async () => {
    server = await startMotoServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test.each(TEMPLATES.map((t, i) => [t.spec.name, t.spec, t.template, i]))('%s deploys with parameters, reads back as the template says, and its StackSet bodies deploy in a member account', async (_name, spec: TemplateSpec, template, i: number) => {
    const account = String(100000000000 + i * 1000);
    const problems: string[] = [];
    const d = await deployStack(server.endpoint, {
      artifactId: spec.name, stackName: `cab-${spec.name}`, template, where: { account, region: 'us-east-1' }, dependsOn: [], parameters: exampleParameters(spec),
    });
    const members: Deployment[] = [];
    try {
      problems.push(...d.resources.filter((r) => r.createdBy === 'skipped' && !MOTO_GAPS[r.type]).map((r) => `${r.logicalId} (${r.type}) not created and not a documented moto gap`));
      problems.push(...await readBack(d, [d]));
      for (const r of d.resources.filter((x) => x.type === 'AWS::CloudFormation::StackSet')) {
        const instance = stackSetInstance(d, r, String(Number(account) + 1));
        if (!instance) {
          problems.push(`${r.logicalId}: no inline body`);
          continue;
        }
        const member = await deployStack(server.endpoint, instance);
        members.push(member);
        problems.push(...await readBack(member, [member]));
      }
      expect(problems).toEqual([]);
      // Only SCPs (AWS::Organizations::Policy, which moto's CloudFormation skips) may leave a template with nothing created.
      if (d.resources.every((r) => r.createdBy === 'skipped')) expect(d.resources.map((r) => r.type)).toEqual(d.resources.map(() => 'AWS::Organizations::Policy'));
    } finally {
      for (const m of [...members, d]) {
        await deleteStack(m);
        destroyClients(m.clients);
      }
    }
  });

  test('moto does not enforce AllowedPattern (so the pattern is proven above, by regex, cfn-lint and the command)', async () => {
    const template = TEMPLATES.find((t) => t.spec.name === 'audit-role')!.template;
    const clients = motoClients(server.endpoint, { account: '200000000000', region: 'us-east-1' });
    try {
      const outcome = await clients.cfn.send(new CreateStackCommand({
        StackName: 'cab-bad-parameter',
        TemplateBody: JSON.stringify(template),
        Parameters: [
          { ParameterKey: 'VendorAccountId', ParameterValue: '9999-8888-7777' },
          { ParameterKey: 'ExternalId', ParameterValue: 'my-tenant-1234' },
        ],
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      })).then(async () => {
        const s = await clients.cfn.send(new DescribeStacksCommand({ StackName: 'cab-bad-parameter' }));
        return String(s.Stacks?.[0]?.StackStatus);
      }, (e) => `refused: ${String(e)}`);
      // If this starts failing with "refused", moto enforces the pattern: test that instead and update docs/cli.md.
      expect(outcome).not.toMatch(/^refused/);
    } finally {
      destroyClients(clients);
    }
  });
});
