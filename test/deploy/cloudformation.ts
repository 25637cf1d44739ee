import * as fs from 'fs';
import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  Stack as CfnStackDescription,
} from '@aws-sdk/client-cloudformation';
import { PutPermissionCommand } from '@aws-sdk/client-eventbridge';
import { AttachRolePolicyCommand, CreateRoleCommand, DetachRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { SetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { App, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AccountRegion, MotoClients, motoClients } from './aws-clients';

/**
 * Deploys synthesized stacks through the CloudFormation API of a moto server
 * and reports, per resource, what moto really created.
 *
 * moto's CloudFormation silently skips resource types it has no model for:
 * the stack still reaches CREATE_COMPLETE, the skipped resources are listed
 * without a logical id, and outputs that reference them disappear. So every
 * deployment here compares the template with `DescribeStackResources` and
 * returns the skipped resources by logical id and type; tests decide what a
 * skip means (see {@link MOTO_GAPS}).
 */

/** Account moto uses for stacks that do not name one. */
export const DEFAULT_ACCOUNT = '123456789012';
/** Region used for stacks that do not name one. */
export const DEFAULT_REGION = 'us-east-1';

/** How a resource type that moto's CloudFormation skips is handled, and what else proves it. */
export interface MotoGap {
  /**
   * `service-api`: the deploy helper applies the resource's resolved
   * properties through the service's own API (moto implements that API), so
   * read-back and flows still cover it. `none`: nothing is created in moto.
   */
  readonly handling: 'service-api' | 'none';
  /** Which other proof covers the resource type. */
  readonly coveredBy: string;
}

/**
 * Every resource type the library emits that moto 5.2.5's CloudFormation does
 * not create (found by deploying; `test/deploy/examples.test.ts` fails if an
 * example emits a type moto skips that is not in this table, or if a type in
 * this table is created after all). Keep `docs/readme/testing-local-deploy.md`
 * in step with it.
 */
export const MOTO_GAPS: Record<string, MotoGap> = {
  'AWS::SQS::QueuePolicy': {
    handling: 'service-api',
    coveredBy: 'applied with SQS SetQueueAttributes(Policy) and read back; policy semantics by the IAM simulation tests and checkov',
  },
  'AWS::SNS::TopicPolicy': {
    handling: 'service-api',
    coveredBy: 'applied with SNS SetTopicAttributes(Policy) and read back; policy semantics by the IAM simulation tests and checkov',
  },
  'AWS::SNS::Subscription': {
    handling: 'service-api',
    coveredBy: 'applied with SNS Subscribe (attributes included) and read back; delivery driven by publish/receive',
  },
  'AWS::Events::EventBusPolicy': {
    handling: 'service-api',
    coveredBy: 'applied with EventBridge PutPermission and read back with DescribeEventBus; semantics by the IAM simulation tests',
  },
  'AWS::Organizations::Policy': {
    handling: 'none',
    coveredBy: 'template assertions, SCP/RCP simulation with @cloud-copilot/iam-simulate, size and slot checks, cfn-lint',
  },
  'AWS::S3::BucketPolicy': {
    handling: 'none',
    coveredBy: 'template assertions and IAM simulation of the bucket policy (AuditTrail tests), cfn-lint, checkov; reading it back would need @aws-sdk/client-s3',
  },
  'AWS::CloudTrail::Trail': {
    handling: 'none',
    coveredBy: 'template assertions (AuditTrail tests), cfn-lint, checkov (CloudTrail checks); moto has the CloudTrail API but not the resource type',
  },
  'AWS::SecretsManager::Secret': {
    handling: 'none',
    coveredBy: 'template assertions (the access-key user tests: no secret value in the template or outputs), cfn-lint, checkov; moto has the Secrets Manager API but not the resource type',
  },
  'AWS::CloudFormation::StackSet': {
    handling: 'none',
    coveredBy: 'template assertions and cfn-lint of the StackSet resource; its TemplateBody is deployed on moto as a plain stack when it is inline',
  },
};

/**
 * Properties moto 5.2.5's CloudFormation ignores or mangles on types it does create. The
 * deploy helper applies them through the service API after CreateStack, so
 * read-back compares the real state. (moto's `AWS::IAM::Role` drops
 * `ManagedPolicyArns`; the moto server loads AWS managed policies, so
 * AttachRolePolicy fails on a managed policy name that does not exist.)
 */
export const MOTO_PROPERTY_GAPS: Record<string, string[]> = {
  // ManagedPolicyArns: ignored. Policies: stored as a Python object and returned by
  // GetRolePolicy as its repr (not JSON); put again with PutRolePolicy, which also
  // validates the policy grammar (moto's CloudFormation path does not).
  'AWS::IAM::Role': ['ManagedPolicyArns', 'Policies'],
};

/** One stack of a synthesized app, ready to deploy. */
export interface DeployableStack {
  /** The cloud assembly artifact id (unique in the app). */
  readonly artifactId: string;
  readonly stackName: string;
  readonly template: any;
  /** The stack's account and region; env-agnostic stacks get {@link DEFAULT_ACCOUNT}/{@link DEFAULT_REGION}. */
  readonly where: AccountRegion;
  /** Artifact ids of the stacks this one depends on (deployed first). */
  readonly dependsOn: string[];
  /** Values for template parameters (a StackSet's `Parameters`). @default - none */
  readonly parameters?: Record<string, string>;
}

/**
 * Synthesizes `app` and returns its stacks in deployment order (dependencies
 * first): every stack, nested stages included, or only `selected`. Throws if a stack needs assets (file or
 * Docker assets other than its own template, or legacy asset parameters):
 * the emulator has no asset bucket, and this library's examples are meant to
 * deploy as plain templates.
 */
export function deployableStacks(app: App, selected?: Stack[]): DeployableStack[] {
  const assembly = app.synth({ force: true });
  // Like `cdk deploy`, deploy what the app says to deploy: stacks in a Stage (e.g. StackSet
  // template sources) are deployed only when `selected` lists them.
  const wanted = selected && new Set(selected.map((s) => s.artifactId));
  const stacks = assembly.stacksRecursively.filter((s) => !wanted || wanted.has(s.id));
  if (wanted && stacks.length !== wanted.size) {
    throw new Error(`define() returned ${wanted.size} stacks, the assembly has ${stacks.length} of them`);
  }
  const result: DeployableStack[] = [];
  for (const s of stacks) {
    const problems: string[] = [];
    for (const p of Object.keys(s.template.Parameters ?? {})) {
      if (/^AssetParameters/.test(p)) problems.push(`asset parameter ${p}`);
    }
    for (const dep of s.dependencies) {
      if (!(dep instanceof cxapi.AssetManifestArtifact)) continue;
      const manifest = JSON.parse(fs.readFileSync(dep.file, 'utf-8'));
      for (const [id, file] of Object.entries<any>(manifest.files ?? {})) {
        if (file.source?.path !== s.templateFile) problems.push(`file asset ${id} (${file.source?.path})`);
      }
      for (const id of Object.keys(manifest.dockerImages ?? {})) problems.push(`Docker image asset ${id}`);
    }
    if (problems.length > 0) {
      throw new Error(`stack ${s.stackName} (${s.hierarchicalId}) needs assets, which the local deployment cannot publish: ${problems.join(', ')}`);
    }
    result.push({
      artifactId: s.id,
      stackName: s.stackName,
      template: s.template,
      where: {
        account: cxapi.UNKNOWN_ACCOUNT === s.environment.account ? DEFAULT_ACCOUNT : s.environment.account,
        region: cxapi.UNKNOWN_REGION === s.environment.region ? DEFAULT_REGION : s.environment.region,
      },
      dependsOn: s.dependencies.filter((d) => d instanceof cxapi.CloudFormationStackArtifact).map((d) => d.id),
    });
  }
  return inDependencyOrder(result);
}

function inDependencyOrder(stacks: DeployableStack[]): DeployableStack[] {
  const byId = new Map(stacks.map((s) => [s.artifactId, s]));
  const done = new Set<string>();
  const out: DeployableStack[] = [];
  const visit = (s: DeployableStack, trail: string[]) => {
    if (done.has(s.artifactId)) return;
    if (trail.includes(s.artifactId)) throw new Error(`dependency cycle: ${[...trail, s.artifactId].join(' -> ')}`);
    for (const d of s.dependsOn) {
      const dep = byId.get(d);
      if (dep) visit(dep, [...trail, s.artifactId]);
    }
    done.add(s.artifactId);
    out.push(s);
  };
  stacks.forEach((s) => visit(s, []));
  return out;
}

/**
 * The stack an `AWS::CloudFormation::StackSet` resource would create in each
 * member account, as a plain stack to deploy on moto: its inline
 * `TemplateBody` (resolved), its `Parameters`, the first region of its
 * instances, and `account`. Undefined when the body is not inline
 * (`TemplateURL` cannot be read offline).
 */
export function stackSetInstance(d: Deployment, r: DeployedResource, account: string): DeployableStack | undefined {
  const body = r.properties.TemplateBody;
  if (typeof body !== 'string') return undefined;
  const regions: string[] = (r.properties.StackInstancesGroup ?? []).flatMap((g: any) => g.Regions ?? []);
  return {
    artifactId: `${d.stack.artifactId}/${r.logicalId}`,
    stackName: `StackSet-${r.properties.StackSetName ?? r.logicalId}`.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 128),
    template: JSON.parse(body),
    where: { account, region: regions[0] ?? d.stack.where.region },
    dependsOn: [],
    parameters: Object.fromEntries((r.properties.Parameters ?? []).map((p: any) => [p.ParameterKey, String(p.ParameterValue)])),
  };
}

/** A resource of a deployed stack. */
export interface DeployedResource {
  readonly logicalId: string;
  readonly type: string;
  /** The template's properties with every intrinsic function replaced by the value moto resolved. */
  readonly properties: any;
  /** Intrinsics moto could not resolve (they reference a skipped resource), as JSON texts. */
  readonly unresolved: string[];
  readonly deletionPolicy?: string;
  /** moto's physical id (`Ref` value), or undefined for a skipped resource. */
  readonly physicalId?: string;
  /** How the resource came to exist in moto. */
  readonly createdBy: 'cloudformation' | 'service-api' | 'skipped';
}

/** A stack deployed on moto. */
export interface Deployment {
  readonly stack: DeployableStack;
  readonly clients: MotoClients;
  readonly stackId: string;
  readonly resources: DeployedResource[];
  /** Outputs of the original template, as moto resolved them. */
  readonly outputs: Record<string, string>;
  /** Seconds from CreateStack to a final status. */
  readonly seconds: number;
  /** Roles the template uses by name without defining them, created before CreateStack ({@link prerequisiteRoles}). */
  readonly prerequisiteRoles: string[];
}

/** Key of the extra output that resolves the i-th intrinsic. */
const resolveOutputKey = (i: number | string) => `CabResolve${i}`;
const PLACEHOLDER = /^\{\{cab-resolve:(\d+)\}\}$/;

function isIntrinsic(x: any): boolean {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * Replaces each intrinsic in `value` by a placeholder and records it, so that
 * moto resolves it as an extra stack output. `Ref: AWS::NoValue` is left in
 * place (it removes a property, it has no value).
 */
function extractIntrinsics(value: any, found: any[]): any {
  if (isIntrinsic(value)) {
    if (value.Ref === 'AWS::NoValue') return value;
    found.push(value);
    return `{{cab-resolve:${found.length - 1}}}`;
  }
  if (Array.isArray(value)) return value.map((v) => extractIntrinsics(v, found));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, extractIntrinsics(v, found)]));
  }
  return value;
}

