import { randomUUID } from 'crypto';
import { CreateEventBusCommand, DeleteRuleCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { motoClients, MotoClients } from './aws-clients';
import { DeployedResource, Deployment, destroyClients } from './cloudformation';
import { queueArnOf } from './read-back';

/**
 * Flows driven end to end on the emulator, derived from the deployed
 * templates: SNS publish to a subscribed queue, PutEvents through a rule to
 * its queue or event-bus target (and on to the next bus's rules), and event
 * patterns evaluated by moto's EventBridge matcher (its TestEventPattern
 * operation is a stub in moto 5.2.5, see {@link emulatorMatches}).
 */

const MATCHER_PLACEHOLDER = 'cab-sample';

/**
 * An event field value that satisfies one element of an EventBridge pattern
 * list, or `undefined` when the element is not satisfiable by a simple value
 * (e.g. `exists: false`).
 */
function valueFor(matcher: any): { ok: boolean; value?: any } {
  if (matcher === null || typeof matcher !== 'object') return { ok: true, value: matcher };
  if ('prefix' in matcher) {
    const pre = typeof matcher.prefix === 'object' ? matcher.prefix['equals-ignore-case'] : matcher.prefix;
    return { ok: true, value: `${pre}${MATCHER_PLACEHOLDER}` };
  }
  if ('suffix' in matcher) {
    const suf = typeof matcher.suffix === 'object' ? matcher.suffix['equals-ignore-case'] : matcher.suffix;
    return { ok: true, value: `${MATCHER_PLACEHOLDER}${suf}` };
  }
  if ('equals-ignore-case' in matcher) return { ok: true, value: matcher['equals-ignore-case'] };
  if ('wildcard' in matcher) return { ok: true, value: String(matcher.wildcard).replace(/\*/g, 'x') };
  if ('anything-but' in matcher) return { ok: true, value: `${MATCHER_PLACEHOLDER}-other` };
  if ('exists' in matcher) return matcher.exists ? { ok: true, value: MATCHER_PLACEHOLDER } : { ok: false };
  if ('numeric' in matcher) {
    const ops: any[] = matcher.numeric;
    let lo = -1e9; let hi = 1e9;
    for (let i = 0; i < ops.length; i += 2) {
      const [op, v] = [ops[i], Number(ops[i + 1])];
      if (op === '=') return { ok: true, value: v };
      if (op === '>' || op === '>=') lo = Math.max(lo, op === '>' ? v + 1e-3 : v);
      if (op === '<' || op === '<=') hi = Math.min(hi, op === '<' ? v - 1e-3 : v);
    }
    return { ok: lo <= hi, value: lo === -1e9 ? hi : lo };
  }
  return { ok: false };
}

/**
 * An object that matches `pattern`: for each field the first satisfiable
 * element of its list, recursing into nested objects. Fields with
 * `exists: false` are left out. Returns undefined if some field cannot be
 * satisfied this simply (`$or`, `cidr`), so the caller reports it as not driven.
 */
export function sampleMatching(pattern: any): any {
  const out: any = {};
  for (const [key, cond] of Object.entries<any>(pattern ?? {})) {
    if (key === '$or') return undefined;
    if (Array.isArray(cond)) {
      if (cond.length === 1 && cond[0]?.exists === false) continue;
      const pick = cond.map(valueFor).find((v) => v.ok);
      if (!pick) return undefined;
      out[key] = pick.value;
    } else if (cond !== null && typeof cond === 'object') {
      const nested = sampleMatching(cond);
      if (nested === undefined) return undefined;
      out[key] = nested;
    } else {
      return undefined;
    }
  }
  return out;
}

/** The full event envelope TestEventPattern needs, from a sample of the pattern's fields. */
export function envelope(sample: any, where: { account: string; region: string }): any {
  return {
    'version': '0',
    'id': randomUUID(),
    'detail-type': MATCHER_PLACEHOLDER,
    'source': `${MATCHER_PLACEHOLDER}.source`,
    'account': where.account,
    'time': '2026-11-23T10:00:00Z',
    'region': where.region,
    'resources': [],
    ...sample,
    'detail': { ...(sample.detail ?? {}) },
  };
}

/** EventBridge's TestEventPattern verdict; moto 5.2.5 answers without a result (the operation is a stub there). */
export async function testEventPatternApi(c: MotoClients, pattern: any, event: any): Promise<boolean | undefined> {
  const out = await c.events.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event) }));
  return out.Result;
}

const PROBE_BUS = 'cab-pattern-probe';
const probeQueues = new WeakMap<MotoClients, Promise<string>>();

/**
 * Whether moto's EventBridge matches `event` against `pattern`, asked the only
 * way moto answers: a probe rule with the pattern on a probe bus, targeting a
 * probe queue, then PutEvents and a receive (moto delivers synchronously).
 * Only `source`, `detail-type`, `detail` and `resources` of the event are
 * sent (PutEvents sets the rest).
 */
