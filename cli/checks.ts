import { Clients } from './sdk';

/**
 * The checks of `doctor`. Each reads the live state through AWS APIs (read
 * only) and returns one row per check: what was expected, what was found, and
 * how to fix it.
 */

/** One line of the report. */
export interface CheckResult {
  readonly check: string;
  /** `<account>` or `<account>/<region>`. */
  readonly where: string;
  readonly pass: boolean;
  readonly expected: string;
  readonly found: string;
  /** Empty when it passes. */
  readonly fix: string;
}

function result(check: string, where: string, pass: boolean, expected: string, found: string, fix: string): CheckResult {
  return { check, where, pass, expected, found, fix: pass ? '' : fix };
}

/** The name of an AWS error, or its text. */
function errorName(e: unknown): string {
  return (e as { name?: string }).name ?? String(e);
}

/** JSON with sorted keys, so documents compare by content. */
export function canonical(x: unknown): string {
  const sort = (v: any): any => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])]));
    return v;
  };
  return JSON.stringify(sort(x));
}

const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

// ---------------------------------------------------------------------------
// Audit role

/** What the audit role should be. */
export interface RoleExpectation {
  readonly roleName: string;
  readonly vendorAccountId: string;
  readonly externalId: string;
  /** Names of the AWS managed policies it carries, exactly. */
  readonly managedPolicies: string[];
}

/** Describes a trust policy statement's principals, for the report. */
function principalsOf(statement: any): string[] {
  const p = statement.Principal;
  if (p === '*') return ['*'];
  return Object.entries<any>(p ?? {}).flatMap(([kind, v]) => asList(v).map((x) => `${kind}:${x}`));
}

/** The account a principal names (`123`, `arn:...:iam::123:root`, or a role/user ARN), or undefined. */
function accountOfPrincipal(p: string): string | undefined {
  if (/^\d{12}$/.test(p)) return p;
  return /^arn:[^:]+:(iam|sts)::(\d{12}):/.exec(p)?.[2];
}

/** Problems of a trust policy against the vendor account and external ID: empty when right. */
export function trustProblems(trust: any, vendorAccountId: string, externalId: string): string[] {
  const problems: string[] = [];
  const statements = asList<any>(trust?.Statement);
  const allows = statements.filter((s) => s.Effect === 'Allow');
  if (allows.length === 0) problems.push('no Allow statement');
  for (const s of allows) {
    const principals = principalsOf(s);
    const others = principals.filter((p) => !p.startsWith('AWS:') || accountOfPrincipal(p.slice(4)) !== vendorAccountId);
    if (others.length > 0) problems.push(`also trusts ${others.join(', ')}`);
    const actions = asList<string>(s.Action);
    if (actions.some((a) => a !== 'sts:AssumeRole')) problems.push(`allows ${actions.join(', ')}`);
    const ids = asList<string>(s.Condition?.StringEquals?.['sts:ExternalId']);
    if (ids.length !== 1 || ids[0] !== externalId) {
      problems.push(ids.length === 0 ? 'no sts:ExternalId condition' : `sts:ExternalId is ${ids.join(', ')}`);
    }
  }
  return problems;
}

export async function checkAuditRole(c: Clients, account: string, e: RoleExpectation): Promise<CheckResult[]> {
  const where = account;
  let role: any;
  try {
    role = (await c.iam.send(new c.sdk.iam.GetRoleCommand({ RoleName: e.roleName }))).Role;
  } catch (err) {
    return [result('audit role exists', where, false, `role ${e.roleName}`, errorName(err),
      'deploy the audit-role template (or the construct) in this account, or pass the right --role-name')];
  }
  const rows = [result('audit role exists', where, true, `role ${e.roleName}`, role.Arn, '')];
  const trust = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument ?? '{}'));
  const problems = trustProblems(trust, e.vendorAccountId, e.externalId);
  rows.push(result('audit role trust', where, problems.length === 0,
    `only account ${e.vendorAccountId}, sts:AssumeRole, sts:ExternalId = ${e.externalId}`,
    problems.length === 0 ? 'as expected' : problems.join('; '),
    'update the stack with the vendor account and external ID from the vendor console; remove trust statements added outside CloudFormation (aws iam update-assume-role-policy)'));
  const iamSdk = c.sdk.iam;
  const attached = (await c.iam.send(new iamSdk.ListAttachedRolePoliciesCommand({ RoleName: e.roleName }))).AttachedPolicies ?? [];
  const names = attached.map((p) => p.PolicyName!).sort();
  const missing = e.managedPolicies.filter((p) => !names.includes(p));
  const extra = names.filter((p) => !e.managedPolicies.includes(p));
  rows.push(result('audit role policies', where, missing.length === 0 && extra.length === 0,
    `managed policies ${e.managedPolicies.join(', ')}`, names.join(', ') || 'none',
    [missing.length > 0 ? `attach ${missing.join(', ')}` : '', extra.length > 0 ? `detach ${extra.join(', ')} (added outside the setup)` : ''].filter(Boolean).join('; ')));
  return rows;
}

