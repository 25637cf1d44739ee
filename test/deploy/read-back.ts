import { DescribeEventBusCommand, DescribeRuleCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetSubscriptionAttributesCommand, GetTopicAttributesCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DeployedResource, Deployment } from './cloudformation';
import { canonical } from '../harness/canonical';

/**
 * Reads deployed resources back through their services' own APIs (IAM, SNS,
 * SQS, EventBridge) and compares them with what the template asked for, the
 * template's values resolved by moto at deploy time. Every function returns
 * the mismatches as sentences (empty = as meant), so a test can both assert
 * "no mismatch" on the examples and show that a broken deployment is caught.
 */

/** Resource types {@link readBack} compares; others are only checked to exist. */
export const READ_BACK_TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::SNS::Subscription',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
  'AWS::Events::Rule',
  'AWS::Events::EventBus',
  'AWS::Events::EventBusPolicy',
];

function parseJson(text: string | undefined): any {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(decodeURIComponent(text));
  }
}

function mismatch(where: string, what: string, expected: any, actual: any): string {
  return `${where}: ${what} is ${JSON.stringify(actual)}, the template says ${JSON.stringify(expected)}`;
}

const same = (a: any, b: any) => canonical(a) === canonical(b);

/** Every resource of all deployments, with the deployment that holds it. */
function allResources(all: Deployment[]): Array<{ d: Deployment; r: DeployedResource }> {
  return all.flatMap((d) => d.resources.map((r) => ({ d, r })));
}

/** The deployed resource whose `Ref`/ARN value is `value`, in any deployment. */
export function resourceByRefOrArn(all: Deployment[], value: string): { d: Deployment; r: DeployedResource } | undefined {
  return allResources(all).find(({ r }) => r.physicalId === value || queueArnOf(r) === value || roleNameOf(r) === value);
}

/** SQS queue ARN from a queue's URL (moto's physical id): `https://sqs.<region>.../<account>/<name>`. */
export function queueArnOf(r: DeployedResource): string | undefined {
  if (r.type !== 'AWS::SQS::Queue' || !r.physicalId) return undefined;
  const m = /^https?:\/\/sqs\.([a-z0-9-]+)\.[^/]+\/(\d{12})\/(.+)$/.exec(r.physicalId);
  return m ? `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}` : undefined;
}

function roleNameOf(r: DeployedResource): string | undefined {
  return r.type === 'AWS::IAM::Role' ? r.physicalId : undefined;
}

/** Compares every resource of `d` of a type in {@link READ_BACK_TYPES} with its read-back state. */
export async function readBack(d: Deployment, all: Deployment[]): Promise<string[]> {
  const problems: string[] = [];
  for (const r of d.resources) {
    const where = `${d.stack.stackName}/${r.logicalId} (${r.type})`;
    if (r.createdBy === 'skipped') continue;
    try {
      switch (r.type) {
        case 'AWS::IAM::Role': problems.push(...await readBackRole(d, r, where)); break;
        case 'AWS::SNS::Topic': problems.push(...await readBackTopic(d, r, where, all)); break;
        case 'AWS::SQS::Queue': problems.push(...await readBackQueue(d, r, where, all)); break;
        case 'AWS::Events::Rule': problems.push(...await readBackRule(d, r, where)); break;
        case 'AWS::Events::EventBus': problems.push(...await readBackBus(d, r, where)); break;
        case 'AWS::Events::EventBusPolicy': problems.push(...await readBackBusPolicy(d, r, where)); break;
        case 'AWS::IAM::Policy': problems.push(...await readBackPolicyOnExternalRoles(d, r, where)); break;
        default: break; // policies and subscriptions are compared from their role, topic or queue
      }
    } catch (e) {
      problems.push(`${where}: reading it back failed: ${String(e)}`);
    }
  }
  return problems;
}