export async function emulatorMatches(c: MotoClients, pattern: any, event: any): Promise<boolean> {
  if (!probeQueues.has(c)) {
    probeQueues.set(c, (async () => {
      await c.events.send(new CreateEventBusCommand({ Name: PROBE_BUS })).catch((e) => {
        if (!/exists/i.test(String(e))) throw e;
      });
      const q = await c.sqs.send(new CreateQueueCommand({ QueueName: PROBE_BUS }));
      return q.QueueUrl!;
    })());
  }
  const queueUrl = await probeQueues.get(c)!;
  const rule = `cab-probe-${randomUUID().slice(0, 8)}`;
  await c.events.send(new PutRuleCommand({ Name: rule, EventBusName: PROBE_BUS, EventPattern: JSON.stringify(pattern) }));
  try {
    const queueArn = `arn:aws:sqs:${c.region}:${c.account}:${PROBE_BUS}`;
    await c.events.send(new PutTargetsCommand({ Rule: rule, EventBusName: PROBE_BUS, Targets: [{ Id: 'probe', Arn: queueArn }] }));
    const marker = `cab-probe-${randomUUID()}`;
    await c.events.send(new PutEventsCommand({
      Entries: [{
        EventBusName: PROBE_BUS,
        Source: event.source,
        DetailType: event['detail-type'],
        Detail: JSON.stringify({ ...event.detail, cabProbe: marker }),
        Resources: event.resources ?? [],
      }],
    }));
    return (await receiveContaining(c, queueUrl, marker, 1, 0)) !== undefined;
  } finally {
    await c.events.send(new RemoveTargetsCommand({ Rule: rule, EventBusName: PROBE_BUS, Ids: ['probe'] }));
    await c.events.send(new DeleteRuleCommand({ Name: rule, EventBusName: PROBE_BUS }));
  }
}

/** Receives (long-poll, bounded) until a message whose body contains `marker` arrives; deletes what it read. */
export async function receiveContaining(
  c: MotoClients, queueUrl: string, marker: string, attempts = 5, waitSeconds = 1,
): Promise<string | undefined> {
  for (let i = 0; i < attempts; i++) {
    const out = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }));
    for (const m of out.Messages ?? []) {
      await c.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      if ((m.Body ?? '').includes(marker)) return m.Body;
    }
  }
  return undefined;
}

/** Where a deployed queue is, from its ARN. */
function findQueue(all: Deployment[], arn: string): { d: Deployment; r: DeployedResource } | undefined {
  for (const d of all) {
    for (const r of d.resources) if (queueArnOf(r) === arn) return { d, r };
  }
  return undefined;
}

/** Outcome of one driven flow. */
export interface FlowResult {
  readonly flow: string;
  /** `delivered`, `not delivered` (a failure), or `not driven: <why>`. */
  readonly outcome: string;
}

/** Publishes to every topic with an SQS subscription in the deployments and receives the message from the queue. */
export async function driveSnsToSqs(endpoint: string, all: Deployment[]): Promise<FlowResult[]> {
  const results: FlowResult[] = [];
  for (const d of all) {
    for (const r of d.resources) {
      if (r.type !== 'AWS::SNS::Subscription' || r.properties.Protocol !== 'sqs') continue;
      const flow = `${d.stack.stackName}/${r.logicalId}: SNS ${r.properties.TopicArn} -> SQS ${r.properties.Endpoint}`;
      if (r.properties.FilterPolicy) {
        results.push({ flow, outcome: 'not driven: the subscription has a filter policy' });
        continue;
      }
      const queue = findQueue(all, r.properties.Endpoint);
      if (!queue) {
        results.push({ flow, outcome: 'not driven: the queue is not deployed here' });
        continue;
      }
      const topicParts = String(r.properties.TopicArn).split(':');
      if (topicParts[4] !== queue.d.stack.where.account) {
        // moto looks the queue up in the topic's account (moto/sns/models.py), so it cannot deliver across accounts.
        results.push({ flow, outcome: 'not driven: moto delivers SNS to SQS only within one account' });
        continue;
      }
      const marker = `cab-sns-${randomUUID()}`;
      const pub = motoClients(endpoint, { account: topicParts[4], region: topicParts[3] });
      try {
        await pub.sns.send(new PublishCommand({ TopicArn: r.properties.TopicArn, Message: JSON.stringify({ marker }) }));
      } finally {
        destroyClients(pub);
      }
      const body = await receiveContaining(queue.d.clients, queue.r.physicalId!, marker);
      if (body === undefined) {
        results.push({ flow, outcome: 'not delivered' });
        continue;
      }
      const raw = String(r.properties.RawMessageDelivery) === 'true';
      const shapeOk = raw ? JSON.parse(body).marker === marker : JSON.parse(JSON.parse(body).Message).marker === marker;
      results.push({ flow, outcome: shapeOk ? 'delivered' : `delivered with the wrong shape for RawMessageDelivery=${raw}: ${body}` });
    }
  }
  return results;
}

