import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { accessLevelOf, actionExists, actionsIn, expandAction, nonReadActions, unknownActions } from '.';

const doc = (...actions: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

describe('actions', () => {
  describe('unknownActions', () => {
    test('catches the typo sqs:DeleteMesageBatch', () => {
      expect(unknownActions(doc('sqs:DeleteMesageBatch', 'sqs:ReceiveMessage'))).toEqual(['sqs:DeleteMesageBatch']);
    });

    test('catches sqs:DeleteMessageBatch, which does not exist (A-22: batch calls are authorized by sqs:DeleteMessage)', () => {
      expect(unknownActions(doc('sqs:DeleteMessageBatch'))).toEqual(['sqs:DeleteMessageBatch']);
    });

    test('accepts sqs:DeleteMessage, in any case', () => {
      expect(unknownActions(doc('sqs:DeleteMessage', 'SQS:deletemessage'))).toEqual([]);
    });

    test('catches an unknown service and a string that is not service:action', () => {
      expect(unknownActions(doc('sqss:DeleteMessage', 'DeleteMessage'))).toEqual(['DeleteMessage', 'sqss:DeleteMessage']);
    });

    test('catches a wildcard that matches no action, accepts one that does', () => {
      expect(unknownActions(doc('sqs:Fly*', 'sqs:Get*', '*'))).toEqual(['sqs:Fly*']);
    });

    test('checks NotAction and Deny statements too', () => {
      const d = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', NotAction: ['iam:GetRoel'], Resource: '*' },
          { Effect: 'Deny', Action: 'cloudtrail:StopLoging', Resource: '*' },
        ],
      };
      expect(unknownActions(d)).toEqual(['cloudtrail:StopLoging', 'iam:GetRoel']);
    });

    test('finds actions everywhere in a template: inline, identity policy, SCP Content as a JSON string', () => {
      const stack = new Stack(new App(), 'S');
      const role = new iam.Role(stack, 'Role', {
        assumedBy: new iam.AccountPrincipal('111122223333'),
        inlinePolicies: { p: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObjet'], resources: ['*'] })] }) },
      });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:DeleteMesageBatch'], resources: ['*'] }));
      // CloudFormation takes Content as a JSON string or an object.
      new CfnResource(stack, 'ScpAsString', {
        type: 'AWS::Organizations::Policy',
        properties: {
          Name: 'guardrail',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'guardduty:DeleteDetecter', Resource: '*' }] }),
        },
      });
      new organizations.CfnPolicy(stack, 'ScpAsObject', {
        name: 'guardrail2',
        type: 'SERVICE_CONTROL_POLICY',
        content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'config:StopConfigurationRecordr', Resource: '*' }] },
      });
      const t = Template.fromStack(stack).toJSON();
      expect(unknownActions(t)).toEqual(['config:StopConfigurationRecordr', 'guardduty:DeleteDetecter', 's3:GetObjet', 'sqs:DeleteMesageBatch']);
      expect(actionsIn(t)).toEqual(['config:StopConfigurationRecordr', 'guardduty:DeleteDetecter', 's3:GetObjet', 'sqs:DeleteMesageBatch', 'sts:AssumeRole']);
    });

    test('an action that is not a plain string (unresolved intrinsic) is reported, not skipped', () => {
      const d = { Statement: [{ Effect: 'Allow', Action: { 'Fn::Join': ['', ['sqs:', 'Send']] }, Resource: '*' }] };
      expect(unknownActions(d)).toEqual([JSON.stringify({ 'Fn::Join': ['', ['sqs:', 'Send']] })]);
    });
  });

  describe('expandAction', () => {
    test('expands a wildcard to concrete actions in AWS spelling', () => {
      const got = expandAction('sqs:Delete*');
      expect(got).toEqual(['sqs:DeleteMessage', 'sqs:DeleteQueue']);
    });

    test('expands ? and is case-insensitive', () => {
      expect(expandAction('SQS:purge?ueue')).toEqual(['sqs:PurgeQueue']);
    });

    test('returns [] for a pattern that matches nothing', () => {
      expect(expandAction('nosuchservice:*')).toEqual([]);
    });

    test('s3:Get* includes s3:GetObject and only Get actions', () => {
      const got = expandAction('s3:Get*');
      expect(got).toContain('s3:GetObject');
      expect(got.every((a) => a.startsWith('s3:Get'))).toBe(true);
    });
  });

  describe('accessLevelOf', () => {
    test.each([
      ['s3:GetObject', 'Read'],
      ['s3:ListAllMyBuckets', 'List'],
      ['s3:PutObject', 'Write'],
      ['sqs:TagQueue', 'Tagging'],
      ['sqs:AddPermission', 'Permissions management'],
    ])('%s is %s', (action, level) => {
      expect(accessLevelOf(action)).toBe(level);
    });

    test('throws for an action that does not exist', () => {
      expect(() => accessLevelOf('sqs:DeleteMessageBatch')).toThrow(/not an IAM action/);
    });

    test('actionExists agrees', () => {
      expect([actionExists('sqs:DeleteMessage'), actionExists('sqs:DeleteMessageBatch'), actionExists('sqs:*')]).toEqual([true, false, false]);
    });
  });

  describe('nonReadActions', () => {
    test('flags s3:PutObject and passes s3:GetObject', () => {
      expect(nonReadActions(doc('s3:GetObject', 's3:PutObject'))).toEqual(['s3:PutObject']);
    });

    test('a read-only document gives []', () => {
      expect(nonReadActions([doc('s3:GetObject', 's3:ListAllMyBuckets', 'sqs:GetQueueAttributes')])).toEqual([]);
    });

    test('expands wildcards: sqs:* includes writes', () => {
      expect(nonReadActions(doc('sqs:*'))).toEqual(expect.arrayContaining(['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:TagQueue']));
    });

    test('ignores Deny statements (they grant nothing)', () => {
      expect(nonReadActions({ Statement: [{ Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }] })).toEqual([]);
    });

    test('an Allow with NotAction grants every other action', () => {
      const got = nonReadActions({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] });
      expect(got).toContain('s3:PutObject');
      expect(got.some((a) => a.startsWith('iam:'))).toBe(false);
    });

    test('throws on an action that does not exist', () => {
      expect(() => nonReadActions(doc('s3:GetObjet'))).toThrow(/s3:GetObjet/);
    });
  });
});
