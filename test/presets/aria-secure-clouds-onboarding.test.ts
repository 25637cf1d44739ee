import { App, Stack, Stage, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { ACCOUNT, VENDOR, errorOf, idsOf, lintStacks, onlyOf, outputValues, templateOf } from './_helpers';
import { AuditedServices } from '../../src/event-stream';
import { AriaSecureCloudsOnboarding, AriaSecureCloudsOnboardingProps } from '../../src/presets';
import { actionsIn, arnOf, identityPolicies, isAllowed, nagFindings, resolveTemplate, resourcePolicy, simulateAssumeRole, trustPolicy, unknownActions } from '../harness';

/** The external ID: the customer's organization ID in the vendor. */
const EXTERNAL_ID = 'my-tenant-1234';
/** The vendor's event-queue account (the guide writes `<account-id>`, A-02). */
const QUEUE_ACCOUNT = '910887748405';

/**
 * Seed 000 as data. The role's trust is what the console flow of R-002 to
 * R-004 produces; the pattern and the topic name are copied from
 * the endpoint from R-033.
 */
const GUIDE = {
  trust: {
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Principal: { AWS: `arn:aws:iam::${VENDOR}:root` },
    Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
  },
  managedPolicy: 'SecurityAudit',
  eventPattern: {
    'detail-type': ['AWS API Call via CloudTrail'],
    'detail': {
      eventSource: [
        'acm.amazonaws.com', 'autoscaling.amazonaws.com', 'cloudformation.amazonaws.com', 'cloudfront.amazonaws.com',
        'cloudhsm.amazonaws.com', 'cloudtrail.amazonaws.com', 'directconnect.amazonaws.com', 'dynamodb.amazonaws.com',
        'ec2.amazonaws.com', 'elasticache.amazonaws.com', 'elasticloadbalancing.amazonaws.com', 'es.amazonaws.com',
        'iam.amazonaws.com', 'kms.amazonaws.com', 'rds.amazonaws.com', 'redshift.amazonaws.com', 'route53.amazonaws.com',
        's3.amazonaws.com', 'ses.amazonaws.com', 'sqs.amazonaws.com', 'waf.amazonaws.com',
      ],
    },
  },
  topicName: 'cloudcoreo-events',
  subscription: { Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-west-2:${QUEUE_ACCOUNT}:cloudcoreo-events-queue` },
  govCloudUserName: 'SecureStateUser',
};

/** Deviation 1: the `source` guard the library adds. */
const SOURCE_GUARD = { source: [{ prefix: 'aws.' }] };

/** Deviation 9 (issue 16): AWS WAF (v2) after the guide's 21 sources, unless `currentServices: false`. */
const CURRENT_PATTERN = { ...GUIDE.eventPattern, detail: { eventSource: [...GUIDE.eventPattern.detail.eventSource, 'wafv2.amazonaws.com'] } };

/** The organization of the tests. */
const ORG = 'o-a1b2c3d4e5';

const BASE: AriaSecureCloudsOnboardingProps = { vendorAccountId: VENDOR, externalId: EXTERNAL_ID, account: ACCOUNT };
const STREAM: AriaSecureCloudsOnboardingProps = { ...BASE, eventStreamRegions: ['us-east-1', 'eu-west-1'], eventQueueAccountId: QUEUE_ACCOUNT };

function onboard(props: AriaSecureCloudsOnboardingProps, app = new App()) {
  const aria = new AriaSecureCloudsOnboarding(app, 'Aria', props);
  const resolved = (s: Stack) =>
    resolveTemplate(templateOf(s), { account: ACCOUNT, region: s.region, partition: RegionInfo.get(s.region).partition });
  return { app, aria, resolved };
}

function only(t: any, type: string): any {
  return t.Resources[onlyOf(t, type)].Properties;
}

describe('AriaSecureCloudsOnboarding', () => {
  describe('faithful to seed 000', () => {
    const { aria, resolved } = onboard(STREAM);
    const account = resolved(aria.accountStack);
    const stream = aria.eventStreams.map((e) => resolved(Stack.of(e)));

    test('the role trusts the vendor account with the external ID, exactly as the guide\'s console flow (R-002 to R-004)', () => {
      expect(trustPolicy(account, onlyOf(account, 'AWS::IAM::Role')).Statement).toEqual([GUIDE.trust]);
    });

    test('the role has SecurityAudit and nothing else by default (R-002)', () => {
      const p = identityPolicies(account, onlyOf(account, 'AWS::IAM::Role'));
      expect(p.awsManagedPolicyNames).toEqual([GUIDE.managedPolicy]);
      expect(p.documents).toEqual([]);
    });

    test('the role has the fixed default name, the same in every account (R-005)', () => {
      expect(only(account, 'AWS::IAM::Role').RoleName).toBe('AriaSecureCloudsReadOnly');
    });

    test('the rule in each region has the guide\'s pattern plus the named source guard and AWS WAF (R-029, R-030, deviations 1 and 9)', () => {
      for (const t of stream) expect(only(t, 'AWS::Events::Rule').EventPattern).toEqual({ ...CURRENT_PATTERN, ...SOURCE_GUARD });
    });

    test('restrictToAwsSources: false with currentServices: false reproduces the guide\'s pattern exactly', () => {
      const exact = onboard({ ...STREAM, restrictToAwsSources: false, currentServices: false });
      for (const e of exact.aria.eventStreams) expect(only(exact.resolved(Stack.of(e)), 'AWS::Events::Rule').EventPattern).toEqual(GUIDE.eventPattern);
    });

    test('the rule targets the topic with the matched event as input: no Input, InputPath or transformer (R-031)', () => {
      for (const t of stream) {
        const targets = only(t, 'AWS::Events::Rule').Targets;
        expect(targets).toHaveLength(1);
        expect(targets[0].Arn).toBe(arnOf(t, onlyOf(t, 'AWS::SNS::Topic')));
        expect(targets[0]).not.toHaveProperty('Input');
        expect(targets[0]).not.toHaveProperty('InputPath');
        expect(targets[0]).not.toHaveProperty('InputTransformer');
      }
    });

    test('every region has the topic cloudcoreo-events subscribed by the vendor\'s one us-west-2 queue (R-032, R-033)', () => {
      for (const t of stream) {
        expect(only(t, 'AWS::SNS::Topic').TopicName).toBe(GUIDE.topicName);
        expect(only(t, 'AWS::SNS::Subscription')).toMatchObject(GUIDE.subscription);
      }
    });

    test('named additions: delivery-status logging, the rule-only TLS-only topic policy, the DLQ and redrive (deviations 2 to 4)', () => {
      for (const t of stream) {
        expect(only(t, 'AWS::SNS::Topic').DeliveryStatusLogging).toBeDefined(); // deviation 2
        expect(idsOf(t, 'AWS::SNS::TopicPolicy')).toHaveLength(1); // deviation 3
        expect(only(t, 'AWS::Events::Rule').Targets[0].DeadLetterConfig).toBeDefined(); // deviation 4
        expect(only(t, 'AWS::SNS::Subscription').RedrivePolicy).toBeDefined(); // deviation 4
      }
    });

    test('the topic policy lets EventBridge publish only for this region\'s rule and only over TLS (deviation 3)', async () => {
      const t = stream[0];
      const topicArn = arnOf(t, onlyOf(t, 'AWS::SNS::Topic'));
      const ruleArn = arnOf(t, onlyOf(t, 'AWS::Events::Rule'));
      const req = { principal: 'events.amazonaws.com', action: 'sns:Publish', resource: topicArn, resourcePolicy: resourcePolicy(t, onlyOf(t, 'AWS::SNS::Topic')) };
      const ctx = { 'aws:SourceArn': ruleArn, 'aws:SourceAccount': ACCOUNT, 'aws:SecureTransport': 'true' };
      expect(await isAllowed({ ...req, context: ctx })).toBe(true);
      expect(await isAllowed({ ...req, context: { ...ctx, 'aws:SourceArn': `arn:aws:events:us-east-1:${ACCOUNT}:rule/other` } })).toBe(false);
      expect(await isAllowed({ ...req, context: { ...ctx, 'aws:SecureTransport': 'false' } })).toBe(false);
    });

    test('deliveryStatusLogging: false leaves the guide\'s topic without logging (R-034 reproduced)', () => {
      const plain = onboard({ ...STREAM, deliveryStatusLogging: false });
      for (const e of plain.aria.eventStreams) expect(only(plain.resolved(Stack.of(e)), 'AWS::SNS::Topic').DeliveryStatusLogging).toBeUndefined();
    });

    test('one trail, in the account stack, never per region (R-025, A-11)', () => {
      expect(idsOf(account, 'AWS::CloudTrail::Trail')).toHaveLength(1);
      for (const t of stream) expect(idsOf(t, 'AWS::CloudTrail::Trail')).toEqual([]);
    });

    test('the hand-off outputs are the role ARN and the external ID (R-006)', () => {
      const out = outputValues(account);
      expect(Object.keys(out)).toHaveLength(2);
      expect(out['VMware Aria Automation for Secure Clouds: IAM Role ARN']).toBe('arn:aws:iam::123456789012:role/AriaSecureCloudsReadOnly');
      expect(out['VMware Aria Automation for Secure Clouds: External ID in the role\'s trust']).toBe(EXTERNAL_ID);
    });
  });

  describe('trust, by simulation', () => {
    const { aria, resolved } = onboard(BASE);
    const t = resolved(aria.accountStack);
    const roleId = onlyOf(t, 'AWS::IAM::Role');
    const req = { trustPolicy: trustPolicy(t, roleId), roleArn: arnOf(t, roleId) };

    test('the vendor with the right external ID may assume the role', async () => {
      expect((await simulateAssumeRole({ ...req, principal: `arn:aws:iam::${VENDOR}:role/scanner`, context: { 'sts:ExternalId': EXTERNAL_ID } })).result).toBe('Allowed');
    });

    test('a wrong or missing external ID, or another account, is denied (R-038)', async () => {
      expect((await simulateAssumeRole({ ...req, principal: `arn:aws:iam::${VENDOR}:role/scanner`, context: { 'sts:ExternalId': 'other-tenant' } })).result).not.toBe('Allowed');
      expect((await simulateAssumeRole({ ...req, principal: `arn:aws:iam::${VENDOR}:role/scanner` })).result).not.toBe('Allowed');
      expect((await simulateAssumeRole({ ...req, principal: 'arn:aws:iam::444455556666:role/scanner', context: { 'sts:ExternalId': EXTERNAL_ID } })).result).not.toBe('Allowed');
    });
  });

  describe('Budgets and Cost Explorer (R-008, deviation 5)', () => {
    test('budgets and costExplorer add the library\'s two inline read policies', () => {
      const { aria, resolved } = onboard({ ...BASE, budgets: true, costExplorer: true });
      const t = resolved(aria.accountStack);
      const p = identityPolicies(t, onlyOf(t, 'AWS::IAM::Role'));
      expect(only(t, 'AWS::IAM::Role').Policies.map((x: any) => x.PolicyName)).toEqual(['BudgetsRead', 'CostExplorerRead']);
      expect(actionsIn(p.documents)).toContain('budgets:ViewBudget');
      expect(actionsIn(p.documents)).toContain('ce:GetCostAndUsage');
    });
  });

  describe('organization mode (R-012 to R-018, deviation 6)', () => {
    const { aria, resolved } = onboard({ ...STREAM, organizationalUnitIds: ['r-ab12'], organizationId: ORG });
    const t = resolved(aria.accountStack);
    const stackSets = idsOf(t, 'AWS::CloudFormation::StackSet').map((id) => t.Resources[id].Properties);

    test('the management account keeps its own role and event stream in plain stacks (A-15)', () => {
      expect(idsOf(t, 'AWS::IAM::Role')).toHaveLength(1);
      expect(aria.stacks.map((s) => s.stackName)).toEqual(['Aria', 'Aria-event-stream-us-east-1', 'Aria-event-stream-eu-west-1']);
    });

    test('members get the same role from a service-managed StackSet in one region, with automatic deployment (R-018)', () => {
      const role = stackSets.find((s) => s.StackSetName === 'Aria-read-only-role');
      expect(role).toMatchObject({ PermissionModel: 'SERVICE_MANAGED', AutoDeployment: { Enabled: true } });
      expect(role.StackInstancesGroup.map((g: any) => g.Regions)).toEqual([['us-east-1']]);
      const body = JSON.parse(role.TemplateBody);
      const memberRole: any = Object.values(body.Resources).find((r: any) => r.Type === 'AWS::IAM::Role');
      expect(memberRole.Properties.RoleName).toBe('AriaSecureCloudsReadOnly');
      expect(memberRole.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual(GUIDE.trust.Condition);
    });

    test('members get the event stream from a second StackSet in every region', () => {
      const streamSet = stackSets.find((s) => s.StackSetName === 'Aria-event-stream');
      expect(streamSet.StackInstancesGroup.flatMap((g: any) => g.Regions)).toEqual(['us-east-1', 'eu-west-1']);
      expect(streamSet.TemplateBody).toContain(GUIDE.topicName);
    });

    test('no trail in the member templates (A-13)', () => {
      for (const s of stackSets) expect(s.TemplateBody).not.toContain('AWS::CloudTrail::Trail');
    });
  });

  describe('central mode (R-035, A-12)', () => {
    const CENTRAL = '999988887777';
    const CENTRAL_PROPS: AriaSecureCloudsOnboardingProps = { ...STREAM, organizationalUnitIds: ['r-ab12'], centralEventAccountId: CENTRAL, organizationId: ORG };
    const { aria } = onboard(CENTRAL_PROPS);
    const inAccount = (s: Stack) => resolveTemplate(templateOf(s), { account: s.account, region: s.region });

    test('the rule, topic and subscription run only in the central account, one stack per region, admitting the organization', () => {
      expect(aria.stacks.map((s) => [s.stackName, s.account, s.region])).toEqual([
        ['Aria', ACCOUNT, 'us-east-1'],
        ['Aria-event-stream-us-east-1', CENTRAL, 'us-east-1'],
        ['Aria-event-stream-eu-west-1', CENTRAL, 'eu-west-1'],
        ['Aria-event-forwarder-us-east-1', ACCOUNT, 'us-east-1'],
        ['Aria-event-forwarder-eu-west-1', ACCOUNT, 'eu-west-1'],
      ]);
      for (const e of aria.eventStreams) {
        const t = inAccount(Stack.of(e));
        expect(only(t, 'AWS::SNS::Topic').TopicName).toBe(GUIDE.topicName);
        expect(only(t, 'AWS::SNS::Subscription')).toMatchObject(GUIDE.subscription);
        const bus = only(t, 'AWS::Events::EventBusPolicy');
        expect(bus.Statement).toMatchObject({ Action: 'events:PutEvents', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } });
      }
    });

    test('the management account forwards the watched sources to the central bus of the same region, and runs no topic', () => {
      expect(aria.eventForwarders).toHaveLength(2);
      for (const f of aria.eventForwarders) {
        const t = inAccount(Stack.of(f));
        expect(idsOf(t, 'AWS::SNS::Topic')).toEqual([]);
        const rule = t.Resources[onlyOf(t, 'AWS::Events::Rule')].Properties;
        expect(rule.EventPattern).toEqual({ ...CURRENT_PATTERN, ...SOURCE_GUARD });
        expect(rule.Targets[0].Arn).toBe(`arn:aws:events:${Stack.of(f).region}:${CENTRAL}:event-bus/default`);
      }
    });

    test('a forwarded event matches the central rule, as the account\'s own events do (one pattern on both sides)', () => {
      const forwarder = inAccount(Stack.of(aria.eventForwarders[0]));
      const centralRule = inAccount(Stack.of(aria.eventStreams[0]));
      expect(only(forwarder, 'AWS::Events::Rule').EventPattern).toEqual(only(centralRule, 'AWS::Events::Rule').EventPattern);
    });

    test('members get forwarders, not topics, from the regional StackSet, which leaves the central account out', () => {
      const t = inAccount(aria.accountStack);
      const streamSet = idsOf(t, 'AWS::CloudFormation::StackSet').map((id) => t.Resources[id].Properties).find((p) => p.StackSetName === 'Aria-event-stream');
      expect(streamSet.StackInstancesGroup[0].DeploymentTargets).toEqual({ OrganizationalUnitIds: ['r-ab12'], Accounts: [CENTRAL], AccountFilterType: 'DIFFERENCE' });
      expect(streamSet.TemplateBody).not.toContain('AWS::SNS::Topic');
      expect(streamSet.TemplateBody).toContain(`:${CENTRAL}:event-bus/default`);
    });

    test('a central management account: no forwarder stacks and no exclusion', () => {
      const { aria: mgmt } = onboard({ ...CENTRAL_PROPS, centralEventAccountId: ACCOUNT });
      expect(mgmt.eventForwarders).toEqual([]);
      expect(mgmt.stacks.map((s) => s.stackName)).toEqual(['Aria', 'Aria-event-stream-us-east-1', 'Aria-event-stream-eu-west-1']);
      const t = inAccount(mgmt.accountStack);
      const streamSet = idsOf(t, 'AWS::CloudFormation::StackSet').map((id) => t.Resources[id].Properties).find((p) => p.StackSetName === 'Aria-event-stream');
      expect(streamSet.StackInstancesGroup[0].DeploymentTargets).toEqual({ OrganizationalUnitIds: ['r-ab12'] });
    });

    test('one account forwarding to a central account admits that account by ID', () => {
      const { aria: single } = onboard({ ...STREAM, centralEventAccountId: CENTRAL });
      const t = inAccount(Stack.of(single.eventStreams[0]));
      expect(only(t, 'AWS::Events::EventBusPolicy').Statement.Principal).toEqual({ AWS: [`arn:aws:iam::${ACCOUNT}:root`] });
    });

    test('cfn-lint finds no error or warning in any stack', () => {
      expect(lintStacks(aria.stacks)).toEqual([]);
    });

    test('cdk-nag reports only the SecurityAudit managed policy on the roles, nothing in the central and forwarder stacks or templates', () => {
      expect(aria.stacks.flatMap((s) => nagFindings(s).map((f) => `${f.id} ${f.path}`))).toEqual([
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit] Aria/Account/MemberTemplates/ReadOnlyRole/ReadOnlyRole/Resource/Resource',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit] Aria/Account/ReadOnlyRole/Resource/Resource',
      ]);
    });

    test.each([
      [{ ...STREAM, organizationalUnitIds: ['r-ab12'], centralEventAccountId: CENTRAL }, /centralEventAccountId with organizationalUnitIds needs organizationId/],
      [{ ...STREAM, account: undefined, centralEventAccountId: CENTRAL }, /centralEventAccountId "999988887777" needs account/],
      [{ ...STREAM, centralEventAccountId: ACCOUNT }, /is the account stack's own account and no member accounts are onboarded/],
      [{ ...STREAM, organizationId: ORG }, /organizationId only applies in organization mode \(the organization trail\) or central mode/],
      [{ ...BASE, centralEventAccountId: CENTRAL }, /centralEventAccountId only apply to the event stream/],
      [{ ...STREAM, centralEventAccountId: '9999-8888-7777', organizationId: ORG }, /centralEventAccountId must be a 12-digit AWS account ID/],
      [{ account: ACCOUNT, homeRegion: 'us-gov-west-1', centralEventAccountId: CENTRAL }, /centralEventAccountId cannot be used in GovCloud/],
    ])('bad input: %j', (props, message) => {
      expect(errorOf(() => onboard(props as AriaSecureCloudsOnboardingProps))).toMatch(message);
    });
  });

  // Issue 16, item 1: EventBridge sees only the API calls a trail logs, so
  // every account that gets a rule (or a forwarder) from the preset must be
  // logged by a trail the templates define, or synthesis must refuse.
  describe('organization mode: every member account that gets a rule is covered by a logging trail', () => {
    const CENTRAL = '999988887777';
    const ORG_STREAM: AriaSecureCloudsOnboardingProps = { ...STREAM, organizationalUnitIds: ['r-ab12'] };
    const CONTROL_TOWER_TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/aws-controltower-BaselineCloudTrail`;

    /** Templates by stack, each with the account it deploys to. */
    function templates(aria: AriaSecureCloudsOnboarding): Array<{ account: string; t: any }> {
      return aria.stacks.map((s) => ({ account: s.account, t: resolveTemplate(templateOf(s), { account: s.account, region: s.region }) }));
    }

    /** A trail that logs every region's management events, read and write, and is on. */
    function logsEverything(trail: any): boolean {
      return trail.IsLogging === true && trail.IsMultiRegionTrail === true && trail.IncludeGlobalServiceEvents === true
        && (trail.EventSelectors ?? []).some((e: any) => e.IncludeManagementEvents === true && e.ReadWriteType === 'All');
    }

    /**
     * The accounts that get a rule and no logging trail covers. A service-managed
     * StackSet reaches member accounts: only an organization trail logs them.
     * A plain stack's account is covered by a trail of its own account or by
     * the organization trail (the central account is a member).
     */
    function uncovered(stacks: Array<{ account: string; t: any }>): string[] {
      const trails = stacks.flatMap(({ account, t }) => idsOf(t, 'AWS::CloudTrail::Trail').map((id) => ({ account, p: t.Resources[id].Properties })))
        .filter((x) => logsEverything(x.p));
      const orgTrail = trails.some((x) => x.p.IsOrganizationTrail === true);
      const out: string[] = [];
      for (const { account, t } of stacks) {
        if (idsOf(t, 'AWS::Events::Rule').length > 0 && !orgTrail && !trails.some((x) => x.account === account)) out.push(`plain stack in ${account}`);
        for (const id of idsOf(t, 'AWS::CloudFormation::StackSet')) {
          const set = t.Resources[id].Properties;
          if (set.TemplateBody.includes('AWS::Events::Rule') && !orgTrail) out.push(`member accounts of ${set.StackSetName}`);
        }
      }
      return out;
    }

    test.each([
      ['per-account mode', { ...ORG_STREAM, organizationId: ORG }],
      ['central mode', { ...ORG_STREAM, organizationId: ORG, centralEventAccountId: CENTRAL }],
      ['central mode, the management account is the central one', { ...ORG_STREAM, organizationId: ORG, centralEventAccountId: ACCOUNT }],
    ])('%s: an organization trail in the management account logs every member account', (_name, props) => {
      const { aria } = onboard(props);
      const stacks = templates(aria);
      expect(uncovered(stacks)).toEqual([]);
      const trail = only(stacks[0].t, 'AWS::CloudTrail::Trail');
      expect(trail).toMatchObject({ IsOrganizationTrail: true, IsLogging: true, IsMultiRegionTrail: true });
      expect(aria.accountStack.account).toBe(ACCOUNT);
      // One trail for the whole organization: none in the event-stream stacks or the member templates (no second paid copy).
      expect(stacks.flatMap(({ t }) => idsOf(t, 'AWS::CloudTrail::Trail'))).toHaveLength(1);
      for (const id of idsOf(stacks[0].t, 'AWS::CloudFormation::StackSet')) expect(stacks[0].t.Resources[id].Properties.TemplateBody).not.toContain('AWS::CloudTrail::Trail');
    });

    test('the coverage check fails for the former layout: an account trail in the management account', () => {
      const { aria } = onboard({ ...ORG_STREAM, organizationId: ORG });
      const stacks = templates(aria);
      const trailId = onlyOf(stacks[0].t, 'AWS::CloudTrail::Trail');
      stacks[0].t.Resources[trailId].Properties.IsOrganizationTrail = false;
      expect(uncovered(stacks)).toEqual(['member accounts of Aria-event-stream']);
    });

    test('the organization trail\'s bucket admits the organization\'s log path', () => {
      const { aria } = onboard({ ...ORG_STREAM, organizationId: ORG });
      expect(JSON.stringify(templateOf(aria.accountStack))).toContain(`AWSLogs/${ORG}/*`);
    });

    test('an existing organization trail (Control Tower\'s): no trail is defined, so none is paid for twice', () => {
      const { aria } = onboard({ ...ORG_STREAM, existingTrailArn: CONTROL_TOWER_TRAIL });
      expect(templates(aria).flatMap(({ t }) => idsOf(t, 'AWS::CloudTrail::Trail'))).toEqual([]);
      expect(Annotations.fromStack(aria.accountStack).findInfo('*', Match.stringLikeRegexp('defines a new'))).toEqual([]);
    });

    test.each([
      [{ ...ORG_STREAM }, /^Aria: organizationalUnitIds with eventStreamRegions needs a trail that logs every member account, .* give organizationId \("o-\.\.\."\) to define an organization trail, or existingTrailArn/],
      [{ ...ORG_STREAM, defineTrail: false }, /organizationalUnitIds with eventStreamRegions and defineTrail: false needs existingTrailArn/],
      [{ ...ORG_STREAM, defineTrail: false, organizationId: ORG }, /defineTrail: false needs existingTrailArn/],
      [{ ...ORG_STREAM, centralEventAccountId: CENTRAL }, /needs a trail that logs every member account/],
    ])('synthesis refuses without a trail choice: %j', (props, message) => {
      expect(errorOf(() => onboard(props as AriaSecureCloudsOnboardingProps))).toMatch(message);
    });

    test('without an event stream, organization mode needs no trail and no organizationId', () => {
      const { aria } = onboard({ ...BASE, organizationalUnitIds: ['r-ab12'] });
      expect(idsOf(templateOf(aria.accountStack), 'AWS::CloudTrail::Trail')).toEqual([]);
    });
  });

  // Issue 16, item 2: adopting a trail is the easy path, and a new one says what it costs.
  describe('a new trail says what it costs', () => {
    test('defining a trail adds an info message naming existingTrailArn and the second-copy charge', () => {
      const { aria } = onboard(STREAM);
      const infos = Annotations.fromStack(aria.accountStack).findInfo('*', Match.stringLikeRegexp('defines a new CloudTrail trail'));
      expect(infos).toHaveLength(1);
      expect(infos[0].entry.data).toMatch(/KMS key \(about 1 USD a month.*second copy, billed by CloudTrail per 100,000 management events: give that trail's ARN as existingTrailArn instead/);
    });

    test('existingTrailArn defines nothing and says nothing', () => {
      const { aria } = onboard({ ...STREAM, existingTrailArn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main` });
      expect(idsOf(templateOf(aria.accountStack), 'AWS::CloudTrail::Trail')).toEqual([]);
      expect(Annotations.fromStack(aria.accountStack).findInfo('*', Match.anyValue())).toEqual([]);
    });
  });

  // Issue 16, item 3: AWS WAF (v2) is watched by default; the guide's list stays available.
  describe('current services (deviation 9)', () => {
    test('by default the rules and the member StackSet watch wafv2.amazonaws.com besides the guide\'s waf.amazonaws.com', () => {
      const { aria } = onboard({ ...STREAM, organizationalUnitIds: ['r-ab12'], organizationId: ORG });
      for (const e of aria.eventStreams) {
        expect(only(templateOf(Stack.of(e)), 'AWS::Events::Rule').EventPattern.detail.eventSource).toEqual(CURRENT_PATTERN.detail.eventSource);
      }
      const set = idsOf(templateOf(aria.accountStack), 'AWS::CloudFormation::StackSet').map((id) => templateOf(aria.accountStack).Resources[id].Properties)
        .find((p) => p.StackSetName === 'Aria-event-stream');
      expect(set.TemplateBody).toContain('wafv2.amazonaws.com');
    });

    test('currentServices: false watches the guide\'s 21 sources, in its order', () => {
      const { aria } = onboard({ ...STREAM, currentServices: false });
      expect(only(templateOf(Stack.of(aria.eventStreams[0])), 'AWS::Events::Rule').EventPattern.detail.eventSource).toEqual(GUIDE.eventPattern.detail.eventSource);
    });

    test.each([
      [{ ...STREAM, currentServices: true, eventStreamServices: AuditedServices.VMWARE_DEFAULT }, /currentServices only chooses between the default service sets, and eventStreamServices is given/],
      [{ ...BASE, currentServices: false }, /currentServices only apply to the event stream/],
    ])('bad input: %#', (props, message) => {
      expect(errorOf(() => onboard(props as AriaSecureCloudsOnboardingProps))).toMatch(message);
    });
  });

  // Issue 16, item 8: one retained KMS key per account and region; the
  // count is said where it is decided, and central mode with existing keys
  // defines none for the event stream.
  describe('KMS keys of the event stream', () => {
    const CENTRAL = '999988887777';
    const keyArn = (region: string, account = CENTRAL) => `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const keysIn = (s: Stack) => idsOf(templateOf(s), 'AWS::KMS::Key').length;
    const memberTemplate = (aria: AriaSecureCloudsOnboarding) => {
      const t = templateOf(aria.accountStack);
      const set = idsOf(t, 'AWS::CloudFormation::StackSet').map((id) => t.Resources[id].Properties).find((p) => p.StackSetName === 'Aria-event-stream');
      return JSON.parse(set.TemplateBody);
    };

    test('per-account organization mode: one key per event-stream stack and per member account and region, and an info message with the count', () => {
      const { aria } = onboard({ ...STREAM, organizationalUnitIds: ['r-ab12'], organizationId: ORG });
      expect(aria.eventStreams.map((e) => keysIn(Stack.of(e)))).toEqual([1, 1]);
      expect(idsOf(memberTemplate(aria), 'AWS::KMS::Key')).toHaveLength(1); // deployed once per member account and region
      const infos = Annotations.fromStack(aria.accountStack).findInfo('*', Match.stringLikeRegexp('Each member account gets 2 retained KMS keys'));
      expect(infos).toHaveLength(1);
      expect(infos[0].entry.data).toMatch(/centralEventAccountId runs the stream in one account instead, with 2 keys for the whole organization/);
    });

    test('central mode: member accounts get no key, and existing keys leave the central stacks without one', () => {
      const { aria } = onboard({
        ...STREAM,
        organizationalUnitIds: ['r-ab12'],
        organizationId: ORG,
        centralEventAccountId: CENTRAL,
        eventStreamEncryptionKeyArns: { 'us-east-1': keyArn('us-east-1'), 'eu-west-1': keyArn('eu-west-1') },
      });
      expect(idsOf(memberTemplate(aria), 'AWS::KMS::Key')).toEqual([]);
      expect(aria.eventStreams.map((e) => keysIn(Stack.of(e)))).toEqual([0, 0]);
      expect(aria.eventStreams.map((e) => only(templateOf(Stack.of(e)), 'AWS::SNS::Topic').KmsMasterKeyId)).toEqual([keyArn('us-east-1'), keyArn('eu-west-1')]);
      expect(Annotations.fromStack(aria.accountStack).findInfo('*', Match.stringLikeRegexp('Each member account gets'))).toEqual([]);
      // The imported key's policy cannot be changed here: synthesis says what to add.
      for (const e of aria.eventStreams) {
        expect(Annotations.fromStack(Stack.of(e)).findWarning('*', Match.stringLikeRegexp('events.amazonaws.com kms:Decrypt and kms:GenerateDataKey'))).toHaveLength(1);
      }
    });

    test('a region without an existing key still gets its own', () => {
      const { aria } = onboard({ ...STREAM, eventStreamEncryptionKeyArns: { 'eu-west-1': keyArn('eu-west-1', ACCOUNT) } });
      expect(aria.eventStreams.map((e) => keysIn(Stack.of(e)))).toEqual([1, 0]);
    });

    test.each([
      [{ ...STREAM, eventStreamEncryptionKeyArns: { 'us-west-2': keyArn('us-west-2', ACCOUNT) } }, /eventStreamEncryptionKeyArns\["us-west-2"\] names a region that is not in eventStreamRegions/],
      [{ ...STREAM, eventStreamEncryptionKeyArns: { 'us-east-1': keyArn('eu-west-1', ACCOUNT) } }, /eventStreamEncryptionKeyArns\["us-east-1"\] is a key of region eu-west-1/],
      [{ ...STREAM, eventStreamEncryptionKeyArns: { 'us-east-1': keyArn('us-east-1', CENTRAL) } }, /is a key of account 999988887777, .* the event-stream stacks deploy to account 123456789012; give a key of that account/],
      [{ ...STREAM, eventStreamEncryptionKeyArns: { 'us-east-1': `arn:aws:kms:us-east-1:${ACCOUNT}:alias/shared` } }, /it is an alias ARN/],
      [{ ...BASE, eventStreamEncryptionKeyArns: { 'us-east-1': keyArn('us-east-1', ACCOUNT) } }, /eventStreamEncryptionKeyArns only apply to the event stream/],
    ])('bad input: %#', (props, message) => {
      expect(errorOf(() => onboard(props as AriaSecureCloudsOnboardingProps))).toMatch(message);
    });
  });

  describe('per-account external IDs (R-013, A-14)', () => {
    const MEMBER = '444455556666';
    const LATE_JOINER = '777788889999';
    const ids = { [MEMBER]: 'tenant-member-0001', [ACCOUNT]: 'tenant-mgmt-0002' };
    const { aria, resolved } = onboard({ ...BASE, organizationalUnitIds: ['r-ab12'], accountExternalIds: ids });
    const t = resolved(aria.accountStack);
    const roleSet = idsOf(t, 'AWS::CloudFormation::StackSet').map((id) => t.Resources[id].Properties)[0];
    const body = JSON.parse(roleSet.TemplateBody);

    async function assumes(template: any, account: string, externalId: string): Promise<boolean> {
      const r = resolveTemplate(template, { account });
      const role = onlyOf(r, 'AWS::IAM::Role');
      const req = { trustPolicy: trustPolicy(r, role), roleArn: arnOf(r, role), principal: `arn:aws:iam::${VENDOR}:role/scanner`, context: { 'sts:ExternalId': externalId } };
      return (await simulateAssumeRole(req)).result === 'Allowed';
    }

    test('the management account (known at synth) gets its listed value, as a literal, in the trust and the hand-off output', () => {
      expect(trustPolicy(t, onlyOf(t, 'AWS::IAM::Role')).Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'tenant-mgmt-0002' } });
      expect(outputValues(t)['VMware Aria Automation for Secure Clouds: External ID in the role\'s trust']).toBe('tenant-mgmt-0002');
    });

    test('the one member template gives a listed member its value and every other account the default', async () => {
      expect(await assumes(body, MEMBER, 'tenant-member-0001')).toBe(true);
      expect(await assumes(body, MEMBER, EXTERNAL_ID)).toBe(false);
      expect(await assumes(body, LATE_JOINER, EXTERNAL_ID)).toBe(true);
      expect(await assumes(body, LATE_JOINER, 'tenant-member-0001')).toBe(false);
    });

    test('no StackSet parameter overrides: automatic deployment would ignore them (one stack-instance group)', () => {
      expect(roleSet.StackInstancesGroup).toHaveLength(1);
      expect(roleSet.StackInstancesGroup[0]).not.toHaveProperty('ParameterOverrides');
      expect(roleSet.AutoDeployment).toEqual({ Enabled: true, RetainStacksOnAccountRemoval: false });
    });

    test('a bad map entry fails at synth', () => {
      expect(errorOf(() => onboard({ ...BASE, accountExternalIds: { [MEMBER]: 'bad id!' } }))).toMatch(/accountExternalIds\["444455556666"\] must be an external ID/);
    });

    test('accountExternalIds is commercial-only', () => {
      expect(errorOf(() => onboard({ account: ACCOUNT, homeRegion: 'us-gov-west-1', accountExternalIds: { [MEMBER]: 'x-1' } }))).toMatch(/accountExternalIds cannot be used in GovCloud/);
    });
  });

  describe('GovCloud (R-020 to R-022, deviation 7)', () => {
    test('defines the SecureStateUser with SecurityAudit and its key in a secret, and no role', () => {
      const { aria, resolved } = onboard({ account: ACCOUNT, homeRegion: 'us-gov-west-1' });
      const t = resolved(aria.accountStack);
      expect(idsOf(t, 'AWS::IAM::Role')).toEqual([]);
      const userId = onlyOf(t, 'AWS::IAM::User');
      expect(t.Resources[userId].Properties.UserName).toBe(GUIDE.govCloudUserName);
      expect(identityPolicies(t, userId).awsManagedPolicyNames).toEqual([GUIDE.managedPolicy]);
      expect(JSON.stringify(t.Resources[userId])).toContain('arn:aws-us-gov:iam::aws:policy/SecurityAudit');
      expect(idsOf(t, 'AWS::SecretsManager::Secret')).toHaveLength(1);
    });

    test('outputs the access key ID and the secret ARN, never the secret', () => {
      const { aria } = onboard({ account: ACCOUNT, homeRegion: 'us-gov-west-1' });
      expect(aria.accountStack.node.findChild('HandOff').node.children.map((c) => c.node.id)).toEqual(['AccessKeyId', 'SecretArn']);
      expect(JSON.stringify(templateOf(aria.accountStack).Outputs)).not.toContain('SecretAccessKey');
    });

    test('fails if an event stream is asked for, with the guide\'s reason (R-022)', () => {
      expect(errorOf(() => onboard({ homeRegion: 'us-gov-west-1', eventStreamRegions: ['us-gov-west-1'] })))
        .toMatch(/^Aria: eventStreamRegions cannot be used in GovCloud .*"An event stream is not available for GovCloud accounts", findings refresh every 12 hours; remove eventStreamRegions/);
    });

    test('fails if commercial-only props are given', () => {
      expect(errorOf(() => onboard({ homeRegion: 'us-gov-west-1', vendorAccountId: VENDOR, organizationalUnitIds: ['r-ab12'] })))
        .toMatch(/vendorAccountId, organizationalUnitIds cannot be used in GovCloud/);
    });
  });

  describe('checks', () => {
    test('every action in every template exists', () => {
      const { aria, resolved } = onboard({ ...STREAM, budgets: true, costExplorer: true, organizationalUnitIds: ['r-ab12'], organizationId: ORG });
      for (const s of aria.stacks) expect(unknownActions(resolved(s))).toEqual([]);
    });

    test('synthesizes env-agnostic (no account): the role ARN output is the deployed role\'s ARN', () => {
      const { aria } = onboard({ vendorAccountId: VENDOR, externalId: EXTERNAL_ID, eventStreamRegions: ['us-east-1'], eventQueueAccountId: QUEUE_ACCOUNT });
      const t = templateOf(aria.accountStack);
      expect(outputValues(t)['VMware Aria Automation for Secure Clouds: IAM Role ARN']).toEqual({ 'Fn::GetAtt': [onlyOf(t, 'AWS::IAM::Role'), 'Arn'] });
      // The only literal partition is the vendor queue's: us-west-2 is in "aws" whatever the deploy region.
      for (const s of aria.stacks) expect(JSON.stringify(templateOf(s)).match(/arn:aws:[^"]*/g) ?? []).toEqual(s === aria.accountStack ? [] : [GUIDE.subscription.Endpoint]);
    });

    test('synthesizes in aws-cn with the partition of the stack (A-82)', () => {
      const { aria } = onboard({ ...BASE, homeRegion: 'cn-north-1', eventStreamRegions: ['cn-north-1'], eventQueueArn: 'arn:aws-cn:sqs:cn-north-1:111122223333:cloudcoreo-events-queue' });
      expect(JSON.stringify(templateOf(aria.accountStack))).not.toMatch(/arn:aws:/);
      expect(only(templateOf(aria.stacks[1]), 'AWS::SNS::Subscription').Endpoint).toBe('arn:aws-cn:sqs:cn-north-1:111122223333:cloudcoreo-events-queue');
    });

    test('cdk-nag reports only the guide\'s SecurityAudit managed policy on the role (IAM4, inherent to ReadOnlyAuditRole)', () => {
      const { aria } = onboard(STREAM);
      expect(aria.stacks.flatMap((s) => nagFindings(s).map((f) => `${f.id} ${f.path}`))).toEqual([
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit] Aria/Account/ReadOnlyRole/Resource/Resource',
      ]);
    });

    test('cfn-lint finds no error or warning in any stack', () => {
      const { aria } = onboard({ ...STREAM, organizationalUnitIds: ['r-ab12'], organizationId: ORG });
      expect(lintStacks(aria.stacks)).toEqual([]);
    });
  });

  describe('bad input', () => {
    test('fails without vendorAccountId and externalId in a commercial region', () => {
      const msg = errorOf(() => onboard({}));
      expect(msg).toMatch(/vendorAccountId is required/);
      expect(msg).toMatch(/externalId is required: it must match your organization ID/);
    });

    test('fails on a vendor account ID with dashes', () => {
      expect(errorOf(() => onboard({ ...BASE, vendorAccountId: '1111-2222-3333' }))).toMatch(/vendorAccountId must be a 12-digit AWS account ID .* got "1111-2222-3333"/);
    });

    test('fails if eventStreamRegions has no queue', () => {
      expect(errorOf(() => onboard({ ...BASE, eventStreamRegions: ['us-east-1'] }))).toMatch(/eventStreamRegions needs the vendor's queue/);
    });

    test('fails on event-stream props without eventStreamRegions', () => {
      expect(errorOf(() => onboard({ ...BASE, eventQueueAccountId: QUEUE_ACCOUNT }))).toMatch(/eventQueueAccountId only apply to the event stream/);
    });

    test('fails on an OU ID that is not one', () => {
      expect(errorOf(() => onboard({ ...BASE, organizationalUnitIds: ['o-a1b2c3d4e5'] }))).toMatch(/organizationalUnitIds\[0\] must be an organization root .* got "o-a1b2c3d4e5"/);
    });

    // Issue 19: eventQueueArn by core's SQS queue ARN and queue name rules, not the preset's own regex
    // (which accepted an unknown region, and said nothing of what was wrong).
    test('fails on an event queue ARN in an unknown region, or naming a FIFO queue, saying what is wrong', () => {
      expect(errorOf(() => onboard({ ...BASE, eventStreamRegions: ['us-east-1'], eventQueueArn: 'arn:aws:sqs:us-west-9:111122223333:cloudcoreo-events-queue' })))
        .toMatch(/eventQueueArn must be the ARN of an SQS queue .*got "arn:aws:sqs:us-west-9:111122223333:cloudcoreo-events-queue": its region "us-west-9" is not a region known to aws-cdk-lib/);
      expect(errorOf(() => onboard({ ...BASE, eventStreamRegions: ['us-east-1'], eventQueueArn: 'arn:aws:sqs:us-west-2:111122223333:events.fifo' })))
        .toMatch(/the queue name in eventQueueArn must be an SQS queue name of 1-80 characters from \[A-Za-z0-9_-\] .*got "events.fifo": remove "."/);
    });

    // Issue 19: the preset uses core's root/OU rule, whose hints say what to fix.
    test('says how to fix an OU ID with capitals, and that a root ID has the wrong length', () => {
      expect(errorOf(() => onboard({ ...BASE, organizationalUnitIds: ['ou-ab12-SALES123'] })))
        .toMatch(/organizationalUnitIds\[0\] must be an organizational unit ID: .*got "ou-ab12-SALES123": use lowercase letters/);
      expect(errorOf(() => onboard({ ...BASE, organizationalUnitIds: ['r-ab1'] })))
        .toMatch(/organizationalUnitIds\[0\] must be an organization root ID: .*got "r-ab1": the part after "r-" has 3 characters, AWS uses 4-32/);
    });

    test('fails inside a Stack', () => {
      const stack = new Stack(new App(), 'S');
      expect(errorOf(() => new AriaSecureCloudsOnboarding(stack, 'Aria', BASE))).toMatch(/define it in an App or a Stage, not in a Stack/);
    });

    test('fails if the event-stream regions leave out us-east-1 while IAM is watched (A-10)', () => {
      const { app } = onboard({ ...STREAM, eventStreamRegions: ['eu-west-1'] });
      expect(() => app.synth()).toThrow(/us-east-1/);
    });
  });
});

describe('AriaSecureCloudsOnboarding is a Stage', () => {
  const CENTRAL = '555566667777';

  test('every stack it lists is in its own cloud assembly, and nothing else deployable is', () => {
    const { app, aria } = onboard({ ...STREAM, centralEventAccountId: CENTRAL, organizationId: ORG, organizationalUnitIds: ['r-ab12'] });
    expect(Stage.isStage(aria)).toBe(true);
    expect(aria.stacks.every((s) => Stage.of(s) === aria)).toBe(true);
    app.synth();
    expect(aria.synth().stacks.map((s) => s.stackName).sort()).toEqual(aria.stacks.map((s) => s.stackName).sort());
    expect(aria.stacks.map((s) => s.stackName)).toEqual([
      'Aria', 'Aria-event-stream-us-east-1', 'Aria-event-stream-eu-west-1', 'Aria-event-forwarder-us-east-1', 'Aria-event-forwarder-eu-west-1',
    ]);
  });

  test('a CDK Pipelines wave deploys every stack of the preset', () => {
    const app = new App();
    const pipelineStack = new Stack(app, 'Pipeline', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection('example/repo', 'main', { connectionArn: `arn:aws:codeconnections:us-east-1:${ACCOUNT}:connection/00000000-0000-0000-0000-000000000000` }),
        commands: ['npx cdk synth'],
      }),
    });
    const aria = new AriaSecureCloudsOnboarding(app, 'Aria', STREAM);
    pipeline.addStage(aria);
    pipeline.buildPipeline();
    const stages = Template.fromStack(pipelineStack).findResources('AWS::CodePipeline::Pipeline');
    const actions = Object.values<any>(stages)[0].Properties.Stages.flatMap((s: any) => s.Actions);
    const deployed = actions.filter((a: any) => a.ActionTypeId.Provider === 'CloudFormation' && a.Configuration.ActionMode === 'CHANGE_SET_REPLACE')
      .map((a: any) => a.Configuration.StackName).sort();
    expect(deployed).toEqual(['Aria', 'Aria-event-stream-eu-west-1', 'Aria-event-stream-us-east-1']);
  });

  test('an App tag that does not reach the preset\'s stacks is warned about on the account stack', () => {
    const app = new App();
    Tags.of(app).add('cost-center', 'security');
    const { aria } = onboard(BASE, app);
    app.synth();
    expect(Annotations.fromStack(aria.accountStack).findWarning('*', Match.stringLikeRegexp('outerAspects')).map((m) => String(m.entry.data)))
      .toEqual([expect.stringContaining('Aria is a Stage, and CDK applies aspects only within the stage they are given to: tag "cost-center"')]);
  });

  test('organization mode synthesizes inside a stage with an env (a pipeline stage), its member templates environment-agnostic', () => {
    const app = new App();
    const pipelineStage = new Stage(app, 'Prod', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const aria = new AriaSecureCloudsOnboarding(pipelineStage, 'Aria', { ...STREAM, organizationId: ORG, organizationalUnitIds: ['r-ab12'] });
    expect(() => app.synth()).not.toThrow();
    for (const name of ['Aria-read-only-role', 'Aria-event-stream']) {
      const body = JSON.stringify(Object.values<any>(Template.fromStack(aria.accountStack).findResources('AWS::CloudFormation::StackSet'))
        .find((r) => r.Properties.StackSetName === name).Properties.TemplateBody);
      expect(body).not.toContain(ACCOUNT);
    }
  });
});