function substitute(value: any, resolved: Map<number, string>, found: any[], unresolved: string[]): any {
  if (typeof value === 'string') {
    const m = PLACEHOLDER.exec(value);
    if (!m) return value;
    const i = Number(m[1]);
    if (resolved.has(i)) return resolved.get(i);
    unresolved.push(JSON.stringify(found[i]));
    return found[i];
  }
  if (Array.isArray(value)) {
    return value.filter((v) => !(isIntrinsic(v) && v.Ref === 'AWS::NoValue')).map((v) => substitute(v, resolved, found, unresolved));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value)
      .filter(([, v]) => !(isIntrinsic(v) && (v as any).Ref === 'AWS::NoValue'))
      .map(([k, v]) => [k, substitute(v, resolved, found, unresolved)]));
  }
  return value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The resources with the properties moto's CloudFormation cannot take removed:
 * the `Tags` of an `AWS::KMS::Key` (moto reads each tag's `TagKey`, the KMS API's
 * spelling, where CloudFormation writes `Key`, and fails the whole CreateStack
 * with a KeyError). Tags do not change what the key does.
 */
function withoutMotoTagGaps(resources: Record<string, any>): Record<string, any> {
  return Object.fromEntries(Object.entries(resources).map(([id, r]) => {
    if (r?.Type !== 'AWS::KMS::Key' || r.Properties?.Tags === undefined) return [id, r];
    const { Tags: _dropped, ...properties } = r.Properties;
    return [id, { ...r, Properties: properties }];
  }));
}

