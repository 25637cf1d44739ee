import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  SelfManagedStackSetRollout,
  SelfManagedStackSetRolloutProps,
  StackSetAdminRole,
  StackSetExecutionPermissions,
  StackSetExecutionRole,
  StackSetTemplate,
} from '../../src/stacksets';
import { arnOf, identityPolicies, isAllowed, resolveTemplate, trustPolicy } from '../harness';
import { ADMIN_ACCOUNT, addTopic, hostStack, OTHER_ACCOUNT, TARGET_ACCOUNT, templateStack } from './_helpers';

function define(props: Partial<SelfManagedStackSetRolloutProps> = {}) {
  const { app, stack } = hostStack();
  const inner = templateStack(stack);
  addTopic(inner);
  const make = () => new SelfManagedStackSetRollout(stack, 'Rollout', {
    template: StackSetTemplate.fromStack(inner),
    accountIds: [TARGET_ACCOUNT],
    regions: ['us-east-1', 'eu-west-1'],
    ...props,
  });
  return { app, stack, inner, make };
}

function stackSetProps(props: Partial<SelfManagedStackSetRolloutProps> = {}): any {
  const { stack, make } = define(props);
  make();
  return Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'))[0].Properties;
}

describe('SelfManagedStackSetRollout', () => {
  test('defines a self-managed StackSet for the listed accounts and regions (R-104, R-121)', () => {
    const props = stackSetProps();
    expect(props.PermissionModel).toBe('SELF_MANAGED');
    expect(props.StackInstancesGroup).toEqual([{ DeploymentTargets: { Accounts: [TARGET_ACCOUNT] }, Regions: ['us-east-1', 'eu-west-1'] }]);
  });

  test('names the guide\'s execution role by default (R-116)', () => {
    expect(stackSetProps().ExecutionRoleName).toBe('AWSCloudFormationStackSetExecutionRole');
  });

  test('takes a custom execution role name (R-015)', () => {
    expect(stackSetProps({ executionRoleName: 'OrgOnboardingAdmin' }).ExecutionRoleName).toBe('OrgOnboardingAdmin');
  });

  test('relies on the conventional administration role unless one is given', () => {
    expect(stackSetProps().AdministrationRoleARN).toBeUndefined();
  });

  test('passes the given administration role\'s ARN', () => {
    const { stack, inner } = define();
    const admin = new StackSetAdminRole(stack, 'Admin');
    const rollout = new SelfManagedStackSetRollout(stack, 'WithAdmin', {
      template: StackSetTemplate.fromStack(inner),
      accountIds: [TARGET_ACCOUNT],
      regions: ['us-east-1'],
      administrationRole: admin.role,
    });
    expect(stack.resolve(rollout.stackSet.administrationRoleArn)).toEqual(stack.resolve(admin.roleArn));
  });

  test('waits for the administration role\'s policy before creating the StackSet, and for the role through its ARN only (no redundant DependsOn, cfn-lint W3005)', () => {
    const { stack, inner } = define();
    const admin = new StackSetAdminRole(stack, 'Admin');
    new SelfManagedStackSetRollout(stack, 'WithAdmin', {
      template: StackSetTemplate.fromStack(inner),
      accountIds: [TARGET_ACCOUNT],
      regions: ['us-east-1'],
      administrationRole: admin.role,
    });
    const resources = Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet');
    const withAdmin = Object.values<any>(resources).find((r) => r.Properties.AdministrationRoleARN !== undefined);
    expect(withAdmin.DependsOn).toEqual(expect.arrayContaining([stack.getLogicalId(admin.policy.node.defaultChild as any)]));
    const roleId = stack.getLogicalId(admin.role.node.defaultChild as any);
    expect(withAdmin.Properties.AdministrationRoleARN).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(withAdmin.DependsOn).not.toContain(roleId);
  });

  test('has no automatic deployment and no CallAs (both are service-managed only)', () => {
    const props = stackSetProps();
    expect(props.AutoDeployment).toBeUndefined();
    expect(props.CallAs).toBeUndefined();
  });

  test('uses the same fast operation preferences and CAPABILITY_NAMED_IAM', () => {
    const props = stackSetProps();
    expect(props.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(props.OperationPreferences).toEqual({
      RegionConcurrencyType: 'PARALLEL',
      MaxConcurrentPercentage: 100,
      FailureTolerancePercentage: 100,
      ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
    });
  });

  test('fails if accountIds is empty', () => {
    expect(define({ accountIds: [] }).make).toThrow(/^Host\/Rollout: accountIds must not be empty/);
  });

  test('fails on an invalid account ID', () => {
    expect(define({ accountIds: ['4444 5555 6666'] }).make).toThrow(/accountIds\[0\] must be a 12-digit AWS account ID.*remove the dashes and spaces/);
  });

  test('fails if the execution role name differs from the one the administration role may assume', () => {
    const { stack, inner } = define();
    const admin = new StackSetAdminRole(stack, 'Admin');
    expect(
      () => new SelfManagedStackSetRollout(stack, 'Mismatch', {
        template: StackSetTemplate.fromStack(inner),
        accountIds: [TARGET_ACCOUNT],
        regions: ['us-east-1'],
        executionRoleName: 'Other',
        administrationRole: admin.role,
      }),
    ).toThrow(/executionRoleName is "Other" but administrationRole \(Host\/Admin\) may only assume "AWSCloudFormationStackSetExecutionRole"/);
  });

  test('fails if an account is outside the administration role\'s targetAccountIds', () => {
    const { stack, inner } = define();
    const admin = new StackSetAdminRole(stack, 'Admin', { targetAccountIds: [TARGET_ACCOUNT] });
    expect(
      () => new SelfManagedStackSetRollout(stack, 'Outside', {
        template: StackSetTemplate.fromStack(inner),
        accountIds: [TARGET_ACCOUNT, OTHER_ACCOUNT],
        regions: ['us-east-1'],
        administrationRole: admin.role,
      }),
    ).toThrow(new RegExp(`accountIds lists "${OTHER_ACCOUNT}", which administrationRole \\(Host/Admin\\) may not deploy to`));
  });

  test('accepts any role as administrationRole (no checks without a StackSetAdminRole)', () => {
    const { stack, inner } = define();
    const role = iam.Role.fromRoleName(stack, 'Existing', 'AWSCloudFormationStackSetAdministrationRole');
    expect(
      () => new SelfManagedStackSetRollout(stack, 'Existing2', {
        template: StackSetTemplate.fromStack(inner),
        accountIds: [OTHER_ACCOUNT],
        regions: ['us-east-1'],
        administrationRole: role,
        executionRoleName: 'Anything',
      }),
    ).not.toThrow();
  });

  test('end to end: the administration role may assume the execution role of a target account, and no other (simulation)', async () => {
    // GIVEN the administrator account and a target account, each with its own stack
    const app = new App();
    const adminStack = new Stack(app, 'Admin');
    new StackSetAdminRole(adminStack, 'StackSetAdmin', { targetAccountIds: [TARGET_ACCOUNT] });
    const targetStack = new Stack(app, 'Target');
    new StackSetExecutionRole(targetStack, 'StackSetExecution', {
      administratorAccountId: ADMIN_ACCOUNT,
      administrationRoleName: 'AWSCloudFormationStackSetAdministrationRole',
      permissions: StackSetExecutionPermissions.GUIDE_PUBLISHER,
    });
    const admin = resolveTemplate(Template.fromStack(adminStack).toJSON(), { account: ADMIN_ACCOUNT });
    const target = resolveTemplate(Template.fromStack(targetStack).toJSON(), { account: TARGET_ACCOUNT });
    const adminPolicies = identityPolicies(admin, 'AWSCloudFormationStackSetAdministrationRole').documents;
    const executionRoleArn = arnOf(target, 'AWSCloudFormationStackSetExecutionRole');

    // WHEN the admin role (identity policy) calls sts:AssumeRole on the execution role (trust policy)
    const request = (principal: string, resource: string) => isAllowed({
      principal,
      action: 'sts:AssumeRole',
      resource,
      identityPolicies: adminPolicies,
      resourcePolicy: trustPolicy(target, 'AWSCloudFormationStackSetExecutionRole'),
    });

    // THEN
    expect(await request(arnOf(admin, 'AWSCloudFormationStackSetAdministrationRole'), executionRoleArn)).toBe(true);
    expect(await request(`arn:aws:iam::${ADMIN_ACCOUNT}:role/Developer`, executionRoleArn)).toBe(false);
    expect(await request(arnOf(admin, 'AWSCloudFormationStackSetAdministrationRole'), executionRoleArn.replace(TARGET_ACCOUNT, OTHER_ACCOUNT))).toBe(false);
  });
});