/** Rules deployed on the bus `busName` of `where`. */
function rulesOnBus(all: Deployment[], where: { account: string; region: string }, busName: string): Array<{ d: Deployment; r: DeployedResource }> {
  return all.flatMap((d) => d.resources.filter((r) => r.type === 'AWS::Events::Rule' && r.physicalId
    && d.stack.where.account === where.account && d.stack.where.region === where.region
    && busNameOf(r.properties.EventBusName) === busName).map((r) => ({ d, r })));
}

function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  const m = /:event-bus\/(.+)$/.exec(nameOrArn);
  return m ? m[1] : nameOrArn;
}

/**
 * For every rule with an event pattern: puts an event that matches it on its
 * bus and follows it to every SQS target, through event-bus targets to the
 * next bus's matching rules. moto delivers to SQS, event-bus, log-group and
 * archive targets only (an SNS target makes PutEvents fail), so an event that
 * would reach any other target kind is not put; that rule is reported as not
 * driven (its pattern is still checked by {@link checkPatterns}).
 */
export async function drivePutEvents(all: Deployment[]): Promise<FlowResult[]> {
  const results: FlowResult[] = [];
  for (const d of all) {
    for (const r of d.resources) {
      if (r.type !== 'AWS::Events::Rule' || !r.physicalId || !r.properties.EventPattern) continue;
      const flow = `${d.stack.stackName}/${r.logicalId}: PutEvents -> rule`;
      const sample = sampleMatching(r.properties.EventPattern);
      if (sample === undefined) {
        results.push({ flow, outcome: 'not driven: no simple sample event for the pattern' });
        continue;
      }
      const marker = `cab-event-${randomUUID()}`;
      const event = envelope({ ...sample, detail: { ...(sample.detail ?? {}), cabMarker: marker } }, d.stack.where);
      // Every queue the event reaches, following event-bus targets; refuse if a matching rule has a target moto cannot deliver to.
      const reached: Array<{ d: Deployment; r: DeployedResource; via: string }> = [];
      const blocked: string[] = [];
      const visit = async (where: { account: string; region: string }, bus: string, trail: string, depth: number) => {
        for (const rule of rulesOnBus(all, where, bus)) {
          const pattern = rule.r.properties.EventPattern;
          if (!pattern || !await emulatorMatches(rule.d.clients, pattern, { ...event, account: where.account, region: where.region })) continue;
          for (const t of rule.r.properties.Targets ?? []) {
            const arn = String(t.Arn).split(':');
            if (arn[2] === 'sqs') {
              const q = findQueue(all, t.Arn);
              if (q) reached.push({ ...q, via: `${trail} -> ${rule.r.logicalId} -> ${q.r.logicalId}` });
            } else if (arn[2] === 'events' && arn[5]?.startsWith('event-bus/') && depth < 3) {
              await visit({ account: arn[4], region: arn[3] }, arn[5].slice('event-bus/'.length), `${trail} -> ${rule.r.logicalId} -> bus ${arn[5]}`, depth + 1);
            } else if (!(arn[2] === 'logs' || (arn[2] === 'events' && !arn[5]?.startsWith('event-bus/')))) {
              blocked.push(`${rule.r.logicalId} target ${t.Id} (${arn[2]})`);
            }
          }
        }
      };
      await visit(d.stack.where, busNameOf(r.properties.EventBusName), 'PutEvents', 0);
      if (blocked.length > 0) {
        results.push({ flow, outcome: `not driven: moto cannot deliver to ${blocked.join(', ')}` });
        continue;
      }
      if (reached.length === 0) {
        results.push({ flow, outcome: 'not driven: no SQS queue is reached' });
        continue;
      }
      const put = await d.clients.events.send(new PutEventsCommand({
        Entries: [{
          Source: event.source,
          DetailType: event['detail-type'],
          Detail: JSON.stringify(event.detail),
          Resources: event.resources,
          EventBusName: r.properties.EventBusName,
        }],
      }));
      if ((put.FailedEntryCount ?? 0) > 0) {
        results.push({ flow, outcome: `not delivered: PutEvents failed ${JSON.stringify(put.Entries)}` });
        continue;
      }
      for (const q of reached) {
        const body = await receiveContaining(q.d.clients, q.r.physicalId!, marker);
        results.push({ flow: `${d.stack.stackName}/${q.via}`, outcome: body === undefined ? 'not delivered' : 'delivered' });
      }
    }
  }
  return results;
}

