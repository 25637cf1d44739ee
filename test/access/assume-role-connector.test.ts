import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, EXTERNAL_ID, VENDOR, attributeReferences, concreteStack, newStack, onlyOf, templateOf, undeclaredWrites } from './_helpers';
import { AssumeRoleConnector, AssumeRoleConnectorProps, AuditPermissions } from '../../src/access';
import { ALLOW_ALL, actionsIn, arnOf, identityPolicies, isAllowed, nagFindings, resolveTemplate, trustPolicy, unknownActions } from '../harness';

/** SkyFormation "STSAssumeRole" mode: a user that may only assume the role, a role that trusts only that user. */

const SKYFORMATION = {
  securityAudit: false,
  permissions: [
    AuditPermissions.CLOUDTRAIL_READ, AuditPermissions.IAM_READ, AuditPermissions.CLOUDWATCH_LOGS_READ,
    AuditPermissions.CLOUDWATCH_READ, AuditPermissions.GUARDDUTY_READ, AuditPermissions.SHIELD_ATTACKS,
  ],
};

function connectorIn(stack: Stack, props: AssumeRoleConnectorProps = {}): AssumeRoleConnector {
  return new AssumeRoleConnector(stack, 'Connector', props);
}

function errorOf(props: AssumeRoleConnectorProps, stack: Stack = concreteStack()): string {
  try {
    connectorIn(stack, props);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

function resolved(props: AssumeRoleConnectorProps = {}) {
  const stack = concreteStack();
  connectorIn(stack, props);
  const t = resolveTemplate(templateOf(stack), { account: ACCOUNT });
  const roleId = onlyOf(t, 'AWS::IAM::Role');
  return { t, roleId, roleArn: arnOf(t, roleId), trust: trustPolicy(t, roleId) };
}

describe('AssumeRoleConnector', () => {
  describe('template', () => {
    test('defines a user, its access key, a secret and a role', () => {
      const stack = concreteStack();
      connectorIn(stack);
      const t = Template.fromStack(stack);
      for (const type of ['AWS::IAM::User', 'AWS::IAM::AccessKey', 'AWS::SecretsManager::Secret', 'AWS::IAM::Role']) t.resourceCountIs(type, 1);
    });

    test('the role trusts its own account narrowed to the connector user by aws:PrincipalArn, with no external ID by default', () => {
      const stack = concreteStack();
      connectorIn(stack);
      const t = templateOf(stack);
      expect(t.Resources[onlyOf(t, 'AWS::IAM::Role')].Properties.AssumeRolePolicyDocument.Statement).toEqual([{
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:root`]] } },
        Condition: { ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [onlyOf(t, 'AWS::IAM::User'), 'Arn'] } } },
      }]);
    });

    test('an external ID, when given, is also enforced', () => {
      const stack = concreteStack();
      connectorIn(stack, { externalId: EXTERNAL_ID });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [{ Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } } }] },
      });
    });

    test('the user\'s only permission is sts:AssumeRole on the role (R-217)', () => {
      const { t, roleArn } = resolved(SKYFORMATION);
      const userPolicies = identityPolicies(t, onlyOf(t, 'AWS::IAM::User'));
      expect(userPolicies.awsManagedPolicyNames).toEqual([]);
      expect(actionsIn(userPolicies.documents)).toEqual(['sts:AssumeRole']);
      expect(userPolicies.documents.flatMap((d) => d.Statement).map((s: any) => s.Resource)).toEqual([roleArn]);
    });

    test('the role carries the permissions: here the SkyFormation managed policies and Shield (R-204, R-209)', () => {
      const { t, roleId } = resolved(SKYFORMATION);
      const rolePolicies = identityPolicies(t, roleId);
      expect(rolePolicies.awsManagedPolicyNames).toEqual([
        'AWSCloudTrail_ReadOnlyAccess', 'IAMReadOnlyAccess', 'CloudWatchLogsReadOnlyAccess', 'CloudWatchReadOnlyAccess', 'AmazonGuardDutyReadOnlyAccess',
      ]);
      expect(actionsIn(rolePolicies.documents)).toEqual(['shield:ListAttacks']);
      expect(undeclaredWrites(rolePolicies.documents)).toEqual([]);
    });

    test('the secret access key is referenced only in the secret', () => {
      const stack = concreteStack();
      connectorIn(stack, { handOffOutputs: true });
      const t = templateOf(stack);
      expect(attributeReferences(t, 'SecretAccessKey')).toEqual([`Resources.${onlyOf(t, 'AWS::SecretsManager::Secret')}.Properties.SecretString`]);
    });

    test('names and the access-key options are passed through', () => {
      const stack = concreteStack();
      const c = connectorIn(stack, { connectorUserName: 'skyformation-connector', roleName: 'SkyFormationRole', accessKeySerial: 3 });
      const t = Template.fromStack(stack);
      t.hasResourceProperties('AWS::IAM::User', { UserName: 'skyformation-connector' });
      t.hasResourceProperties('AWS::IAM::Role', { RoleName: 'SkyFormationRole' });
      t.hasResourceProperties('AWS::IAM::AccessKey', { Serial: 3 });
      expect(c.roleName).toBe('SkyFormationRole');
    });

    test('every action in the template exists', () => {
      const stack = concreteStack();
      connectorIn(stack, SKYFORMATION);
      expect(unknownActions(templateOf(stack))).toEqual([]);
    });

    test('cdk-nag reports IAM4 on the role and SMG4 on the secret, nothing on the user', () => {
      const stack = concreteStack();
      connectorIn(stack);
      expect(nagFindings(stack).map((f) => `${f.id} ${f.path}`)).toEqual([
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit] TestStack/Connector/Role/Resource',
        'AwsSolutions-SMG4 TestStack/Connector/Secret/Resource',
      ]);
    });

    test('hand-off outputs are the connector form\'s values: account, role ARN, external ID, key ID, secret ARN (R-217)', () => {
      const stack = concreteStack();
      const c = connectorIn(stack, { externalId: EXTERNAL_ID, handOffOutputs: true });
      expect(c.node.findChild('HandOff').node.children.map((o) => o.node.id)).toEqual(['AccountId', 'RoleArn', 'ExternalId', 'AccessKeyId', 'SecretArn']);
      expect(Object.values(templateOf(stack).Outputs).map((o: any) => o.Value)[0]).toBe(ACCOUNT);
    });

    test('the connector user\'s one-statement policy carries a justified checkov skip of CKV_AWS_40 (R-217)', () => {
      const stack = concreteStack();
      connectorIn(stack);
      const t = templateOf(stack);
      const policy = t.Resources[onlyOf(t, 'AWS::IAM::Policy')];
      expect(policy.Properties.Users).toEqual([{ Ref: onlyOf(t, 'AWS::IAM::User') }]);
      expect(policy.Properties.PolicyDocument.Statement.map((s: any) => s.Action)).toEqual(['sts:AssumeRole']);
      expect(policy.Metadata.checkov.skip).toEqual([{ id: 'CKV_AWS_40', comment: expect.stringMatching(/needs nothing but sts:AssumeRole on the audit role/) }]);
    });
  });

  describe('simulation', () => {
    test('the connector user may assume the role', async () => {
      const { t, roleArn, trust } = resolved();
      const userId = onlyOf(t, 'AWS::IAM::User');
      expect(await isAllowed({
        principal: arnOf(t, userId),
        action: 'sts:AssumeRole',
        resource: roleArn,
        resourcePolicy: trust,
        identityPolicies: identityPolicies(t, userId).documents,
      })).toBe(true);
    });

    test('another principal of the account is denied, even one allowed sts:AssumeRole on everything', async () => {
      const { roleArn, trust } = resolved();
      expect(await isAllowed({
        principal: `arn:aws:iam::${ACCOUNT}:user/someone-else`, action: 'sts:AssumeRole', resource: roleArn, resourcePolicy: trust, identityPolicies: [ALLOW_ALL],
      })).toBe(false);
    });

    test('a principal of another account is denied', async () => {
      const { roleArn, trust } = resolved();
      expect(await isAllowed({
        principal: `arn:aws:iam::${VENDOR}:user/connector`, action: 'sts:AssumeRole', resource: roleArn, resourcePolicy: trust, identityPolicies: [ALLOW_ALL],
      })).toBe(false);
    });

    test('the connector user can do nothing else with its own credentials: no read, no other role', async () => {
      const { t } = resolved();
      const userId = onlyOf(t, 'AWS::IAM::User');
      const common = { principal: arnOf(t, userId), identityPolicies: identityPolicies(t, userId).documents };
      expect(await isAllowed({ ...common, action: 'iam:ListUsers', resource: '*' })).toBe(false);
      expect(await isAllowed({ ...common, action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/Admin` })).toBe(false);
    });

    test('with an external ID, the user must present it', async () => {
      const { t, roleArn, trust } = resolved({ externalId: EXTERNAL_ID });
      const userId = onlyOf(t, 'AWS::IAM::User');
      const common = { principal: arnOf(t, userId), action: 'sts:AssumeRole', resource: roleArn, resourcePolicy: trust, identityPolicies: identityPolicies(t, userId).documents };
      expect(await isAllowed({ ...common, context: { 'sts:ExternalId': EXTERNAL_ID } })).toBe(true);
      expect(await isAllowed(common)).toBe(false);
    });
  });

  describe('an existing connector user', () => {
    const SAME = `arn:aws:iam::${ACCOUNT}:user/skyformation`;
    const CROSS = `arn:aws:iam::${VENDOR}:user/skyformation`;

    test('a user of the same account is trusted by ARN and nothing else is defined', () => {
      const stack = concreteStack();
      const c = connectorIn(stack, { connectorUserArn: SAME });
      const t = templateOf(stack);
      expect(Object.values(t.Resources).map((r: any) => r.Type)).toEqual(['AWS::IAM::Role']);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [{ Condition: { ArnEquals: { 'aws:PrincipalArn': SAME } } }] },
      });
      expect(c.connectorUser).toBeUndefined();
      expect(c.secret).toBeUndefined();
      expect(c.connectorUserArn).toBe(SAME);
    });

    test('a user of another account is trusted through its account with the external ID (A-48)', async () => {
      const stack = concreteStack();
      connectorIn(stack, { connectorUserArn: CROSS, externalId: EXTERNAL_ID });
      const t = resolveTemplate(templateOf(stack), { account: ACCOUNT });
      const roleId = onlyOf(t, 'AWS::IAM::Role');
      const common = { principal: CROSS, action: 'sts:AssumeRole', resource: arnOf(t, roleId), resourcePolicy: trustPolicy(t, roleId), identityPolicies: [ALLOW_ALL] };
      expect(trustPolicy(t, roleId).Statement[0].Principal).toEqual({ AWS: `arn:aws:iam::${VENDOR}:root` });
      expect(await isAllowed({ ...common, context: { 'sts:ExternalId': EXTERNAL_ID } })).toBe(true);
      expect(await isAllowed(common)).toBe(false);
      expect(await isAllowed({ ...common, principal: `arn:aws:iam::${VENDOR}:user/other`, context: { 'sts:ExternalId': EXTERNAL_ID } })).toBe(false);
    });

    test('a user of another account without an external ID fails (A-48: the guide\'s "optional" is not allowed cross-account)', () => {
      expect(errorOf({ connectorUserArn: CROSS })).toBe(
        `TestStack/Connector: externalId is required because connectorUserArn is in account ${VENDOR}, not the stack's account ${ACCOUNT}: give an external ID and configure it in the connector (it protects the role from confused-deputy use)`,
      );
    });

    test('in an environment-agnostic stack an existing user needs an external ID', () => {
      expect(errorOf({ connectorUserArn: SAME }, newStack())).toMatch(/externalId is required because the account of connectorUserArn cannot be compared with the stack's account at synth/);
    });

    test('connectorUserArn and connectorUserName together fail, naming both', () => {
      expect(errorOf({ connectorUserArn: SAME, connectorUserName: 'x' })).toBe(
        'TestStack/Connector: connectorUserArn and connectorUserName cannot be combined: give connectorUserArn to trust an existing user, or connectorUserName to define a new one',
      );
    });

    test('connectorUserArn with access-key props fails, naming them', () => {
      expect(errorOf({ connectorUserArn: SAME, accessKeySerial: 2, secretName: 'k' })).toBe(
        'TestStack/Connector: accessKeySerial, secretName cannot be combined with connectorUserArn: the access key of an existing user is managed where the user is; remove them',
      );
    });

    test('a role ARN as connectorUserArn fails: the connector signs in as a user', () => {
      expect(errorOf({ connectorUserArn: `arn:aws:iam::${ACCOUNT}:role/Connector` })).toBe(
        `TestStack/Connector: connectorUserArn must be an IAM user ARN "arn:<partition>:iam::<account>:user/<name>", got "arn:aws:iam::${ACCOUNT}:role/Connector": the connector signs in with a user's access key`,
      );
    });
  });

  describe('bad input', () => {
    test('an invalid external ID fails', () => {
      expect(errorOf({ externalId: 'a b' })).toMatch(/^TestStack\/Connector: externalId must be .*, got "a b": remove " "/);
    });

    test('an invalid connectorUserName fails', () => {
      expect(errorOf({ connectorUserName: 'a:b' })).toMatch(/^TestStack\/Connector: connectorUserName must be .*, got "a:b": remove ":"/);
    });

    test('role options are checked like those of ReadOnlyAuditRole', () => {
      expect(errorOf({ roleName: 'a'.repeat(70) })).toMatch(/^TestStack\/Connector: roleName must be .*70 characters/);
    });
  });
});
