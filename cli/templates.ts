import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import { CATALOG, plainApp, TemplateSpec, UsageError, ValueSpec, Values } from './catalog';
import { toYaml } from './yaml';

/** Output formats of `templates`. */
export type TemplateFormat = 'json' | 'yaml';

/** Options of {@link generateTemplates}. */
export interface GenerateOptions {
  /** Template names; all when empty. */
  readonly names: string[];
  /** `Name=value` pairs: parameter defaults, or setting values. */
  readonly values: Record<string, string>;
}

/** One generated template. */
export interface GeneratedTemplate {
  readonly spec: TemplateSpec;
  readonly template: any;
}

/** The parameters (not settings) of a template. */
export function parametersOf(spec: TemplateSpec): ValueSpec[] {
  return spec.values.filter((v) => (v.kind ?? 'parameter') === 'parameter');
}

/** The values `--value` gave, each checked against the pattern of every selected template that has it. */
function checkValues(specs: TemplateSpec[], values: Record<string, string>): void {
  for (const [name, given] of Object.entries(values)) {
    const owners = specs.flatMap((s) => s.values.filter((v) => v.name === name).map((v) => ({ s, v })));
    if (owners.length === 0) {
      const known = [...new Set(specs.flatMap((s) => s.values.map((v) => v.name)))].sort();
      throw new UsageError(`--value ${name}=...: no selected template has a value ${JSON.stringify(name)}; they have ${known.join(', ') || 'none'}`);
    }
    for (const { s, v } of owners) {
      const items = v.list ? given.split(',') : [given];
      const bad = items.filter((item) => !new RegExp(v.pattern).test(item));
      if (bad.length > 0) {
        throw new UsageError(`--value ${name}=${JSON.stringify(given)} is refused by template ${s.name}: ${bad.map((b) => JSON.stringify(b)).join(', ')} must be ${v.constraint} (pattern ${v.pattern})`);
      }
    }
  }
}

/**
 * Synthesizes one template: an app whose stacks have no bootstrap version
 * rule and no assets, the construct tokens `{ "Ref": name }`, then one
 * CloudFormation parameter per vendor value with its pattern, description and
 * (when `--value` gave one) default.
 */
