/**
 * Unit tests of src/access/private/size-checks.ts: the synth-time size checks
 * of a role's and a user's policies, called directly on plain CDK principals.
 */
import { Aws, CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { checkRoleLimits, checkUserLimits } from '../../../src/access/private/size-checks';
import { AwsLimits } from '../../../src/core/limits';
import { ACCOUNT, concreteStack } from '../_helpers';

/** A statement of about `n` queue ARNs (each about 50 characters). */
function queues(n: number): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: Array.from({ length: n }, (_, i) => `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-${i}`) });
}

function roleIn(stack: Stack, props: Partial<iam.RoleProps> = {}): { role: iam.Role; cfn: iam.CfnRole } {
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal(), ...props });
  return { role, cfn: role.node.defaultChild as iam.CfnRole };
}

describe('size-checks', () => {
  describe('how the inline total is worded', () => {
    function inlineProblem(resources: string[][]): string {
      const stack = concreteStack();
      const param = new CfnParameter(stack, 'QueueArn').valueAsString;
      const docs = Object.fromEntries(resources.map((list, i) => [`P${i}`, new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: list.map((r) => (r === 'PARAM' ? param : r)) })],
      })]));
      const { cfn } = roleIn(stack, { inlinePolicies: docs });
      return checkRoleLimits(stack, cfn, AwsLimits.of({ roleInlinePolicyCharacters: 50 }), 'role R').find((p) => p.startsWith('the inline')) ?? '';
    }
    const literal = `arn:aws:sqs:us-east-1:${ACCOUNT}:q`;
    const bounded = `arn:${Aws.PARTITION}:sqs:us-east-1:${ACCOUNT}:q`;

    test.each([
      ['literal values only: the exact figure', [[literal]], /need \d[\d,]* characters together/],
      ['a parameter of no known length: a lower bound', [['PARAM']], /need at least [\d,]+ characters together/],
      ['a pseudo parameter of known longest value: an upper bound', [[bounded]], /need at most [\d,]+ characters together/],
      ['both kinds in different policies: neither bound', [['PARAM'], [bounded]], /need about [\d,]+ characters together/],
    ])('%s', (_name, resources, expected) => {
      expect(inlineProblem(resources)).toMatch(expected);
    });
  });

  describe('checkRoleLimits', () => {
    test('a small role passes', () => {
      const stack = concreteStack();
      const { cfn } = roleIn(stack, { inlinePolicies: { Own: new iam.PolicyDocument({ statements: [queues(2)] }) } });
      expect(checkRoleLimits(stack, cfn, AwsLimits.DEFAULT, 'role R')).toEqual([]);
    });

    test('sums the role\'s own policies and every AWS::IAM::Policy attached to it, by Ref or by name', () => {
      const stack = concreteStack();
      const { role, cfn } = roleIn(stack, { roleName: 'AuditRole', inlinePolicies: { Own: new iam.PolicyDocument({ statements: [queues(1)] }) } });
      const limits = (n: number) => AwsLimits.of({ roleInlinePolicyCharacters: n });
      const size = (msg: string[]) => Number(/need ([\d,]+) characters/.exec(msg.join())?.[1].replace(/,/g, '') ?? 0);
      const own = size(checkRoleLimits(stack, cfn, limits(1), 'role R'));
      new iam.Policy(stack, 'ByRef', { statements: [queues(1)], roles: [role] });
      const withRef = size(checkRoleLimits(stack, cfn, limits(1), 'role R'));
      new iam.CfnPolicy(stack, 'ByName', { policyName: 'ByName', roles: ['AuditRole'], policyDocument: new iam.PolicyDocument({ statements: [queues(1)] }) });
      new iam.Policy(stack, 'Elsewhere', { statements: [queues(5)], roles: [iam.Role.fromRoleName(stack, 'Other', 'OtherRole')] });
      const withName = size(checkRoleLimits(stack, cfn, limits(1), 'role R'));
      expect(own).toBeGreaterThan(0);
      expect(withRef).toBe(2 * own);
      expect(withName).toBe(3 * own);
      expect(checkRoleLimits(stack, cfn, limits(withName), 'role R')).toEqual([]);
      expect(checkRoleLimits(stack, cfn, limits(withName - 1), 'role R')).toEqual([
        `the inline policies of role R need ${withName} characters together, the role inline policy limit is ${withName - 1}: give fewer permission bundles or additional statements, or move statements into customer managed policies`,
      ]);
    });

    test('counts AWS managed policy ARNs and the customer managed policies attached to the role', () => {
      const stack = concreteStack();
      const { role, cfn } = roleIn(stack, { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')] });
      new iam.ManagedPolicy(stack, 'Customer', { statements: [queues(1)], roles: [role] });
      expect(checkRoleLimits(stack, cfn, AwsLimits.of({ managedPoliciesPerRole: 2 }), 'role R')).toEqual([]);
      expect(checkRoleLimits(stack, cfn, AwsLimits.of({ managedPoliciesPerRole: 1 }), 'role R')).toEqual([
        'role R has 2 managed policies attached, the limit is 1 per role: give fewer bundles that attach AWS managed policies, or raise the quota and pass AwsLimits.of({ managedPoliciesPerRole })',
      ]);
    });

    test('checks the trust policy against trustPolicyCharacters', () => {
      const stack = concreteStack();
      const { cfn } = roleIn(stack);
      expect(checkRoleLimits(stack, cfn, AwsLimits.of({ trustPolicyCharacters: 50 }), 'role R')).toEqual([
        expect.stringMatching(/^the trust policy of role R needs at most [\d,]+ characters .*, the trust policy limit is 50: /),
      ]);
    });
  });

  describe('checkUserLimits', () => {
    test('sums the user\'s inline policies, including grants, against userInlinePolicyCharacters', () => {
      const stack = concreteStack();
      const user = new iam.User(stack, 'User');
      user.addToPrincipalPolicy(queues(3));
      const cfn = user.node.defaultChild as iam.CfnUser;
      expect(checkUserLimits(stack, cfn, AwsLimits.DEFAULT, 'user U')).toEqual([]);
      expect(checkUserLimits(stack, cfn, AwsLimits.of({ userInlinePolicyCharacters: 100 }), 'user U')).toEqual([
        expect.stringMatching(/^the inline policies of user U need [\d,]+ characters together, the user inline policy limit is 100: move statements into customer managed policies$/),
      ]);
    });

    test('checks the size of each attached customer managed policy, and counts them with the AWS managed ones per user', () => {
      const stack = concreteStack();
      const user = new iam.User(stack, 'User', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')] });
      new iam.ManagedPolicy(stack, 'Small', { statements: [queues(1)], users: [user] });
      new iam.ManagedPolicy(stack, 'Large', { statements: [queues(40)], users: [user] });
      const cfn = user.node.defaultChild as iam.CfnUser;
      expect(checkUserLimits(stack, cfn, AwsLimits.of({ managedPolicyCharacters: 1000, managedPoliciesPerRole: 2 }), 'user U')).toEqual([
        expect.stringMatching(/^the managed policy TestStack\/Large\/Resource of user U needs [\d,]+ characters, the managed policy limit is 1,000: give fewer permission bundles or additional statements$/),
        'user U has 3 managed policies attached, the limit is 2 per user: give fewer bundles that attach AWS managed policies',
      ]);
    });
  });
});
