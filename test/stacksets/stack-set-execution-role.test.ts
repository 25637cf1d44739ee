import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { StackSetExecutionPermissions, StackSetExecutionRole, StackSetExecutionRoleProps } from '../../src/stacksets';
import { arnOf, isAllowed, nagFindings, resolveTemplate, simulateAssumeRole, trustPolicy, unknownActions } from '../harness';
import { ADMIN_ACCOUNT, hostStack, OTHER_ACCOUNT, TARGET_ACCOUNT } from './_helpers';

type Props = Omit<StackSetExecutionRoleProps, 'permissions'> & { permissions?: StackSetExecutionPermissions };

function executionTemplate(props: Partial<Props> = {}, partition = 'aws') {
  const { stack } = hostStack();
  const role = new StackSetExecutionRole(stack, 'StackSetExecution', {
    administratorAccountId: ADMIN_ACCOUNT,
    permissions: StackSetExecutionPermissions.GUIDE_PUBLISHER,
    ...props,
  });
  const raw = Template.fromStack(stack).toJSON();
  return { stack, role, raw, resolved: resolveTemplate(raw, { account: TARGET_ACCOUNT, partition }) };
}

async function mayAssume(resolved: any, principal: string, context: Record<string, string> = {}, roleName = 'AWSCloudFormationStackSetExecutionRole') {
  const result = await simulateAssumeRole({
    trustPolicy: trustPolicy(resolved, roleName),
    roleArn: arnOf(resolved, roleName),
    principal,
    context,
  });
  return result.result === 'Allowed';
}

const ADMIN_ROLE = `arn:aws:iam::${ADMIN_ACCOUNT}:role/AWSCloudFormationStackSetAdministrationRole`;