/**
 * A CloudTrail management event as EventBridge delivers it ("AWS API Call via
 * CloudTrail"), with the fields real events carry, for `eventSource`.
 */
export function cloudTrailEvent(eventSource: string, eventName: string, where: { account: string; region: string }): any {
  const service = eventSource.split('.')[0];
  return {
    'version': '0',
    'id': randomUUID(),
    'detail-type': 'AWS API Call via CloudTrail',
    'source': `aws.${service}`,
    'account': where.account,
    'time': '2026-11-23T10:00:00Z',
    'region': where.region,
    'resources': [],
    'detail': {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEID:admin',
        arn: `arn:aws:sts::${where.account}:assumed-role/Admin/admin`,
        accountId: where.account,
        sessionContext: { attributes: { creationDate: '2026-11-23T09:59:00Z', mfaAuthenticated: 'true' } },
      },
      eventTime: '2026-11-23T10:00:00Z',
      eventSource,
      eventName,
      awsRegion: where.region,
      sourceIPAddress: '203.0.113.10',
      userAgent: 'aws-cli/2.0',
      requestParameters: {},
      responseElements: null,
      requestID: randomUUID(),
      eventID: randomUUID(),
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: where.account,
      eventCategory: 'Management',
    },
  };
}

/**
 * Checks every rule pattern with moto's event matcher ({@link emulatorMatches};
 * moto's TestEventPattern is a stub): the sample
 * built from the pattern matches; for rules on "AWS API Call via CloudTrail",
 * a realistic CloudTrail event of each listed event source matches, the same
 * event from an unlisted source does not, and a copy whose `source` is not an
 * `aws.` source (anyone can put such an event) does not.
 */
export async function checkPatterns(all: Deployment[]): Promise<string[]> {
  const problems: string[] = [];
  for (const d of all) {
    for (const r of d.resources) {
      if (r.type !== 'AWS::Events::Rule' || !r.properties.EventPattern) continue;
      const where = `${d.stack.stackName}/${r.logicalId}`;
      const pattern = r.properties.EventPattern;
      const sample = sampleMatching(pattern);
      if (sample !== undefined && !await emulatorMatches(d.clients, pattern, envelope(sample, d.stack.where))) {
        problems.push(`${where}: the event built from the pattern does not match it: ${JSON.stringify(sample)}`);
      }
      if (!list(pattern['detail-type']).includes('AWS API Call via CloudTrail')) continue;
      const sources = list(pattern.detail?.eventSource).filter((s) => typeof s === 'string');
      const names = list(pattern.detail?.eventName).filter((s) => typeof s === 'string');
      const eventName = names[0] ?? 'CreateUser';
      for (const source of sources.length > 0 ? sources : ['iam.amazonaws.com']) {
        const real = cloudTrailEvent(source, eventName, d.stack.where);
        const patternSources = list(pattern.source);
        if (patternSources.length > 0 && !patternSources.some((s) => typeof s === 'string' ? s === real.source : s?.prefix !== undefined && real.source.startsWith(s.prefix))) {
          problems.push(`${where}: a CloudTrail event of ${source} has source ${real.source}, which the pattern's source ${JSON.stringify(pattern.source)} does not admit`);
          continue;
        }
        if (!await emulatorMatches(d.clients, pattern, real)) problems.push(`${where}: a CloudTrail event of ${source} (${eventName}) does not match`);
        const forged = { ...real, source: 'custom.forged' };
        if (await emulatorMatches(d.clients, pattern, forged)) problems.push(`${where}: an event forged with source "custom.forged" and the detail of ${source} matches (no aws. source guard)`);
      }
      if (sources.length > 0) {
        const other = cloudTrailEvent('cab-unlisted.amazonaws.com', eventName, d.stack.where);
        if (await emulatorMatches(d.clients, pattern, { ...other, source: list(pattern.source).find((s) => typeof s === 'string') ?? other.source })) {
          problems.push(`${where}: a CloudTrail event of an unlisted event source matches`);
        }
      }
    }
  }
  return problems;
}

function list(x: any): any[] {
  return x === undefined ? [] : [].concat(x);
}

/**
 * Puts `event` (its `source`, `detail-type`, `detail` and `resources`; PutEvents
 * sets the rest) on the default bus of the clients' account and region, as
 * an AWS service would. Throws if the entry is refused.
 */
export async function putOnDefaultBus(c: MotoClients, event: any): Promise<void> {
  const out = await c.events.send(new PutEventsCommand({
    Entries: [{
      Source: event.source,
      DetailType: event['detail-type'],
      Detail: JSON.stringify(event.detail),
      Resources: event.resources ?? [],
    }],
  }));
  if ((out.FailedEntryCount ?? 0) > 0) {
    throw new Error(`PutEvents refused the event: ${JSON.stringify(out.Entries)}`);
  }
}
