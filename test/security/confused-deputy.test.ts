import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ts from 'typescript';
import { AuditTrail, CentralEventQueue, EventForwarder, EventStreamRule, NrtPublisher, NrtReceiver } from '../../src/event-stream';
import { OrgResourceControlPolicy } from '../../src/guardrails';
import { StackSetAdminRole, StackSetExecutionPermissions, StackSetExecutionRole } from '../../src/stacksets';
import { sourceFiles } from '../core/_boundaries';
import { arnOf, expandAction, organizationPolicies, PolicyDoc, resolveTemplate, simulate } from '../harness';

/**
 * Each confused-deputy condition on its own (issue 20), wherever the library
 * emits one: every Allow statement of a resource policy or trust policy that
 * carries `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceOrgID` is
 * simulated with all its conditions satisfied (allowed), then with each
 * source condition alone wrong, and alone missing, the others still
 * satisfied (denied). The statements and their keys are written out per
 * scenario, so dropping any one condition of a statement fails here, not
 * only a preset test. The RCP's confused-deputy Deny is tested the other way
 * round (each way in works on its own). Complete by construction: every file
 * of src/ that writes one of these keys must be exercised here.
 */

const ACCOUNT = '123456789012';
const OTHER_ACCOUNT = '999988887777';
const ORG = 'o-a1b2c3d4e5';
const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID'];

/** The constructs that emit source conditions, and the src/ files whose conditions each one renders. */
interface Scenario {
  /** The src/ files whose source conditions the scenario renders. */
  readonly files: string[];
  readonly build: (stack: Stack) => void;
  /**
   * Every statement of the template that carries a source condition
   * ("<logical ID> <Sid>", or "#<index>" without a Sid), with the source
   * keys it must carry: written out, so a dropped condition fails.
   */
  readonly statements: Record<string, string[]>;
}

const SCENARIOS: Record<string, Scenario> = {
  'StackSetAdminRole': {
    files: ['src/stacksets/stack-set-admin-role.ts'],
    build: (stack) => new StackSetAdminRole(stack, 'Admin', { optInRegions: ['ap-east-1'] }),
    statements: {
      'AdminRoleB15CDE94 #0': ['aws:SourceAccount', 'aws:SourceArn'],
      'AdminRoleB15CDE94 #1': ['aws:SourceAccount', 'aws:SourceArn'],
    },
  },
  'StackSetExecutionRole with cloudFormationServiceTrust': {
    files: ['src/stacksets/stack-set-execution-role.ts'],
    build: (stack) => new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: '111122223333', permissions: StackSetExecutionPermissions.GUIDE_PUBLISHER, cloudFormationServiceTrust: true,
    }),
    statements: {
      'ExecutionRole829ADBFF #1': ['aws:SourceAccount'],
    },
  },
  'EventStreamRule with delivery-status logging': {
    files: ['src/event-stream/event-stream-rule.ts'],
    build: (stack) => new EventStreamRule(stack, 'Rule', { deliveryStatusLogging: true }),
    statements: {
      'RuleDeadLetterQueuePolicy7DDE0F22 AllowTheEventStreamRuleToDeadLetter': ['aws:SourceArn'],
      'RuleTopicPolicyE1B4145B AllowOnlyTheEventStreamRuleToPublish': ['aws:SourceArn'],
      'RuleDeliveryStatusRole59EE01BB #0': ['aws:SourceAccount'],
    },
  },
  'CentralEventQueue with accounts, organization and a customer managed key': {
    files: ['src/event-stream/central-event-queue.ts'],
    build: (stack) => new CentralEventQueue(stack, 'Queue', {
      sourceAccountIds: [ACCOUNT, '444455556666'], sourceOrganizationId: ORG, encryptionKey: new kms.Key(stack, 'Key'),
    }),
    statements: {
      'Key961B73FD AllowEventStreamTopicsToUseKey': ['aws:SourceArn'],
      'QueuePolicyDB5CAAD1 AllowEventStreamTopicsOfListedAccounts': ['aws:SourceAccount', 'aws:SourceArn'],
      'QueuePolicyDB5CAAD1 AllowEventStreamTopicsOfOrganization': ['aws:SourceArn', 'aws:SourceOrgID'],
    },
  },
  'AuditTrail': {
    files: ['src/event-stream/audit-trail.ts'],
    build: (stack) => new AuditTrail(stack, 'Trail'),
    statements: {
      'TrailKey31F874A3 AllowCloudTrailToEncryptLogs': ['aws:SourceArn'],
      'TrailKey31F874A3 AllowCloudTrailToDescribeKey': ['aws:SourceArn'],
      'TrailAccessLogsBucketPolicy66F406D7 AllowServerAccessLogsOfTheTrailBucket': ['aws:SourceAccount', 'aws:SourceArn'],
      'TrailBucketPolicy053FC86D AllowCloudTrailAclCheck': ['aws:SourceArn'],
      'TrailBucketPolicy053FC86D AllowCloudTrailWrite': ['aws:SourceArn'],
    },
  },
  'NrtReceiver': {
    files: ['src/event-stream/nrt-receiver.ts'],
    build: (stack) => new NrtReceiver(stack, 'Receiver', { publisherAccountIds: ['444455556666'] }),
    statements: {
      'ReceiverDeadLetterQueuePolicy171CB586 AllowOnlyTheReceiverRule': ['aws:SourceArn'],
      'ReceiverQueuePolicyFE4BBEBF AllowOnlyTheReceiverRule': ['aws:SourceArn'],
    },
  },
  'EventForwarder and NrtPublisher': {
    files: ['src/event-stream/private/forwarding.ts'],
    build: (stack) => {
      new EventForwarder(stack, 'Forwarder', { targetAccountId: '444455556666' });
      new NrtPublisher(stack, 'Publisher', { receiverAccountId: '444455556666' });
    },
    statements: {
      'ForwarderDeadLetterQueuePolicy0E4D4AB9 AllowTheForwarderRuleToDeadLetter': ['aws:SourceArn'],
      'ForwarderRoleDD76EF76 #0': ['aws:SourceAccount'],
      'PublisherDeadLetterQueuePolicy8C6D2F96 AllowThePublisherRuleToDeadLetter': ['aws:SourceArn'],
      'PublisherRoleC8390E96 #0': ['aws:SourceAccount'],
    },
  },
};


