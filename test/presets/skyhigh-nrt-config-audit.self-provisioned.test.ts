import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ACCOUNT, OTHER_ACCOUNT, concreteStack, errorOf, idsOf, lintStacks, listOf, newStack, onlyOf, templateOf } from './_helpers';
import { AuditedServices } from '../../src/event-stream';
import { SkyhighNrtConfigAudit, SkyhighNrtConfigAuditProps, SkyhighNrtMode } from '../../src/presets';
import { ALLOW_ALL, arnOf, cfnLint, identityPolicies, isAllowed, nagFindings, resolveTemplate, resourcePolicy, unknownActions } from '../harness';

/**
 * A-33 self-provisioned mode: the library's
 * NrtReceiver and NrtPublisher, deployed by StackSets that use the guide's
 * administration and execution roles, instead of the vendor's own StackSet.
 */
const RECEIVER = ACCOUNT;
const PUBLISHER = OTHER_ACCOUNT;
const THIRD = '777788889999';
const ORG = 'o-a1b2c3d4e5';
const REGIONS = ['us-east-1', 'eu-west-1'];
const EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';
const VENDOR_ROLE = 'MVC_for_AWS_role';
const WARNING = 'cdk-audit-baseline:skyhigh-nrt-self-provisioned-trust';

const RECEIVER_PROPS: SkyhighNrtConfigAuditProps = { selfProvisioned: true, regions: REGIONS, narrowExecutionRoleTrust: true };
const PUBLISHER_PROPS: SkyhighNrtConfigAuditProps = {
  mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }), selfProvisioned: true, narrowExecutionRoleTrust: true,
};
const ORG_PROPS: SkyhighNrtConfigAuditProps = {
  ...PUBLISHER_PROPS, mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'] }), regions: REGIONS,
};

function synth(props: SkyhighNrtConfigAuditProps, stack: Stack = concreteStack()) {
  const nrt = new SkyhighNrtConfigAudit(stack, 'Nrt', props);
  const raw = templateOf(stack);
  return { stack, nrt, raw, t: resolveTemplate(raw, { account: stack.account === OTHER_ACCOUNT ? OTHER_ACCOUNT : ACCOUNT }) };
}

const publisherStack = () => concreteStack('us-east-1', PUBLISHER);

/** The StackSet whose logical id starts with `Nrt<name>`, with its template body parsed. */
function stackSet(t: any, name: string): { id: string; props: any; body: any; dependsOn: string[] } {
  const ids = idsOf(t, 'AWS::CloudFormation::StackSet').filter((id) => id.startsWith(`Nrt${name}`));
  expect(ids).toHaveLength(1);
  const r = t.Resources[ids[0]];
  return { id: ids[0], props: r.Properties, body: JSON.parse(r.Properties.TemplateBody), dependsOn: r.DependsOn ?? [] };
}

function stackSetNames(t: any): string[] {
  return idsOf(t, 'AWS::CloudFormation::StackSet').map((id) => id.replace(/^Nrt/, '').replace(/[0-9A-F]{8}$/, '')).sort();
}

function typesOf(body: any): string[] {
  return Object.values<any>(body.Resources).map((r) => r.Type).sort();
}

/** The template body as one target account and region would see it. */
function instance(body: any, account: string, region = 'eu-west-1'): any {
  return resolveTemplate(body, { account, region, parameters: { ReceiverAccountId: RECEIVER } });
}

function selfProvisioningPolicy(t: any): any {
  const ids = idsOf(t, 'AWS::IAM::ManagedPolicy').filter((id) => id.startsWith('NrtSelfProvisioningPermissionsPolicy'));
  expect(ids).toHaveLength(1);
  return t.Resources[ids[0]].Properties;
}

function lintBodies(bodies: any[]): unknown[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skyhigh-stacksets-'));
  const files = bodies.map((b, i) => {
    const file = path.join(dir, `instance-${i}.template.json`);
    fs.writeFileSync(file, JSON.stringify(b));
    return file;
  });
  return cfnLint(files).filter((f) => f.level !== 'Informational');
}