async function readBackRole(d: Deployment, r: DeployedResource, where: string): Promise<string[]> {
  const problems: string[] = [];
  const p = r.properties;
  const role = (await d.clients.iam.send(new GetRoleCommand({ RoleName: r.physicalId }))).Role!;
  const trust = parseJson(role.AssumeRolePolicyDocument);
  if (!same(trust, p.AssumeRolePolicyDocument)) problems.push(mismatch(where, 'the trust policy', p.AssumeRolePolicyDocument, trust));
  if (p.RoleName !== undefined && role.RoleName !== p.RoleName) problems.push(mismatch(where, 'RoleName', p.RoleName, role.RoleName));
  if (role.Path !== (p.Path ?? '/')) problems.push(mismatch(where, 'Path', p.Path ?? '/', role.Path));
  if (p.MaxSessionDuration !== undefined && role.MaxSessionDuration !== Number(p.MaxSessionDuration)) {
    problems.push(mismatch(where, 'MaxSessionDuration', p.MaxSessionDuration, role.MaxSessionDuration));
  }

  const attached = (await d.clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: r.physicalId }))).AttachedPolicies ?? [];
  const wantAttached = [...(p.ManagedPolicyArns ?? [])];
  // AWS::IAM::ManagedPolicy resources that name this role attach themselves.
  for (const other of d.resources) {
    if (other.type === 'AWS::IAM::ManagedPolicy' && (other.properties.Roles ?? []).includes(r.physicalId) && other.physicalId) {
      wantAttached.push(other.physicalId);
    }
  }
  const gotAttached = attached.map((a) => a.PolicyArn!);
  if (!same([...gotAttached].sort(), [...wantAttached].sort())) problems.push(mismatch(where, 'the attached managed policies', wantAttached.sort(), gotAttached.sort()));

  const wantInline = new Map<string, any>();
  for (const pol of p.Policies ?? []) wantInline.set(pol.PolicyName, pol.PolicyDocument);
  for (const other of d.resources) {
    if (other.type === 'AWS::IAM::Policy' && (other.properties.Roles ?? []).includes(r.physicalId)) {
      wantInline.set(other.properties.PolicyName, other.properties.PolicyDocument);
    }
  }
  const names = (await d.clients.iam.send(new ListRolePoliciesCommand({ RoleName: r.physicalId }))).PolicyNames ?? [];
  if (!same([...names].sort(), [...wantInline.keys()].sort())) problems.push(mismatch(where, 'the inline policy names', [...wantInline.keys()].sort(), [...names].sort()));
  for (const [name, doc] of wantInline) {
    if (!names.includes(name)) continue;
    const got = parseJson((await d.clients.iam.send(new GetRolePolicyCommand({ RoleName: r.physicalId, PolicyName: name }))).PolicyDocument);
    if (!same(got, doc)) problems.push(mismatch(where, `inline policy ${name}`, doc, got));
  }
  return problems;
}

/**
 * An `AWS::IAM::Policy` on roles the stack does not define (named by a literal,
 * e.g. a vendor's existing role): the role's inline policy of that name must
 * hold this document. Two stacks putting the same policy name on one role
 * (IAM is global, so per-region stacks do this easily) overwrite each other:
 * the first stack's read-back then differs.
 */
async function readBackPolicyOnExternalRoles(d: Deployment, r: DeployedResource, where: string): Promise<string[]> {
  const problems: string[] = [];
  const own = new Set(d.resources.filter((x) => x.type === 'AWS::IAM::Role').map((x) => x.physicalId));
  for (const roleName of r.properties.Roles ?? []) {
    if (own.has(roleName)) continue; // compared from the role itself
    const policy = await d.clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: r.properties.PolicyName }));
    const got = parseJson(policy.PolicyDocument);
    if (!same(got, r.properties.PolicyDocument)) {
      problems.push(mismatch(where, `inline policy ${r.properties.PolicyName} of role ${roleName} (overwritten by another stack?)`, r.properties.PolicyDocument, got));
    }
  }
  return problems;
}

/** Resources of the given type, in any deployment, whose property `prop` (a list) holds `value`. */
function referencing(all: Deployment[], type: string, prop: string, value: string | undefined): DeployedResource[] {
  return allResources(all).map(({ r }) => r).filter((r) => r.type === type && r.createdBy !== 'skipped'
    && ([] as any[]).concat(r.properties[prop] ?? []).includes(value));
}