export function synthesizeTemplate(spec: TemplateSpec, given: Record<string, string> = {}): any {
  if (spec.memberOf !== undefined) return memberTemplate(spec, given);
  if (spec.define === undefined) throw new Error(`internal: template ${spec.name} has neither define nor memberOf`);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-audit-baseline-'));
  try {
    const app = plainApp(outdir);
    const parameters = parametersOf(spec);
    const values: Values = {
      ref: (name) => {
        if (!parameters.some((p) => p.name === name)) throw new Error(`internal: template ${spec.name} has no parameter ${name}`);
        return Fn.ref(name);
      },
      list: (name) => {
        if (!parameters.some((p) => p.name === name && p.list)) throw new Error(`internal: template ${spec.name} has no list parameter ${name}`);
        return Token.asList({ Ref: name });
      },
      setting: (name) => {
        const s = spec.values.find((v) => v.name === name && v.kind === 'setting');
        if (!s) throw new Error(`internal: template ${spec.name} has no setting ${name}`);
        return given[name] ?? s.default ?? s.example;
      },
    };
    const stack = spec.define(app, values);
    for (const p of parameters) declareParameter(stack, p, given[p.name]);
    const template = app.synth().getStackArtifact(stack.artifactId).template;
    passParametersIntoStackSets(template);
    const settings = spec.values.filter((v) => v.kind === 'setting');
    template.Metadata = {
      ...template.Metadata,
      CdkAuditBaseline: {
        Template: spec.name,
        ...(settings.length > 0 ? { Settings: Object.fromEntries(settings.map((s) => [s.name, values.setting(s.name)])) } : {}),
      },
    };
    const ordered = orderSections(template);
    const problems = plainTemplateProblems(ordered);
    if (problems.length > 0) throw new Error(`internal: template ${spec.name} is not a plain template: ${problems.join('; ')}`);
    return ordered;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The inline template of the management template's StackSet, with the `--value` defaults. */
function memberTemplate(spec: TemplateSpec, given: Record<string, string>): any {
  const { template: managementName, stackSet } = spec.memberOf!;
  const management = CATALOG.find((t) => t.name === managementName);
  if (!management) throw new Error(`internal: template ${spec.name} is a member of unknown template ${managementName}`);
  const forManagement = Object.entries(given).filter(([k]) => management.values.some((v) => v.name === k));
  const outer = synthesizeTemplate(management, Object.fromEntries(forManagement));
  const found = Object.entries<any>(outer.Resources)
    .filter(([id, r]) => r.Type === 'AWS::CloudFormation::StackSet' && id.startsWith(stackSet));
  if (found.length !== 1) throw new Error(`internal: ${found.length} StackSets ${stackSet}* in template ${managementName}`);
  const body = JSON.parse(found[0][1].Properties.TemplateBody);
  const declared = Object.keys(body.Parameters ?? {}).sort();
  const expected = parametersOf(spec).map((p) => p.name).sort();
  if (declared.join() !== expected.join()) {
    throw new Error(`internal: member template ${spec.name} declares parameters ${declared.join(', ')}, the catalog lists ${expected.join(', ')}`);
  }
  for (const p of parametersOf(spec)) {
    const value = given[p.name] ?? p.default;
    if (value !== undefined) body.Parameters[p.name].Default = value;
  }
  body.Metadata = { ...body.Metadata, CdkAuditBaseline: { Template: spec.name, StackSetOf: managementName } };
  return orderSections(body);
}

const SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Resources', 'Outputs'];

/** The template with its sections in the order people read them: parameters before resources. */
function orderSections(template: any): any {
  const keys = [...SECTIONS.filter((k) => k in template), ...Object.keys(template).filter((k) => !SECTIONS.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, template[k]]));
}

function declareParameter(stack: Stack, p: ValueSpec, given: string | undefined): void {
  const props = {
    type: p.list ? 'CommaDelimitedList' : 'String',
    description: p.description,
    allowedPattern: p.pattern,
    constraintDescription: `must be ${p.constraint}`,
    default: given ?? p.default,
  };
  // A preset may already declare it (e.g. a member template's ReceiverAccountId): give it the same checks.
  const existing = stack.node.tryFindChild(p.name);
  if (existing instanceof CfnParameter) {
    Object.assign(existing, props);
    return;
  }
  new CfnParameter(stack, p.name, props);
}

/**
 * The inline template of a StackSet is a string, so a `{ "Ref": name }` of
 * the outer template's parameter inside it would be a parameter the member
 * template never declares. Declare it in the body too, with the same checks,
 * and pass the outer value as the StackSet's parameter.
 */
export function passParametersIntoStackSets(template: any): void {
  const outer: Record<string, any> = template.Parameters ?? {};
  for (const [id, r] of Object.entries<any>(template.Resources ?? {})) {
    if (r.Type !== 'AWS::CloudFormation::StackSet' || r.Properties?.TemplateBody === undefined) continue;
    if (typeof r.Properties.TemplateBody !== 'string') {
      throw new Error(`internal: StackSet ${id} has a TemplateBody with intrinsic functions, which this command cannot rewrite`);
    }
    const body = JSON.parse(r.Properties.TemplateBody);
    const passed: any[] = r.Properties.Parameters ?? [];
    for (const [name, declaration] of Object.entries<any>(outer)) {
      if (!r.Properties.TemplateBody.includes(JSON.stringify({ Ref: name }))) continue;
      body.Parameters = body.Parameters ?? {};
      if (body.Parameters[name] === undefined) {
        const { Default: _default, ...checks } = declaration;
        body.Parameters[name] = checks;
      }
      if (!passed.some((x) => x.ParameterKey === name)) passed.push({ ParameterKey: name, ParameterValue: { Ref: name } });
    }
    r.Properties.TemplateBody = JSON.stringify(body);
    if (passed.length > 0) r.Properties.Parameters = passed;
  }
}

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

/** Why `template` (or an inline StackSet template in it) is not a plain template: CDK bootstrap, assets, lookups, dangling references. */
export function plainTemplateProblems(template: any, where = 'template'): string[] {
  const problems: string[] = [];
  if (template.Rules?.CheckBootstrapVersion !== undefined) problems.push(`${where} has the CheckBootstrapVersion rule`);
  for (const [name, p] of Object.entries<any>(template.Parameters ?? {})) {
    if (name === 'BootstrapVersion' || /^AssetParameters/.test(name)) problems.push(`${where} has parameter ${name}`);
    if (String(p.Type).startsWith('AWS::SSM::Parameter')) problems.push(`${where} reads SSM parameter ${name}`);
  }
  const declared = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources ?? {}), ...PSEUDO]);
  const visit = (x: any, inBody: string | undefined): void => {
    if (Array.isArray(x)) {
      x.forEach((y) => visit(y, inBody));
    } else if (x !== null && typeof x === 'object') {
      if (typeof x.Ref === 'string' && !declared.has(x.Ref)) problems.push(`${where} refers to undeclared ${x.Ref}`);
      for (const [k, v] of Object.entries(x)) {
        if (k === 'TemplateBody' && typeof v === 'string') problems.push(...plainTemplateProblems(JSON.parse(v), `${where} StackSet body`));
        else visit(v, inBody);
      }
    } else if (typeof x === 'string' && /cdk-hnb659fds|cdk-bootstrap|\.amazonaws\.com\/cdk-/.test(x)) {
      problems.push(`${where} refers to the CDK bootstrap: ${x}`);
    }
  };
  visit(template.Resources, undefined);
  visit(template.Outputs, undefined);
  return problems;
}