describe('SkyhighNrtConfigAudit selfProvisioned', () => {
  describe('the default reproduces the guide: IAM only (A-33, R-103)', () => {
    test.each([
      ['a receiver', {}, concreteStack],
      ['a publisher', { mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }) }, publisherStack],
    ] as const)('%s defines no queue, rule or self-provisioning StackSet', (_name, props, stack) => {
      const { t } = synth({ ...props, regions: REGIONS }, stack());
      expect(idsOf(t, 'AWS::CloudFormation::StackSet')).toEqual([]);
      expect(idsOf(t, 'AWS::SQS::Queue')).toEqual([]);
      expect(idsOf(t, 'AWS::IAM::ManagedPolicy').filter((id) => id.startsWith('NrtSelfProvisioning'))).toEqual([]);
    });
  });

  describe('receiver and publisher in one account (R-102, A-30)', () => {
    const { t, nrt } = synth(RECEIVER_PROPS);
    const set = stackSet(t, 'ReceiverQueuesRollout');

    test('one self-managed StackSet deploys the NrtReceiver to this account in every selected region, with the guide\'s roles (R-104, R-105)', () => {
      expect(stackSetNames(t)).toEqual(['ReceiverQueuesRollout']);
      expect(set.props).toMatchObject({
        PermissionModel: 'SELF_MANAGED',
        ExecutionRoleName: EXECUTION_ROLE,
        StackInstancesGroup: [{ DeploymentTargets: { Accounts: [RECEIVER] }, Regions: REGIONS }],
      });
      // The administration role the guide's steps define, by reference.
      expect(set.props.AdministrationRoleARN).toBe(`arn:aws:iam::${RECEIVER}:role/AWSCloudFormationStackSetAdministrationRole`);
    });

    test('the StackSet waits for this account\'s execution role and both of its policies, and for the administration role and its policy', () => {
      const owners = ['NrtStackSetExecutionRole', 'NrtStackSetExecutionPolicy', 'NrtSelfProvisioningPermissionsPolicy', 'NrtStackSetAdministrationPolicy'];
      for (const owner of owners) expect(set.dependsOn.some((d) => d.startsWith(owner))).toBe(true);
      // The administration role through the ARN's Fn::GetAtt, not a redundant DependsOn (cfn-lint W3005).
      const raw = templateOf(nrt.node.scope as Stack).Resources[set.id];
      expect(raw.Properties.AdministrationRoleARN['Fn::GetAtt'][0]).toMatch(/^NrtStackSetAdministrationRole/);
      expect(set.dependsOn.some((d) => d.startsWith('NrtStackSetAdministrationRole') && !d.includes('Policy'))).toBe(false);
    });

    test('the template holds the queue with its DLQ, retained and SSE-encrypted, the bus policy and the rule, and no IAM resource (A-26, issue 13 finding 8)', () => {
      expect(typesOf(set.body)).toEqual([
        'AWS::Events::EventBusPolicy', 'AWS::Events::Rule',
        'AWS::SQS::Queue', 'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy', 'AWS::SQS::QueuePolicy',
      ]);
      for (const id of idsOf(set.body, 'AWS::SQS::Queue')) {
        expect(set.body.Resources[id]).toMatchObject({ DeletionPolicy: 'Retain', Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 } });
      }
    });

    test('the template has no account-global name, so it may go to every region: the queue name carries the region and the vendor prefix', () => {
      const body = instance(set.body, RECEIVER, 'eu-west-1');
      const queueId = idsOf(body, 'AWS::SQS::Queue').find((id) => id.startsWith('ReceiverQueue'))!;
      expect(body.Resources[queueId].Properties.QueueName).toBe('StackSet-nrt-eu-west-1');
      expect(idsOf(set.body, 'AWS::IAM::Policy')).toEqual([]);
      expect(idsOf(set.body, 'AWS::IAM::Role')).toEqual([]);
      expect(idsOf(set.body, 'AWS::IAM::ManagedPolicy')).toEqual([]);
    });

    test('with no other publisher the bus admits only the receiver itself, which changes nothing (same-account calls are decided by IAM)', () => {
      const bus = instance(set.body, RECEIVER).Resources[onlyOf(set.body, 'AWS::Events::EventBusPolicy')].Properties.Statement;
      expect(bus.Principal).toEqual({ AWS: [RECEIVER] });
    });

    test('the vendor role may receive and delete the messages of its region\'s queue, and of no queue outside its prefix (simulation, A-26)', async () => {
      const body = instance(set.body, RECEIVER);
      const queue = arnOf(body, idsOf(body, 'AWS::SQS::Queue').find((id) => id.startsWith('ReceiverQueue'))!);
      const grant = Object.values<any>(t.Resources)
        .find((r) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.ManagedPolicyName === 'MVC_NrtConfigAuditReceiver').Properties.PolicyDocument;
      const principal = `arn:aws:iam::${RECEIVER}:role/${VENDOR_ROLE}`;
      for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage']) {
        expect(await isAllowed({ principal, action, resource: queue, identityPolicies: [grant] })).toBe(true);
      }
      expect(await isAllowed({ principal, action: 'sqs:ReceiveMessage', resource: `arn:aws:sqs:eu-west-1:${RECEIVER}:other`, identityPolicies: [grant] })).toBe(false);
      expect(await isAllowed({ principal, action: 'sqs:SendMessage', resource: queue, identityPolicies: [grant] })).toBe(false);
    });

    test('only the receiver rule may send to the queue (simulation, confused deputy)', async () => {
      const body = instance(set.body, RECEIVER);
      const queueId = idsOf(body, 'AWS::SQS::Queue').find((id) => id.startsWith('ReceiverQueue'))!;
      const send = (sourceArn: string) => isAllowed({
        principal: 'events.amazonaws.com', action: 'sqs:SendMessage', resource: arnOf(body, queueId), resourcePolicy: resourcePolicy(body, queueId), context: { 'aws:SourceArn': sourceArn },
      });
      expect(await send(arnOf(body, onlyOf(body, 'AWS::Events::Rule')))).toBe(true);
      expect(await send(`arn:aws:events:eu-west-1:${THIRD}:rule/other`)).toBe(false);
    });

    test('the execution role gets a second policy, derived from the receiver template: bus policy, queue and rule actions, and no IAM action', () => {
      const p = selfProvisioningPolicy(t);
      expect(p.Roles).toEqual([EXECUTION_ROLE]);
      const actions = listOf(p.PolicyDocument.Statement.flatMap((s: any) => listOf(s.Action)));
      expect(actions).toEqual(expect.arrayContaining(['events:PutPermission', 'events:PutRule', 'sqs:CreateQueue', 'sqs:SetQueueAttributes']));
      const allowed = listOf(p.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow').flatMap((s: any) => listOf(s.Action)));
      expect(allowed.filter((a: string) => a.startsWith('iam:'))).toEqual([]);
      expect(nrt.selfProvisioningPolicy!.policy.node.defaultChild).toBeDefined();
    });

    test('the guide\'s execution policy alone could not deploy the template (no events:PutPermission); with the second policy the role can, and still cannot write IAM (simulation)', async () => {
      const docs = identityPolicies(t, EXECUTION_ROLE).documents;
      const guideOnly = docs.filter((d: any) => d.Statement[0].Sid === 'VisualEditor0');
      expect(guideOnly).toHaveLength(1);
      const principal = `arn:aws:iam::${RECEIVER}:role/${EXECUTION_ROLE}`;
      const vendorRole = `arn:aws:iam::${RECEIVER}:role/${VENDOR_ROLE}`;
      expect(await isAllowed({ principal, action: 'events:PutPermission', resource: '*', identityPolicies: guideOnly })).toBe(false);
      expect(await isAllowed({ principal, action: 'iam:PutRolePolicy', resource: vendorRole, identityPolicies: guideOnly })).toBe(false);
      expect(await isAllowed({ principal, action: 'events:PutPermission', resource: '*', identityPolicies: docs })).toBe(true);
      expect(await isAllowed({ principal, action: 'iam:PutRolePolicy', resource: vendorRole, identityPolicies: docs })).toBe(false);
    });

    test('exposes the receiver, the rollout and the policy; no publisher rollout', () => {
      expect(nrt.receiver).toBeDefined();
      expect(nrt.receiverQueuesRollout).toBeDefined();
      expect(nrt.publisher).toBeUndefined();
      expect(nrt.publisherRulesRollout).toBeUndefined();
      expect(nrt.memberRulesRollout).toBeUndefined();
    });

    test('the template is far below the StackSet TemplateBody limit (51,200 bytes)', () => {
      expect(Buffer.byteLength(set.props.TemplateBody, 'utf-8')).toBeLessThan(10_000);
    });
  });

  describe('a receiver with publisher accounts (R-101, R-102)', () => {
    const { t, nrt } = synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiver({ publisherAccountIds: [PUBLISHER, THIRD] }) });
    const receiverSet = stackSet(t, 'ReceiverQueuesRollout');
    const publisherSet = stackSet(t, 'PublisherRulesRollout');

    test('a second self-managed StackSet deploys the NrtPublisher to the listed accounts in every selected region (R-104, R-121)', () => {
      expect(stackSetNames(t)).toEqual(['PublisherRulesRollout', 'ReceiverQueuesRollout']);
      expect(publisherSet.props).toMatchObject({
        PermissionModel: 'SELF_MANAGED',
        ExecutionRoleName: EXECUTION_ROLE,
        StackInstancesGroup: [{ DeploymentTargets: { Accounts: [PUBLISHER, THIRD] }, Regions: REGIONS }],
        Parameters: [{ ParameterKey: 'ReceiverAccountId', ParameterValue: RECEIVER }],
      });
      expect(nrt.publisher).toBeDefined();
    });

    test('the publishers wait for the receiver, whose bus must admit them first', () => {
      expect(publisherSet.dependsOn).toContain(receiverSet.id);
    });

    test('the publisher rule sends to the receiver\'s default bus in its own region, through a role allowed only that bus, which the receiver admits (simulation, R-106, A-31)', async () => {
      const body = instance(publisherSet.body, PUBLISHER, 'eu-west-1');
      const rule = body.Resources[onlyOf(body, 'AWS::Events::Rule')].Properties;
      const bus = `arn:aws:events:eu-west-1:${RECEIVER}:event-bus/default`;
      expect(rule.Targets[0].Arn).toBe(bus);
      const receiverBody = instance(receiverSet.body, RECEIVER, 'eu-west-1');
      const busPolicy = resourcePolicy(receiverBody, onlyOf(receiverBody, 'AWS::Events::EventBusPolicy'));
      const role = onlyOf(body, 'AWS::IAM::Role');
      const put = (resource: string, identity = identityPolicies(body, role).documents) => isAllowed({
        principal: arnOf(body, role), action: 'events:PutEvents', resource, identityPolicies: identity, resourcePolicy: busPolicy,
      });
      expect(await put(bus)).toBe(true);
      // The bus policy admits the account, but the rule role's own policy must allow the call too.
      expect(await put(bus, [])).toBe(false);
      expect(await put(`arn:aws:events:eu-west-1:${THIRD}:event-bus/default`)).toBe(false);
    });

    test('the receiver bus admits the listed publishers and no other account (simulation, A-31)', async () => {
      const body = instance(receiverSet.body, RECEIVER);
      const bus = `arn:aws:events:eu-west-1:${RECEIVER}:event-bus/default`;
      const put = (account: string) => isAllowed({
        principal: `arn:aws:iam::${account}:role/PublisherRule`, action: 'events:PutEvents', resource: bus, resourcePolicy: resourcePolicy(body, onlyOf(body, 'AWS::Events::EventBusPolicy')), identityPolicies: [ALLOW_ALL],
      });
      expect(await put(PUBLISHER)).toBe(true);
      expect(await put(THIRD)).toBe(true);
      expect(await put('999988887777')).toBe(false);
    });

    test('the publisher template carries the receiver account as a parameter, so it works in an env-agnostic receiver stack too', () => {
      expect(publisherSet.body.Parameters.ReceiverAccountId).toMatchObject({ Type: 'String', AllowedPattern: '^\\d{12}$' });
      const stack = newStack();
      new SkyhighNrtConfigAudit(stack, 'Nrt', { ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiverAndPublisher({ publisherAccountIds: [PUBLISHER] }) });
      const raw = templateOf(stack);
      const set = stackSet(raw, 'PublisherRulesRollout');
      expect(set.props.Parameters).toEqual([{ ParameterKey: 'ReceiverAccountId', ParameterValue: { Ref: 'AWS::AccountId' } }]);
      expect(stackSet(raw, 'ReceiverQueuesRollout').props.StackInstancesGroup[0].DeploymentTargets.Accounts).toEqual([{ Ref: 'AWS::AccountId' }]);
      expect(JSON.stringify(raw)).not.toMatch(/arn:aws:/);
    });
  });

  test('a receiver admitting the organization: the bus policy requires aws:PrincipalOrgID (A-31)', async () => {
    const { t } = synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiver({ publisherOrganizationId: ORG }) });
    const body = instance(stackSet(t, 'ReceiverQueuesRollout').body, RECEIVER);
    const bus = `arn:aws:events:eu-west-1:${RECEIVER}:event-bus/default`;
    const busPolicy = resourcePolicy(body, onlyOf(body, 'AWS::Events::EventBusPolicy'));
    const put = (orgId: string) => isAllowed({
      principal: `arn:aws:iam::${THIRD}:role/PublisherRule`,
      action: 'events:PutEvents',
      resource: bus,
      resourcePolicy: busPolicy,
      identityPolicies: [ALLOW_ALL],
      context: { 'aws:PrincipalOrgID': orgId },
    });
    expect(await put(ORG)).toBe(true);
    expect(await put('o-zzzzzzzzzz')).toBe(false);
    expect(stackSetNames(t)).toEqual(['ReceiverQueuesRollout']);
  });

  test('services narrows the receiver rule (A-24)', () => {
    const { t } = synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiverAndPublisher({ services: AuditedServices.VMWARE_DEFAULT }) });
    const body = stackSet(t, 'ReceiverQueuesRollout').body;
    expect(body.Resources[onlyOf(body, 'AWS::Events::Rule')].Properties.EventPattern.detail.eventSource).toEqual(expect.arrayContaining(['ec2.amazonaws.com', 'iam.amazonaws.com']));
    const all = stackSet(synth(RECEIVER_PROPS).t, 'ReceiverQueuesRollout').body;
    expect(all.Resources[onlyOf(all, 'AWS::Events::Rule')].Properties.EventPattern.detail).toBeUndefined();
  });

  describe('a publisher account', () => {
    const { t, nrt } = synth(PUBLISHER_PROPS, publisherStack());

    test('defines no StackSet: the receiver\'s StackSet deploys its rules', () => {
      expect(idsOf(t, 'AWS::CloudFormation::StackSet')).toEqual([]);
    });

    test('its execution role gets the permissions of the publisher template: the rule, its role and its DLQ', () => {
      const p = selfProvisioningPolicy(t);
      expect(p.Roles).toEqual([EXECUTION_ROLE]);
      const actions = listOf(p.PolicyDocument.Statement.flatMap((s: any) => listOf(s.Action)));
      expect(actions).toEqual(expect.arrayContaining(['events:PutRule', 'events:PutTargets', 'iam:CreateRole', 'iam:PassRole', 'sqs:CreateQueue']));
      expect(actions).not.toContain('events:PutPermission');
      expect(nrt.publisher).toBeDefined();
    });

    test('the receiver\'s administration role may then create the publisher rule role (simulation)', async () => {
      const docs = identityPolicies(t, EXECUTION_ROLE).documents;
      const principal = `arn:aws:iam::${PUBLISHER}:role/${EXECUTION_ROLE}`;
      const boundary = { 'iam:PermissionsBoundary': `arn:aws:iam::${PUBLISHER}:policy/AuditBaselineStackSetBoundary` };
      expect(await isAllowed({ principal, action: 'iam:CreateRole', resource: `arn:aws:iam::${PUBLISHER}:role/StackSet-x-PublisherRole`, identityPolicies: docs, context: boundary })).toBe(true);
      // Only with the boundary the publisher template gives its role (issue 13, finding 9).
      expect(await isAllowed({ principal, action: 'iam:CreateRole', resource: `arn:aws:iam::${PUBLISHER}:role/StackSet-x-PublisherRole`, identityPolicies: docs })).toBe(false);
      const guideOnly = docs.filter((d: any) => d.Statement[0].Sid === 'VisualEditor0');
      expect(await isAllowed({ principal, action: 'iam:CreateRole', resource: `arn:aws:iam::${PUBLISHER}:role/StackSet-x-PublisherRole`, identityPolicies: guideOnly })).toBe(false);
    });
  });

  describe('organization mode (R-121)', () => {
    const { t, nrt } = synth(ORG_PROPS, publisherStack());
    const rules = stackSet(t, 'MemberRulesRollout');

    test('a service-managed StackSet deploys the NrtPublisher to every member account and region, next to the one-region IAM StackSet', () => {
      expect(stackSetNames(t)).toEqual(['MemberRulesRollout', 'PublisherRollout']);
      expect(rules.props).toMatchObject({
        PermissionModel: 'SERVICE_MANAGED',
        AutoDeployment: { Enabled: true },
        Parameters: [{ ParameterKey: 'ReceiverAccountId', ParameterValue: RECEIVER }],
      });
      expect(stackSet(t, 'PublisherRollout').props.StackInstancesGroup[0].Regions).toEqual(['us-east-1']);
      expect(nrt.memberRulesRollout).toBeDefined();
    });

    test('the receiver is left out, in case it is a member: its own rule already sees its events (R-102)', () => {
      expect(rules.props.StackInstancesGroup).toEqual([{
        DeploymentTargets: { OrganizationalUnitIds: ['r-ab12'], Accounts: [RECEIVER], AccountFilterType: 'DIFFERENCE' },
        Regions: REGIONS,
      }]);
    });

    test('the management account\'s own execution role gets the publisher permissions, for the receiver\'s publisher StackSet', () => {
      expect(selfProvisioningPolicy(t).Roles).toEqual([EXECUTION_ROLE]);
    });

    test('the member template has the same rule as the receiver\'s publisher template, without the permissions boundary the members do not have', () => {
      const receiver = synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiver({ publisherAccountIds: [PUBLISHER] }) }).t;
      const publisherBody = stackSet(receiver, 'PublisherRulesRollout').body;
      const roleOf = (body: any) => Object.values<any>(body.Resources).find((r) => r.Type === 'AWS::IAM::Role');
      // The receiver's StackSet reaches publisher accounts whose execution role
      // creates roles only with the boundary (issue 13, finding 9); members use
      // the service-managed execution role and have no boundary policy.
      expect(JSON.stringify(roleOf(publisherBody).Properties.PermissionsBoundary)).toContain(':policy/AuditBaselineStackSetBoundary');
      expect(roleOf(rules.body).Properties.PermissionsBoundary).toBeUndefined();
      delete roleOf(publisherBody).Properties.PermissionsBoundary;
      expect(rules.body).toEqual(publisherBody);
    });
  });

  test('with existingExecutionRole, the second policy goes on the existing role by name and the receiver StackSet waits for both policies', () => {
    const { t } = synth({ selfProvisioned: true, regions: REGIONS, existingExecutionRole: true });
    expect(selfProvisioningPolicy(t).Roles).toEqual([EXECUTION_ROLE]);
    const { dependsOn } = stackSet(t, 'ReceiverQueuesRollout');
    expect(dependsOn.some((d) => d.startsWith('NrtStackSetExecutionPolicy'))).toBe(true);
    expect(dependsOn.some((d) => d.startsWith('NrtSelfProvisioningPermissionsPolicy'))).toBe(true);
  });

  describe('the trust warning', () => {
    test('warns (acknowledgeably) when narrowExecutionRoleTrust: false lets the whole receiver account assume the execution role with the new permissions (A-28)', () => {
      const { stack } = synth({ selfProvisioned: true, regions: REGIONS, narrowExecutionRoleTrust: false });
      Annotations.fromStack(stack).hasWarning('/TestStack/Nrt', Match.stringLikeRegexp(`leave narrowExecutionRoleTrust out.*\\[ack: ${WARNING}\\]`));
    });

    test('narrows the trust by default in this mode: only the receiver\'s administration role may assume the execution role', () => {
      const { t } = synth({ selfProvisioned: true, regions: REGIONS });
      const role: any = Object.values(t.Resources).find((r: any) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === EXECUTION_ROLE);
      const accountTrust = role.Properties.AssumeRolePolicyDocument.Statement.find((st: any) => st.Principal.AWS !== undefined);
      expect(JSON.stringify(accountTrust.Condition)).toContain('AWSCloudFormationStackSetAdministrationRole');
    });

    test.each([
      ['the default', {}],
      ['narrowExecutionRoleTrust', { narrowExecutionRoleTrust: true }],
      ['existingExecutionRole', { existingExecutionRole: true }],
    ])('does not warn with %s', (_name, extra) => {
      const { stack } = synth({ selfProvisioned: true, regions: REGIONS, ...extra });
      Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp(WARNING));
    });
  });

  describe('checks', () => {
    test('every action exists, in the stack and in the StackSet templates', () => {
      const { t } = synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiverAndPublisher({ publisherAccountIds: [PUBLISHER] }) });
      expect(unknownActions(t)).toEqual([]);
      for (const name of ['ReceiverQueuesRollout', 'PublisherRulesRollout']) expect(unknownActions(stackSet(t, name).body)).toEqual([]);
    });

    test('the derived policy skips checkov\'s privilege-escalation check CKV_AWS_110 with the reason; the guide\'s policies need no such skip', () => {
      const { raw } = synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiverAndPublisher({ publisherAccountIds: [PUBLISHER] }) });
      const skips = (prefix: string) => Object.entries<any>(raw.Resources).filter(([id]) => id.startsWith(prefix))
        .flatMap(([, r]) => (r.Metadata?.checkov?.skip ?? []).map((x: any) => x.id));
      expect(skips('NrtSelfProvisioningPermissionsPolicy')).toEqual(['CKV_AWS_111', 'CKV_AWS_109', 'CKV_AWS_110']);
      expect(skips('NrtStackSetExecutionPolicy')).not.toContain('CKV_AWS_110');
      const policy = Object.entries<any>(raw.Resources).find(([id]) => id.startsWith('NrtSelfProvisioningPermissionsPolicy'))![1];
      expect(policy.Metadata.checkov.skip[2].comment).toMatch(/NRT templates define IAM resources.*narrowExecutionRoleTrust/);
    });

    test('cdk-nag: the templates are clean; the only new finding is IAM5 on the derived policy ("*", as the guide\'s)', () => {
      const { stack } = synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiverAndPublisher({ publisherAccountIds: [PUBLISHER] }) });
      expect([...new Set(nagFindings(stack).map((f) => `${f.id.replace(/\[.*$/, '')} ${f.path}`))].sort()).toEqual([
        'AwsSolutions-IAM5 TestStack/Nrt/SelfProvisioningPermissions/Policy/Resource',
        'AwsSolutions-IAM5 TestStack/Nrt/StackSetAdministration/Policy/Resource',
        'AwsSolutions-IAM5 TestStack/Nrt/StackSetExecution/Policy/Resource',
      ]);
    });

    test('cfn-lint finds no error or warning in the stacks or in the StackSet templates', () => {
      const receiver = synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiverAndPublisher({ publisherAccountIds: [PUBLISHER] }) });
      const org = synth(ORG_PROPS, publisherStack());
      // One call per stack: lintStacks names each file after the stack, and both are TestStack.
      expect(lintStacks([receiver.stack])).toEqual([]);
      expect(lintStacks([org.stack])).toEqual([]);
      expect(lintBodies([
        stackSet(receiver.raw, 'ReceiverQueuesRollout').body,
        stackSet(receiver.raw, 'PublisherRulesRollout').body,
        stackSet(org.raw, 'MemberRulesRollout').body,
      ])).toEqual([]);
    });
  });

  test('services narrows the rules of the organization\'s member accounts', () => {
    const { t } = synth({
      ...ORG_PROPS, mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'], services: AuditedServices.VMWARE_DEFAULT }),
    }, publisherStack());
    const body = stackSet(t, 'MemberRulesRollout').body;
    expect(body.Resources[onlyOf(body, 'AWS::Events::Rule')].Properties.EventPattern.detail.eventSource).toEqual(expect.arrayContaining(['ec2.amazonaws.com', 'iam.amazonaws.com']));
    const all = stackSet(synth(ORG_PROPS, publisherStack()).t, 'MemberRulesRollout').body;
    expect(all.Resources[onlyOf(all, 'AWS::Events::Rule')].Properties.EventPattern.detail).toBeUndefined();
  });

  describe('bad input', () => {
    test('fails without regions in a receiver stack, naming the fix', () => {
      expect(errorOf(() => synth({ selfProvisioned: true }))).toBe(
        'TestStack/Nrt: selfProvisioned needs regions with SkyhighNrtMode.receiverAndPublisher(): the StackSets deploy the receiver queue and rules to each of them; '
        + 'give the regions you select in the vendor console, e.g. ["us-east-1", "eu-west-1"]',
      );
    });

    test('fails without regions for an organization publisher, but not for a plain publisher', () => {
      expect(errorOf(() => synth({ ...ORG_PROPS, regions: undefined }, publisherStack()))).toMatch(
        /^TestStack\/Nrt: selfProvisioned needs regions with SkyhighNrtMode\.organizationPublisher\(\): the StackSets deploy the rules to each of them/,
      );
      expect(errorOf(() => synth(PUBLISHER_PROPS, publisherStack()))).toBe('');
    });

    test.each([
      ['publisherAccountIds', { publisherAccountIds: [PUBLISHER] }],
      ['publisherOrganizationId', { publisherOrganizationId: ORG }],
      ['services', { services: AuditedServices.ALL_SERVICES }],
    ])('fails with the receiver option %s without selfProvisioned', (name, options) => {
      expect(errorOf(() => synth({ regions: REGIONS, mode: SkyhighNrtMode.receiver(options) }))).toBe(
        `TestStack/Nrt: mode.${name} only applies with selfProvisioned: true, where the library defines the queues and rules; the vendor's own provisioning needs no ${name}. `
        + 'Remove it from SkyhighNrtMode.receiver() or set selfProvisioned',
      );
    });

    test('fails with the organization publisher option services without selfProvisioned', () => {
      const mode = SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'], services: AuditedServices.ALL_SERVICES });
      expect(errorOf(() => synth({ mode }, publisherStack()))).toMatch(
        /^TestStack\/Nrt: mode\.services only applies with selfProvisioned: true.*Remove it from SkyhighNrtMode\.organizationPublisher\(\) or set selfProvisioned/,
      );
    });

    test('fails with SkyhighNrtMode.receiver() that admits no publisher, naming the mode for a monitored receiver', () => {
      expect(errorOf(() => synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiver() }))).toBe(
        'TestStack/Nrt: selfProvisioned with SkyhighNrtMode.receiver() needs mode.publisherAccountIds, mode.publisherOrganizationId or both: '
        + 'the receiver\'s default event bus admits only those publishers. For an account that is monitored too, use SkyhighNrtMode.receiverAndPublisher()',
      );
    });

    test('fails if publisherAccountIds lists the receiver itself (R-102)', () => {
      const mode = SkyhighNrtMode.receiverAndPublisher({ publisherAccountIds: [PUBLISHER, RECEIVER] });
      expect(errorOf(() => synth({ ...RECEIVER_PROPS, mode }))).toMatch(
        new RegExp(`^TestStack/Nrt: mode\\.publisherAccountIds lists the receiver account ${RECEIVER}: the receiver's own rule already forwards its events.*use SkyhighNrtMode\\.receiverAndPublisher\\(\\) to monitor the receiver`),
      );
    });

    test('fails on bad publisher account and organization IDs, and duplicates', () => {
      const mode = SkyhighNrtMode.receiverAndPublisher({ publisherAccountIds: ['1234', PUBLISHER, PUBLISHER], publisherOrganizationId: 'org-1' });
      const msg = errorOf(() => synth({ ...RECEIVER_PROPS, mode }));
      expect(msg).toMatch(/mode\.publisherAccountIds\[0\] must be a 12-digit AWS account ID/);
      expect(msg).toMatch(/mode\.publisherAccountIds lists "444455556666" more than once/);
      expect(msg).toMatch(/mode\.publisherOrganizationId must be .*got "org-1"/);
    });

    test('fails on an empty publisher account list', () => {
      expect(errorOf(() => synth({ ...RECEIVER_PROPS, mode: SkyhighNrtMode.receiver({ publisherAccountIds: [] }) })))
        .toMatch(/^TestStack\/Nrt: mode\.publisherAccountIds must not be empty/);
    });
  });
});
