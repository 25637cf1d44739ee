/**
 * Unit tests of src/stacksets/private/execution-policy.ts: the permissions
 * policy and the permissions boundary an execution role's construct
 * defines, and the synth-time checks `addExecutionPolicyValidation` adds
 * (the permission choice's problems, `prepare`, then the policy sizes).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AwsLimits } from '../../../src/core/limits';
import { addExecutionPolicyValidation, defineBoundaryPolicy, defineExecutionPolicy } from '../../../src/stacksets/private/execution-policy';

const SIZE_FIX = 'choose StackSetExecutionPermissions.ADMINISTRATOR_ACCESS, or derive the permissions from fewer templates and give the others an execution role of their own';

function setup(): { stack: Stack; scope: Construct; role: iam.IRole } {
  const stack = new Stack(new App(), 'Host');
  const scope = new Construct(stack, 'Execution');
  return { stack, scope, role: iam.Role.fromRoleName(stack, 'Role', 'AWSCloudFormationStackSetExecutionRole') };
}

function document(...actions: string[]): iam.PolicyDocument {
  return new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions, resources: ['*'] })] });
}

/** The characters IAM counts for a document without tokens: its compact JSON. */
function characters(stack: Stack, doc: iam.PolicyDocument): number {
  return JSON.stringify(stack.resolve(doc)).length;
}

/** The template entry of a managed policy. */
function resource(stack: Stack, policy: iam.ManagedPolicy): any {
  return Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(policy.node.defaultChild as iam.CfnManagedPolicy)];
}