async function readBackTopic(d: Deployment, r: DeployedResource, where: string, all: Deployment[]): Promise<string[]> {
  const problems: string[] = [];
  const p = r.properties;
  const arn = r.physicalId!;
  const attrs = (await d.clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
  if (p.TopicName !== undefined && !arn.endsWith(`:${p.TopicName}`)) problems.push(mismatch(where, 'the topic name in its ARN', p.TopicName, arn));
  const strings: Record<string, string> = { KmsMasterKeyId: 'KmsMasterKeyId', DisplayName: 'DisplayName', FifoTopic: 'FifoTopic', ContentBasedDeduplication: 'ContentBasedDeduplication', SignatureVersion: 'SignatureVersion', TracingConfig: 'TracingConfig' };
  for (const [prop, attr] of Object.entries(strings)) {
    if (p[prop] !== undefined && attrs[attr] !== String(p[prop])) problems.push(mismatch(where, `attribute ${attr}`, String(p[prop]), attrs[attr]));
  }

  const policies = referencing(all, 'AWS::SNS::TopicPolicy', 'Topics', arn);
  if (policies.length > 1) problems.push(`${where}: ${policies.length} TopicPolicy resources name this topic; only the last one applied would hold`);
  if (policies.length === 1) {
    const got = parseJson(attrs.Policy);
    if (!same(got, policies[0].properties.PolicyDocument)) problems.push(mismatch(where, 'the topic policy', policies[0].properties.PolicyDocument, got));
  }

  const subscriptions = (await d.clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions ?? [];
  const wanted = [
    ...(p.Subscription ?? []).map((s: any) => ({ Protocol: s.Protocol, Endpoint: s.Endpoint, properties: {} as any })),
    ...referencing(all, 'AWS::SNS::Subscription', 'TopicArn', arn).map((s) => ({ Protocol: s.properties.Protocol, Endpoint: s.properties.Endpoint, properties: s.properties })),
  ];
  for (const w of wanted) {
    const got = subscriptions.find((s) => s.Protocol === w.Protocol && s.Endpoint === w.Endpoint);
    if (!got) {
      problems.push(`${where}: no ${w.Protocol} subscription to ${w.Endpoint}; subscriptions are ${JSON.stringify(subscriptions.map((s) => `${s.Protocol}:${s.Endpoint}`))}`);
      continue;
    }
    const sa = (await d.clients.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: got.SubscriptionArn }))).Attributes ?? {};
    if (w.properties.RawMessageDelivery !== undefined && String(sa.RawMessageDelivery) !== String(w.properties.RawMessageDelivery)) {
      problems.push(mismatch(where, `RawMessageDelivery of the subscription to ${w.Endpoint}`, String(w.properties.RawMessageDelivery), sa.RawMessageDelivery));
    }
    for (const k of ['RedrivePolicy', 'FilterPolicy']) {
      if (w.properties[k] !== undefined && !same(parseJson(sa[k]), w.properties[k])) {
        problems.push(mismatch(where, `${k} of the subscription to ${w.Endpoint}`, w.properties[k], parseJson(sa[k])));
      }
    }
  }
  if (subscriptions.length !== wanted.length) {
    problems.push(`${where}: ${subscriptions.length} subscriptions, the templates define ${wanted.length}`);
  }
  return problems;
}

const QUEUE_ATTRIBUTES = [
  'MessageRetentionPeriod', 'VisibilityTimeout', 'DelaySeconds', 'MaximumMessageSize', 'ReceiveMessageWaitTimeSeconds',
  'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled', 'FifoQueue', 'ContentBasedDeduplication',
];

async function readBackQueue(d: Deployment, r: DeployedResource, where: string, all: Deployment[]): Promise<string[]> {
  const problems: string[] = [];
  const p = r.properties;
  const attrs: Record<string, string> = (await d.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: r.physicalId, AttributeNames: ['All'] }))).Attributes ?? {};
  if (p.QueueName !== undefined && !r.physicalId!.endsWith(`/${p.QueueName}`)) problems.push(mismatch(where, 'the queue name in its URL', p.QueueName, r.physicalId));
  for (const a of QUEUE_ATTRIBUTES) {
    if (p[a] !== undefined && String(attrs[a]) !== String(p[a])) problems.push(mismatch(where, `attribute ${a}`, String(p[a]), attrs[a]));
  }
  for (const a of ['RedrivePolicy', 'RedriveAllowPolicy']) {
    const want = p[a];
    const got = parseJson(attrs[a]);
    if (want === undefined && got === undefined) continue;
    const normalize = (x: any) => x && { ...x, maxReceiveCount: x.maxReceiveCount !== undefined ? Number(x.maxReceiveCount) : undefined };
    if (!same(normalize(got), normalize(want))) problems.push(mismatch(where, `attribute ${a}`, want, got));
  }
  if (p.RedrivePolicy?.deadLetterTargetArn) {
    const dlq = resourceByRefOrArn(all, p.RedrivePolicy.deadLetterTargetArn);
    if (!dlq) problems.push(`${where}: the dead-letter queue ${p.RedrivePolicy.deadLetterTargetArn} is not a deployed queue`);
  }
  const policies = referencing(all, 'AWS::SQS::QueuePolicy', 'Queues', r.physicalId);
  if (policies.length > 1) problems.push(`${where}: ${policies.length} QueuePolicy resources name this queue; only the last one applied would hold`);
  if (policies.length === 1) {
    const got = parseJson(attrs.Policy);
    if (!same(got, policies[0].properties.PolicyDocument)) problems.push(mismatch(where, 'the queue policy', policies[0].properties.PolicyDocument, got));
  }
  return problems;
}

