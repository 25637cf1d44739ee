import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsLimits } from '../../src/core/limits';
import { StackSetExecutionPermissions, StackSetExecutionRole, StackSetTemplate } from '../../src/stacksets';
import { identityPolicies, isAllowed, resolveTemplate, unknownActions } from '../harness';
import { ADMIN_ACCOUNT, addNamedRole, addTopic, hostStack, TARGET_ACCOUNT, templateStack } from './fixtures';

// The guide's two lists (seed 001, R-115 and R-118), copied as test data.
const GUIDE_RECEIVER = [
  'sns:Publish', 'cloudformation:CancelUpdateStack', 'cloudformation:ContinueUpdateRollback', 'cloudformation:CreateStack',
  'cloudformation:DeleteStack', 'cloudformation:DescribeStacks', 'cloudformation:GetStackPolicy', 'cloudformation:ListStackResources',
  'cloudformation:ListStacks', 'cloudformation:SetStackPolicy', 'cloudformation:UpdateStack', 'events:DeleteRule', 'events:DescribeRule',
  'events:PutRule', 'events:PutTargets', 'events:RemoveTargets', 'sqs:AddPermission', 'sqs:CreateQueue', 'sqs:DeleteMessage',
  'sqs:DeleteMessageBatch', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:ListQueues', 'sqs:RemovePermission', 'sqs:SetQueueAttributes',
];
const GUIDE_PUBLISHER = [
  'events:PutTargets', 'events:DeleteRule', 'sqs:ListQueues', 'events:DescribeRule', 'cloudformation:CreateStack', 'cloudformation:ListStacks',
  'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks', 'cloudformation:SetStackPolicy',
  'cloudformation:GetStackPolicy', 'cloudformation:CancelUpdateStack', 'cloudformation:ContinueUpdateRollback',
  'cloudformation:ListStackResources', 'events:PutRule', 'sqs:GetQueueAttributes', 'events:RemoveTargets', 'sns:Publish',
];

function policyActions(permissions: StackSetExecutionPermissions): string[] {
  const { stack } = hostStack();
  new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions });
  const resolved = resolveTemplate(Template.fromStack(stack).toJSON());
  const docs = identityPolicies(resolved, 'AWSCloudFormationStackSetExecutionRole').documents;
  return docs.flatMap((d: any) => [d.Statement].flat().flatMap((s: any) => [s.Action].flat())).sort();
}