/** Generates the selected templates (all when none is named), after checking `--value`s. */
export function generateTemplates(options: GenerateOptions): GeneratedTemplate[] {
  const specs = options.names.length === 0 ? CATALOG : options.names.map((n) => {
    const spec = CATALOG.find((t) => t.name === n);
    if (!spec) throw new UsageError(`unknown template ${JSON.stringify(n)}: choose from ${CATALOG.map((t) => t.name).join(', ')}`);
    return spec;
  });
  checkValues(specs, options.values);
  return specs.map((spec) => ({
    spec,
    template: synthesizeTemplate(spec, Object.fromEntries(Object.entries(options.values).filter(([k]) => spec.values.some((v) => v.name === k)))),
  }));
}

/** The text of a template in a format. */
export function formatTemplate(template: any, format: TemplateFormat): string {
  return format === 'json' ? `${JSON.stringify(template, null, 2)}\n` : toYaml(template);
}

/** The file name of a template. */
export function templateFileName(spec: TemplateSpec, format: TemplateFormat): string {
  return `${spec.name}.template.${format}`;
}

/** Writes the templates into `outdir` (created if missing); returns the paths written. */
export function writeTemplates(generated: GeneratedTemplate[], outdir: string, formats: TemplateFormat[]): string[] {
  fs.mkdirSync(outdir, { recursive: true });
  const written: string[] = [];
  for (const g of generated) {
    for (const format of formats) {
      const file = path.join(outdir, templateFileName(g.spec, format));
      fs.writeFileSync(file, formatTemplate(g.template, format));
      written.push(file);
    }
  }
  return written;
}

/** The AWS CLI command that deploys a template file, with its parameters. */
export function deployCommand(spec: TemplateSpec, file: string): string {
  const params = parametersOf(spec).map((p) => `ParameterKey=${p.name},ParameterValue=${p.list ? `\\"${p.example}\\"` : p.example}`);
  const paramText = params.length > 0 ? ` \\\n    --parameters ${params.join(' ')}` : '';
  const stackName = `cdk-audit-baseline-${spec.name}`;
  if (spec.deployment === 'stack-set') {
    return `aws cloudformation create-stack-set --stack-set-name ${stackName} --template-body file://${file}`
      + ' \\\n    --permission-model SERVICE_MANAGED --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false'
      + ` --capabilities CAPABILITY_NAMED_IAM${paramText}`
      + `\n  aws cloudformation create-stack-instances --stack-set-name ${stackName} --deployment-targets OrganizationalUnitIds=r-ab12 --regions us-east-1`;
  }
  return `aws cloudformation create-stack --stack-name ${stackName} --template-body file://${file} --capabilities CAPABILITY_NAMED_IAM${paramText}`;
}
