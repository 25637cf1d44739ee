/**
 * Unit tests of src/access/private/audit-role.ts: the shared role options
 * (shapes and checks) and `defineAuditRole` on its own.
 */
import { CfnParameter, Duration, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AuditAccessOptions, AuditPermissions, AuditRoleOptions } from '../../../src/access';
import { AUDIT_ACCESS_SHAPES, AUDIT_ROLE_SHAPES, checkRoleOptions, defineAuditRole, DEFAULT_ROLE_DESCRIPTION } from '../../../src/access/private/audit-role';
import { AwsLimits } from '../../../src/core/limits';
import { checkPropShapes } from '../../../src/core/private/validators';
import { concreteStack, onlyOf, templateOf } from '../_helpers';

describe('audit-role', () => {
  describe('AUDIT_ACCESS_SHAPES and AUDIT_ROLE_SHAPES', () => {
    const access: Required<AuditAccessOptions> = {
      securityAudit: true,
      permissions: [AuditPermissions.BUDGETS_READ],
      additionalStatements: [new iam.PolicyStatement({ actions: ['s3:GetBucketPolicy'], resources: ['*'] })],
      limits: AwsLimits.DEFAULT,
    };
    const role: Required<AuditRoleOptions> = {
      ...access,
      roleName: 'SecurityAuditRole',
      path: '/security/',
      description: 'Vendor scanner',
      permissionsBoundary: iam.ManagedPolicy.fromManagedPolicyName(concreteStack(), 'Boundary', 'AuditBoundary'),
      maxSessionDuration: Duration.hours(2),
      handOffOutputs: true,
    };

    test('name exactly the members of AuditAccessOptions and AuditRoleOptions, and accept valid values of each', () => {
      expect(Object.keys(AUDIT_ACCESS_SHAPES).sort()).toEqual(Object.keys(access).sort());
      expect(Object.keys(AUDIT_ROLE_SHAPES).sort()).toEqual(Object.keys(role).sort());
      expect(checkPropShapes(role, AUDIT_ROLE_SHAPES)).toEqual([]);
    });

    test('refuse values of the wrong JavaScript type', () => {
      expect(checkPropShapes({ permissions: AuditPermissions.BUDGETS_READ, maxSessionDuration: 3600 }, AUDIT_ROLE_SHAPES)).toEqual([
        'permissions must be a list, got an object (AuditPermissions): wrap the value in a list',
        'maxSessionDuration must be an object, got number 3600: pass the construct or struct itself (see the prop\'s documentation)',
      ]);
    });
  });

  describe('checkRoleOptions', () => {
    test('accepts no options, and valid ones', () => {
      expect(checkRoleOptions({})).toEqual([]);
      expect(checkRoleOptions({ roleName: 'SecurityAuditRole', path: '/security/', maxSessionDuration: Duration.hours(12), description: 'd'.repeat(1000) })).toEqual([]);
    });

    test('reports every problem, in the order roleName, path, maxSessionDuration, description', () => {
      expect(checkRoleOptions({ roleName: 'a b', path: 'security', maxSessionDuration: Duration.minutes(59), description: 'd'.repeat(1001) })).toEqual([
        expect.stringMatching(/^roleName must be an IAM role name .*, got "a b": remove " "$/),
        expect.stringMatching(/^path must be an IAM path .*, got "security": start and end it with "\/"$/),
        'maxSessionDuration must be between 1 and 12 hours, got 59 minutes (3540 seconds): use e.g. Duration.hours(1)',
        'description must be at most 1000 characters, got 1001: shorten it',
      ]);
    });

    test('the longest session follows limits.maxSessionDurationHours', () => {
      const limits = AwsLimits.of({ maxSessionDurationHours: 4 });
      expect(checkRoleOptions({ limits, maxSessionDuration: Duration.hours(4) })).toEqual([]);
      expect(checkRoleOptions({ limits, maxSessionDuration: Duration.seconds(4 * 3600 + 1) })).toEqual([
        'maxSessionDuration must be between 1 and 4 hours, got 4 hours 1 second (14401 seconds): use e.g. Duration.hours(1)',
      ]);
    });

    test('passes a token session duration and a token description through', () => {
      const stack = concreteStack();
      const seconds = new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber;
      const description = new CfnParameter(stack, 'Description', { type: 'String' }).valueAsString;
      expect(Token.isUnresolved(Duration.seconds(seconds).toSeconds())).toBe(true);
      expect(checkRoleOptions({ maxSessionDuration: Duration.seconds(seconds), description })).toEqual([]);
    });
  });

  describe('defineAuditRole', () => {
    test('defines the role child `id` of the scope with the principal, the default description and the rendered permissions', () => {
      const stack = concreteStack();
      const scope = new Construct(stack, 'Holder');
      const role = defineAuditRole(scope, 'Resource', { permissions: [AuditPermissions.SHIELD_ATTACKS] }, new iam.ServicePrincipal('ec2.amazonaws.com'));
      expect(scope.node.findChild('Resource')).toBe(role);
      const t = templateOf(stack);
      const props = t.Resources[onlyOf(t, 'AWS::IAM::Role')].Properties;
      expect(props.Description).toBe(DEFAULT_ROLE_DESCRIPTION);
      expect(DEFAULT_ROLE_DESCRIPTION).toBe('Read-only security audit access (cdk-audit-baseline)');
      expect(props.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }]);
      expect(props.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/SecurityAudit']] }]);
      expect(props.Policies.map((p: any) => p.PolicyName)).toEqual(['ShieldAttacks']);
    });

    test('the size checks run on the scope, with the given limits, and name the role by its path', () => {
      const stack = concreteStack();
      const scope = new Construct(stack, 'Holder');
      const limits = AwsLimits.of({ managedPoliciesPerRole: 1 });
      const role = defineAuditRole(scope, 'Resource', { limits, permissions: [AuditPermissions.IAM_READ] }, new iam.AccountRootPrincipal());
      expect(role.node.validate()).toEqual([]);
      expect(scope.node.validate()).toEqual([
        'role TestStack/Holder/Resource has 2 managed policies attached, the limit is 1 per role: give fewer bundles that attach AWS managed policies, or raise the quota and pass AwsLimits.of({ managedPoliciesPerRole })',
      ]);
    });
  });
});
