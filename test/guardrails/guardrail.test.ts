import { App, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EventStreamRule, Guardrail, OrgGuardrailScp, ReadOnlyAuditRole } from '../../src';
import { organizationPolicies, unknownActions } from '../harness';
import { ANY, VENDOR, orgPath, synthScp, ownStatements } from './_helpers';

/** Adds the guardrail to a fresh OrgGuardrailScp, where bad options are reported. */
function add(guardrail: Guardrail): void {
  const stack = new Stack(new App(), 'Org');
  new OrgGuardrailScp(stack, 'Guardrails', { targetIds: [ANY.root], guardrails: [guardrail] });
}

/** The one statement a guardrail renders to, as deployed. */
function statementOf(guardrail: Guardrail): any {
  const [doc] = organizationPolicies(synthScp({ guardrails: [guardrail] }), 'SERVICE_CONTROL_POLICY');
  // the guardrail's own statement: not the fixture's protection, not protectAuditSetup's tag statements
  const own = ownStatements(doc);
  expect(own).toHaveLength(1);
  return own[0];
}

describe('Guardrail', () => {
  describe('statements', () => {
    test('denyResourcesOutsideOrganization compares aws:ResourceOrgID with ${aws:PrincipalOrgID} by default (R-309)', () => {
      const s = statementOf(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'] }));
      expect(s).toMatchObject({ Sid: 'DenyResourcesOutsideOrganization', Effect: 'Deny', Action: 's3:*', Resource: '*' });
      expect(s.Condition.StringNotEquals).toEqual({ 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' });
    });

    test('denyResourcesOutsideOrgPaths uses ForAllValues:StringNotLike on the multi-valued key only (R-303)', () => {
      const s = statementOf(Guardrail.denyResourcesOutsideOrgPaths({ actions: ['s3:*'], orgPaths: [orgPath(ANY.media)], trustedAccounts: [VENDOR] }));
      expect(s.Condition['ForAllValues:StringNotLike']).toEqual({ 'aws:ResourceOrgPaths': orgPath(ANY.media) });
      expect(s.Condition.StringNotEquals).toEqual({ 'aws:ResourceAccount': VENDOR });
    });

    test('every guardrail exempts the onboarding machinery by default', () => {
      const s = statementOf(Guardrail.denyLeaveOrganization());
      expect(s.Condition.ArnNotLike['aws:PrincipalArn']).toEqual(expect.arrayContaining([
        'arn:*:iam::*:role/stacksets-exec-*',
        'arn:*:iam::*:role/AWSCloudFormationStackSetExecutionRole',
        'arn:*:iam::*:role/AWSControlTowerExecution',
      ]));
    });

    test('perimeter guardrails exempt calls via AWS services with BoolIfExists (R-332)', () => {
      const s = statementOf(Guardrail.denyResourcesOutsideAccounts({ actions: ['s3:*'] }));
      expect(s.Condition.BoolIfExists).toEqual({ 'aws:ViaAWSService': 'false' });
    });

    test('protectAuditSetup has no aws:ViaAWSService exemption', () => {
      const s = statementOf(Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] }));
      expect(s.Condition.BoolIfExists).toBeUndefined();
    });

    test('protectAuditSetup reads the path and name of a role construct', () => {
      const stack = new Stack(new App(), 'Member');
      const role = new iam.Role(stack, 'Role', { roleName: 'VendorAuditRole', path: '/security/', assumedBy: new iam.AccountPrincipal(VENDOR) });
      const s = statementOf(Guardrail.protectAuditSetup({ roles: [role] }));
      // the name at any path: role names are unique per account whatever the path (issue 13, finding 4)
      expect(s.Resource).toEqual(expect.arrayContaining(['arn:*:iam::*:role/VendorAuditRole', 'arn:*:iam::*:role/*/VendorAuditRole']));
    });

    test('protectAuditSetup reads the name of an imported role', () => {
      const stack = new Stack(new App(), 'Member');
      const role = iam.Role.fromRoleName(stack, 'Role', 'ImportedAuditRole');
      const s = statementOf(Guardrail.protectAuditSetup({ roles: [role] }));
      expect(s.Resource).toContain('arn:*:iam::*:role/ImportedAuditRole');
    });

    test('protectAuditSetup reads the bus and name of a rule on a custom bus', () => {
      const stack = new Stack(new App(), 'Member');
      const bus = new events.EventBus(stack, 'Bus', { eventBusName: 'audit-bus' });
      const rule = new events.Rule(stack, 'Rule', { ruleName: 'audit-rule', eventBus: bus, eventPattern: { source: ['aws.iam'] } });
      const s = statementOf(Guardrail.protectAuditSetup({ rules: [rule] }));
      expect(s.Resource).toContain('arn:*:events:*:*:rule/audit-bus/audit-rule');
    });

    // Issue 19: CfnRole.isCfnRole, not instanceof, so a role whose L1 comes from a second copy of
    // aws-cdk-lib (another node_modules) is read too. Such an L1 is a CfnResource of type
    // AWS::IAM::Role whose class is not this copy's CfnRole, as the one built here.
    test('protectAuditSetup reads the name and path of a role whose L1 is not this aws-cdk-lib\'s CfnRole class', () => {
      const stack = new Stack(new App(), 'Member');
      const holder = new Construct(stack, 'Role');
      const l1 = Object.assign(new CfnResource(holder, 'Resource', { type: 'AWS::IAM::Role' }), { roleName: 'VendorAuditRole', path: '/security/' });
      holder.node.defaultChild = l1;
      expect(l1 instanceof iam.CfnRole).toBe(false);
      const role = { roleArn: l1.getAtt('Arn').toString(), roleName: l1.ref, node: holder.node } as unknown as iam.IRole;
      const guardrail = Guardrail.protectAuditSetup({ roles: [role] });
      expect(guardrail._problems()).toEqual([]);
      expect(guardrail.description).toContain('role security/VendorAuditRole');
    });

    test('protectAuditSetup derives the names from the library\'s own constructs, so it follows a rename', () => {
      // GIVEN the audit role and the event stream as a member account defines them
      const stack = new Stack(new App(), 'Member');
      const auditRole = new ReadOnlyAuditRole(stack, 'AuditRole', {
        trustedAccountId: VENDOR, externalId: 'my-tenant-1234', roleName: 'RenamedAuditRole', path: '/security/',
      });
      const stream = new EventStreamRule(stack, 'EventStream', { ruleName: 'renamed-rule', topicName: 'renamed-topic' });
      // WHEN
      const s = statementOf(Guardrail.protectAuditSetup({ roles: [auditRole.role], rules: [stream.rule], topics: [stream.topic] }));
      // THEN
      expect(s.Resource).toEqual(expect.arrayContaining([
        'arn:*:iam::*:role/*/RenamedAuditRole',
        'arn:*:events:*:*:rule/renamed-rule',
        'arn:*:sns:*:*:renamed-topic',
      ]));
    });

    test('protectAuditSetup lists only the actions of the kinds it protects', () => {
      const s = statementOf(Guardrail.protectAuditSetup({ trailNames: ['org-trail'] }));
      const services = new Set<string>((s.Action as string[]).map((a) => a.split(':')[0]));
      expect([...services].sort()).toEqual(['cloudtrail', 'iam']);
    });

    test('denyRegionsOutside exempts global services with NotAction', () => {
      const s = statementOf(Guardrail.denyRegionsOutside({ allowedRegions: ['eu-west-1'] }));
      expect(s.NotAction).toEqual(expect.arrayContaining(['iam:*', 'organizations:*', 'sts:*', 'cloudfront:*', 'route53:*', 'support:*']));
      expect(s.Action).toBeUndefined();
      expect(s.Condition.StringNotEquals).toEqual({ 'aws:RequestedRegion': 'eu-west-1' });
    });

    test('a custom sid replaces the default', () => {
      expect(statementOf(Guardrail.denyLeaveOrganization({ sid: 'StayInOrg' })).Sid).toBe('StayInOrg');
    });

    test('every action the guardrails emit exists in the service authorization data', () => {
      const t = synthScp({
        guardrails: [
          Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*', 'kms:Decrypt'] }),
          Guardrail.protectAuditSetup({ roleNames: ['A'], ruleNames: ['B'], topicNames: ['C'], queueNames: ['D'], trailNames: ['EEE'] }),
          Guardrail.denyLeaveOrganization(),
          Guardrail.denyRegionsOutside({ allowedRegions: ['eu-west-1'] }),
        ],
      });
      expect(unknownActions(t)).toEqual([]);
    });

    test('toPolicyStatements renders the guardrail for an identity policy (R-305)', () => {
      const stack = new Stack(new App(), 'Member');
      const [statement] = Guardrail.denyLeaveOrganization().toPolicyStatements(stack);
      expect(statement.effect).toBe(iam.Effect.DENY);
      expect(statement.toStatementJson().Action).toBe('organizations:LeaveOrganization');
    });
  });

  describe('bad input', () => {
    test('fails on an empty action list, naming the factory and the prop', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrganization({ actions: [] })))
        .toThrow(/^Org\/Guardrails: guardrails\[0\] Guardrail\.denyResourcesOutsideOrganization: actions must not be empty: list the actions to deny, e.g. \["s3:\*"\]$/);
    });

    test('fails on a bare "*" action', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrganization({ actions: ['*'] }))).toThrow(/actions\[0\] must be an IAM action .* got "\*": it is every action of every service: name the services instead \(e.g. "s3:\*", "kms:\*"\)$/);
    });

    test('fails on a misspelled action', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3 GetObject'] })))
        .toThrow(/actions\[0\] must be an IAM action "<service>:<action>".*got "s3 GetObject"/);
    });

    test('fails on an invalid organization ID (the blog\'s o-acorg, A-60)', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'], organizationId: 'o-acorg' })))
        .toThrow(/organizationId must be an AWS Organizations ID: "o-" and 10-32 lowercase letters or digits \(e.g. "o-a1b2c3d4e5"\), got "o-acorg"/);
    });

    test('fails on an invalid organization path (the blog\'s ou-acroot-mediaou)', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrgPaths({ actions: ['s3:*'], orgPaths: ['o-anycompany1/r-acroot/ou-acroot-mediaou/'] })))
        .toThrow(/orgPaths\[0\] must be an organization path .*got "o-anycompany1\/r-acroot\/ou-acroot-mediaou\/": "ou-acroot-mediaou" is not an OU ID/);
    });

    test('fails on a path without the trailing slash', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrgPaths({ actions: ['s3:*'], orgPaths: [`${ANY.org}/${ANY.root}/${ANY.media}`] })))
        .toThrow(/end it with "\/" \(this node only\) or "\/\*"/);
    });

    test('fails on an empty path list', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrgPaths({ actions: ['s3:*'], orgPaths: [] }))).toThrow(/orgPaths must not be empty/);
    });

    test('fails on an invalid account ID with a hint', () => {
      expect(() => add(Guardrail.denyResourcesOutsideAccounts({ actions: ['s3:*'], accountIds: ['1111-2222-3333'] })))
        .toThrow(/accountIds\[0\] must be a 12-digit AWS account ID .*got "1111-2222-3333": remove the dashes and spaces/);
    });

    test('fails on an invalid trusted account', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'], trustedAccounts: ['12345'] })))
        .toThrow(/trustedAccounts\[0\] must be a 12-digit AWS account ID/);
    });

    test('fails when resources and exemptResources are combined', () => {
      expect(() => add(Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'], resources: ['*'], exemptResources: ['arn:aws:s3:::x/*'] })))
        .toThrow(/resources and exemptResources cannot be combined/);
    });

    test('fails on a principal ARN that is not one', () => {
      expect(() => add(Guardrail.denyLeaveOrganization({ exemptPrincipalArns: ['SecurityAdmin'] })))
        .toThrow(/exemptPrincipalArns\[0\] must be an IAM principal ARN or pattern .*got "SecurityAdmin"/);
    });

    test('fails on a Sid with a space (A-62)', () => {
      expect(() => add(Guardrail.denyLeaveOrganization({ sid: ' DenyS3AccessOutsideMyBoundary' })))
        .toThrow(/sid must be a statement ID \(Sid\) of 1-100 ASCII letters and digits .*got " DenyS3AccessOutsideMyBoundary": remove " "$/);
    });

    test('fails on an unknown region with a suggestion', () => {
      expect(() => add(Guardrail.denyRegionsOutside({ allowedRegions: ['eu-west-9'] }))).toThrow(/allowedRegions\[0\] must be an AWS region name.*did you mean/);
    });

    test('fails on an empty region list', () => {
      expect(() => add(Guardrail.denyRegionsOutside({ allowedRegions: [] }))).toThrow(/allowedRegions must not be empty/);
    });

    test('fails on a role without a fixed name', () => {
      const stack = new Stack(new App(), 'Member');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountPrincipal(VENDOR) });
      expect(() => add(Guardrail.protectAuditSetup({ roles: [role] })))
        .toThrow(/roles\[0\] \(Member\/Role\) has no fixed name: give the role a roleName/);
    });

    test('fails on a topic without a fixed name', () => {
      const stack = new Stack(new App(), 'Member');
      expect(() => add(Guardrail.protectAuditSetup({ topics: [new sns.Topic(stack, 'Topic')] })))
        .toThrow(/topics\[0\] \(Member\/Topic\) has no fixed name: give it a topicName/);
    });

    test('fails on a name that is a token', () => {
      const stack = new Stack(new App(), 'Member');
      const name = new CfnParameter(stack, 'Name').valueAsString;
      expect(() => add(Guardrail.protectAuditSetup({ roleNames: [name] }))).toThrow(/roleNames\[0\] is an unresolved token: .*give the literal name/);
    });

    test('fails on an invalid trail name', () => {
      expect(() => add(Guardrail.protectAuditSetup({ trailNames: ['my trail'] }))).toThrow(/trailNames\[0\] must be a CloudTrail trail name/);
    });

    test('reports every problem at once', () => {
      const attempt = () => add(Guardrail.denyResourcesOutsideOrgPaths({ actions: [], orgPaths: [], trustedAccounts: ['x'] }));
      expect(attempt).toThrow(/- guardrails\[0\] Guardrail.denyResourcesOutsideOrgPaths: actions must not be empty/);
      expect(attempt).toThrow(/- guardrails\[0\] Guardrail.denyResourcesOutsideOrgPaths: orgPaths must not be empty/);
      expect(attempt).toThrow(/- guardrails\[0\] Guardrail.denyResourcesOutsideOrgPaths: trustedAccounts\[0\] must be a 12-digit/);
    });

    test('toPolicyStatements throws with the given scope\'s path', () => {
      const stack = new Stack(new App(), 'Member');
      expect(() => Guardrail.denyRegionsOutside({ allowedRegions: [] }).toPolicyStatements(stack))
        .toThrow(/^Member: Guardrail\.denyRegionsOutside: allowedRegions must not be empty/);
    });

    test('lets an unresolved token through as an action', () => {
      const stack = new Stack(new App(), 'Org');
      const action = new CfnParameter(stack, 'Action').valueAsString;
      expect(() => new OrgGuardrailScp(stack, 'G', {
        targetIds: [ANY.root],
        guardrails: [Guardrail.denyResourcesOutsideOrganization({ actions: [action] })],
      })).not.toThrow();
    });
  });
});