/** One policy a template holds, with what a request to it needs. */
interface PolicySite {
  readonly where: string;
  readonly doc: PolicyDoc;
  /** The ARN of the resource the policy guards (a role for a trust policy). */
  readonly resource: string;
}

const POLICY_OWNERS: Record<string, (props: any) => unknown> = {
  'AWS::SQS::QueuePolicy': (p) => p.PolicyDocument,
  'AWS::SNS::TopicPolicy': (p) => p.PolicyDocument,
  'AWS::S3::BucketPolicy': (p) => p.PolicyDocument,
  'AWS::KMS::Key': (p) => p.KeyPolicy,
  'AWS::IAM::Role': (p) => p.AssumeRolePolicyDocument,
};

/** The resource a policy of `id` guards. */
function guardedArn(t: any, id: string): string {
  const r = t.Resources[id];
  const target = r.Properties.Queues?.[0] ?? r.Properties.Topics?.[0] ?? r.Properties.Bucket;
  if (target === undefined) return arnOf(t, id);
  // The policy names its target by Ref, resolved to a URL, ARN or name: find the resource it is.
  const owner = Object.keys(t.Resources).find((other) => {
    if (other === id || !['AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::S3::Bucket'].includes(t.Resources[other].Type)) return false;
    const arn = arnOf(t, other);
    return arn === target || arn.endsWith(`:${target}`) || target.endsWith(`/${arn.split(':').pop()}`);
  });
  if (!owner) throw new Error(`cannot tell which resource ${id} guards (${JSON.stringify(target)})`);
  return arnOf(t, owner);
}

function sitesOf(t: any): PolicySite[] {
  return Object.entries<any>(t.Resources).flatMap(([id, r]) => {
    const pick = POLICY_OWNERS[r.Type];
    const doc = pick?.(r.Properties ?? {}) as PolicyDoc | undefined;
    if (!doc) return [];
    return [{ where: `${r.Type} ${id}`, doc, resource: guardedArn(t, id) }];
  });
}

const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/**
 * Condition keys iam-simulate does not evaluate (it reports them ignored, so
 * their condition never matches). They are dropped from the statement under
 * test: what is tested here is the source conditions.
 */
const UNSIMULATED_KEYS = [/^kms:EncryptionContext:/];