describe('execution-policy', () => {
  describe('defineExecutionPolicy', () => {
    test('defines the Policy child: the given name and document, a description naming the permission choice, attached to the role', () => {
      const { stack, scope, role } = setup();
      const policy = defineExecutionPolicy(scope, 'GUIDE_PUBLISHER', document('sqs:ListQueues'), 'AWSCloudFormationStackSetExecutionRolePolicy', role);
      expect(policy.node.scope).toBe(scope);
      expect(policy.node.id).toBe('Policy');
      expect(resource(stack, policy).Properties).toEqual({
        ManagedPolicyName: 'AWSCloudFormationStackSetExecutionRolePolicy',
        Description: 'Permissions of the StackSet execution role (GUIDE_PUBLISHER)',
        Path: '/',
        Roles: ['AWSCloudFormationStackSetExecutionRole'],
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'sqs:ListQueues', Effect: 'Allow', Resource: '*' }] },
      });
    });

    test('without a policy name, leaves the name to CloudFormation', () => {
      const { stack, scope, role } = setup();
      const policy = defineExecutionPolicy(scope, 'FROM_TEMPLATES', document('sqs:ListQueues'), undefined, role);
      expect(resource(stack, policy).Properties).not.toHaveProperty('ManagedPolicyName');
    });

    test('skips checkov\'s two Resource "*" checks, each with its own reason and the shared justification', () => {
      const { stack, scope, role } = setup();
      const policy = defineExecutionPolicy(scope, 'GUIDE_RECEIVER', document('sqs:ListQueues'), undefined, role);
      const skips: Array<{ id: string; comment: string }> = resource(stack, policy).Metadata.checkov.skip;
      expect(skips).toEqual([
        { id: 'CKV_AWS_111', comment: expect.stringMatching(/^Write actions without resource constraints: The StackSet execution role is what CloudFormation uses/) },
        { id: 'CKV_AWS_109', comment: expect.stringMatching(/^Permissions-management actions \(for the IAM and queue\/topic-policy resources a StackSet template defines\) without resource constraints: The StackSet execution role/) },
      ]);
      expect(skips[0].comment.split(': ').slice(1).join(': ')).toBe(skips[1].comment.split(': ').slice(1).join(': '));
    });
  });

  describe('defineBoundaryPolicy', () => {
    test('defines nothing for a permission choice without a boundary', () => {
      const { scope } = setup();
      expect(defineBoundaryPolicy(scope, { document: document('sqs:ListQueues'), validate: () => [] })).toBeUndefined();
      expect(scope.node.tryFindChild('Boundary')).toBeUndefined();
    });

    test('defines the Boundary child: the boundary\'s name and document, attached to no principal', () => {
      const { stack, scope } = setup();
      const boundary = defineBoundaryPolicy(scope, { validate: () => [], boundary: { name: 'VendorCeiling', document: document('sns:Publish') } })!;
      expect(boundary.node.scope).toBe(scope);
      expect(boundary.node.id).toBe('Boundary');
      expect(resource(stack, boundary).Properties).toEqual({
        ManagedPolicyName: 'VendorCeiling',
        Description: 'Permissions boundary of the roles the StackSet templates define: at most what the templates grant them, no escalation',
        Path: '/',
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'sns:Publish', Effect: 'Allow', Resource: '*' }] },
      });
    });

    test('skips checkov\'s five permissive-policy checks with one justification: a boundary grants nothing by itself', () => {
      const { stack, scope } = setup();
      const boundary = defineBoundaryPolicy(scope, { validate: () => [], boundary: { name: 'VendorCeiling', document: document('sns:Publish') } })!;
      const skips: Array<{ id: string; comment: string }> = resource(stack, boundary).Metadata.checkov.skip;
      expect(skips.map((s) => s.id)).toEqual(['CKV_AWS_107', 'CKV_AWS_108', 'CKV_AWS_109', 'CKV_AWS_110', 'CKV_AWS_111']);
      expect(new Set(skips.map((s) => s.comment)).size).toBe(1);
      expect(skips[0].comment).toMatch(/^A permissions boundary, attached to no principal: it grants nothing by itself, it caps what the roles of the StackSet templates may do/);
    });
  });

  describe('addExecutionPolicyValidation', () => {
    test('reports the permission choice\'s problems as they are, without preparing or measuring the documents', () => {
      const { scope } = setup();
      const prepare = jest.fn();
      addExecutionPolicyValidation(scope, 'FROM_TEMPLATES', {
        document: document('sqs:ListQueues', 'sqs:GetQueueUrl'),
        validate: () => ['permissions is derived from templates with resource types this library has no permission table for'],
        prepare,
      }, AwsLimits.of({ managedPolicyCharacters: 1 }));
      expect(scope.node.validate()).toEqual(['permissions is derived from templates with resource types this library has no permission table for']);
      expect(prepare).not.toHaveBeenCalled();
    });

    test('prepares the documents once the choice has no problem, and measures the policy after prepare completed it', () => {
      const { stack, scope } = setup();
      const doc = document('sqs:ListQueues');
      const before = characters(stack, doc);
      const prepare = jest.fn(() => doc.addStatements(new iam.PolicyStatement({ actions: ['sqs:CreateQueue', 'sqs:DeleteQueue'], resources: ['*'] })));
      addExecutionPolicyValidation(scope, 'FROM_TEMPLATES', { document: doc, validate: () => [], prepare }, AwsLimits.of({ managedPolicyCharacters: before }));
      const problems = scope.node.validate();
      expect(prepare).toHaveBeenCalledTimes(1);
      expect(problems).toEqual([
        `permissions (FROM_TEMPLATES) needs ${characters(stack, doc)} characters, the managed policy limit is ${before}: ${SIZE_FIX}`,
      ]);
    });

    test('measures the boundary on its own, naming it as the permissions boundary', () => {
      const { stack, scope } = setup();
      const doc = document('sqs:ListQueues');
      const boundary = document('sns:Publish', 'sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes');
      const limit = characters(stack, doc);
      addExecutionPolicyValidation(scope, 'FROM_TEMPLATES', { document: doc, validate: () => [], boundary: { name: 'VendorCeiling', document: boundary } },
        AwsLimits.of({ managedPolicyCharacters: limit }));
      expect(scope.node.validate()).toEqual([
        `permissions boundary (FROM_TEMPLATES) needs ${characters(stack, boundary)} characters, the managed policy limit is ${limit}: ${SIZE_FIX}`,
      ]);
    });

    test('an AWS managed policy (no document) is prepared but not measured', () => {
      const { scope } = setup();
      const prepare = jest.fn();
      addExecutionPolicyValidation(scope, 'ADMINISTRATOR_ACCESS', { awsManagedPolicyName: 'AdministratorAccess', validate: () => [], prepare }, AwsLimits.of({ managedPolicyCharacters: 1 }));
      expect(scope.node.validate()).toEqual([]);
      expect(prepare).toHaveBeenCalledTimes(1);
    });
  });
});
