import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  arnOf, identityPolicies, organizationPolicies, organizationPolicyResources, resolveTemplate, resourcePolicy, trustPolicy,
} from '.';

const statementActions = (docs: any[]) => docs.flatMap((d) => [].concat(d.Statement).map((s: any) => s.Action));

describe('policies', () => {
  describe('roles and users', () => {
    const stack = new Stack(new App(), 'Pol');
    const role = new iam.Role(stack, 'AuditRole', {
      roleName: 'VendorAudit',
      assumedBy: new iam.AccountPrincipal('111122223333'),
      externalIds: ['ext-1'],
      inlinePolicies: { Inline: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sqs:GetQueueUrl'], resources: ['*'] })] }) },
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit'), iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRole')],
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: ['*'] }));
    const attached = new iam.ManagedPolicy(stack, 'Attached', { statements: [new iam.PolicyStatement({ actions: ['sqs:DeleteMessage'], resources: ['*'] })] });
    role.addManagedPolicy(attached);
    // A customer managed policy that names the role in its Roles property.
    new iam.ManagedPolicy(stack, 'ByRoles', { roles: [role], statements: [new iam.PolicyStatement({ actions: ['sqs:ChangeMessageVisibility'], resources: ['*'] })] });
    role.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Ext', 'arn:aws:iam::123456789012:policy/Elsewhere'));
    const other = new iam.Role(stack, 'Other', { assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com') });
    other.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    const user = new iam.User(stack, 'Reader');
    user.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:ListQueues'], resources: ['*'] }));
    const raw = Template.fromStack(stack).toJSON();
    const t = resolveTemplate(raw, { partition: 'aws-cn', region: 'cn-north-1' });

    test('trustPolicy by RoleName, logical id and construct give the same document', () => {
      const logicalId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
      const byName = trustPolicy(t, 'VendorAudit');
      expect(trustPolicy(t, logicalId)).toEqual(byName);
      expect(trustPolicy(t, role)).toEqual(byName);
      expect(byName.Statement[0]).toMatchObject({
        Principal: { AWS: 'arn:aws-cn:iam::111122223333:root' },
        Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } },
      });
    });

    test('identityPolicies collects inline, AWS::IAM::Policy and customer managed documents of this role only', () => {
      const got = identityPolicies(t, 'VendorAudit');
      expect(statementActions(got.documents).sort()).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
    });

    test('identityPolicies lists AWS managed policy names (with their path) and external customer managed ARNs', () => {
      const got = identityPolicies(t, 'VendorAudit');
      expect(got.awsManagedPolicyNames).toEqual(['SecurityAudit', 'service-role/AWSConfigRole']);
      expect(got.externalPolicyArns).toEqual(['arn:aws:iam::123456789012:policy/Elsewhere']);
    });

    test('identityPolicies of a user', () => {
      expect(statementActions(identityPolicies(t, user).documents)).toEqual(['sqs:ListQueues']);
    });

    test('a raw template is resolved with the default environment', () => {
      expect(arnOf(raw, 'VendorAudit')).toBe('arn:aws:iam::123456789012:role/VendorAudit');
      expect(arnOf(t, 'VendorAudit')).toBe('arn:aws-cn:iam::123456789012:role/VendorAudit');
    });

    test('an unknown role name throws and lists the candidates', () => {
      expect(() => trustPolicy(t, 'Nope')).toThrow(/no AWS::IAM::Role named "Nope" in the template; candidates: AuditRole\w+ \(AWS::IAM::Role\), Other\w+ \(AWS::IAM::Role\)/);
    });
  });

  describe('resource policies', () => {
    const stack = new Stack(new App(), 'Res');
    const topic = new sns.Topic(stack, 'Topic', { topicName: 't' });
    topic.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], principals: [new iam.ServicePrincipal('events.amazonaws.com')], resources: [topic.topicArn] }));
    const queue = new sqs.Queue(stack, 'Queue', { queueName: 'q' });
    queue.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], principals: [new iam.ServicePrincipal('sns.amazonaws.com')], resources: [queue.queueArn] }));
    new sqs.Queue(stack, 'Lonely', { queueName: 'lonely' });
    new s3.Bucket(stack, 'Bucket', { bucketName: 'audit-bucket', enforceSSL: true });
    const key = new kms.Key(stack, 'Key');
    const bus = new events.EventBus(stack, 'Bus', { eventBusName: 'audit' });
    new events.CfnEventBusPolicy(stack, 'BusStatement', {
      eventBusName: bus.eventBusName,
      statementId: 'org',
      statement: { Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: bus.eventBusArn, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    });
    new CfnResource(stack, 'BusLegacy', {
      type: 'AWS::Events::EventBusPolicy',
      properties: { EventBusName: bus.eventBusName, StatementId: 'acct', Action: 'events:PutEvents', Principal: '111122223333' },
    });
    const t = resolveTemplate(Template.fromStack(stack).toJSON());

    test('topic policy found from the topic name', () => {
      expect(statementActions([resourcePolicy(t, 't')])).toEqual(['sns:Publish']);
    });

    test('queue policy found from the queue', () => {
      expect(resourcePolicy(t, 'q').Statement[0]).toMatchObject({ Principal: { Service: 'sns.amazonaws.com' }, Resource: arnOf(t, 'q') });
    });

    test('a queue without a policy throws', () => {
      expect(() => resourcePolicy(t, 'lonely')).toThrow(/no AWS::SQS::QueuePolicy targets/);
    });

    test('bucket policy found from the bucket', () => {
      expect(resourcePolicy(t, 'audit-bucket').Statement[0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    });

    test('key policy is the key\'s KeyPolicy', () => {
      expect(resourcePolicy(t, key).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::123456789012:root' });
    });

    test('event bus policy merges statement and legacy forms', () => {
      expect(resourcePolicy(t, 'audit').Statement).toEqual([
        { Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: 'arn:aws:events:us-east-1:123456789012:event-bus/audit', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
        { Sid: 'acct', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'events:PutEvents', Resource: 'arn:aws:events:us-east-1:123456789012:event-bus/audit' },
      ]);
    });
  });

  describe('organization policies', () => {
    const stack = new Stack(new App(), 'Org');
    new organizations.CfnPolicy(stack, 'Scp', {
      name: 'deny-leave',
      type: 'SERVICE_CONTROL_POLICY',
      targetIds: ['ou-ab12-cdef3456'],
      content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] },
    });
    new CfnResource(stack, 'ScpString', {
      type: 'AWS::Organizations::Policy',
      properties: { Name: 'as-string', Type: 'SERVICE_CONTROL_POLICY', Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }] }) },
    });
    new organizations.CfnPolicy(stack, 'Rcp', {
      name: 'tls',
      type: 'RESOURCE_CONTROL_POLICY',
      content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*' }] },
    });
    const t = resolveTemplate(Template.fromStack(stack).toJSON());

    test('SCP documents, from object and JSON-string Content', () => {
      expect(statementActions(organizationPolicies(t, 'SERVICE_CONTROL_POLICY')).sort()).toEqual(['cloudtrail:StopLogging', 'organizations:LeaveOrganization']);
    });

    test('RCPs are separate from SCPs', () => {
      expect(statementActions(organizationPolicies(t, 'RESOURCE_CONTROL_POLICY'))).toEqual(['sqs:*']);
    });

    test('details carry name and targets', () => {
      expect(organizationPolicyResources(t, 'SERVICE_CONTROL_POLICY').find((p) => p.name === 'deny-leave')?.targetIds).toEqual(['ou-ab12-cdef3456']);
    });
  });
});