/** The statement without the condition keys the simulator cannot evaluate. */
function simulable(statement: any): any {
  if (!statement.Condition) return statement;
  const condition: Record<string, Record<string, unknown>> = {};
  for (const [op, keys] of Object.entries<Record<string, unknown>>(statement.Condition)) {
    const kept = Object.fromEntries(Object.entries(keys).filter(([key]) => !UNSIMULATED_KEYS.some((re) => re.test(key))));
    if (Object.keys(kept).length > 0) condition[op] = kept;
  }
  return { ...statement, Condition: condition };
}

/** A concrete value that matches a condition value (wildcards filled). */
function matching(value: string): string {
  return value.replace(/\*/g, 'x').replace(/\?/g, 'x');
}

/** A value for `key` that does not match `value`. */
function mismatching(key: string, value: string): string {
  if (key === 'aws:SourceAccount') return OTHER_ACCOUNT;
  if (key === 'aws:SourceOrgID') return 'o-zzzzzzzzzz';
  // An ARN: the same shape in another account, or another resource of the same account.
  const arn = matching(value);
  return arn.includes(ACCOUNT) ? arn.split(ACCOUNT).join(OTHER_ACCOUNT) : `${arn.replace(/:[^:]*$/, ':')}other-resource`;
}

/** The context that satisfies every condition of a statement. */
function satisfying(condition: Record<string, Record<string, unknown>>): Record<string, string> {
  const ctx: Record<string, string> = {};
  for (const [op, keys] of Object.entries(condition)) {
    for (const [key, value] of Object.entries(keys)) {
      const first = String(list(value as string | string[])[0]);
      if (op === 'Null') {
        if (first === 'false') ctx[key] ??= 'present';
        continue;
      }
      ctx[key] = /Like$/.test(op) ? matching(first) : first;
    }
  }
  return ctx;
}

interface Case {
  readonly scenario: string;
  /** "<logical ID> <Sid or #index>". */
  readonly key: string;
  /** The source keys the statement carries. */
  readonly found: string[];
  readonly name: string;
  readonly principal: string;
  readonly action: string;
  readonly site: PolicySite;
  readonly statement: any;
  readonly context: Record<string, string>;
  readonly sourceKeys: string[];
}

/** Every Allow statement with a source condition, as a request that satisfies it. */
function casesOf(scenario: string, t: any): Case[] {
  return sitesOf(t).flatMap((site) => list(site.doc.Statement).flatMap((s: any, i: number) => {
    const condition = simulable(s).Condition ?? {};
    const keys = Object.values<Record<string, unknown>>(condition).flatMap((byKey) => Object.keys(byKey));
    const sourceKeys = [...new Set(keys.filter((k) => SOURCE_KEYS.includes(k)))];
    if (s.Effect !== 'Allow' || sourceKeys.length === 0) return [];
    const services = list(s.Principal?.Service ?? []);
    if (services.length === 0) throw new Error(`${site.where} statement ${i}: a source condition without a service principal`);
    const actionPattern = String(list(s.Action)[0]);
    const action = /[*?]/.test(actionPattern) ? expandAction(actionPattern)[0] : actionPattern;
    const key = `${site.where.split(' ')[1]} ${s.Sid ?? `#${i}`}`;
    return services.map((principal: string) => ({
      scenario,
      key,
      found: [...sourceKeys].sort(),
      name: `${scenario}: ${key} (${principal} ${action})`,
      principal,
      action,
      site,
      statement: s,
      context: satisfying(condition),
      // The keys the scenario declares (a dropped one is then still tested, and fails).
      sourceKeys: SCENARIOS[scenario].statements[key] ?? sourceKeys,
    }));
  }));
}

/** The resource a request names: the statement's own resource when concrete, else the guarded one. */
function requestFor(c: Case, context: Record<string, string>) {
  const own = list(c.statement.Resource ?? '*').map(String).find((r) => r !== '*');
  return {
    principal: c.principal,
    action: c.action,
    resource: own ? matching(own) : c.site.resource,
    resourcePolicy: { ...c.site.doc, Statement: list(c.site.doc.Statement).map((s: any) => (s === c.statement ? simulable(s) : s)) },
    resourceAccount: ACCOUNT,
    context,
    allowIgnoredContextKeys: true,
  };
}

function templateOf(build: (stack: Stack) => void): any {
  const stack = new Stack(new App(), 'Deputy', { env: { account: ACCOUNT, region: 'us-east-1' } });
  build(stack);
  return resolveTemplate(Template.fromStack(stack).toJSON(), { account: ACCOUNT, region: 'us-east-1', partition: 'aws' });
}

