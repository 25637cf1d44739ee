import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BoundExecutionPermissions } from './types';
import { AwsLimits } from '../../core/limits';
import { skipCheckovChecks } from '../../core/private/checkov';
import { claimFixedName } from '../../core/private/fixed-names';
import { checkPolicySize } from '../../core/private/policy-size';

/**
 * The customer managed permissions policy of a StackSet execution role, as
 * `StackSetExecutionRole` (on the role it defines) and
 * `StackSetExecutionRolePolicy` (on a role it does not) define it: one
 * `Policy` child, the same description, and the checkov skips that explain
 * `Resource: "*"`.
 */
export function defineExecutionPolicy(
  scope: Construct,
  permissionsName: string,
  document: iam.PolicyDocument,
  policyName: string | undefined,
  role: iam.IRole,
): iam.ManagedPolicy {
  const policy = new iam.ManagedPolicy(scope, 'Policy', {
    managedPolicyName: policyName,
    description: `Permissions of the StackSet execution role (${permissionsName})`,
    document,
    roles: [role],
  });
  const why = 'The StackSet execution role is what CloudFormation uses to create, update and delete the StackSet\'s resources in this account; '
    + 'their physical names are chosen by CloudFormation or by the StackSet\'s author at deployment, so the McAfee MVISION Cloud / Skyhigh Security NRT guide\'s policy '
    + 'and the template-derived list grant on Resource "*". Only the StackSet administrator account (optionally one named administration role) may assume the role; '
    + 'StackSetExecutionPermissions.fromTemplates narrows the actions to the resource types actually deployed.';
  skipCheckovChecks(policy.node.defaultChild as iam.CfnManagedPolicy, {
    CKV_AWS_111: `Write actions without resource constraints: ${why}`,
    CKV_AWS_109: `Permissions-management actions (for the IAM and queue/topic-policy resources a StackSet template defines) without resource constraints: ${why}`,
  });
  return policy;
}

/**
 * The permissions boundary of the templates' roles, for a permission choice
 * that has one (derived permissions): a customer managed policy of the fixed
 * name the templates' roles refer to.
 */
export function defineBoundaryPolicy(scope: Construct, bound: BoundExecutionPermissions): iam.ManagedPolicy | undefined {
  if (!bound.boundary) return undefined;
  const policy = new iam.ManagedPolicy(scope, 'Boundary', {
    managedPolicyName: bound.boundary.name,
    description: 'Permissions boundary of the roles the StackSet templates define: at most what the templates grant them, no escalation',
    document: bound.boundary.document,
  });
  claimFixedName(scope, 'boundaryPolicyName', 'IAM managed policy', bound.boundary.name, 'account');
  const boundary = 'A permissions boundary, attached to no principal: it grants nothing by itself, it caps what the roles of the StackSet templates may do '
    + '(at most the actions the templates grant them, every action when a template role has a managed policy whose actions are not known at synthesis), '
    + 'and denies them every IAM, Organizations and account write, key policies and grants, and passing or assuming other roles.';
  skipCheckovChecks(policy.node.defaultChild as iam.CfnManagedPolicy, {
    CKV_AWS_107: boundary,
    CKV_AWS_108: boundary,
    CKV_AWS_109: boundary,
    CKV_AWS_110: boundary,
    CKV_AWS_111: boundary,
  });
  return policy;
}

/**
 * Adds the checks that need the complete tree: the permission choice's own
 * problems (unknown resource types of derived permissions), then the policy
 * size against the managed-policy limit.
 */
export function addExecutionPolicyValidation(scope: Construct, permissionsName: string, bound: BoundExecutionPermissions, limits: AwsLimits): void {
  const document = bound.document;
  scope.node.addValidation({
    validate: () => {
      const problems = bound.validate();
      if (problems.length === 0) bound.prepare?.();
      if (problems.length === 0 && document) {
        const size = checkPolicySize(scope, 'managed', document, limits.managedPolicyCharacters, `permissions (${permissionsName})`,
          'choose StackSetExecutionPermissions.ADMINISTRATOR_ACCESS, or derive the permissions from fewer templates and give the others an execution role of their own');
        if (size) problems.push(size);
        if (bound.boundary) {
          const boundarySize = checkPolicySize(scope, 'managed', bound.boundary.document, limits.managedPolicyCharacters, `permissions boundary (${permissionsName})`,
            'choose StackSetExecutionPermissions.ADMINISTRATOR_ACCESS, or derive the permissions from fewer templates and give the others an execution role of their own');
          if (boundarySize) problems.push(boundarySize);
        }
      }
      return problems;
    },
  });
}