// ---------------------------------------------------------------------------
// A deployed stack, its template resolved with the stack's values

/** A deployed stack: template, parameter values and physical IDs. */
export interface StackView {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly template: any;
  readonly parameters: Record<string, string>;
  /** Logical ID to physical ID. */
  readonly physical: Record<string, string>;
}

/** Marks a value this resolver cannot compute. */
export const UNRESOLVED = '<unresolved>';

/** The ARN of a resource from its physical ID, for the types the event stream uses. */
function arnOf(view: StackView, logicalId: string): string {
  const type = view.template.Resources?.[logicalId]?.Type;
  const id = view.physical[logicalId];
  if (id === undefined) return UNRESOLVED;
  const base = (service: string, resource: string, region = view.region) => `arn:${view.partition}:${service}:${region}:${view.account}:${resource}`;
  switch (type) {
    case 'AWS::SQS::Queue': return base('sqs', id.split('/').pop()!);
    case 'AWS::SNS::Topic': return id;
    case 'AWS::IAM::Role': return base('iam', `role/${id}`, '');
    case 'AWS::KMS::Key': return base('kms', `key/${id}`);
    case 'AWS::Events::Rule': return base('events', `rule/${id}`);
    default: return UNRESOLVED;
  }
}

/** Resolves the intrinsic functions of a template value with the stack's values; what it cannot resolve becomes {@link UNRESOLVED}. */
export function resolveValue(x: any, view: StackView): any {
  if (Array.isArray(x)) return x.map((y) => resolveValue(y, view));
  if (x === null || typeof x !== 'object') return x;
  const keys = Object.keys(x);
  if (keys.length === 1 && keys[0] === 'Ref') {
    const name = x.Ref;
    const pseudo: Record<string, string> = { 'AWS::AccountId': view.account, 'AWS::Region': view.region, 'AWS::Partition': view.partition, 'AWS::URLSuffix': 'amazonaws.com', 'AWS::StackName': view.name };
    if (pseudo[name] !== undefined) return pseudo[name];
    if (view.parameters[name] !== undefined) return view.parameters[name];
    return view.physical[name] ?? UNRESOLVED;
  }
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const [id, attr] = typeof x['Fn::GetAtt'] === 'string' ? x['Fn::GetAtt'].split('.') : x['Fn::GetAtt'];
    return attr === 'Arn' ? arnOf(view, id) : UNRESOLVED;
  }
  if (keys.length === 1 && keys[0] === 'Fn::Join') {
    const [sep, parts] = x['Fn::Join'];
    const values = resolveValue(parts, view);
    return Array.isArray(values) && values.every((v) => typeof v === 'string' && v !== UNRESOLVED) ? values.join(sep) : UNRESOLVED;
  }
  if (keys.length === 1 && keys[0].startsWith('Fn::')) return UNRESOLVED;
  return Object.fromEntries(keys.map((k) => [k, resolveValue(x[k], view)]));
}

/** Reads a deployed stack: its template (as CloudFormation has it), parameters and resources. */
export async function readStack(c: Clients, name: string, account: string, region: string, partition: string): Promise<StackView> {
  const cfn = c.sdk.cfn;
  const described = (await c.cfn.send(new cfn.DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  const body = (await c.cfn.send(new cfn.GetTemplateCommand({ StackName: name }))).TemplateBody ?? '{}';
  const resources = (await c.cfn.send(new cfn.DescribeStackResourcesCommand({ StackName: name }))).StackResources ?? [];
  return {
    name,
    account,
    region,
    partition,
    template: JSON.parse(body),
    parameters: Object.fromEntries((described?.Parameters ?? []).map((p) => [p.ParameterKey!, p.ParameterValue!])),
    physical: Object.fromEntries(resources.filter((r) => r.PhysicalResourceId).map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!])),
  };
}