/** `EventBusName` as DescribeRule and ListTargetsByRule take it (a name or an ARN). */
function busOf(p: any): string | undefined {
  return p.EventBusName;
}

async function readBackRule(d: Deployment, r: DeployedResource, where: string): Promise<string[]> {
  const problems: string[] = [];
  const p = r.properties;
  const rule = await d.clients.events.send(new DescribeRuleCommand({ Name: r.physicalId, EventBusName: busOf(p) }));
  if (p.EventPattern !== undefined && !same(parseJson(rule.EventPattern), p.EventPattern)) problems.push(mismatch(where, 'EventPattern', p.EventPattern, parseJson(rule.EventPattern)));
  for (const k of ['State', 'Description', 'ScheduleExpression', 'RoleArn'] as const) {
    if (p[k] !== undefined && (rule as any)[k] !== p[k]) problems.push(mismatch(where, k, p[k], (rule as any)[k]));
  }
  const targets = (await d.clients.events.send(new ListTargetsByRuleCommand({ Rule: r.physicalId, EventBusName: busOf(p) }))).Targets ?? [];
  const want = (p.Targets ?? []) as any[];
  if (targets.length !== want.length) problems.push(mismatch(where, 'the number of targets', want.length, targets.length));
  for (const w of want) {
    const got: any = targets.find((t) => t.Id === w.Id);
    if (!got) {
      problems.push(`${where}: target ${w.Id} is missing`);
      continue;
    }
    for (const k of ['Arn', 'RoleArn', 'Input', 'InputPath']) {
      if (w[k] !== undefined && got[k] !== w[k]) problems.push(mismatch(where, `target ${w.Id} ${k}`, w[k], got[k]));
    }
    for (const k of ['DeadLetterConfig', 'RetryPolicy', 'InputTransformer', 'SqsParameters']) {
      if (w[k] === undefined) continue;
      const normalizeNumbers = (x: any) => JSON.parse(JSON.stringify(x ?? null), (_key, v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));
      if (!same(normalizeNumbers(got[k]), normalizeNumbers(w[k]))) problems.push(mismatch(where, `target ${w.Id} ${k}`, w[k], got[k]));
    }
  }
  return problems;
}

async function readBackBus(d: Deployment, r: DeployedResource, where: string): Promise<string[]> {
  const bus = await d.clients.events.send(new DescribeEventBusCommand({ Name: r.properties.Name ?? r.physicalId }));
  return bus.Name === r.properties.Name ? [] : [mismatch(where, 'Name', r.properties.Name, bus.Name)];
}

/** The statement an `AWS::Events::EventBusPolicy` puts on its bus. */
export function busPolicyStatement(p: any): any {
  if (p.Statement) return { Sid: p.StatementId, ...p.Statement };
  return undefined;
}

async function readBackBusPolicy(d: Deployment, r: DeployedResource, where: string): Promise<string[]> {
  const p = r.properties;
  const busName = p.EventBusName ?? 'default';
  const bus = await d.clients.events.send(new DescribeEventBusCommand({ Name: busName }));
  const statements: any[] = [].concat(parseJson(bus.Policy)?.Statement ?? []);
  const got = statements.find((s) => s.Sid === p.StatementId);
  if (!got) return [`${where}: bus ${busName} has no statement ${p.StatementId}; its policy is ${bus.Policy ?? 'empty'}`];
  const want = busPolicyStatement(p);
  if (want && !same(got, want)) return [mismatch(where, `statement ${p.StatementId} of bus ${busName}`, want, got)];
  return [];
}