describe('StackSetExecutionRole', () => {
  test('uses the exact role name AWSCloudFormationStackSetExecutionRole by default (R-116)', () => {
    const { raw } = executionTemplate();
    Template.fromJSON(raw).hasResourceProperties('AWS::IAM::Role', { RoleName: 'AWSCloudFormationStackSetExecutionRole' });
  });

  test.each([
    ['GUIDE_RECEIVER', StackSetExecutionPermissions.GUIDE_RECEIVER],
    ['GUIDE_PUBLISHER', StackSetExecutionPermissions.GUIDE_PUBLISHER],
  ])('the %s policy carries justified checkov skips of CKV_AWS_111 and CKV_AWS_109 (R-115, R-118)', (_name, permissions) => {
    const { raw } = executionTemplate({ permissions });
    const [policy] = Object.values(Template.fromJSON(raw).findResources('AWS::IAM::ManagedPolicy')) as any[];
    expect(policy.Metadata.checkov.skip.map((s: any) => s.id)).toEqual(['CKV_AWS_111', 'CKV_AWS_109']);
    for (const s of policy.Metadata.checkov.skip) expect(s.comment).toMatch(/McAfee MVISION Cloud \/ Skyhigh Security NRT guide's policy/);
  });

  test('ADMINISTRATOR_ACCESS defines no customer managed policy, so nothing to skip', () => {
    const { raw } = executionTemplate({ permissions: StackSetExecutionPermissions.ADMINISTRATOR_ACCESS });
    Template.fromJSON(raw).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('trusts the administrator account root, as the guide\'s trust edit (R-117, R-120)', () => {
    const { resolved } = executionTemplate();
    const doc = trustPolicy(resolved, 'AWSCloudFormationStackSetExecutionRole');
    expect(doc.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ADMIN_ACCOUNT}:root` } },
    ]);
  });

  test('lets the administration role assume it (trust simulation)', async () => {
    const { resolved } = executionTemplate();
    expect(await mayAssume(resolved, ADMIN_ROLE)).toBe(true);
  });

  test('denies principals of another account (trust simulation)', async () => {
    const { resolved } = executionTemplate();
    expect(await mayAssume(resolved, `arn:aws:iam::${OTHER_ACCOUNT}:role/AWSCloudFormationStackSetAdministrationRole`)).toBe(false);
  });

  test('without narrowing, any role of the administrator account may assume it (the guide\'s trust)', async () => {
    const { resolved } = executionTemplate();
    expect(await mayAssume(resolved, `arn:aws:iam::${ADMIN_ACCOUNT}:role/Developer`)).toBe(true);
  });

  test('narrowed to the administration role, denies other roles of the administrator account (A-28)', async () => {
    const { resolved } = executionTemplate({ administrationRoleName: 'AWSCloudFormationStackSetAdministrationRole' });
    expect(await mayAssume(resolved, ADMIN_ROLE)).toBe(true);
    expect(await mayAssume(resolved, `arn:aws:iam::${ADMIN_ACCOUNT}:role/Developer`)).toBe(false);
  });

  test('narrowing keeps the account principal and adds an aws:PrincipalArn condition', () => {
    const { resolved } = executionTemplate({ administrationRoleName: 'AWSCloudFormationStackSetAdministrationRole' });
    expect(trustPolicy(resolved, 'AWSCloudFormationStackSetExecutionRole').Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ADMIN_ACCOUNT}:root` },
        Condition: { ArnEquals: { 'aws:PrincipalArn': ADMIN_ROLE } },
      },
    ]);
  });

  test('does not trust cloudformation.amazonaws.com by default', async () => {
    const { resolved } = executionTemplate();
    expect(await mayAssume(resolved, 'cloudformation.amazonaws.com', { 'aws:SourceAccount': TARGET_ACCOUNT })).toBe(false);
  });

  test('with cloudFormationServiceTrust, trusts CloudFormation acting for this account (R-116, A-28)', async () => {
    const { resolved } = executionTemplate({ cloudFormationServiceTrust: true });
    expect(await mayAssume(resolved, 'cloudformation.amazonaws.com', { 'aws:SourceAccount': TARGET_ACCOUNT })).toBe(true);
  });

  test('with cloudFormationServiceTrust, denies CloudFormation acting for another account (confused deputy)', async () => {
    const { resolved } = executionTemplate({ cloudFormationServiceTrust: true });
    expect(await mayAssume(resolved, 'cloudformation.amazonaws.com', { 'aws:SourceAccount': OTHER_ACCOUNT })).toBe(false);
  });

  test('attaches the guide permissions as the customer managed policy AWSCloudFormationStackSetExecutionRolePolicy (A-34)', () => {
    const { raw } = executionTemplate({ permissions: StackSetExecutionPermissions.GUIDE_RECEIVER });
    Template.fromJSON(raw).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'AWSCloudFormationStackSetExecutionRolePolicy',
      Roles: [{ Ref: Match.stringLikeRegexp('StackSetExecutionRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Sid: 'VisualEditor0', Effect: 'Allow', Resource: '*' })] },
    });
  });

  test('receiver permissions allow creating queues; publisher permissions do not (simulation, R-115, R-118)', async () => {
    const allowed = async (permissions: StackSetExecutionPermissions) => {
      const { raw } = executionTemplate({ permissions });
      const doc = resolveTemplate(raw).Resources[
        Object.keys(raw.Resources).find((k) => raw.Resources[k].Type === 'AWS::IAM::ManagedPolicy')!
      ].Properties.PolicyDocument;
      return isAllowed({
        principal: `arn:aws:iam::${TARGET_ACCOUNT}:role/AWSCloudFormationStackSetExecutionRole`,
        action: 'sqs:CreateQueue',
        resource: `arn:aws:sqs:us-east-1:${TARGET_ACCOUNT}:nrt-queue`,
        identityPolicies: [doc],
      });
    };
    expect(await allowed(StackSetExecutionPermissions.GUIDE_RECEIVER)).toBe(true);
    expect(await allowed(StackSetExecutionPermissions.GUIDE_PUBLISHER)).toBe(false);
  });

  test('takes a custom policy name', () => {
    const { raw } = executionTemplate({ policyName: 'NrtExecution' });
    Template.fromJSON(raw).hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'NrtExecution' });
  });

  test('with ADMINISTRATOR_ACCESS, attaches the AWS managed policy and defines no customer policy (R-015)', () => {
    const { raw } = executionTemplate({ permissions: StackSetExecutionPermissions.ADMINISTRATOR_ACCESS });
    const t = Template.fromJSON(raw);
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    t.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }],
    });
  });

  test('takes a custom role name, e.g. seed 000\'s custom admin role (R-015)', async () => {
    const { resolved } = executionTemplate({ roleName: 'OrgOnboardingAdmin' });
    expect(await mayAssume(resolved, ADMIN_ROLE, {}, 'OrgOnboardingAdmin')).toBe(true);
  });

  test.each(['aws-cn', 'aws-us-gov'])('trusts the administrator account in the %s partition (A-82)', (partition) => {
    const { resolved } = executionTemplate({ administrationRoleName: 'AWSCloudFormationStackSetAdministrationRole' }, partition);
    const text = JSON.stringify(trustPolicy(resolved, 'AWSCloudFormationStackSetExecutionRole'));
    expect(text).toContain(`arn:${partition}:iam::${ADMIN_ACCOUNT}:root`);
    expect(text).toContain(`arn:${partition}:iam::${ADMIN_ACCOUNT}:role/AWSCloudFormationStackSetAdministrationRole`);
    expect(text).not.toContain('arn:aws:');
  });

  test('exposes the role, its ARN and its name', () => {
    const { role } = executionTemplate();
    expect(role.role).toBeInstanceOf(iam.Role);
    expect(role.roleArn).toBe(role.role.roleArn);
    expect(role.roleName).toBe(role.role.roleName);
    expect(role.policy).toBeDefined();
  });

  test('emits only IAM actions that exist, for every guide variant', () => {
    for (const permissions of [StackSetExecutionPermissions.GUIDE_RECEIVER, StackSetExecutionPermissions.GUIDE_PUBLISHER]) {
      expect(unknownActions(executionTemplate({ permissions }).raw)).toEqual([]);
    }
  });

  test.each([
    ['GUIDE_RECEIVER', StackSetExecutionPermissions.GUIDE_RECEIVER, 'AwsSolutions-IAM5[Resource::*] Host/StackSetExecution/Policy/Resource'],
    ['GUIDE_PUBLISHER', StackSetExecutionPermissions.GUIDE_PUBLISHER, 'AwsSolutions-IAM5[Resource::*] Host/StackSetExecution/Policy/Resource'],
    [
      'ADMINISTRATOR_ACCESS',
      StackSetExecutionPermissions.ADMINISTRATOR_ACCESS,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess] Host/StackSetExecution/Role/Resource',
    ],
  ])('with %s, cdk-nag reports only the finding inherent to the choice', (_name, permissions, finding) => {
    const { stack } = hostStack();
    new StackSetExecutionRole(stack, 'StackSetExecution', { administratorAccountId: ADMIN_ACCOUNT, permissions });
    expect(nagFindings(stack).map((f) => `${f.id} ${f.path}`)).toEqual([finding]);
  });

  test('fails if administratorAccountId is not 12 digits', () => {
    const { stack } = hostStack();
    expect(
      () => new StackSetExecutionRole(stack, 'StackSetExecution', { administratorAccountId: '1111222233', permissions: StackSetExecutionPermissions.GUIDE_PUBLISHER }),
    ).toThrow(/^Host\/StackSetExecution: administratorAccountId must be a 12-digit AWS account ID.*got "1111222233": it has 10 digits/);
  });

  test('fails if policyName is given with ADMINISTRATOR_ACCESS', () => {
    const { stack } = hostStack();
    expect(
      () => new StackSetExecutionRole(stack, 'StackSetExecution', {
        administratorAccountId: ADMIN_ACCOUNT,
        permissions: StackSetExecutionPermissions.ADMINISTRATOR_ACCESS,
        policyName: 'Mine',
      }),
    ).toThrow(/policyName is "Mine" but permissions is ADMINISTRATOR_ACCESS, which attaches the AWS managed policy AdministratorAccess: remove policyName/);
  });

  test('fails if administrationRoleName is not a role name', () => {
    const { stack } = hostStack();
    expect(
      () => new StackSetExecutionRole(stack, 'StackSetExecution', {
        administratorAccountId: ADMIN_ACCOUNT,
        permissions: StackSetExecutionPermissions.GUIDE_PUBLISHER,
        administrationRoleName: 'role/Admin',
      }),
    ).toThrow(/administrationRoleName must be an IAM role name.*"role\/Admin": remove "\/"/);
  });
});
