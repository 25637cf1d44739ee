/**
 * Finding 6 of issue 13: every part the library's constructs create must be
 * protectable. For every example app of examples/, every resource that a
 * library construct defines, of a kind a member admin could tamper with,
 * is attacked with one write whose request carries the resource's real
 * tags (read from the synthesized template) and its real ARN shape (a
 * managed policy's real path), against the SCPs of
 * examples/guardrails-org-perimeter.ts. Every write must be denied.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { configurations } from './configurations';
import { MEMBER, REGION, decideMove } from './harness';
import { EXAMPLES } from '../../../examples/registry';
import * as audit from '../../../src';

/** The constructs that build part of an audit setup (they mark their resources). */
const SETUP_CONSTRUCTS = [
  audit.ReadOnlyAuditRole, audit.AuditAccessKeyUser, audit.AssumeRoleConnector, audit.AuditInstanceProfileRole,
  audit.AuditTrail, audit.CentralEventQueue, audit.EventForwarder, audit.EventStreamRule, audit.NrtPublisher,
  audit.NrtReceiverRolePolicies, audit.NrtReceiver, audit.RegionalDeployment, audit.StackSetExecutionRolePolicy,
  audit.StackSetExecutionRole, audit.AriaSecureCloudsOnboarding, audit.SkyFormationConnector, audit.SkyhighNrtConfigAudit,
];

/** One write per kind of resource, and its ARN from the resource's name. */
const WRITES: Record<string, { action: string; arn: (name: string, props: any) => string }> = {
  'AWS::IAM::Role': { action: 'iam:UpdateAssumeRolePolicy', arn: (n, p) => `arn:aws:iam::${MEMBER}:role${p.Path ?? '/'}${p.RoleName ?? n}` },
  'AWS::IAM::User': { action: 'iam:CreateAccessKey', arn: (n, p) => `arn:aws:iam::${MEMBER}:user${p.Path ?? '/'}${p.UserName ?? n}` },
  'AWS::IAM::ManagedPolicy': { action: 'iam:CreatePolicyVersion', arn: (n, p) => `arn:aws:iam::${MEMBER}:policy${p.Path ?? '/'}${p.ManagedPolicyName ?? n}` },
  'AWS::Events::Rule': { action: 'events:DisableRule', arn: (n, p) => `arn:aws:events:${REGION}:${MEMBER}:rule/${p.Name ?? n}` },
  'AWS::SNS::Topic': { action: 'sns:SetTopicAttributes', arn: (n, p) => `arn:aws:sns:${REGION}:${MEMBER}:${p.TopicName ?? n}` },
  'AWS::SQS::Queue': { action: 'sqs:SetQueueAttributes', arn: (n, p) => `arn:aws:sqs:${REGION}:${MEMBER}:${p.QueueName ?? n}` },
  'AWS::KMS::Key': { action: 'kms:ScheduleKeyDeletion', arn: (n) => `arn:aws:kms:${REGION}:${MEMBER}:key/${n}` },
  'AWS::Logs::LogGroup': { action: 'logs:DeleteLogGroup', arn: (n, p) => `arn:aws:logs:${REGION}:${MEMBER}:log-group:${p.LogGroupName ?? n}` },
  'AWS::CloudTrail::Trail': { action: 'cloudtrail:StopLogging', arn: (n, p) => `arn:aws:cloudtrail:${REGION}:${MEMBER}:trail/${p.TrailName ?? n}` },
};

function inSetupConstruct(c: IConstruct): boolean {
  return c.node.scopes.some((s) => SETUP_CONSTRUCTS.some((k) => s instanceof k));
}

interface Part { readonly where: string; readonly type: string; readonly action: string; readonly arn: string; readonly tags: Record<string, string> }

function partsOf(app: App): Part[] {
  app.synth(); // applies the tags and paths (aspects)
  const parts: Part[] = [];
  for (const c of app.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || !WRITES[c.cfnResourceType] || !inSetupConstruct(c)) continue;
    const rendered = Stack.of(c).resolve((c as any)._toCloudFormation());
    const [logicalId, resource] = Object.entries<any>(rendered.Resources)[0];
    const props = resource.Properties ?? {};
    const literal = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const tags: Record<string, string> = {};
    for (const t of Array.isArray(props.Tags) ? props.Tags : []) tags[`aws:ResourceTag/${t.Key}`] = t.Value;
    const named = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, literal(v)]));
    const write = WRITES[c.cfnResourceType];
    parts.push({ where: c.node.path, type: c.cfnResourceType, action: write.action, arn: write.arn(logicalId, named), tags });
  }
  return parts;
}

describe('every part a library construct creates is protected (finding 6)', () => {
  const scps = configurations()[0].scps;
  const config = { ...configurations()[0], scps };

  test.each(EXAMPLES.map((e) => [e.name, e] as const))('%s', async (_name, example) => {
    const app = new App();
    example.define(app);
    const parts = partsOf(app);
    const open: string[] = [];
    for (const p of parts) {
      const decision = await decideMove(config, {
        attacker: 'member-admin',
        description: p.where,
        title: p.where,
        principal: `arn:aws:iam::${MEMBER}:role/Admin`,
        action: p.action,
        resource: p.arn,
        context: p.tags,
      });
      if (decision === 'Allowed') open.push(`${p.where} (${p.type}): ${p.action} on ${p.arn} with tags ${JSON.stringify(p.tags)} -> ${decision}`);
    }
    expect(open).toEqual([]);
    // the examples that deploy a setup have parts to attack
    if (!example.name.startsWith('guardrails')) expect(parts.length).toBeGreaterThan(0);
  });

  test('control: the same writes without the tags are allowed, so the tags are what protects them', async () => {
    const app = new App();
    EXAMPLES.find((e) => e.name === 'presets-skyhigh-nrt')!.define(app);
    const parts = partsOf(app).filter((p) => p.type !== 'AWS::IAM::ManagedPolicy');
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.every((p) => p.tags['aws:ResourceTag/audit-baseline:protected'] === 'true')).toBe(true);
    let allowed = 0;
    for (const p of parts) {
      const decision = await decideMove(config, {
        attacker: 'member-admin', description: p.where, title: p.where, principal: `arn:aws:iam::${MEMBER}:role/Admin`, action: p.action, resource: p.arn,
      });
      if (decision === 'Allowed') allowed++;
    }
    expect(allowed).toBeGreaterThan(0);
  });

  test('control: a managed policy of a setup construct lies under the protected path', () => {
    const app = new App();
    EXAMPLES.find((e) => e.name === 'presets-skyhigh-nrt')!.define(app);
    const policies = partsOf(app).filter((p) => p.type === 'AWS::IAM::ManagedPolicy');
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) expect(p.arn).toMatch(/:policy\/audit-baseline\//);
  });
});
