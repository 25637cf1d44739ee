/**
 * Unit tests of src/guardrails/private/names.ts: the literal names a
 * guardrail reads from names and from constructs, and the problems of names
 * that are tokens or are not known at synth.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NameResult, checkName, checkRoleName, collect, nameOf, roleNameOf, ruleNameOf } from '../../../src/guardrails/private/names';

function member(): { stack: Stack; token: string } {
  const stack = new Stack(new App(), 'Member');
  return { stack, token: new CfnParameter(stack, 'P').valueAsString };
}

const tokenProblem = (prop: string) => ({ problem: `${prop} is an unresolved token: the policy applies in every account, so give the literal name` });

describe('names', () => {
  test('collect sorts results into names and problems, in order', () => {
    const names: string[] = [];
    const problems: string[] = [];
    const results: NameResult[] = [{ name: 'a' }, { problem: 'p' }, { name: 'b' }];
    results.forEach((r) => collect(names, problems, r));
    expect(names).toEqual(['a', 'b']);
    expect(problems).toEqual(['p']);
  });

  test('checkName returns the literal name, the rule\'s problem, or a token problem', () => {
    const { token } = member();
    expect(checkName('trailName', 'org-trail', 'trailNames[0]')).toEqual({ name: 'org-trail' });
    expect(checkName('trailName', 'my trail', 'trailNames[1]')).toEqual({
      problem: 'trailNames[1] must be a CloudTrail trail name of 3-128 characters from [A-Za-z0-9._-], starting and ending with a letter or digit '
        + '(e.g. "audit-trail"), got "my trail": remove " "',
    });
    expect(checkName('trailName', token, 'trailNames[2]')).toEqual(tokenProblem('trailNames[2]'));
  });

  describe('checkRoleName', () => {
    test('accepts a name and a path/name, keeping the path', () => {
      expect(checkRoleName('VendorAuditRole', 'roleNames[0]')).toEqual({ name: 'VendorAuditRole' });
      expect(checkRoleName('security/audit/VendorAuditRole', 'roleNames[0]')).toEqual({ name: 'security/audit/VendorAuditRole' });
    });

    test('refuses a bad name after the last slash, a bad path before it, and a token', () => {
      expect(checkRoleName('security/Vendor Audit', 'roleNames[0]')).toEqual({
        problem: 'roleNames[0] must be an IAM role name of 1-64 characters from [A-Za-z0-9+=,.@_-] (e.g. "SecurityAuditRole"), got "Vendor Audit": remove " "',
      });
      expect(checkRoleName('sec urity/VendorAuditRole', 'roleNames[0]')).toEqual({
        problem: 'the path of roleNames[0] must be an IAM path of at most 512 characters that starts and ends with "/" (e.g. "/security/"), '
          + 'got "/sec urity/": remove " ": use printable ASCII without spaces',
      });
      expect(checkRoleName(member().token, 'auditRoleNames[0]')).toEqual(tokenProblem('auditRoleNames[0]'));
    });

    test('refuses a name with a leading slash, which would give an ARN ("role//...") that matches no role', () => {
      expect(checkRoleName('/security/Audit', 'auditRoleNames[0]')).toEqual({
        problem: 'auditRoleNames[0] "/security/Audit" starts with "/": give the path without its leading slash, as the role\'s ARN shows it after "role/" (e.g. "security/Audit")',
      });
      expect((checkRoleName('/Audit', 'roleNames[1]') as { problem: string }).problem).toMatch(/^roleNames\[1\] "\/Audit" starts with "\/": .*\(e\.g\. "Audit"\)$/);
    });
  });

  describe('roleNameOf', () => {
    test('reads the path and name from a literal ARN, the L1 RoleName and Path, or the name of an imported role', () => {
      const { stack } = member();
      const assumedBy = new iam.AccountRootPrincipal();
      expect(roleNameOf(iam.Role.fromRoleArn(stack, 'Arn', 'arn:aws:iam::111122223333:role/security/VendorAuditRole'), 'roles[0]'))
        .toEqual({ name: 'security/VendorAuditRole' });
      expect(roleNameOf(new iam.Role(stack, 'WithPath', { roleName: 'VendorAuditRole', path: '/security/', assumedBy }), 'roles[1]'))
        .toEqual({ name: 'security/VendorAuditRole' });
      expect(roleNameOf(new iam.Role(stack, 'AtRoot', { roleName: 'RootPathRole', assumedBy }), 'roles[2]')).toEqual({ name: 'RootPathRole' });
      expect(roleNameOf(iam.Role.fromRoleName(stack, 'Imported', 'ImportedRole'), 'roles[3]')).toEqual({ name: 'ImportedRole' });
    });

    test('refuses a role whose name CloudFormation generates, naming the construct', () => {
      const { stack } = member();
      expect(roleNameOf(new iam.Role(stack, 'Generated', { assumedBy: new iam.AccountRootPrincipal() }), 'auditRoles[0]')).toEqual({
        problem: 'auditRoles[0] (Member/Generated) has no fixed name: give the role a roleName, because the policy names it in every account',
      });
    });
  });

  describe('roleNameOf with a token path', () => {
    test('refuses a role whose path is a token instead of dropping the path', () => {
      const { stack, token } = member();
      const role = new iam.Role(stack, 'TokenPath', { roleName: 'Audit3', path: token, assumedBy: new iam.AccountRootPrincipal() });
      expect(roleNameOf(role, 'auditRoles[0]')).toEqual({
        problem: 'auditRoles[0] (Member/TokenPath) has a path that is an unresolved token: give the role a literal path, because the policy names the role by its path and name in every account',
      });
    });
  });

  describe('ruleNameOf', () => {
    test('reads bus/name from a literal ARN, the name alone on the default bus, and the imported bus name', () => {
      const { stack } = member();
      const eventPattern = { source: ['aws.iam'] };
      expect(ruleNameOf(events.Rule.fromEventRuleArn(stack, 'Arn', 'arn:aws:events:us-east-1:111122223333:rule/audit-bus/audit-rule'), 'rules[0]'))
        .toEqual({ name: 'audit-bus/audit-rule' });
      expect(ruleNameOf(new events.Rule(stack, 'Default', { ruleName: 'default-rule', eventPattern }), 'rules[1]')).toEqual({ name: 'default-rule' });
      const imported = events.EventBus.fromEventBusName(stack, 'Bus', 'imported-bus');
      expect(ruleNameOf(new events.Rule(stack, 'OnImported', { ruleName: 'r', eventBus: imported, eventPattern }), 'rules[2]'))
        .toEqual({ name: 'imported-bus/r' });
    });

    test('refuses a named rule on a bus whose name is generated, and a rule without a name', () => {
      const { stack } = member();
      const eventPattern = { source: ['aws.iam'] };
      const unnamedBus = new events.EventBus(stack, 'UnnamedBus');
      expect(ruleNameOf(new events.Rule(stack, 'OnUnnamed', { ruleName: 'r', eventBus: unnamedBus, eventPattern }), 'rules[0]')).toEqual({
        problem: 'rules[0] (Member/OnUnnamed) is on an event bus whose name is not known at synth: pass ruleNames: ["<bus>/<rule>"] instead',
      });
      expect(ruleNameOf(new events.Rule(stack, 'Unnamed', { eventPattern }), 'rules[1]')).toEqual({
        problem: 'rules[1] (Member/Unnamed) has no fixed name: give the rule a ruleName, because the policy names it in every account',
      });
    });
  });

  describe('nameOf', () => {
    test('takes the literal attribute, else the L1 name property of the expected type', () => {
      const { stack } = member();
      const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:111122223333:audit-events');
      expect(nameOf(imported, imported.queueName, 'queues[0]', 'AWS::SQS::Queue', 'queueName')).toEqual({ name: 'audit-events' });
      const topic = new sns.Topic(stack, 'Topic', { topicName: 'audit-topic' });
      expect(nameOf(topic, topic.topicName, 'topics[0]', 'AWS::SNS::Topic', 'topicName')).toEqual({ name: 'audit-topic' });
      // an L1 of another type is not read
      expect(nameOf(topic, topic.topicName, 'queues[1]', 'AWS::SQS::Queue', 'queueName')).toEqual({
        problem: 'queues[1] (Member/Topic) has no fixed name: give it a queueName, because the policy names it in every account',
      });
    });

    test('refuses a resource whose name CloudFormation generates', () => {
      const { stack } = member();
      const queue = new sqs.Queue(stack, 'Queue');
      expect(nameOf(queue, queue.queueName, 'queues[0]', 'AWS::SQS::Queue', 'queueName')).toEqual({
        problem: 'queues[0] (Member/Queue) has no fixed name: give it a queueName, because the policy names it in every account',
      });
    });
  });
});
