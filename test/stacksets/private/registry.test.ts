/**
 * Unit tests of src/stacksets/private/registry.ts: the facts of an
 * administration role, recorded by its administration policy and looked up
 * by a rollout.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AdminRoleFacts, adminRoleFacts, registerAdminRole } from '../../../src/stacksets/private/registry';

function scope(): Stack {
  return new Stack(new App(), 'Host');
}

function facts(owner: Construct, executionRoleName = 'AWSCloudFormationStackSetExecutionRole', targetAccountIds?: string[]): AdminRoleFacts {
  return { path: owner.node.path, construct: owner, executionRoleName, targetAccountIds };
}

describe('registry', () => {
  test('knows nothing of an undefined role', () => {
    expect(adminRoleFacts(undefined)).toBeUndefined();
  });

  test('knows nothing of a role that was never registered', () => {
    const stack = scope();
    expect(adminRoleFacts(iam.Role.fromRoleName(stack, 'Admin', 'AWSCloudFormationStackSetAdministrationRole'))).toBeUndefined();
  });

  test('returns the facts registered for the role, as given', () => {
    const stack = scope();
    const role = iam.Role.fromRoleName(stack, 'Admin', 'AWSCloudFormationStackSetAdministrationRole');
    const registered = facts(stack, 'OrgExecution', ['444455556666']);
    registerAdminRole(role, registered);
    expect(adminRoleFacts(role)).toBe(registered);
  });

  test('is keyed by the role object: another import of the same role name has no facts', () => {
    const stack = scope();
    const role = iam.Role.fromRoleName(stack, 'Admin', 'AWSCloudFormationStackSetAdministrationRole');
    registerAdminRole(role, facts(stack));
    expect(adminRoleFacts(iam.Role.fromRoleName(stack, 'Again', 'AWSCloudFormationStackSetAdministrationRole'))).toBeUndefined();
  });

  test('keeps the facts of each role apart, and a second registration of a role replaces the first', () => {
    const stack = scope();
    const first = iam.Role.fromRoleName(stack, 'First', 'First');
    const second = iam.Role.fromRoleName(stack, 'Second', 'Second');
    registerAdminRole(first, facts(stack, 'ExecutionA'));
    registerAdminRole(second, facts(stack, 'ExecutionB'));
    registerAdminRole(first, facts(stack, 'ExecutionC'));
    expect(adminRoleFacts(first)?.executionRoleName).toBe('ExecutionC');
    expect(adminRoleFacts(second)?.executionRoleName).toBe('ExecutionB');
  });
});
