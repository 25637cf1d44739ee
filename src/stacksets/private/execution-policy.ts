import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BoundExecutionPermissions } from './types';
import { AwsLimits } from '../../core/limits';
import { skipCheckovChecks } from '../../core/private/checkov';
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
      }
      return problems;
    },
  });
}