const CASES = Object.entries(SCENARIOS).flatMap(([name, s]) => casesOf(name, templateOf(s.build)));

describe('each confused-deputy condition on its own', () => {
  test.each(Object.keys(SCENARIOS))('%s: exactly the declared statements carry source conditions, with the declared keys', (name) => {
    const found = Object.fromEntries(CASES.filter((c) => c.scenario === name).map((c) => [c.key, c.found]));
    const declared = Object.fromEntries(Object.entries(SCENARIOS[name].statements).map(([key, keys]) => [key, [...keys].sort()]));
    expect(found).toEqual(declared);
  });

  describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    test('all conditions satisfied: allowed', async () => {
      expect((await simulate(requestFor(c, c.context))).result).toBe('Allowed');
    });

    test.each(c.sourceKeys)('%s alone wrong: denied', async (key) => {
      const context = { ...c.context, [key]: mismatching(key, c.context[key]) };
      expect((await simulate(requestFor(c, context))).result).not.toBe('Allowed');
    });

    test.each(c.sourceKeys)('%s alone missing: denied', async (key) => {
      const context = { ...c.context };
      delete context[key];
      expect((await simulate(requestFor(c, context))).result).not.toBe('Allowed');
    });
  });
});

/**
 * The Deny of OrgResourceControlPolicy (confused-deputy protection): a
 * service principal acting for a source outside the organization is denied
 * unless the source account is trusted. Each way in works on its own: the
 * organization alone, and the trusted account alone; neither is denied.
 */
const RCP_FILE = 'src/guardrails/statements/deny-services-for-outsiders.ts';
const MEMBER = '222233334444';
const VENDOR = '111122223333';

describe('OrgResourceControlPolicy confused-deputy Deny: each way in on its own', () => {
  const stack = new Stack(new App(), 'Rcp');
  new OrgResourceControlPolicy(stack, 'Rcp', { organizationId: ORG, targetIds: ['ou-ab12-11111111'], trustedAccounts: [VENDOR] });
  const rcps = organizationPolicies(resolveTemplate(Template.fromStack(stack).toJSON()), 'RESOURCE_CONTROL_POLICY');
  const queue = `arn:aws:sqs:us-east-1:${MEMBER}:cloudcoreo-events-queue`;
  const OPEN: PolicyDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
  const decide = async (context: Record<string, string>) => (await simulate({
    principal: 'sns.amazonaws.com', action: 'sqs:SendMessage', resource: queue, resourceAccount: MEMBER, resourcePolicy: OPEN, rcps, context,
  })).result;

  test.each([
    ['aws:SourceOrgID of the organization, aws:SourceAccount neither a member nor trusted', 'Allowed', { 'aws:SourceOrgID': ORG, 'aws:SourceAccount': OTHER_ACCOUNT }],
    ['aws:SourceAccount trusted, aws:SourceOrgID of another organization', 'Allowed', { 'aws:SourceOrgID': 'o-zzzzzzzzzz', 'aws:SourceAccount': VENDOR }],
    ['aws:SourceAccount trusted, no aws:SourceOrgID (an account of no organization)', 'Allowed', { 'aws:SourceAccount': VENDOR }],
    ['neither: another organization and an untrusted account', 'ExplicitlyDenied', { 'aws:SourceOrgID': 'o-zzzzzzzzzz', 'aws:SourceAccount': OTHER_ACCOUNT }],
    ['neither: no organization and an untrusted account', 'ExplicitlyDenied', { 'aws:SourceAccount': OTHER_ACCOUNT }],
  ] as Array<[string, string, Record<string, string>]>)('%s: %s', async (_what, expected, context) => {
    expect(await decide(context)).toBe(expected);
  });
});

/** The files of src/ that write a source key (as a property name or element key, not inside a message). */
function filesWritingSourceKeys(): string[] {
  const root = path.resolve(__dirname, '..', '..');
  return sourceFiles().filter((file) => {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    let found = false;
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) && SOURCE_KEYS.includes(node.text)) found = true;
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });
}

test('every file of src/ that writes a source condition is exercised above', () => {
  const covered = new Set([...Object.values(SCENARIOS).flatMap((s) => s.files), RCP_FILE]);
  expect(filesWritingSourceKeys().filter((f) => !covered.has(f))).toEqual([]);
});
