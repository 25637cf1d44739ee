import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsLimits } from '../../src/core/limits';
import { CentralEventBusPolicy, CentralEventBusPolicyProps, NrtReceiver } from '../../src/event-stream';
import { ALLOW_ALL, cfnLint, isAllowed, nagFindings, resolveTemplate, resourcePolicy } from '../harness';

const ORG = 'o-a1b2c3d4e5';
const MEMBER = '222233334444';
const ENV = { account: '111122223333', region: 'eu-west-1' };
const BUS_ARN_TOKEN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:eu-west-1:${ENV.account}:event-bus/default`]] };

function synth(props: CentralEventBusPolicyProps): { stack: Stack; template: Template; policy: CentralEventBusPolicy } {
  const stack = new Stack(new App(), 'S', { env: ENV });
  const policy = new CentralEventBusPolicy(stack, 'Members', props);
  return { stack, template: Template.fromStack(stack), policy };
}

function manyAccounts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(100000000000 + i));
}

describe('CentralEventBusPolicy', () => {
  test('the organization form admits any principal of the organization to PutEvents on this region\'s default bus (A-12, A-31)', () => {
    synth({ sourceOrganizationId: ORG }).template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      EventBusName: 'default',
      Statement: {
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: BUS_ARN_TOKEN,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
      },
    });
  });

  test('the account form admits the listed accounts\' root principals only', () => {
    synth({ sourceAccountIds: [MEMBER, '555566667777'] }).template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      EventBusName: 'default',
      // The stack's region is known, so the partition is concrete here.
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: [`arn:aws:iam::${MEMBER}:root`, 'arn:aws:iam::555566667777:root'] },
        Action: 'events:PutEvents',
        Resource: BUS_ARN_TOKEN,
      },
    });
  });

  test('both forms give two statements, exposed as busPolicies, and nothing else', () => {
    const { stack, template, policy } = synth({ sourceAccountIds: [MEMBER], sourceOrganizationId: ORG });
    template.resourceCountIs('AWS::Events::EventBusPolicy', 2);
    expect(Object.keys(template.toJSON().Resources)).toHaveLength(2);
    expect(policy.busPolicies.map((p) => p.node.id)).toEqual(['Accounts', 'Organization']);
    expect(stack.resolve(policy.eventBusArn)).toEqual(BUS_ARN_TOKEN);
  });

  test('statement IDs are valid, distinct within the construct, and distinct across constructs and from NrtReceiver\'s', () => {
    const stack = new Stack(new App(), 'S', { env: ENV });
    new CentralEventBusPolicy(stack, 'A', { sourceAccountIds: [MEMBER], sourceOrganizationId: ORG });
    new CentralEventBusPolicy(stack, 'B', { sourceAccountIds: [MEMBER], sourceOrganizationId: ORG });
    new NrtReceiver(stack, 'Receiver', { publisherAccountIds: [MEMBER], publisherOrganizationId: ORG });
    const ids = Object.values(Template.fromStack(stack).findResources('AWS::Events::EventBusPolicy')).map((r: any) => r.Properties.StatementId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  test('statement IDs stay the same from one synth to the next (changing them replaces the statements)', () => {
    const ids = () => Object.values(synth({ sourceAccountIds: [MEMBER], sourceOrganizationId: ORG }).template.findResources('AWS::Events::EventBusPolicy'))
      .map((r: any) => r.Properties.StatementId);
    expect(ids()).toEqual(ids());
    expect(ids()[0]).toMatch(/^CentralEventSourcesAccounts-[0-9a-f]{16}$/);
  });

  describe('policy (simulated)', () => {
    const t = resolveTemplate(synth({ sourceAccountIds: [MEMBER], sourceOrganizationId: ORG }).template.toJSON(), ENV);
    const busPolicy = {
      Version: '2012-10-17',
      Statement: Object.keys(t.Resources).flatMap((id) => resourcePolicy(t, id).Statement),
    };
    const busArn = `arn:aws:events:eu-west-1:${ENV.account}:event-bus/default`;
    const put = (principal: string, context: Record<string, string>, resource = busArn) => isAllowed({
      principal, action: 'events:PutEvents', resource, resourcePolicy: busPolicy, identityPolicies: [ALLOW_ALL], context,
    });

    test('a role of an organization account may put events', async () => {
      expect(await put('arn:aws:iam::555566667777:role/EventForwarderRole', { 'aws:PrincipalOrgID': ORG })).toBe(true);
    });

    test('a listed account may put events, whatever its organization', async () => {
      expect(await put(`arn:aws:iam::${MEMBER}:role/EventForwarderRole`, { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' })).toBe(true);
    });

    test('a principal of another organization is refused', async () => {
      expect(await put('arn:aws:iam::999988887777:role/EventForwarderRole', { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' })).toBe(false);
    });

    test('only PutEvents is granted, and only on this bus', async () => {
      expect(await isAllowed({
        principal: 'arn:aws:iam::555566667777:role/R',
        action: 'events:DescribeEventBus',
        resource: busArn,
        resourcePolicy: busPolicy,
        identityPolicies: [ALLOW_ALL],
        context: { 'aws:PrincipalOrgID': ORG },
      })).toBe(false);
      expect(await put('arn:aws:iam::555566667777:role/R', { 'aws:PrincipalOrgID': ORG }, `arn:aws:events:eu-west-1:${ENV.account}:event-bus/other`)).toBe(false);
    });
  });

  describe('tokens', () => {
    test('a token account and a token organization pass validation and are used as given', () => {
      const { template } = synth({ sourceAccountIds: [Fn.importValue('MemberAccount')], sourceOrganizationId: Fn.importValue('OrgId') });
      template.hasResourceProperties('AWS::Events::EventBusPolicy', {
        Statement: Match.objectLike({ Principal: { AWS: [{ 'Fn::ImportValue': 'MemberAccount' }] } }),
      });
      template.hasResourceProperties('AWS::Events::EventBusPolicy', {
        Statement: Match.objectLike({ Condition: { StringEquals: { 'aws:PrincipalOrgID': { 'Fn::ImportValue': 'OrgId' } } } }),
      });
    });

    test('a list token of accounts (a CommaDelimitedList parameter) becomes the principal list whole', () => {
      const stack = new Stack(new App(), 'S', { env: ENV });
      const accounts = new CfnParameter(stack, 'MemberAccounts', { type: 'CommaDelimitedList' });
      new CentralEventBusPolicy(stack, 'Members', { sourceAccountIds: accounts.valueAsList });
      Template.fromStack(stack).hasResourceProperties('AWS::Events::EventBusPolicy', {
        Statement: Match.objectLike({ Principal: { AWS: { Ref: 'MemberAccounts' } } }),
      });
    });

    test('an env-agnostic stack names the bus with the deploy-time partition, region and account', () => {
      const stack = new Stack(new App(), 'S');
      new CentralEventBusPolicy(stack, 'Members', { sourceOrganizationId: ORG });
      Template.fromStack(stack).hasResourceProperties('AWS::Events::EventBusPolicy', {
        Statement: Match.objectLike({
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':event-bus/default']] },
        }),
      });
    });
  });

  describe('bad input', () => {
    test('fails without accounts or organization, naming both props', () => {
      expect(() => synth({})).toThrow(/^S\/Members: give sourceAccountIds, sourceOrganizationId or both: without them the policy admits no account/);
    });

    test('fails on an empty account list', () => {
      expect(() => synth({ sourceAccountIds: [] })).toThrow(/sourceAccountIds must not be empty/);
    });

    test('fails on a bad account with its index and value', () => {
      expect(() => synth({ sourceAccountIds: [MEMBER, '12345'] })).toThrow(/^S\/Members: sourceAccountIds\[1\] must be a 12-digit AWS account ID .*got "12345"/);
    });

    test('fails on a duplicate account', () => {
      expect(() => synth({ sourceAccountIds: [MEMBER, MEMBER] })).toThrow(/sourceAccountIds lists "222233334444" more than once: remove the duplicates/);
    });

    test('fails on a bad organization ID, naming the prop and value', () => {
      expect(() => synth({ sourceOrganizationId: 'a1b2c3d4e5' })).toThrow(/^S\/Members: sourceOrganizationId .*"a1b2c3d4e5"/);
    });

    test('fails at synth with the figures when the account list outgrows the bus policy (A-31)', () => {
      expect(() => synth({ sourceAccountIds: manyAccounts(400) })).toThrow(
        /^S\/Members: the default event bus policy statements for sourceAccountIds and sourceOrganizationId needs (at most )?[0-9]{2},[0-9]{3} characters.*, the resource policy limit is 10,240: admit the organization with sourceOrganizationId instead of listing accounts/,
      );
    });

    test('a list of 300 accounts fits the default limit', () => {
      expect(() => synth({ sourceAccountIds: manyAccounts(300) })).not.toThrow();
    });

    test('the organization statement counts too: under a lowered limit it fails with its own size', () => {
      expect(() => synth({ sourceOrganizationId: ORG, limits: AwsLimits.of({ eventBusPolicyCharacters: 100 }) })).toThrow(
        /needs at most [0-9]{3} characters .*, the resource policy limit is 100:/,
      );
    });

    test('a raised bus-policy limit admits the same list', () => {
      expect(() => synth({ sourceAccountIds: manyAccounts(400), limits: AwsLimits.of({ eventBusPolicyCharacters: 40960 }) })).not.toThrow();
    });
  });

  test('has no unsuppressed cdk-nag finding', () => {
    expect(nagFindings(synth({ sourceAccountIds: [MEMBER], sourceOrganizationId: ORG }).stack)).toEqual([]);
  });

  test('passes cfn-lint, env-agnostic and with an env', () => {
    const app = new App();
    const a = new Stack(app, 'Agnostic');
    new CentralEventBusPolicy(a, 'Members', { sourceOrganizationId: ORG });
    const b = new Stack(app, 'WithEnv', { env: ENV });
    new CentralEventBusPolicy(b, 'Members', { sourceAccountIds: [MEMBER], sourceOrganizationId: ORG });
    const assembly = app.synth();
    expect(cfnLint([a, b].map((s) => assembly.getStackArtifact(s.artifactId).templateFullPath))).toEqual([]);
  });

  test('synthesizes for aws-cn and aws-us-gov without a literal aws partition', () => {
    for (const region of ['cn-north-1', 'us-gov-west-1']) {
      const stack = new Stack(new App(), 'S', { env: { account: ENV.account, region } });
      new CentralEventBusPolicy(stack, 'Members', { sourceAccountIds: [MEMBER], sourceOrganizationId: ORG });
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toMatch(/arn:aws:/);
    }
  });
});