function resourcesOf(view: StackView, type: string): Array<[string, any]> {
  return Object.entries<any>(view.template.Resources ?? {}).filter(([, r]) => r.Type === type);
}

// ---------------------------------------------------------------------------
// Event stream of one region

export async function checkEventStream(c: Clients, view: StackView, expectedQueueArn: string | undefined): Promise<CheckResult[]> {
  const where = `${view.account}/${view.region}`;
  const events = c.sdk.events;
  const rows: CheckResult[] = [];
  const rules = resourcesOf(view, 'AWS::Events::Rule');
  if (rules.length === 0) {
    return [result('event rule exists', where, false, `an EventBridge rule in stack ${view.name}`, 'the stack has no AWS::Events::Rule', 'give the event-stream stack\'s name with --event-stream-stack')];
  }
  for (const [logicalId, r] of rules) {
    const ruleName = view.physical[logicalId]?.split('|').pop();
    let live: any;
    try {
      live = ruleName ? await c.events.send(new events.DescribeRuleCommand({ Name: ruleName })) : undefined;
    } catch (err) {
      live = undefined;
      if (errorName(err) !== 'ResourceNotFoundException') throw err;
    }
    if (!live) {
      rows.push(result('event rule exists', where, false, `rule ${ruleName ?? logicalId}`, 'not found',
        'the rule was deleted outside CloudFormation: update the stack (or delete and re-create it) to restore it'));
      continue;
    }
    rows.push(result('event rule exists', where, true, `rule ${ruleName}`, live.Arn, ''));
    rows.push(result('event rule enabled', where, live.State === 'ENABLED', 'ENABLED', String(live.State),
      `aws events enable-rule --name ${ruleName} --region ${view.region}`));
    const pattern = resolveValue(r.Properties?.EventPattern, view);
    const livePattern = live.EventPattern ? JSON.parse(live.EventPattern) : undefined;
    const samePattern = canonical(pattern) === canonical(livePattern);
    rows.push(result('event rule pattern', where, samePattern, 'the pattern of the stack\'s template', samePattern ? 'as expected' : String(live.EventPattern),
      'the pattern was changed outside CloudFormation: update the stack to restore it'));
    const targets = (await c.events.send(new events.ListTargetsByRuleCommand({ Rule: ruleName }))).Targets ?? [];
    const expectedTargets = asList<any>(r.Properties?.Targets)
      .map((t) => ({ arn: resolveValue(t.Arn, view), dlq: resolveValue(t.DeadLetterConfig?.Arn, view) }));
    const foundTargets = targets.map((t) => ({ arn: t.Arn, dlq: t.DeadLetterConfig?.Arn }));
    const sameTargets = canonical(expectedTargets.sort((a, b) => String(a.arn).localeCompare(String(b.arn))))
      === canonical(foundTargets.sort((a, b) => String(a.arn).localeCompare(String(b.arn))));
    rows.push(result('event rule targets', where, sameTargets, expectedTargets.map((t) => `${t.arn} (dead letters: ${t.dlq ?? 'none'})`).join(', '),
      foundTargets.map((t) => `${t.arn} (dead letters: ${t.dlq ?? 'none'})`).join(', ') || 'none',
      'the targets were changed outside CloudFormation: update the stack to restore them'));
  }
  rows.push(...await checkSubscriptions(c, view, expectedQueueArn));
  rows.push(...await checkDeadLetterQueues(c, view));
  return rows;
}

