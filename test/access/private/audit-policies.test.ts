/**
 * Unit tests of src/access/private/audit-policies.ts: which bundles a
 * principal gets, the permission props check, and how permissions render.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { AuditPermissions } from '../../../src/access';
import { ADDITIONAL_POLICY_NAME, bundlesOf, checkPermissionChoice, renderPermissions } from '../../../src/access/private/audit-policies';
import { ACCOUNT, concreteStack } from '../_helpers';

const queue = (name: string) => AuditPermissions.consumeQueues([`arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`]);
const read = (...actions: string[]) => new iam.PolicyStatement({ actions, resources: ['*'] });

describe('audit-policies', () => {
  describe('bundlesOf', () => {
    test('SECURITY_AUDIT first unless securityAudit is false, then permissions in their order', () => {
      const permissions = [AuditPermissions.SHIELD_ATTACKS, AuditPermissions.BUDGETS_READ];
      expect(bundlesOf({})).toEqual([AuditPermissions.SECURITY_AUDIT]);
      expect(bundlesOf({ securityAudit: true, permissions })).toEqual([AuditPermissions.SECURITY_AUDIT, ...permissions]);
      expect(bundlesOf({ securityAudit: false, permissions })).toEqual(permissions);
      expect(bundlesOf({ securityAudit: false })).toEqual([]);
    });
  });

  describe('checkPermissionChoice', () => {
    test('accepts the default, and SECURITY_AUDIT in permissions once securityAudit is false', () => {
      expect(checkPermissionChoice({})).toEqual([]);
      expect(checkPermissionChoice({ securityAudit: false, permissions: [AuditPermissions.SECURITY_AUDIT] })).toEqual([]);
    });

    test('only Deny statements and no bundle grant nothing, and say so; one Allow among them is enough', () => {
      const deny = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] });
      expect(checkPermissionChoice({ securityAudit: false, additionalStatements: [deny] })).toEqual([
        'securityAudit is false, no permissions are given and every statement of additionalStatements is a Deny, so the principal would grant nothing: '
        + 'give at least one AuditPermissions bundle or Allow statement, or leave securityAudit at its default (true)',
      ]);
      expect(checkPermissionChoice({ securityAudit: false, additionalStatements: [deny, read('s3:ListAllMyBuckets')] })).toEqual([]);
    });

    test('a bundle listed twice is reported once, as a repeat, not also as a managed policy attached twice', () => {
      const permissions = [AuditPermissions.IAM_READ, AuditPermissions.SHIELD_ATTACKS, AuditPermissions.IAM_READ];
      expect(checkPermissionChoice({ permissions })).toEqual([
        'permissions[2] repeats AuditPermissions.IAM_READ (already permissions[0]): remove one',
      ]);
    });

    test('names each statement by its index, and checks the read-only rule on Allow statements only', () => {
      const deny = new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['s3:Get*'], resources: ['*'] });
      expect(checkPermissionChoice({ additionalStatements: [read('s3:GetBucketPolicy'), deny, read('s3:PutObject', 'ec2:DescribeInstances')] })).toEqual([
        expect.stringMatching(/^additionalStatements\[2\] allows "s3:PutObject", which does not start with a read verb .*: a read-only principal takes only read actions;/),
      ]);
    });

    test('a Deny statement must still be a valid identity-policy statement', () => {
      const deny = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'], principals: [new iam.AnyPrincipal()] });
      expect(checkPermissionChoice({ additionalStatements: [deny] })).toEqual([
        'additionalStatements[0] is not a valid identity-policy statement: A PolicyStatement used in an identity-based policy cannot specify any IAM principals.',
      ]);
    });

    test('securityAudit false with additionalStatements alone is enough to grant something', () => {
      expect(checkPermissionChoice({ securityAudit: false, additionalStatements: [read('s3:GetBucketPolicy')] })).toEqual([]);
      expect(checkPermissionChoice({ securityAudit: false, permissions: [], additionalStatements: [] })).toEqual([
        expect.stringMatching(/^securityAudit is false and neither permissions nor additionalStatements is given/),
      ]);
    });
  });

  describe('renderPermissions', () => {
    test('AWS managed policies in bundle order, each once, as ARNs in the stack\'s partition', () => {
      const stack = concreteStack();
      const rendered = renderPermissions(stack, {
        permissions: [AuditPermissions.CLOUDTRAIL_READ, AuditPermissions.awsManagedPolicy('SecurityAudit'), AuditPermissions.VIEW_ONLY_ACCESS],
      });
      expect(rendered.managedPolicies.map((p) => stack.resolve(p.managedPolicyArn))).toEqual(
        ['SecurityAudit', 'AWSCloudTrail_ReadOnlyAccess', 'job-function/ViewOnlyAccess'].map((name) => ({
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]],
        })),
      );
      expect(rendered.statements).toEqual({});
    });

    test('one statement list per bundle with statements, repeats numbered from 2, additional statements last', () => {
      const stack = concreteStack();
      const additional = [read('s3:GetBucketPolicy')];
      const rendered = renderPermissions(stack, {
        securityAudit: false,
        permissions: [queue('a'), AuditPermissions.BUDGETS_READ, queue('b'), AuditPermissions.IAM_READ, queue('c')],
        additionalStatements: additional,
      });
      expect(Object.keys(rendered.statements)).toEqual(['ConsumeQueues', 'BudgetsRead', 'ConsumeQueues2', 'ConsumeQueues3', ADDITIONAL_POLICY_NAME]);
      expect(ADDITIONAL_POLICY_NAME).toBe('AdditionalPermissions');
      expect(stack.resolve(rendered.statements.ConsumeQueues3.map((s) => s.toStatementJson()))).toEqual([{
        Sid: 'ConsumeQueues',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:c`,
      }]);
      expect(rendered.statements.AdditionalPermissions).toEqual(additional);
      expect(rendered.statements.AdditionalPermissions).not.toBe(additional);
      expect(rendered.managedPolicies).toHaveLength(1);
    });
  });
});