describe('StackSetExecutionPermissions', () => {
  test('GUIDE_RECEIVER has the guide\'s 25 actions minus sqs:DeleteMessageBatch, the one named deviation (R-115, A-22)', () => {
    const expected = GUIDE_RECEIVER.filter((a) => a !== 'sqs:DeleteMessageBatch').sort();
    expect(GUIDE_RECEIVER).toHaveLength(25);
    expect(policyActions(StackSetExecutionPermissions.GUIDE_RECEIVER)).toEqual(expected);
  });

  test('sqs:DeleteMessageBatch, dropped from GUIDE_RECEIVER, is not an IAM action, and sqs:DeleteMessage stays (A-22)', () => {
    expect(unknownActions({ Statement: [{ Effect: 'Allow', Action: ['sqs:DeleteMessageBatch', 'sqs:DeleteMessage'], Resource: '*' }] })).toEqual([
      'sqs:DeleteMessageBatch',
    ]);
    expect(policyActions(StackSetExecutionPermissions.GUIDE_RECEIVER)).toContain('sqs:DeleteMessage');
  });

  test('GUIDE_PUBLISHER has exactly the guide\'s 18 actions (R-118)', () => {
    expect(GUIDE_PUBLISHER).toHaveLength(18);
    expect(policyActions(StackSetExecutionPermissions.GUIDE_PUBLISHER)).toEqual([...GUIDE_PUBLISHER].sort());
  });

  test('GUIDE_PUBLISHER is a strict subset of GUIDE_RECEIVER (R-118)', () => {
    const receiver = new Set(policyActions(StackSetExecutionPermissions.GUIDE_RECEIVER));
    const publisher = policyActions(StackSetExecutionPermissions.GUIDE_PUBLISHER);
    expect(publisher.every((a) => receiver.has(a))).toBe(true);
    expect(receiver.size).toBeGreaterThan(publisher.length);
  });

  test('fromTemplates derives stack operations plus the actions of each resource type in the templates', () => {
    const { stack } = hostStack();
    const roleStack = templateStack(stack, 'Roles');
    addNamedRole(roleStack);
    const topicStack = templateStack(stack, 'Topics');
    addTopic(topicStack);
    const actions = policyActions(
      StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(roleStack), StackSetTemplate.fromStack(topicStack)]),
    );
    expect(actions).toEqual(expect.arrayContaining(['cloudformation:CreateStack', 'sns:Publish', 'iam:CreateRole', 'sns:CreateTopic', 'sns:SetTopicAttributes']));
    expect(actions).not.toContain('sqs:CreateQueue');
  });

  test('fromTemplates allows creating the template\'s role and nothing of other services (simulation)', async () => {
    const { stack } = hostStack();
    const roleStack = templateStack(stack);
    addNamedRole(roleStack);
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(roleStack)]),
    });
    const resolved = resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT });
    const docs = identityPolicies(resolved, 'AWSCloudFormationStackSetExecutionRole').documents;
    const principal = `arn:aws:iam::${TARGET_ACCOUNT}:role/AWSCloudFormationStackSetExecutionRole`;
    expect(await isAllowed({ principal, action: 'iam:CreateRole', resource: `arn:aws:iam::${TARGET_ACCOUNT}:role/VendorAudit`, identityPolicies: docs })).toBe(true);
    expect(await isAllowed({ principal, action: 's3:CreateBucket', resource: 'arn:aws:s3:::any-bucket', resourceAccount: TARGET_ACCOUNT, identityPolicies: docs })).toBe(false);
  });

  describe('fromTemplates is scoped to the templates\' own resources (issue 13, finding 9)', () => {
    function derivedDocs(build: (inner: ReturnType<typeof templateStack>) => void): any[] {
      const { stack } = hostStack();
      const inner = templateStack(stack);
      build(inner);
      new StackSetExecutionRole(stack, 'Execution', {
        administratorAccountId: ADMIN_ACCOUNT,
        permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)]),
      });
      const resolved = resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT });
      return identityPolicies(resolved, 'AWSCloudFormationStackSetExecutionRole').documents;
    }
    const principal = `arn:aws:iam::${TARGET_ACCOUNT}:role/AWSCloudFormationStackSetExecutionRole`;
    const role = (name: string) => `arn:aws:iam::${TARGET_ACCOUNT}:role/${name}`;

    test.each([
      ['iam:AttachRolePolicy'], ['iam:PutRolePolicy'], ['iam:UpdateAssumeRolePolicy'], ['iam:PassRole'], ['iam:CreateRole'], ['iam:DeleteRolePermissionsBoundary'],
    ])('%s is allowed on the template\'s named role only, never on another role of the account', async (action) => {
      const docs = derivedDocs((inner) => addNamedRole(inner));
      const may = (resource: string) => isAllowed({ principal, action, resource, identityPolicies: docs });
      // A template with only a role needs no PassRole (rules and topics do), nor ever the removal of a boundary.
      if (!['iam:DeleteRolePermissionsBoundary', 'iam:PassRole'].includes(action)) expect(await may(role('VendorAudit'))).toBe(true);
      expect(await may(role('OrganizationAccountAccessRole'))).toBe(false);
      expect(await may(role('AWSCloudFormationStackSetExecutionRole'))).toBe(false);
    });

    test('a role without a name is matched by the StackSet-generated name prefix only', async () => {
      const docs = derivedDocs((inner) => new iam.Role(inner, 'Unnamed', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') }));
      expect(await isAllowed({ principal, action: 'iam:PutRolePolicy', resource: role('StackSet-nrt-1234-UnnamedRole-ABC'), identityPolicies: docs })).toBe(true);
      expect(await isAllowed({ principal, action: 'iam:PutRolePolicy', resource: role('Admin'), identityPolicies: docs })).toBe(false);
    });

    test('a template without roles grants no IAM action at all, and queue-policy actions only on its own queues', async () => {
      const docs = derivedDocs((inner) => new sqs.Queue(inner, 'Queue', { queueName: 'audit-events' }));
      for (const action of ['iam:PassRole', 'iam:PutRolePolicy', 'iam:CreateRole']) {
        expect(await isAllowed({ principal, action, resource: role('AnyRole'), identityPolicies: docs })).toBe(false);
      }
      const queue = (name: string) => `arn:aws:sqs:eu-west-1:${TARGET_ACCOUNT}:${name}`;
      expect(await isAllowed({ principal, action: 'sqs:SetQueueAttributes', resource: queue('audit-events'), identityPolicies: docs })).toBe(true);
      expect(await isAllowed({ principal, action: 'sqs:SetQueueAttributes', resource: queue('payments'), identityPolicies: docs })).toBe(false);
      expect(await isAllowed({ principal, action: 'sqs:AddPermission', resource: queue('payments'), identityPolicies: docs })).toBe(false);
    });

    test('a template that grants a policy to a role it does not define fails synthesis with the role and the fix', () => {
      const { app, stack } = hostStack();
      const inner = templateStack(stack);
      new iam.Policy(inner, 'Grant', {
        roles: [iam.Role.fromRoleName(inner, 'Existing', 'ExistingAdmin')],
        statements: [new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: ['*'] })],
      });
      new StackSetExecutionRole(stack, 'Execution', {
        administratorAccountId: ADMIN_ACCOUNT,
        permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)]),
      });
      expect(() => app.synth()).toThrow(/Host\/Execution.*templates\[0\], whose Grant\w* \(AWS::IAM::Policy\) grants permissions to the role "ExistingAdmin", which it does not define: .*Define the role in the template/s);
    });

    test('the same template twice fails synthesis: the input list takes no duplicates', () => {
      const { app, stack } = hostStack();
      const inner = templateStack(stack);
      addTopic(inner);
      const template = StackSetTemplate.fromStack(inner);
      new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions: StackSetExecutionPermissions.fromTemplates([template, template]) });
      expect(() => app.synth()).toThrow(/Host\/Execution.*more than once in StackSetExecutionPermissions.fromTemplates \(templates\[1\] repeats templates\[0\]\): list each template once/s);
    });
  });

  test('guideReceiverForQueues keeps the guide\'s actions and limits the queue actions to the prefix (issue 13, finding 8)', async () => {
    const actions = policyActions(StackSetExecutionPermissions.guideReceiverForQueues('StackSet-'));
    expect(actions).toEqual(GUIDE_RECEIVER.filter((a) => a !== 'sqs:DeleteMessageBatch').sort());
    const { stack } = hostStack();
    new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions: StackSetExecutionPermissions.guideReceiverForQueues('StackSet-') });
    const docs = identityPolicies(resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT }), 'AWSCloudFormationStackSetExecutionRole').documents;
    const principal = `arn:aws:iam::${TARGET_ACCOUNT}:role/AWSCloudFormationStackSetExecutionRole`;
    const may = (name: string) => isAllowed({ principal, action: 'sqs:SetQueueAttributes', resource: `arn:aws:sqs:eu-west-1:${TARGET_ACCOUNT}:${name}`, identityPolicies: docs });
    expect(await may('StackSet-vendor-queue')).toBe(true);
    expect(await may('payments')).toBe(false);
  });

  test('guideReceiverForQueues refuses a prefix with a wildcard', () => {
    const { app, stack } = hostStack();
    new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions: StackSetExecutionPermissions.guideReceiverForQueues('*') });
    expect(() => app.synth()).toThrow(/Host\/Execution.*the prefix of StackSetExecutionPermissions.guideReceiverForQueues\) must be the start of SQS queue names: 1-60 letters.*got "\*": remove/s);
  });

  test('fromTemplates emits only IAM actions that exist', () => {
    const { stack } = hostStack();
    const roleStack = templateStack(stack);
    addNamedRole(roleStack);
    addTopic(roleStack);
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(roleStack)]),
    });
    expect(unknownActions(Template.fromStack(stack).toJSON())).toEqual([]);
  });

  test('fromTemplates fails synthesis for a resource type without a permission table, naming it and the alternative', () => {
    const { app, stack } = hostStack();
    const bucketStack = templateStack(stack);
    new s3.Bucket(bucketStack, 'Bucket');
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(bucketStack)]),
    });
    expect(() => app.synth()).toThrow(/Host\/Execution.*permissions is derived from templates with resource types .*"AWS::S3::Bucket".*ADMINISTRATOR_ACCESS/s);
  });

  test('fails synthesis when the derived policy exceeds the managed policy size limit, with the size', () => {
    const { app, stack } = hostStack();
    const inner = templateStack(stack);
    addNamedRole(inner);
    addTopic(inner);
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)]),
      limits: AwsLimits.of({ managedPolicyCharacters: 500 }),
    });
    expect(() => app.synth()).toThrow(/permissions \(FROM_TEMPLATES\) needs (at most )?[\d,]+ characters.*, the .* limit is 500: choose StackSetExecutionPermissions.ADMINISTRATOR_ACCESS/);
  });

  test('the guide lists fit the managed policy size limit', () => {
    for (const permissions of [StackSetExecutionPermissions.GUIDE_RECEIVER, StackSetExecutionPermissions.GUIDE_PUBLISHER]) {
      const { app, stack } = hostStack();
      new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions });
      expect(() => app.synth()).not.toThrow();
    }
  });

  test('fromTemplates([]) fails synthesis', () => {
    const { app, stack } = hostStack();
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([]),
    });
    expect(() => app.synth()).toThrow(/permissions is StackSetExecutionPermissions.fromTemplates\(\[\]\): give the templates/);
  });

  test('names each choice', () => {
    expect(StackSetExecutionPermissions.GUIDE_RECEIVER.name).toBe('GUIDE_RECEIVER');
    expect(StackSetExecutionPermissions.GUIDE_PUBLISHER.name).toBe('GUIDE_PUBLISHER');
    expect(StackSetExecutionPermissions.ADMINISTRATOR_ACCESS.name).toBe('ADMINISTRATOR_ACCESS');
    expect(StackSetExecutionPermissions.fromTemplates([]).name).toBe('FROM_TEMPLATES');
  });
});
