import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, concreteStack, newStack, onlyOf, templateOf, undeclaredWrites } from './_helpers';
import { AuditInstanceProfileRole, AuditInstanceProfileRoleProps, AuditPermissions } from '../../src/access';
import { ALLOW_ALL, arnOf, identityPolicies, isAllowed, nagFindings, resolveTemplate, trustPolicy, unknownActions } from '../harness';

/** SkyFormation "InstanceProfile" mode: a role trusted by EC2 and its instance profile, same account. */

function profileIn(stack: Stack, props: AuditInstanceProfileRoleProps = {}): AuditInstanceProfileRole {
  return new AuditInstanceProfileRole(stack, 'Connector', props);
}

function errorOf(props: AuditInstanceProfileRoleProps): string {
  try {
    profileIn(concreteStack(), props);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('AuditInstanceProfileRole', () => {
  test('the role trusts only the EC2 service principal, for sts:AssumeRole only', () => {
    const stack = concreteStack();
    profileIn(stack);
    const t = templateOf(stack);
    expect(t.Resources[onlyOf(t, 'AWS::IAM::Role')].Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }],
    });
  });

  test('the instance profile holds the role', () => {
    const stack = concreteStack();
    profileIn(stack);
    const t = templateOf(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::InstanceProfile', { Roles: [{ Ref: onlyOf(t, 'AWS::IAM::Role') }] });
  });

  test('the role carries SecurityAudit by default and the chosen bundles', () => {
    const stack = concreteStack();
    profileIn(stack, { permissions: [AuditPermissions.FLOW_LOG_ENRICHMENT] });
    const t = resolveTemplate(templateOf(stack), { account: ACCOUNT });
    const policies = identityPolicies(t, onlyOf(t, 'AWS::IAM::Role'));
    expect(policies.awsManagedPolicyNames).toEqual(['SecurityAudit']);
    expect(undeclaredWrites(policies.documents)).toEqual([]);
  });

  test('names and path are passed through; the instance profile shares the role\'s path', () => {
    const stack = concreteStack();
    const p = profileIn(stack, { roleName: 'SkyFormationInstanceRole', instanceProfileName: 'SkyFormationProfile', path: '/connectors/' });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Role', { RoleName: 'SkyFormationInstanceRole', Path: '/connectors/' });
    t.hasResourceProperties('AWS::IAM::InstanceProfile', { InstanceProfileName: 'SkyFormationProfile', Path: '/connectors/' });
    expect(p.instanceProfileName).toBe('SkyFormationProfile');
    expect(p.roleName).toBe('SkyFormationInstanceRole');
  });

  test('EC2 may assume the role; an IAM principal of the account may not', async () => {
    const stack = concreteStack();
    profileIn(stack);
    const t = resolveTemplate(templateOf(stack), { account: ACCOUNT });
    const roleId = onlyOf(t, 'AWS::IAM::Role');
    const common = { action: 'sts:AssumeRole', resource: arnOf(t, roleId), resourcePolicy: trustPolicy(t, roleId) };
    expect(await isAllowed({ ...common, principal: 'ec2.amazonaws.com' })).toBe(true);
    expect(await isAllowed({ ...common, principal: 'lambda.amazonaws.com' })).toBe(false);
    expect(await isAllowed({ ...common, principal: `arn:aws:iam::${ACCOUNT}:user/someone`, identityPolicies: [ALLOW_ALL] })).toBe(false);
  });

  test.each([
    ['aws-cn', 'cn-north-1'],
    ['aws-us-gov', 'us-gov-west-1'],
  ])('in %s the managed policy and role ARNs are in the partition', (partition, region) => {
    for (const stack of [newStack(), newStack({ account: ACCOUNT, region })]) {
      profileIn(stack);
      const t = resolveTemplate(templateOf(stack), { partition, region, account: ACCOUNT });
      const roleId = onlyOf(t, 'AWS::IAM::Role');
      expect(t.Resources[roleId].Properties.ManagedPolicyArns).toEqual([`arn:${partition}:iam::aws:policy/SecurityAudit`]);
      expect(arnOf(t, roleId)).toMatch(new RegExp(`^arn:${partition}:`));
    }
  });

  test('every action in the template exists', () => {
    const stack = concreteStack();
    profileIn(stack, { permissions: [AuditPermissions.SHIELD_ATTACKS, AuditPermissions.INSPECTOR_FINDINGS] });
    expect(unknownActions(templateOf(stack))).toEqual([]);
  });

  test('cdk-nag reports only IAM4 for SecurityAudit on the role', () => {
    const stack = concreteStack();
    profileIn(stack);
    expect(nagFindings(stack).map((f) => `${f.id} ${f.path}`)).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit] TestStack/Connector/Role/Resource',
    ]);
  });

  test('hand-off outputs are the account ID and the instance profile name (R-218)', () => {
    const stack = concreteStack();
    const p = profileIn(stack, { handOffOutputs: true });
    expect(p.node.findChild('HandOff').node.children.map((o) => o.node.id)).toEqual(['AccountId', 'InstanceProfileName']);
    expect(Object.keys(templateOf(stack).Outputs)).toHaveLength(2);
  });

  test('an invalid instanceProfileName fails with the prop, the value and the fix', () => {
    expect(errorOf({ instanceProfileName: 'my profile' })).toBe(
      'TestStack/Connector: instanceProfileName must be an IAM instance profile name of 1-128 characters from [A-Za-z0-9+=,.@_-] (e.g. "SecurityToolProfile"), got "my profile": remove " "',
    );
  });

  test('role options are checked', () => {
    expect(errorOf({ path: 'x' })).toMatch(/^TestStack\/Connector: path must be .*, got "x"/);
  });
});