/** Options of {@link deployStack}. */
export interface DeployOptions {
  /** Bound on DescribeStacks polls. @default 120 */
  readonly maxPolls?: number;
  /** Pause between polls. @default 250 ms */
  readonly pollMs?: number;
}

/**
 * Puts the SSM parameters a CDK-synthesized template reads at deploy time
 * (`BootstrapVersion` from `/cdk-bootstrap/<qualifier>/version`) into the
 * account, with a `CDKToolkit`-like stack, as `cdk bootstrap` would. Any other
 * SSM-typed parameter is refused: the tests must not invent its value.
 */
async function bootstrapFor(clients: MotoClients, template: any, pollOptions: DeployOptions): Promise<void> {
  const resources: Record<string, any> = {};
  for (const [name, p] of Object.entries<any>(template.Parameters ?? {})) {
    if (!String(p.Type).startsWith('AWS::SSM::Parameter::Value')) continue;
    if (name !== 'BootstrapVersion' || !/^\/cdk-bootstrap\/[a-z0-9]+\/version$/.test(p.Default)) {
      throw new Error(`template parameter ${name} reads SSM parameter ${JSON.stringify(p.Default)}; only the CDK bootstrap version is provided by the local deployment`);
    }
    resources[`Version${Object.keys(resources).length}`] = {
      Type: 'AWS::SSM::Parameter',
      // 30 is a released bootstrap version, above every CheckBootstrapVersion rule CDK emits.
      Properties: { Name: p.Default, Type: 'String', Value: '30' },
    };
  }
  if (Object.keys(resources).length === 0) return;
  const name = `CDKToolkit-${Object.values(resources).map((r) => r.Properties.Name.split('/')[2]).join('-')}`;
  const existing = await describe(clients, name);
  if (existing?.StackStatus === 'CREATE_COMPLETE') return;
  await clients.cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify({ Resources: resources }) }));
  await waitForStatus(clients, name, pollOptions);
}

