import { Aws, CfnParameter, Duration, Stack, Tags, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { ACCOUNT, EXTERNAL_ID, VENDOR, concreteStack, newStack, onlyOf, templateOf, synthErrorOf } from './_helpers';
import { AuditPermissions, ReadOnlyAuditRole, ReadOnlyAuditRoleProps } from '../../src/access';
import { AwsLimits } from '../../src/core/limits';
import { arnOf, identityPolicies, nagFindings, resolveTemplate, trustPolicy, unknownActions } from '../harness';

const SCANNER = `arn:aws:iam::${VENDOR}:role/Scanner`;

function roleIn(stack: Stack, props: Partial<ReadOnlyAuditRoleProps> = {}): ReadOnlyAuditRole {
  return new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: VENDOR, externalId: EXTERNAL_ID, ...props });
}

/** The error a construction throws (or '' if it does not). */
function errorOf(stack: Stack, props: Partial<ReadOnlyAuditRoleProps>): string {
  try {
    new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: VENDOR, ...props } as ReadOnlyAuditRoleProps);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}


function roleResource(stack: Stack): any {
  const t = templateOf(stack);
  return t.Resources[onlyOf(t, 'AWS::IAM::Role')];
}

const PARTITION_JOIN = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, suffix]] });

describe('ReadOnlyAuditRole', () => {
  describe('template', () => {
    test('the trust is exactly one statement: the vendor account root may sts:AssumeRole with StringEquals on the external ID (R-003, R-004, A-16)', () => {
      const stack = concreteStack();
      roleIn(stack);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: PARTITION_JOIN(`:iam::${VENDOR}:root`) },
            Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
          }],
        },
      });
    });

    test('the role carries the AWS managed SecurityAudit policy and nothing else by default (R-002)', () => {
      const stack = concreteStack();
      roleIn(stack);
      const role = roleResource(stack);
      expect(role.Properties.ManagedPolicyArns).toEqual([PARTITION_JOIN(':iam::aws:policy/SecurityAudit')]);
      expect(role.Properties.Policies).toBeUndefined();
      Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
    });

    test('the stack holds one role and no output by default (hand-off outputs are off, B6.4)', () => {
      const stack = concreteStack();
      roleIn(stack);
      const t = Template.fromStack(stack);
      t.resourceCountIs('AWS::IAM::Role', 1);
      expect(Object.keys(templateOf(stack).Resources)).toHaveLength(1);
      expect(templateOf(stack).Outputs ?? {}).toEqual({});
    });

    test('the default description names the library, and no name, path, boundary or session duration is set', () => {
      const stack = concreteStack();
      roleIn(stack);
      const props = roleResource(stack).Properties;
      expect(props.Description).toBe('Read-only security audit access (cdk-audit-baseline)');
      expect(props.RoleName).toBeUndefined();
      expect(props.Path).toBeUndefined();
      expect(props.PermissionsBoundary).toBeUndefined();
      expect(props.MaxSessionDuration).toBeUndefined();
    });

    test('a fixed role name, path, description, boundary and session duration are passed through', () => {
      const stack = concreteStack();
      const boundary = iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'AuditBoundary');
      roleIn(stack, {
        roleName: 'SecurityAuditRole',
        path: '/security/',
        description: 'Vendor scanner',
        permissionsBoundary: boundary,
        maxSessionDuration: Duration.hours(12),
      });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        RoleName: 'SecurityAuditRole',
        Path: '/security/',
        Description: 'Vendor scanner',
        PermissionsBoundary: PARTITION_JOIN(`:iam::${ACCOUNT}:policy/AuditBoundary`),
        MaxSessionDuration: 43200,
      });
    });

    test('a fixed roleName is readable at synth as a plain string (for StackSets and guardrails)', () => {
      const role = roleIn(concreteStack(), { roleName: 'SecurityAuditRole' });
      expect(role.roleName).toBe('SecurityAuditRole');
      expect(Token.isUnresolved(role.roleName)).toBe(false);
    });

    test('without roleName, roleName is a token that resolves to a Ref of the role', () => {
      const stack = concreteStack();
      const role = roleIn(stack);
      expect(Token.isUnresolved(role.roleName)).toBe(true);
      expect(stack.resolve(role.roleName)).toEqual({ Ref: onlyOf(templateOf(stack), 'AWS::IAM::Role') });
    });

    test('roleArn is the role\'s ARN and externalId is the value in the trust policy (R-006, R-038)', () => {
      const stack = concreteStack();
      const role = roleIn(stack);
      expect(stack.resolve(role.roleArn)).toEqual({ 'Fn::GetAtt': [onlyOf(templateOf(stack), 'AWS::IAM::Role'), 'Arn'] });
      expect(role.externalId).toBe(EXTERNAL_ID);
      expect(role.trustedAccountId).toBe(VENDOR);
    });

    test('trustedPrincipalArns narrows the trust with ArnEquals on aws:PrincipalArn, keeping the account principal (R-316, A-67)', () => {
      const stack = concreteStack();
      roleIn(stack, { trustedPrincipalArns: [SCANNER] });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [{
            Principal: { AWS: PARTITION_JOIN(`:iam::${VENDOR}:root`) },
            Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID }, ArnEquals: { 'aws:PrincipalArn': SCANNER } },
          }],
        },
      });
    });

    test('a principal ARN with a wildcard switches the operator to ArnLike', () => {
      const stack = concreteStack();
      roleIn(stack, { trustedPrincipalArns: [`arn:aws:iam::${VENDOR}:role/scanners/*`, SCANNER] });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [{ Condition: { ArnLike: { 'aws:PrincipalArn': [`arn:aws:iam::${VENDOR}:role/scanners/*`, SCANNER] } } }],
        },
      });
    });

    test('a trust of the stack\'s own account needs no external ID and has no condition', () => {
      const stack = concreteStack();
      roleIn(stack, { trustedAccountId: ACCOUNT, externalId: undefined });
      const trust = roleResource(stack).Properties.AssumeRolePolicyDocument;
      expect(trust.Statement).toEqual([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: PARTITION_JOIN(`:iam::${ACCOUNT}:root`) } }]);
    });

    test('Aws.ACCOUNT_ID as trustedAccountId in an environment-agnostic stack is the same account: no external ID needed', () => {
      const stack = newStack();
      expect(errorOf(stack, { trustedAccountId: Aws.ACCOUNT_ID })).toBe('');
    });

    test('external ID and account from CloudFormation parameters pass through as references (StackSet use)', () => {
      const stack = newStack();
      const vendor = new CfnParameter(stack, 'VendorAccountId', { type: 'String' });
      const ext = new CfnParameter(stack, 'ExternalId', { type: 'String', noEcho: true });
      roleIn(stack, { trustedAccountId: vendor.valueAsString, externalId: ext.valueAsString });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [{
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'VendorAccountId' }, ':root']] } },
            Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
          }],
        },
      });
    });

    test('VIEW_ONLY_ACCESS and Budgets/Cost Explorer add a managed policy and two inline policies named after the bundles (R-008, A-04)', () => {
      const stack = concreteStack();
      roleIn(stack, { permissions: [AuditPermissions.VIEW_ONLY_ACCESS, AuditPermissions.BUDGETS_READ, AuditPermissions.COST_EXPLORER_READ] });
      const props = roleResource(stack).Properties;
      expect(props.ManagedPolicyArns).toEqual([
        PARTITION_JOIN(':iam::aws:policy/SecurityAudit'),
        PARTITION_JOIN(':iam::aws:policy/job-function/ViewOnlyAccess'),
      ]);
      expect(props.Policies.map((p: any) => p.PolicyName)).toEqual(['BudgetsRead', 'CostExplorerRead']);
    });

    test('additionalStatements become one inline policy named AdditionalPermissions', () => {
      const stack = concreteStack();
      roleIn(stack, { additionalStatements: [new iam.PolicyStatement({ actions: ['s3:GetBucketPolicy'], resources: ['*'] })] });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        Policies: [{ PolicyName: 'AdditionalPermissions', PolicyDocument: { Statement: [{ Action: 's3:GetBucketPolicy', Effect: 'Allow', Resource: '*' }] } }],
      });
    });

    test('securityAudit: false leaves SecurityAudit out', () => {
      const stack = concreteStack();
      roleIn(stack, { securityAudit: false, permissions: [AuditPermissions.SHIELD_ATTACKS] });
      expect(roleResource(stack).Properties.ManagedPolicyArns).toBeUndefined();
    });

    test('Tags.of() tags the role', () => {
      const stack = concreteStack();
      const role = roleIn(stack);
      Tags.of(role).add('owner', 'security');
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { Tags: Match.arrayWith([{ Key: 'owner', Value: 'security' }]) });
    });

    test('the construct is grantable: a grant lands in the role\'s DefaultPolicy', () => {
      const stack = concreteStack();
      const role = roleIn(stack);
      iam.Grant.addToPrincipal({ grantee: role, actions: ['sqs:ReceiveMessage'], resourceArns: [`arn:aws:sqs:us-east-1:${ACCOUNT}:q`] });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Action: 'sqs:ReceiveMessage', Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }] },
        Roles: [{ Ref: onlyOf(templateOf(stack), 'AWS::IAM::Role') }],
      });
    });

    test('every action in the template exists (action-name check)', () => {
      const stack = concreteStack();
      roleIn(stack, { permissions: [AuditPermissions.BUDGETS_READ, AuditPermissions.COST_EXPLORER_READ, AuditPermissions.FLOW_LOG_ENRICHMENT] });
      expect(unknownActions(templateOf(stack))).toEqual([]);
    });

    test('cdk-nag reports only IAM4 for the AWS managed policies and IAM5 for reads on *, both on the role', () => {
      const stack = concreteStack();
      roleIn(stack, { permissions: [AuditPermissions.BUDGETS_READ] });
      expect(nagFindings(stack).map((f) => `${f.id} ${f.path}`)).toEqual([
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/SecurityAudit] TestStack/AuditRole/Resource/Resource',
        'AwsSolutions-IAM5[Resource::*] TestStack/AuditRole/Resource/Resource',
      ]);
    });
  });

  describe('hand-off outputs', () => {
    test('handOffOutputs defines exactly the role ARN and the external ID, not exported', () => {
      const stack = concreteStack();
      roleIn(stack, { handOffOutputs: true });
      const outputs = templateOf(stack).Outputs;
      const roleId = onlyOf(templateOf(stack), 'AWS::IAM::Role');
      expect(Object.values(outputs)).toEqual([
        { Description: expect.stringContaining('Role ARN'), Value: { 'Fn::GetAtt': [roleId, 'Arn'] } },
        { Description: expect.stringContaining('External ID'), Value: EXTERNAL_ID },
      ]);
    });

    test('the outputs have stable ids under a HandOff child', () => {
      const stack = concreteStack();
      const role = roleIn(stack, { handOffOutputs: true });
      expect(role.node.findChild('HandOff').node.children.map((c) => c.node.id)).toEqual(['RoleArn', 'ExternalId']);
    });

    test('without an external ID only the role ARN is an output', () => {
      const stack = concreteStack();
      roleIn(stack, { trustedAccountId: ACCOUNT, externalId: undefined, handOffOutputs: true });
      expect(Object.keys(templateOf(stack).Outputs)).toHaveLength(1);
    });
  });

  describe('partitions', () => {
    const PARTITIONS = [
      ['aws', 'us-east-1'],
      ['aws-cn', 'cn-north-1'],
      ['aws-us-gov', 'us-gov-west-1'],
    ] as const;

    test('the template holds no literal partition: it renders in whatever partition it deploys to', () => {
      const stack = newStack();
      roleIn(stack, { permissions: [AuditPermissions.VIEW_ONLY_ACCESS, AuditPermissions.redshiftAuditLogs(['audit-logs'])] });
      expect(JSON.stringify(templateOf(stack))).not.toMatch(/arn:aws(-[a-z-]+)?:/);
    });

    describe.each(PARTITIONS)('%s', (partition, region) => {
      test.each([
        ['environment-agnostic', undefined],
        ['with a concrete environment', { account: ACCOUNT, region }],
      ])('%s: trust principal and managed policy ARNs are in the partition', (_kind, env) => {
        const stack = newStack(env);
        roleIn(stack, { permissions: [AuditPermissions.CLOUDTRAIL_READ] });
        const t = resolveTemplate(templateOf(stack), { partition, region, account: ACCOUNT });
        const role = t.Resources[onlyOf(t, 'AWS::IAM::Role')];
        expect(trustPolicy(t, onlyOf(t, 'AWS::IAM::Role')).Statement[0].Principal).toEqual({ AWS: `arn:${partition}:iam::${VENDOR}:root` });
        expect(role.Properties.ManagedPolicyArns).toEqual([
          `arn:${partition}:iam::aws:policy/SecurityAudit`,
          `arn:${partition}:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess`,
        ]);
        expect(arnOf(t, onlyOf(t, 'AWS::IAM::Role'))).toMatch(new RegExp(`^arn:${partition}:iam::${ACCOUNT}:role/`));
      });

      test('a principal ARN of another partition fails when the region is known', () => {
        const other = partition === 'aws' ? 'aws-cn' : 'aws';
        const stack = newStack({ account: ACCOUNT, region });
        expect(errorOf(stack, { externalId: EXTERNAL_ID, trustedPrincipalArns: [`arn:${other}:iam::${VENDOR}:role/Scanner`] })).toBe(
          `TestStack/AuditRole: trustedPrincipalArns[0] "arn:${other}:iam::${VENDOR}:role/Scanner" is in partition "${other}", but the stack deploys to "${partition}": use the vendor's principal for "${partition}"`,
        );
      });
    });
  });

  describe('bad input', () => {
    /** The shape of every identifier error: path, prop, "must be", the bad value, then a fix after a colon. */
    function identifierError(prop: string, value: string): RegExp {
      const escaped = JSON.stringify(value).slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`^TestStack/AuditRole: ${prop.replace(/[[\]]/g, '\\$&')} must be .*, got ${escaped}.*: \\S`);
    }

    test.each([
      ['11112222333', /11 digits/],
      ['1111-2222-3333', /dashes/],
      ['vendor-acct', /digits only/],
    ])('trustedAccountId %s fails with the prop, the value and the fix', (value, hint) => {
      const message = errorOf(concreteStack(), { trustedAccountId: value, externalId: EXTERNAL_ID });
      expect(message).toMatch(identifierError('trustedAccountId', value));
      expect(message).toMatch(/12-digit AWS account ID/);
      expect(message).toMatch(hint);
    });

    test.each([
      ['my tenant', /remove " "/],
      ['x', /1 character/],
      ['a'.repeat(1225), /1225 characters/],
    ])('externalId %j fails with the prop, the value and the fix', (value, hint) => {
      const message = errorOf(concreteStack(), { externalId: value });
      expect(message).toMatch(identifierError('externalId', value));
      expect(message).toMatch(/2-1224 characters/);
      expect(message).toMatch(hint);
    });

    test('a missing external ID for another account fails and says why (A-48, confused deputy)', () => {
      expect(errorOf(concreteStack(), {})).toBe(
        `TestStack/AuditRole: externalId is required because trustedAccountId "${VENDOR}" is another account than the stack's ("${ACCOUNT}"): copy the external ID from the security vendor's console (it protects the role from confused-deputy use)`,
      );
    });

    test('a missing external ID in an environment-agnostic stack fails: the account cannot be compared at synth', () => {
      expect(errorOf(newStack(), {})).toBe(
        `TestStack/AuditRole: externalId is required because the stack's account is not known at synth, so trustedAccountId "${VENDOR}" may be another account: give the vendor's external ID, or set the stack's env.account, or pass Aws.ACCOUNT_ID as trustedAccountId to trust this stack's own account`,
      );
    });

    test('a token trustedAccountId in a concrete stack needs an external ID, and the message says why', () => {
      const stack = concreteStack();
      const vendor = new CfnParameter(stack, 'VendorAccountId', { type: 'String' });
      expect(errorOf(stack, { trustedAccountId: vendor.valueAsString })).toBe(
        'TestStack/AuditRole: externalId is required because trustedAccountId is a token (e.g. a parameter), so it may be another account than the stack\'s: give the vendor\'s external ID, or pass Aws.ACCOUNT_ID as trustedAccountId to trust this stack\'s own account',
      );
    });

    test('a literal own account in an environment-agnostic stack still needs an external ID (the library cannot know it is the same)', () => {
      expect(errorOf(newStack(), { trustedAccountId: ACCOUNT })).toMatch(/externalId is required because the stack's account is not known at synth/);
    });

    test.each([
      ['a'.repeat(65), /65 characters/],
      ['Security Audit', /remove " "/],
      ['audit/role', /remove "\/"/],
    ])('roleName %j fails with the prop, the value and the fix', (value, hint) => {
      const message = errorOf(concreteStack(), { externalId: EXTERNAL_ID, roleName: value });
      expect(message).toMatch(identifierError('roleName', value));
      expect(message).toMatch(/1-64 characters/);
      expect(message).toMatch(hint);
    });

    test.each([
      ['security', /start and end it with "\/"/],
      ['/security', /start and end it with "\/"/],
      ['security/', /start and end it with "\/"/],
      ['/sec urity/', /remove " "/],
    ])('path %j fails with the prop, the value and the fix', (value, hint) => {
      const message = errorOf(concreteStack(), { externalId: EXTERNAL_ID, path: value });
      expect(message).toMatch(identifierError('path', value));
      expect(message).toMatch(hint);
    });

    test.each([
      [Duration.minutes(30), '30 minutes (1800 seconds)'],
      [Duration.hours(13), '13 hours (46800 seconds)'],
    ])('maxSessionDuration %s outside 1-12 hours fails', (value, shown) => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, maxSessionDuration: value })).toBe(
        `TestStack/AuditRole: maxSessionDuration must be between 1 and 12 hours, got ${shown}: use e.g. Duration.hours(1)`,
      );
    });

    test('maxSessionDuration of exactly 1 and 12 hours is accepted', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, maxSessionDuration: Duration.hours(1) })).toBe('');
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, maxSessionDuration: Duration.hours(12) })).toBe('');
    });

    test('an empty trustedPrincipalArns fails: leave it out to trust the account', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, trustedPrincipalArns: [] })).toBe(
        'TestStack/AuditRole: trustedPrincipalArns must not be empty: leave it out to trust the whole account, or list the vendor\'s role ARNs',
      );
    });

    test('a principal of another account than trustedAccountId fails', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, trustedPrincipalArns: ['arn:aws:iam::444455556666:role/Scanner'] })).toBe(
        `TestStack/AuditRole: trustedPrincipalArns[0] "arn:aws:iam::444455556666:role/Scanner" is in account 444455556666, not in trustedAccountId "${VENDOR}": narrow only to principals of the trusted account`,
      );
    });

    test('a role session ARN fails and names the role ARN to give instead (A-67)', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, trustedPrincipalArns: [`arn:aws:sts::${VENDOR}:assumed-role/Scanner/session-1`] })).toBe(
        `TestStack/AuditRole: trustedPrincipalArns[0] is a role session ARN "arn:aws:sts::${VENDOR}:assumed-role/Scanner/session-1", which aws:PrincipalArn never holds (it holds the role's ARN): give "arn:aws:iam::${VENDOR}:role/Scanner" instead`,
      );
    });

    test('the account root as a principal ARN fails: it narrows nothing', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, trustedPrincipalArns: [`arn:aws:iam::${VENDOR}:root`] })).toMatch(
        /trustedPrincipalArns\[0\] is the account root "arn:aws:iam::111122223333:root", which trusts the whole account: leave trustedPrincipalArns out instead$/,
      );
    });

    test('a duplicate principal ARN fails', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, trustedPrincipalArns: [SCANNER, SCANNER] })).toMatch(/trustedPrincipalArns lists "arn:aws:iam::111122223333:role\/Scanner" more than once/);
    });

    test('a malformed principal ARN fails with the expected format', () => {
      const message = errorOf(concreteStack(), { externalId: EXTERNAL_ID, trustedPrincipalArns: ['Scanner'] });
      expect(message).toMatch(identifierError('trustedPrincipalArns[0]', 'Scanner'));
      expect(message).toContain('arn:<partition>:iam::<account>:role/<name>');
    });

    test('SECURITY_AUDIT in permissions while securityAudit is on is a conflict naming both props', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, permissions: [AuditPermissions.SECURITY_AUDIT] })).toBe(
        'TestStack/AuditRole: permissions[0] is AuditPermissions.SECURITY_AUDIT, which securityAudit (default true) already attaches: remove it from permissions',
      );
    });

    test('a bundle listed twice fails', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, permissions: [AuditPermissions.BUDGETS_READ, AuditPermissions.BUDGETS_READ] })).toBe(
        'TestStack/AuditRole: permissions[1] repeats AuditPermissions.BUDGETS_READ (already permissions[0]): remove one',
      );
    });

    test('an AWS managed policy attached by two bundles fails', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, permissions: [AuditPermissions.awsManagedPolicy('SecurityAudit')] })).toBe(
        'TestStack/AuditRole: AuditPermissions.awsManagedPolicy("SecurityAudit") attaches the AWS managed policy "SecurityAudit", which AuditPermissions.SECURITY_AUDIT already attaches: keep only one of them',
      );
    });

    test('a role that would grant nothing fails', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, securityAudit: false })).toMatch(
        /securityAudit is false and neither permissions nor additionalStatements is given, so the principal would grant nothing/,
      );
    });

    test.each([
      [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }), 'allows "*", which is every action of every service'],
      [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }), 'allows "s3:*", which can match actions of any verb, including writes'],
      // Issue 13, finding 12: write prefixes and role assumption.
      [new iam.PolicyStatement({ actions: ['iam:Create*'], resources: ['*'] }), 'allows "iam:Create*", which does not start with a read verb'],
      [new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['*'] }), 'allows "sts:AssumeRole", which does not start with a read verb'],
      [new iam.PolicyStatement({ actions: ['s3:GetBucketPolicy', 'secretsmanager:GetSecretValue'], resources: ['*'] }), 'allows "secretsmanager:GetSecretValue", which writes or hands out credentials or secrets'],
      [new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }), 'allows NotAction ["iam:*"], which grants every other action, including writes'],
      [new iam.PolicyStatement({ actions: ['s3:GetObject'], notResources: ['arn:aws:s3:::secret/*'] }), 'allows on NotResource'],
      [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'], principals: [new iam.AnyPrincipal()] }), 'is not a valid identity-policy statement'],
    ])('additionalStatements that are certainly not read-only fail (%#)', (statement, message) => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, additionalStatements: [statement] })).toContain(`additionalStatements[0] ${message}`);
    });

    test('a write action in additionalStatements fails with the construct path, the value and the fix', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, additionalStatements: [new iam.PolicyStatement({ actions: ['iam:CreateRole'], resources: ['*'] })] })).toBe(
        'TestStack/AuditRole: additionalStatements[0] allows "iam:CreateRole", which does not start with a read verb (Get, List, Describe, Search, Lookup, View, Query, Scan, Select, BatchGet, BatchDescribe): '
        + 'a read-only principal takes only read actions; list them explicitly or by a read prefix (e.g. "s3:GetBucketPolicy" or "s3:Get*"), and give write access to another role',
      );
    });

    test('a full-access AWS managed policy fails with the construct path, the value and the fix (issue 13, finding 12)', () => {
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, permissions: [AuditPermissions.awsManagedPolicy('AdministratorAccess')] })).toBe(
        'TestStack/AuditRole: permissions[0] (AuditPermissions.awsManagedPolicy("AdministratorAccess")): policyName "AdministratorAccess" is not a read-only AWS managed policy: '
        + 'only policies whose name ends in ReadOnlyAccess, ReadOnly or ViewOnlyAccess, and SecurityAudit, are accepted on a read-only principal; '
        + 'attach a read-only policy, or list the read actions the vendor needs in additionalStatements',
      );
    });

    test('a Deny statement with * is accepted in additionalStatements (it only narrows)', () => {
      const deny = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'], conditions: { Bool: { 'aws:SecureTransport': 'false' } } });
      expect(errorOf(concreteStack(), { externalId: EXTERNAL_ID, additionalStatements: [deny] })).toBe('');
    });

    test('every problem is reported in one error, one per line', () => {
      const message = errorOf(concreteStack(), { trustedAccountId: 'x', roleName: 'a b', maxSessionDuration: Duration.hours(24) });
      expect(message.split('\n')).toEqual([
        'TestStack/AuditRole: ',
        expect.stringMatching(/^ {2}- trustedAccountId must be/),
        expect.stringMatching(/^ {2}- externalId is required/),
        expect.stringMatching(/^ {2}- roleName must be/),
        expect.stringMatching(/^ {2}- maxSessionDuration must be/),
      ]);
    });

    test('nothing is defined when the props are bad', () => {
      const stack = concreteStack();
      expect(() => roleIn(stack, { roleName: 'a b' })).toThrow();
      expect(stack.node.tryFindChild('AuditRole')?.node.children ?? []).toEqual([]);
    });
  });

  describe('size limits (checked at synth)', () => {
    test('every bundle together fits the default limits: at most 10 managed policies, inline policies within 10,240', () => {
      const stack = concreteStack();
      roleIn(stack, {
        permissions: [
          AuditPermissions.VIEW_ONLY_ACCESS, AuditPermissions.BUDGETS_READ, AuditPermissions.COST_EXPLORER_READ,
          AuditPermissions.CLOUDTRAIL_READ, AuditPermissions.IAM_READ, AuditPermissions.CLOUDWATCH_LOGS_READ,
          AuditPermissions.CLOUDWATCH_READ, AuditPermissions.GUARDDUTY_READ, AuditPermissions.INSPECTOR_CLASSIC_FINDINGS,
          AuditPermissions.INSPECTOR_FINDINGS, AuditPermissions.SHIELD_ATTACKS, AuditPermissions.FLOW_LOG_ENRICHMENT,
          AuditPermissions.consumeQueues([`arn:aws:sqs:us-east-1:${ACCOUNT}:a`, `arn:aws:sqs:us-east-1:${ACCOUNT}:b`]),
          AuditPermissions.redshiftAuditLogs(['audit-logs-1', 'audit-logs-2']),
        ],
      });
      expect(synthErrorOf(stack)).toBe('');
      expect(roleResource(stack).Properties.ManagedPolicyArns).toHaveLength(7);
    });

    test('a trust policy over 2,048 characters fails at synth with the size and the limit', () => {
      const stack = concreteStack();
      const arns = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::${VENDOR}:role/vendor-scanner-role-number-${i}`);
      roleIn(stack, { trustedPrincipalArns: arns });
      expect(synthErrorOf(stack)).toMatch(
        /the trust policy of role TestStack\/AuditRole\/Resource needs (at most )?[\d,]+ characters.*, the trust policy limit is 2,048: trust fewer principals per role/,
      );
    });

    test('property: synth passes exactly when the trust policy fits 2,048 characters in its longest partition', () => {
      // The property is about sizes and holds only while the trust names the vendor's account: check that
      // first, so a regression of the principal fails here at once (issue 20: it used to run the worker out of memory).
      const probe = concreteStack();
      roleIn(probe, { trustedPrincipalArns: [SCANNER] });
      const resolved = resolveTemplate(templateOf(probe), { partition: 'aws', region: 'us-east-1', account: ACCOUNT });
      expect(trustPolicy(resolved, onlyOf(resolved, 'AWS::IAM::Role')).Statement.map((s: any) => s.Principal)).toEqual([{ AWS: `arn:aws:iam::${VENDOR}:root` }]);
      const seen = { fits: 0, tooLarge: 0 };
      fc.assert(fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{16,48}$/), { minLength: 15, maxLength: 45 }),
        (names) => {
          const stack = concreteStack();
          roleIn(stack, { trustedPrincipalArns: names.map((n) => `arn:aws:iam::${VENDOR}:role/${n}`) });
          const error = synthErrorOf(stack);
          // Rebuild without the size check's verdict: the same trust, measured after CloudFormation would resolve it.
          const twin = concreteStack();
          roleIn(twin, { trustedPrincipalArns: names.map((n) => `arn:aws:iam::${VENDOR}:role/${n}`), limits: AwsLimits.of({ trustPolicyCharacters: 1_000_000 }) });
          const t = resolveTemplate(templateOf(twin), { partition: 'aws-us-gov', region: 'us-gov-west-1', account: ACCOUNT });
          const size = JSON.stringify(trustPolicy(t, onlyOf(t, 'AWS::IAM::Role'))).length;
          if (size <= 2048) {
            seen.fits++;
            expect(error).toBe('');
          } else {
            seen.tooLarge++;
            expect(error).toContain(`needs at most ${size.toLocaleString('en-US')} characters`);
            expect(error).toContain('the trust policy limit is 2,048');
          }
        },
        // No shrinking: each step rebuilds two apps, and shrinking 15-45 ARNs takes many minutes. The first
        // counterexample is printed as found.
      ), { numRuns: 25, seed: 20261123, endOnFailure: true });
      // Both outcomes were exercised.
      expect(seen.fits).toBeGreaterThan(0);
      expect(seen.tooLarge).toBeGreaterThan(0);
    });

    test('the trust size limit follows AwsLimits (a raised quota lets the same trust through)', () => {
      const stack = concreteStack();
      const arns = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::${VENDOR}:role/vendor-scanner-role-number-${i}`);
      roleIn(stack, { trustedPrincipalArns: arns, limits: AwsLimits.of({ trustPolicyCharacters: 4096 }) });
      expect(synthErrorOf(stack)).toBe('');
    });

    test('inline policies over the limit fail at synth with the size and the limit', () => {
      const stack = concreteStack();
      roleIn(stack, { permissions: [AuditPermissions.COST_EXPLORER_READ], limits: AwsLimits.of({ roleInlinePolicyCharacters: 300 }) });
      expect(synthErrorOf(stack)).toMatch(
        /the inline policies of role TestStack\/AuditRole\/Resource need \d{3} characters together, the role inline policy limit is 300: /,
      );
    });

    test('grants added later by other constructs count towards the inline limit', () => {
      const props = { permissions: [AuditPermissions.SHIELD_ATTACKS], limits: AwsLimits.of({ roleInlinePolicyCharacters: 200 }) };
      const alone = concreteStack();
      roleIn(alone, props);
      expect(synthErrorOf(alone)).toBe('');
      const stack = concreteStack();
      const role = roleIn(stack, props);
      role.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['sqs:ReceiveMessage'],
        resources: Array.from({ length: 5 }, (_, i) => `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-${i}`),
      }));
      expect(synthErrorOf(stack)).toMatch(/the inline policies of role TestStack\/AuditRole\/Resource need \d+ characters together, the role inline policy limit is 200/);
    });

    test('more than 10 managed policies fail at synth with the count and the limit', () => {
      const stack = concreteStack();
      roleIn(stack, {
        permissions: [
          AuditPermissions.VIEW_ONLY_ACCESS, AuditPermissions.CLOUDTRAIL_READ, AuditPermissions.IAM_READ,
          AuditPermissions.CLOUDWATCH_LOGS_READ, AuditPermissions.CLOUDWATCH_READ, AuditPermissions.GUARDDUTY_READ,
          AuditPermissions.awsManagedPolicy('AWSBillingReadOnlyAccess'), AuditPermissions.awsManagedPolicy('AWSBudgetsReadOnlyAccess'),
          AuditPermissions.awsManagedPolicy('AmazonInspector2ReadOnlyAccess'), AuditPermissions.awsManagedPolicy('AWSAccountManagementReadOnlyAccess'),
        ],
      });
      expect(synthErrorOf(stack)).toMatch(/role TestStack\/AuditRole\/Resource has 11 managed policies attached, the limit is 10 per role/);
    });

    test('a role at exactly the managed-policy limit synthesizes', () => {
      const stack = concreteStack();
      roleIn(stack, {
        permissions: [AuditPermissions.VIEW_ONLY_ACCESS, AuditPermissions.CLOUDTRAIL_READ],
        limits: AwsLimits.of({ managedPoliciesPerRole: 3 }),
      });
      expect(synthErrorOf(stack)).toBe('');
    });
  });

  test('identityPolicies of the role are its inline policies only (AWS managed ones are listed by name)', () => {
    const stack = concreteStack();
    roleIn(stack, { permissions: [AuditPermissions.BUDGETS_READ, AuditPermissions.IAM_READ] });
    const t = templateOf(stack);
    const policies = identityPolicies(t, onlyOf(t, 'AWS::IAM::Role'));
    expect(policies.awsManagedPolicyNames).toEqual(['SecurityAudit', 'IAMReadOnlyAccess']);
    expect(policies.documents).toHaveLength(1);
    expect(policies.documents[0]).toEqual(expect.objectContaining({ Statement: [expect.objectContaining({ Sid: 'BudgetsRead' })] }));
    void Match;
  });
});