export async function checkSubscriptions(c: Clients, view: StackView, expectedQueueArn: string | undefined): Promise<CheckResult[]> {
  const where = `${view.account}/${view.region}`;
  const sns = c.sdk.sns;
  const rows: CheckResult[] = [];
  for (const [, s] of resourcesOf(view, 'AWS::SNS::Subscription')) {
    const topicArn = resolveValue(s.Properties?.TopicArn, view);
    const endpoint = expectedQueueArn ?? resolveValue(s.Properties?.Endpoint, view);
    const subs = topicArn === UNRESOLVED ? []
      : (await c.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions ?? [];
    const mine = subs.filter((x) => x.Endpoint === endpoint);
    const confirmed = mine.some((x) => x.SubscriptionArn !== undefined && x.SubscriptionArn !== 'PendingConfirmation');
    const found = mine.length === 0
      ? `no subscription of ${endpoint}${subs.length > 0 ? ` (the topic has ${subs.map((x) => x.Endpoint).join(', ')})` : ''}`
      : mine.map((x) => x.SubscriptionArn).join(', ');
    rows.push(result('topic subscription confirmed', where, confirmed, `${s.Properties?.Protocol ?? 'sqs'} subscription of ${endpoint}, confirmed`, found,
      mine.length === 0
        ? 'the subscription was removed: update the stack, and check with the vendor that its queue policy admits this topic'
        : 'the endpoint has not confirmed: for a queue in another account, its owner (the vendor) must allow this topic in the queue policy and confirm'));
  }
  return rows;
}

/** Logical IDs of the queues a template uses as dead-letter queues. */
export function deadLetterQueueIds(template: any): string[] {
  const ids = new Set<string>();
  const visit = (x: any, key?: string) => {
    if (Array.isArray(x)) {x.forEach((y) => visit(y));} else if (x !== null && typeof x === 'object') {
      if ((key === 'DeadLetterConfig' || key === 'RedrivePolicy') && x) {
        const arn = x.Arn ?? x.deadLetterTargetArn;
        const getAtt = arn?.['Fn::GetAtt'];
        if (getAtt) ids.add(typeof getAtt === 'string' ? getAtt.split('.')[0] : getAtt[0]);
      }
      for (const [k, v] of Object.entries(x)) visit(v, k);
    }
  };
  visit(template.Resources);
  return [...ids].sort();
}

async function checkDeadLetterQueues(c: Clients, view: StackView): Promise<CheckResult[]> {
  const where = `${view.account}/${view.region}`;
  const sqs = c.sdk.sqs;
  const rows: CheckResult[] = [];
  for (const id of deadLetterQueueIds(view.template)) {
    const url = view.physical[id];
    if (!url) continue;
    const attrs = (await c.sqs.send(new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
    const count = Number(attrs.ApproximateNumberOfMessages ?? 0) + Number(attrs.ApproximateNumberOfMessagesNotVisible ?? 0);
    rows.push(result('dead-letter queue empty', where, count === 0, `no message in ${url.split('/').pop()}`, `${count} message(s)`,
      'deliveries failed: read the messages (aws sqs receive-message) to see why (usually the target queue\'s policy or key), fix it, then purge or redrive the queue'));
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Trail

export async function checkTrail(c: Clients, account: string, region: string): Promise<CheckResult[]> {
  const ct = c.sdk.cloudtrail;
  const trails = (await c.cloudtrail.send(new ct.DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [];
  const seen: string[] = [];
  for (const t of trails) {
    const status = await c.cloudtrail.send(new ct.GetTrailStatusCommand({ Name: t.TrailARN }));
    const selectors = t.HasCustomEventSelectors
      ? await c.cloudtrail.send(new ct.GetEventSelectorsCommand({ TrailName: t.TrailARN }))
      : undefined;
    const management = selectors === undefined
      || (selectors.EventSelectors ?? []).some((s) => s.IncludeManagementEvents !== false && s.ReadWriteType !== 'ReadOnly')
      || (selectors.AdvancedEventSelectors ?? []).some((s) => (s.FieldSelectors ?? []).some((f) => f.Field === 'eventCategory' && (f.Equals ?? []).includes('Management')));
    const ok = status.IsLogging === true && t.IsMultiRegionTrail === true && t.IncludeGlobalServiceEvents === true && management;
    seen.push(`${t.Name}: ${[status.IsLogging ? 'logging' : 'not logging', t.IsMultiRegionTrail ? 'multi-region' : 'single-region',
      t.IncludeGlobalServiceEvents ? 'global events' : 'no global events', management ? 'management events' : 'no write management events'].join(', ')}`);
    if (ok) return [result('trail logging', `${account}/${region}`, true, 'a logging multi-region trail with global service and management events', seen[seen.length - 1], '')];
  }
  return [result('trail logging', `${account}/${region}`, false, 'a logging multi-region trail with global service and management events', seen.join('; ') || 'no trail',
    trails.length === 0
      ? 'create a trail (the AuditTrail construct, or an organization trail in the management account): the event stream receives API calls only through CloudTrail'
      : 'aws cloudtrail start-logging --name <trail>, and make it multi-region with global service events (aws cloudtrail update-trail --is-multi-region-trail --include-global-service-events)')];
}

// ---------------------------------------------------------------------------
// StackSets and SCPs (management account)

export async function checkStackSet(c: Clients, account: string, stackSetName: string, callAs: 'SELF' | 'DELEGATED_ADMIN'): Promise<CheckResult[]> {
  const cfn = c.sdk.cfn;
  const where = account;
  const summaries: any[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await c.cfn.send(new cfn.ListStackInstancesCommand({ StackSetName: stackSetName, CallAs: callAs, NextToken: token }));
      summaries.push(...page.Summaries ?? []);
      token = page.NextToken;
    } while (token);
  } catch (err) {
    return [result('StackSet instances current', where, false, `StackSet ${stackSetName}`, errorName(err), 'give the StackSet\'s name (aws cloudformation list-stack-sets); a delegated administrator adds --call-as DELEGATED_ADMIN')];
  }
  return [stackSetInstancesResult(where, stackSetName, summaries)];
}

/** The StackSet row from ListStackInstances summaries (exported for tests of the states moto does not produce). */
export function stackSetInstancesResult(where: string, stackSetName: string, summaries: any[]): CheckResult {
  const bad = summaries.filter((s) => s.Status !== 'CURRENT' || (s.StackInstanceStatus?.DetailedStatus && s.StackInstanceStatus.DetailedStatus !== 'SUCCEEDED'));
  const found = summaries.length === 0 ? 'no instances'
    : bad.length === 0 ? `${summaries.length} instance(s) CURRENT`
      : bad.map((s) => `${s.Account}/${s.Region} ${s.Status}${s.StackInstanceStatus?.DetailedStatus ? ` ${s.StackInstanceStatus.DetailedStatus}` : ''}${s.StatusReason ? `: ${s.StatusReason}` : ''}`).join('; ');
  return result('StackSet instances current', where, summaries.length > 0 && bad.length === 0, `every instance of ${stackSetName} CURRENT`, found,
    summaries.length === 0
      ? 'the StackSet deploys nowhere: add deployment targets (aws cloudformation create-stack-instances)'
      : 'read the status reasons (aws cloudformation list-stack-instances), fix the cause (often a missing execution role or an SCP), then aws cloudformation update-stack-instances');
}

export async function checkScp(c: Clients, account: string, policyName: string, targets: string[]): Promise<CheckResult[]> {
  const org = c.sdk.organizations;
  const where = account;
  const policies: any[] = [];
  let token: string | undefined;
  do {
    const page = await c.organizations.send(new org.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken: token }));
    policies.push(...page.Policies ?? []);
    token = page.NextToken;
  } while (token);
  const policy = policies.find((p) => p.Name === policyName);
  if (!policy) {
    return [result('guardrail SCP exists', where, false, `SCP ${policyName}`, `not found among ${policies.map((p) => p.Name).join(', ') || 'no SCPs'}`,
      'deploy the guardrail-scps template (or OrgGuardrailScp) in the management account, or give the policy\'s name with --scp')];
  }
  const attached: string[] = [];
  token = undefined;
  do {
    const page: { Targets?: Array<{ TargetId?: string }>; NextToken?: string } = await c.organizations.send(
      new org.ListTargetsForPolicyCommand({ PolicyId: policy.Id, NextToken: token }));
    attached.push(...(page.Targets ?? []).map((t) => t.TargetId!));
    token = page.NextToken;
  } while (token);
  return [result('guardrail SCP exists', where, true, `SCP ${policyName}`, policy.Id, ''),
    ...targets.map((t) => result('guardrail SCP attached', where, attached.includes(t), `${policyName} attached to ${t}`,
      attached.includes(t) ? 'attached' : `attached to ${attached.join(', ') || 'nothing'}`,
      `aws organizations attach-policy --policy-id ${policy.Id} --target-id ${t} (and find who detached it: CloudTrail DetachPolicy)`))];
}