async function describe(clients: MotoClients, stackName: string): Promise<CfnStackDescription | undefined> {
  try {
    const out = await clients.cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    return out.Stacks?.[0];
  } catch (e) {
    if (/does not exist/.test(String(e))) return undefined;
    throw e;
  }
}

async function waitForStatus(clients: MotoClients, stackName: string, options: DeployOptions): Promise<CfnStackDescription> {
  const maxPolls = options.maxPolls ?? 120;
  const pollMs = options.pollMs ?? 250;
  for (let i = 0; i < maxPolls; i++) {
    const d = await describe(clients, stackName);
    if (d && !String(d.StackStatus).endsWith('_IN_PROGRESS')) return d;
    await sleep(pollMs);
  }
  throw new Error(`stack ${stackName} did not reach a final status within ${maxPolls} polls of ${options.pollMs ?? 250} ms`);
}

/**
 * Deploys one stack: bootstraps the account if the template asks for it,
 * calls CreateStack with the synthesized template (plus one extra output per
 * intrinsic function, so that moto tells what it resolved each to), waits for
 * CREATE_COMPLETE (bounded), lists what moto created, and applies the
 * resources of {@link MOTO_GAPS} with `service-api` handling through their
 * services' APIs.
 */
export async function deployStack(endpoint: string, stack: DeployableStack, options: DeployOptions = {}): Promise<Deployment> {
  try {
    return await deployStackUnlabelled(endpoint, stack, options);
  } catch (e) {
    throw new Error(`deploying stack ${stack.stackName} (${stack.artifactId}) in ${stack.where.account}/${stack.where.region}: ${String(e)}`);
  }
}

/**
 * Roles a template names by a literal name without defining them (the
 * `Roles` of an `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy`, e.g. a vendor
 * role the guide says already exists). CloudFormation fails on them unless
 * they exist, so the deploy helper creates each one first, trusting only the
 * account itself, and reports it in {@link Deployment.prerequisiteRoles}.
 */
export function prerequisiteRoles(template: any): string[] {
  const resources = Object.values<any>(template.Resources ?? {});
  const defined = new Set(resources.filter((r) => r.Type === 'AWS::IAM::Role').map((r) => r.Properties?.RoleName).filter((n) => typeof n === 'string'));
  const named = resources
    .filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap((r) => r.Properties?.Roles ?? [])
    .filter((n: unknown): n is string => typeof n === 'string' && !defined.has(n));
  return [...new Set(named)].sort();
}

async function deployStackUnlabelled(endpoint: string, stack: DeployableStack, options: DeployOptions): Promise<Deployment> {
  const clients = motoClients(endpoint, stack.where);
  await bootstrapFor(clients, stack.template, options);
  const prerequisites = prerequisiteRoles(stack.template);
  for (const roleName of prerequisites) {
    await clients.iam.send(new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${stack.where.account}:root` }, Action: 'sts:AssumeRole' }],
      }),
    })).catch((e) => {
      if (!/EntityAlreadyExists|already exists/.test(String(e))) throw e;
    });
  }

  const found: any[] = [];
  const resourcesWithPlaceholders = extractIntrinsics(stack.template.Resources ?? {}, found);
  const outputs: Record<string, any> = { ...(stack.template.Outputs ?? {}) };
  found.forEach((intrinsic, i) => {
    outputs[resolveOutputKey(i)] = { Value: intrinsic };
  });
  const body = JSON.stringify({ ...stack.template, Resources: withoutMotoTagGaps(stack.template.Resources ?? {}), Outputs: outputs });

  const started = Date.now();
  const created = await clients.cfn.send(new CreateStackCommand({
    StackName: stack.stackName,
    TemplateBody: body,
    Parameters: Object.entries(stack.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
  }));
  const final = await waitForStatus(clients, stack.stackName, options);
  const seconds = (Date.now() - started) / 1000;
  if (final.StackStatus !== 'CREATE_COMPLETE') {
    throw new Error(`stack ${stack.stackName} ended in ${final.StackStatus}: ${final.StackStatusReason ?? 'no reason given'}`);
  }

  const resolved = new Map<number, string>();
  const originalOutputs: Record<string, string> = {};
  for (const o of final.Outputs ?? []) {
    const m = new RegExp(`^${resolveOutputKey('(\\d+)')}$`).exec(o.OutputKey ?? '');
    if (m) resolved.set(Number(m[1]), o.OutputValue ?? '');
    else originalOutputs[o.OutputKey!] = o.OutputValue ?? '';
  }

  const listed = await clients.cfn.send(new DescribeStackResourcesCommand({ StackName: stack.stackName }));
  const physical = new Map<string, string>();
  for (const r of listed.StackResources ?? []) {
    if (r.LogicalResourceId && r.PhysicalResourceId) physical.set(r.LogicalResourceId, r.PhysicalResourceId);
  }

  const resources: DeployedResource[] = Object.entries<any>(resourcesWithPlaceholders).map(([logicalId, r]) => {
    const unresolved: string[] = [];
    const properties = substitute(r.Properties ?? {}, resolved, found, unresolved);
    const physicalId = physical.get(logicalId);
    return {
      logicalId,
      type: r.Type,
      properties,
      unresolved,
      deletionPolicy: stack.template.Resources[logicalId].DeletionPolicy,
      physicalId,
      createdBy: physicalId ? 'cloudformation' : 'skipped',
    };
  });

  const deployment: Deployment = {
    stack, clients, stackId: created.StackId!, resources, outputs: originalOutputs, seconds, prerequisiteRoles: prerequisites,
  };
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (r.createdBy !== 'skipped' || MOTO_GAPS[r.type]?.handling !== 'service-api') continue;
    if (r.unresolved.length > 0) {
      throw new Error(`${stack.stackName}/${r.logicalId} (${r.type}) references what moto did not create: ${r.unresolved.join(', ')}`);
    }
    await applyThroughServiceApi(endpoint, deployment, r);
    resources[i] = { ...r, createdBy: 'service-api' };
  }
  for (const r of resources) {
    if (r.type === 'AWS::IAM::Role' && r.physicalId) {
      for (const arn of r.properties.ManagedPolicyArns ?? []) {
        await clients.iam.send(new AttachRolePolicyCommand({ RoleName: r.physicalId, PolicyArn: arn })).catch((e) => {
          throw new Error(`${stack.stackName}/${r.logicalId}: attaching managed policy ${arn} failed: ${String(e)}`);
        });
      }
      for (const p of r.properties.Policies ?? []) {
        await clients.iam.send(new PutRolePolicyCommand({
          RoleName: r.physicalId, PolicyName: p.PolicyName, PolicyDocument: JSON.stringify(p.PolicyDocument),
        })).catch((e) => {
          throw new Error(`${stack.stackName}/${r.logicalId}: inline policy ${p.PolicyName} is refused: ${String(e)}`);
        });
      }
    }
  }
  return deployment;
}

/** Region named by an ARN (`arn:partition:service:region:...`), else the stack's region. */
function regionOfArn(arn: string, fallback: string): string {
  const parts = String(arn).split(':');
  return parts.length > 3 && parts[3] ? parts[3] : fallback;
}

function accountOfArn(arn: string, fallback: string): string {
  const parts = String(arn).split(':');
  return parts.length > 4 && parts[4] ? parts[4] : fallback;
}

async function applyThroughServiceApi(endpoint: string, d: Deployment, r: DeployedResource): Promise<void> {
  const p = r.properties;
  const here = d.stack.where;
  switch (r.type) {
    case 'AWS::SQS::QueuePolicy':
      for (const url of p.Queues ?? []) {
        await d.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: JSON.stringify(p.PolicyDocument) } }));
      }
      return;
    case 'AWS::SNS::TopicPolicy':
      for (const arn of p.Topics ?? []) {
        const c = motoClients(endpoint, { account: accountOfArn(arn, here.account), region: regionOfArn(arn, here.region) });
        try {
          await c.sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'Policy', AttributeValue: JSON.stringify(p.PolicyDocument) }));
        } finally {
          destroyClients(c);
        }
      }
      return;
    case 'AWS::SNS::Subscription': {
      const attributes: Record<string, string> = {};
      for (const k of ['RawMessageDelivery', 'FilterPolicyScope', 'SubscriptionRoleArn']) {
        if (p[k] !== undefined) attributes[k] = String(p[k]);
      }
      for (const k of ['FilterPolicy', 'RedrivePolicy', 'DeliveryPolicy']) {
        if (p[k] !== undefined) attributes[k] = JSON.stringify(p[k]);
      }
      const c = motoClients(endpoint, { account: accountOfArn(p.TopicArn, here.account), region: p.Region ?? regionOfArn(p.TopicArn, here.region) });
      try {
        await c.sns.send(new SubscribeCommand({
          TopicArn: p.TopicArn, Protocol: p.Protocol, Endpoint: p.Endpoint, Attributes: attributes, ReturnSubscriptionArn: true,
        }));
      } finally {
        destroyClients(c);
      }
      return;
    }
    case 'AWS::Events::EventBusPolicy': {
      if (p.Statement) {
        const statement = { Sid: p.StatementId, ...p.Statement };
        await d.clients.events.send(new PutPermissionCommand({
          EventBusName: p.EventBusName,
          Policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
        }));
      } else {
        await d.clients.events.send(new PutPermissionCommand({
          EventBusName: p.EventBusName,
          StatementId: p.StatementId,
          Action: p.Action,
          Principal: p.Principal,
          Condition: p.Condition,
        }));
      }
      return;
    }
    default:
      throw new Error(`no service-API handling for ${r.type}`);
  }
}

/** Closes the clients' sockets (jest waits for open handles otherwise). */
export function destroyClients(c: MotoClients): void {
  for (const client of [c.cfn, c.iam, c.sns, c.sqs, c.events]) client.destroy();
}

/**
 * Deletes a deployed stack and waits (bounded) until moto reports it deleted.
 * Resources with `DeletionPolicy: Retain` stay, as on AWS.
 */
export async function deleteStack(d: Deployment, options: DeployOptions = {}): Promise<void> {
  // moto deletes a role before detaching the managed policies attached to it (by the helper for
  // MOTO_PROPERTY_GAPS, or by an AWS::IAM::ManagedPolicy's Roles) and then refuses with
  // DeleteConflict; CloudFormation detaches first. Detach them, as CloudFormation would.
  const retained = (r: DeployedResource) => r.deletionPolicy === 'Retain' || r.deletionPolicy === 'RetainExceptOnCreate';
  for (const r of d.resources) {
    if (r.type !== 'AWS::IAM::Role' || !r.physicalId || retained(r)) continue;
    const attached = [...(r.properties.ManagedPolicyArns ?? [])];
    for (const p of d.resources) {
      if (p.type === 'AWS::IAM::ManagedPolicy' && p.physicalId && !retained(p) && (p.properties.Roles ?? []).includes(r.physicalId)) attached.push(p.physicalId);
    }
    for (const arn of new Set(attached)) {
      await d.clients.iam.send(new DetachRolePolicyCommand({ RoleName: r.physicalId, PolicyArn: arn }));
    }
  }
  await d.clients.cfn.send(new DeleteStackCommand({ StackName: d.stackId }));
  const maxPolls = options.maxPolls ?? 120;
  for (let i = 0; i < maxPolls; i++) {
    const out = await d.clients.cfn.send(new DescribeStacksCommand({ StackName: d.stackId })).catch(() => undefined);
    const status = out?.Stacks?.[0]?.StackStatus;
    if (status === undefined || status === 'DELETE_COMPLETE') return;
    if (status === 'DELETE_FAILED') throw new Error(`stack ${d.stack.stackName} ended in DELETE_FAILED: ${out?.Stacks?.[0]?.StackStatusReason}`);
    await sleep(options.pollMs ?? 250);
  }
  throw new Error(`stack ${d.stack.stackName} was not deleted within ${maxPolls} polls`);
}
