import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsLimits } from '../../src/core/limits';
import { StackSetExecutionPermissions, StackSetExecutionRole, StackSetTemplate } from '../../src/stacksets';
import { accessLevelOf, expandAction, identityPolicies, isAllowed, resolveTemplate, unknownActions } from '../harness';
import { ADMIN_ACCOUNT, addAuditForwarder, addNamedRole, addTopic, GUIDE_PUBLISHER, GUIDE_RECEIVER, hostStack, preparedTemplateStack, TARGET_ACCOUNT, templateStack } from './_helpers';

function policyActions(permissions: StackSetExecutionPermissions): string[] {
  const { stack } = hostStack();
  new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions });
  const resolved = resolveTemplate(Template.fromStack(stack).toJSON());
  const docs = identityPolicies(resolved, 'AWSCloudFormationStackSetExecutionRole').documents;
  return docs.flatMap((d: any) => [d.Statement].flat().flatMap((s: any) => [s.Action].flat())).sort();
}

describe('StackSetExecutionPermissions', () => {
  test('GUIDE_RECEIVER has the guide\'s 25 actions minus sqs:DeleteMessageBatch, the one named deviation (R-115, A-22)', () => {
    const expected = GUIDE_RECEIVER.filter((a) => a !== 'sqs:DeleteMessageBatch').sort();
    expect(GUIDE_RECEIVER).toHaveLength(25);
    expect(policyActions(StackSetExecutionPermissions.GUIDE_RECEIVER)).toEqual(expected);
  });

  test('sqs:DeleteMessageBatch, dropped from GUIDE_RECEIVER, is not an IAM action, and sqs:DeleteMessage stays (A-22)', () => {
    expect(unknownActions({ Statement: [{ Effect: 'Allow', Action: ['sqs:DeleteMessageBatch', 'sqs:DeleteMessage'], Resource: '*' }] })).toEqual([
      'sqs:DeleteMessageBatch',
    ]);
    expect(policyActions(StackSetExecutionPermissions.GUIDE_RECEIVER)).toContain('sqs:DeleteMessage');
  });

  test('GUIDE_PUBLISHER has exactly the guide\'s 18 actions (R-118)', () => {
    expect(GUIDE_PUBLISHER).toHaveLength(18);
    expect(policyActions(StackSetExecutionPermissions.GUIDE_PUBLISHER)).toEqual([...GUIDE_PUBLISHER].sort());
  });

  test('GUIDE_PUBLISHER is a strict subset of GUIDE_RECEIVER (R-118)', () => {
    const receiver = new Set(policyActions(StackSetExecutionPermissions.GUIDE_RECEIVER));
    const publisher = policyActions(StackSetExecutionPermissions.GUIDE_PUBLISHER);
    expect(publisher.every((a) => receiver.has(a))).toBe(true);
    expect(receiver.size).toBeGreaterThan(publisher.length);
  });

  test('fromTemplates derives stack operations plus the actions of each resource type in the templates', () => {
    const { stack } = hostStack();
    const roleStack = preparedTemplateStack(stack, 'Roles');
    addNamedRole(roleStack);
    const topicStack = templateStack(stack, 'Topics');
    addTopic(topicStack);
    const actions = policyActions(
      StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(roleStack), StackSetTemplate.fromStack(topicStack)]),
    );
    expect(actions).toEqual(expect.arrayContaining(['cloudformation:CreateStack', 'sns:Publish', 'iam:CreateRole', 'sns:CreateTopic', 'sns:SetTopicAttributes']));
    expect(actions).not.toContain('sqs:CreateQueue');
  });

  test('fromTemplates allows creating the template\'s role and nothing of other services (simulation)', async () => {
    const { stack } = hostStack();
    const roleStack = preparedTemplateStack(stack);
    addNamedRole(roleStack);
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(roleStack)]),
    });
    const resolved = resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT });
    const docs = identityPolicies(resolved, 'AWSCloudFormationStackSetExecutionRole').documents;
    const principal = `arn:aws:iam::${TARGET_ACCOUNT}:role/AWSCloudFormationStackSetExecutionRole`;
    const context = { 'iam:PermissionsBoundary': `arn:aws:iam::${TARGET_ACCOUNT}:policy/AuditBaselineStackSetBoundary` };
    expect(await isAllowed({ principal, action: 'iam:CreateRole', resource: `arn:aws:iam::${TARGET_ACCOUNT}:role/VendorAudit`, identityPolicies: docs, context })).toBe(true);
    expect(await isAllowed({ principal, action: 's3:CreateBucket', resource: 'arn:aws:s3:::any-bucket', resourceAccount: TARGET_ACCOUNT, identityPolicies: docs })).toBe(false);
  });

  describe('fromTemplates is scoped to the templates\' own resources (issue 13, finding 9)', () => {
    function derivedDocs(build: (inner: ReturnType<typeof templateStack>) => void): any[] {
      const { stack } = hostStack();
      const inner = preparedTemplateStack(stack);
      build(inner);
      new StackSetExecutionRole(stack, 'Execution', {
        administratorAccountId: ADMIN_ACCOUNT,
        permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)]),
      });
      const resolved = resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT });
      return identityPolicies(resolved, 'AWSCloudFormationStackSetExecutionRole').documents;
    }
    const principal = `arn:aws:iam::${TARGET_ACCOUNT}:role/AWSCloudFormationStackSetExecutionRole`;
    const role = (name: string) => `arn:aws:iam::${TARGET_ACCOUNT}:role/${name}`;
    const BOUNDARY = `arn:aws:iam::${TARGET_ACCOUNT}:policy/AuditBaselineStackSetBoundary`;

    test.each([
      ['iam:AttachRolePolicy'], ['iam:PutRolePolicy'], ['iam:UpdateAssumeRolePolicy'], ['iam:PassRole'], ['iam:CreateRole'], ['iam:DeleteRolePermissionsBoundary'],
    ])('%s is allowed on the template\'s named role only, never on another role of the account', async (action) => {
      const docs = derivedDocs((inner) => addNamedRole(inner));
      const context = {
        ...(action !== 'iam:PassRole' ? { 'iam:PermissionsBoundary': BOUNDARY } : {}),
        ...(action === 'iam:AttachRolePolicy' ? { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/SecurityAudit' } : {}),
      };
      const may = (resource: string) => isAllowed({ principal, action, resource, identityPolicies: docs, context });
      // A template with only a role with an AWS managed policy needs no PassRole (rules and topics do),
      // no inline policy (none in the template), nor ever the removal of a boundary.
      if (!['iam:DeleteRolePermissionsBoundary', 'iam:PassRole', 'iam:PutRolePolicy'].includes(action)) expect(await may(role('VendorAudit'))).toBe(true);
      else expect(await may(role('VendorAudit'))).toBe(false);
      expect(await may(role('OrganizationAccountAccessRole'))).toBe(false);
      expect(await may(role('AWSCloudFormationStackSetExecutionRole'))).toBe(false);
    });

    test('a role without a name is matched by the StackSet-generated name prefix only', async () => {
      const docs = derivedDocs((inner) => new iam.Role(inner, 'Unnamed', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') }));
      const context = { 'iam:PermissionsBoundary': BOUNDARY };
      expect(await isAllowed({ principal, action: 'iam:UpdateAssumeRolePolicy', resource: role('StackSet-nrt-1234-UnnamedRole-ABC'), identityPolicies: docs, context })).toBe(true);
      expect(await isAllowed({ principal, action: 'iam:UpdateAssumeRolePolicy', resource: role('Admin'), identityPolicies: docs, context })).toBe(false);
    });

    test('a template without roles grants no IAM action at all, and queue-policy actions only on its own queues', async () => {
      const docs = derivedDocs((inner) => new sqs.Queue(inner, 'Queue', { queueName: 'audit-events' }));
      for (const action of ['iam:PassRole', 'iam:PutRolePolicy', 'iam:CreateRole']) {
        expect(await isAllowed({ principal, action, resource: role('AnyRole'), identityPolicies: docs })).toBe(false);
      }
      const queue = (name: string) => `arn:aws:sqs:eu-west-1:${TARGET_ACCOUNT}:${name}`;
      expect(await isAllowed({ principal, action: 'sqs:SetQueueAttributes', resource: queue('audit-events'), identityPolicies: docs })).toBe(true);
      expect(await isAllowed({ principal, action: 'sqs:SetQueueAttributes', resource: queue('payments'), identityPolicies: docs })).toBe(false);
      expect(await isAllowed({ principal, action: 'sqs:AddPermission', resource: queue('payments'), identityPolicies: docs })).toBe(false);
    });

    test('a template that grants a policy to a role it does not define fails synthesis with the role and the fix', () => {
      const { app, stack } = hostStack();
      const inner = templateStack(stack);
      new iam.Policy(inner, 'Grant', {
        roles: [iam.Role.fromRoleName(inner, 'Existing', 'ExistingAdmin')],
        statements: [new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: ['*'] })],
      });
      new StackSetExecutionRole(stack, 'Execution', {
        administratorAccountId: ADMIN_ACCOUNT,
        permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)]),
      });
      expect(() => app.synth()).toThrow(/Host\/Execution.*templates\[0\], whose Grant\w* \(AWS::IAM::Policy\) grants permissions to the role "ExistingAdmin", which it does not define: .*Define the role in the template/s);
    });

    test('the same template twice fails synthesis: the input list takes no duplicates', () => {
      const { app, stack } = hostStack();
      const inner = templateStack(stack);
      addTopic(inner);
      const template = StackSetTemplate.fromStack(inner);
      new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions: StackSetExecutionPermissions.fromTemplates([template, template]) });
      expect(() => app.synth()).toThrow(/Host\/Execution.*more than once in StackSetExecutionPermissions.fromTemplates \(templates\[1\] repeats templates\[0\]\): list each template once/s);
    });
  });

  describe('fromTemplates puts a permissions boundary on the templates\' roles (issue 13, finding 9)', () => {
    /** The execution role's stack, with derived permissions from one template built by `build`. */
    function synthDerived(build: (inner: Stack) => void, options: { prepare?: boolean; boundaryPolicyName?: string; prepareName?: string } = {}) {
      const { app, stack } = hostStack();
      const inner = templateStack(stack);
      build(inner);
      const boundaryPolicyName = options.boundaryPolicyName;
      const prepareName = options.prepareName ?? boundaryPolicyName;
      if (options.prepare ?? true) StackSetExecutionPermissions.prepareTemplate(inner, { boundaryPolicyName: prepareName });
      const execution = new StackSetExecutionRole(stack, 'Execution', {
        administratorAccountId: ADMIN_ACCOUNT,
        permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)], { boundaryPolicyName }),
      });
      return { app, stack, inner, execution };
    }
    function statements(t: any, logicalIdPrefix: string): any[] {
      const [id] = Object.keys(t.Resources).filter((k) => k.startsWith(logicalIdPrefix));
      return t.Resources[id].Properties.PolicyDocument.Statement;
    }
    const bySid = (sts: any[], sid: string) => sts.find((st) => st.Sid === sid);

    test('the execution policy: role writes only with the boundary, attach only the template\'s policies, topics, queues and keys scoped', () => {
      const { stack } = synthDerived((inner) => addAuditForwarder(inner));
      const t = resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT });
      const sts = statements(t, 'ExecutionPolicy');
      const boundary = `arn:aws:iam::${TARGET_ACCOUNT}:policy/AuditBaselineStackSetBoundary`;
      expect(bySid(sts, 'TemplateRolesBounded')).toMatchObject({
        Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'],
        Resource: `arn:aws:iam::${TARGET_ACCOUNT}:role/AuditForwarder`,
        Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
      });
      expect(bySid(sts, 'TemplateRolesAttach')).toMatchObject({
        Action: 'iam:AttachRolePolicy',
        Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary }, ArnLike: { 'iam:PolicyARN': [`arn:aws:iam::${TARGET_ACCOUNT}:policy/AuditForwarderPolicy`] } },
      });
      expect([bySid(sts, 'TemplateRoles').Action].flat()).not.toContain('iam:DeleteRolePermissionsBoundary');
      expect(bySid(sts, 'TemplateTopics').Resource).toEqual([`arn:aws:sns:*:${TARGET_ACCOUNT}:audit-alerts`, `arn:aws:sns:*:${TARGET_ACCOUNT}:audit-alerts:*`]);
      expect(bySid(sts, 'TemplateKeys')).toMatchObject({
        Resource: `arn:aws:kms:*:${TARGET_ACCOUNT}:key/*`,
        Condition: { StringEquals: { 'aws:ResourceTag/audit-baseline:stack-set-key': 'true' } },
      });
      expect([bySid(sts, 'TemplateKeys').Action].flat()).toContain('kms:PutKeyPolicy');
      expect(bySid(sts, 'TemplateKeyCreation')).toMatchObject({ Action: 'kms:CreateKey', Condition: { StringEquals: { 'aws:RequestTag/audit-baseline:stack-set-key': 'true' } } });
      expect(bySid(sts, 'KeepBoundary')).toMatchObject({ Effect: 'Deny', Resource: boundary });
      // Nothing of topics, keys or IAM is left on Resource "*".
      const wide = [bySid(sts, 'TemplateResources').Action].flat();
      expect(wide.filter((a: string) => /^(iam|kms|sns|sqs):/.test(a))).toEqual(['kms:ListAliases', 'sns:ListTopics', 'sqs:ListQueues'].filter((a) => wide.includes(a)));
      expect(wide).not.toContain('kms:PutKeyPolicy');
      expect(wide).not.toContain('sns:SetTopicAttributes');
    });

    test('the boundary: a managed policy of the documented name, at most the templates\' grants, every escalation denied', () => {
      const { stack, execution } = synthDerived((inner) => addAuditForwarder(inner));
      expect(execution.boundaryPolicy).toBeDefined();
      const t = resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT });
      const [id] = Object.keys(t.Resources).filter((k) => k.startsWith('ExecutionBoundary'));
      expect(t.Resources[id].Properties.ManagedPolicyName).toBe('AuditBaselineStackSetBoundary');
      expect(t.Resources[id].Properties.Roles).toBeUndefined();
      const sts = t.Resources[id].Properties.PolicyDocument.Statement;
      expect([bySid(sts, 'TemplateGrants').Action].flat().sort()).toEqual(['sns:Publish', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
      expect(bySid(sts, 'NoEscalation')).toMatchObject({ Effect: 'Deny', Resource: '*' });
      expect(bySid(sts, 'OnlyTemplateRoles')).toMatchObject({ Effect: 'Deny', Action: ['iam:PassRole', 'sts:AssumeRole'], NotResource: `arn:aws:iam::${TARGET_ACCOUNT}:role/AuditForwarder` });
    });

    test('the boundary denies every IAM, Organizations and account write (checked against the service reference)', () => {
      const denied = [...Template.fromStack(synthDerived((inner) => addAuditForwarder(inner)).stack).toJSON().Resources[
        Object.keys(Template.fromStack(synthDerived((inner) => addAuditForwarder(inner)).stack).toJSON().Resources).find((k) => k.startsWith('ExecutionBoundary'))!
      ].Properties.PolicyDocument.Statement[0].Action];
      const covered = (action: string) => denied.some((p: string) => new RegExp(`^${p.replace(/\*/g, '.*')}$`, 'i').test(action));
      const writes = ['iam', 'organizations', 'account'].flatMap((service) => expandAction(`${service}:*`))
        .filter((a) => ['Write', 'Permissions management', 'Tagging'].includes(accessLevelOf(a)))
        .filter((a) => a !== 'iam:PassRole');
      expect(writes.length).toBeGreaterThan(100);
      expect(writes.filter((a) => !covered(a))).toEqual([]);
      // ...and no read: the roles may still read IAM and the organization.
      expect(['iam:GetRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:GetAlternateContact'].filter(covered)).toEqual([]);
    });

    test('an AWS managed policy attached by a template: attach it only (partition-aware ARN), and the boundary cannot list its actions', () => {
      const { stack } = synthDerived((inner) => addNamedRole(inner));
      const t = Template.fromStack(stack).toJSON();
      const attach = bySid(statements(t, 'ExecutionPolicy'), 'TemplateRolesAttach');
      expect(attach.Condition.ArnLike['iam:PolicyARN']).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/SecurityAudit']] }]);
      expect(bySid(statements(t, 'ExecutionBoundary'), 'TemplateGrants').Action).toBe('*');
      // No inline policy in the template: no iam:PutRolePolicy at all.
      const actions = statements(t, 'ExecutionPolicy').filter((st: any) => st.Effect === 'Allow').flatMap((st: any) => [st.Action].flat());
      expect(actions).not.toContain('iam:PutRolePolicy');
    });

    test('no statement without actions: a template with only a role has nothing on Resource "*" but the stack operations', () => {
      const { stack } = synthDerived((inner) => addNamedRole(inner));
      const sts = statements(Template.fromStack(stack).toJSON(), 'ExecutionPolicy');
      expect(sts.filter((st: any) => [st.Action].flat().length === 0)).toEqual([]);
      expect(bySid(sts, 'TemplateResources')).toBeUndefined();
    });

    test('prepareTemplate gives every role the boundary and every key the tag, and is idempotent', () => {
      const { stack } = hostStack();
      const inner = templateStack(stack);
      addAuditForwarder(inner);
      new iam.Role(inner, 'Unnamed', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
      StackSetExecutionPermissions.prepareTemplate(inner);
      StackSetExecutionPermissions.prepareTemplate(inner);
      const t = Template.fromStack(inner);
      const boundary = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/AuditBaselineStackSetBoundary']] };
      expect(Object.values(t.findResources('AWS::IAM::Role')).map((r: any) => r.Properties.PermissionsBoundary)).toEqual([boundary, boundary]);
      t.hasResourceProperties('AWS::KMS::Key', { Tags: [{ Key: 'audit-baseline:stack-set-key', Value: 'true' }] });
      t.hasResourceProperties('AWS::SQS::Queue', { Tags: Match.absent() });
    });

    test.each([
      ['a template role without the boundary', (inner: Stack) => addNamedRole(inner), { prepare: false },
        /Host\/Execution.*templates\[0\], whose role AuditRole\w+ has no permissions boundary: .*call StackSetExecutionPermissions.prepareTemplate\(stack\) where the template's stack is built/s],
      ['a template role with another boundary', (inner: Stack) => addNamedRole(inner), { prepareName: 'OtherBoundary' },
        /whose role AuditRole\w+ has the permissions boundary .*OtherBoundary.*only with the boundary "AuditBaselineStackSetBoundary"/s],
      ['a template key without the tag', (inner: Stack) => new kms.Key(inner, 'Key'), { prepare: false },
        /whose key Key\w+ has no tag audit-baseline:stack-set-key=true: .*prepareTemplate/s],
      ['a template that grants its role an IAM write', (inner: Stack) => {
        const r = new iam.Role(inner, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
        r.addToPolicy(new iam.PolicyStatement({ actions: ['iam:CreateRole', 's3:GetObject'], resources: ['*'] }));
      }, {}, /whose RDefaultPolicy\w+ \(AWS::IAM::Policy\) grants "iam:CreateRole": the permissions boundary .* denies .*ADMINISTRATOR_ACCESS/s],
      ['a template that grants its role an IAM write through a pattern that names no IAM write literally', (inner: Stack) => {
        const r = new iam.Role(inner, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
        r.addToPolicy(new iam.PolicyStatement({ actions: ['iam:*Policy'], resources: ['*'] }));
      }, {}, /whose RDefaultPolicy\w+ \(AWS::IAM::Policy\) grants "iam:\*Policy": the permissions boundary .* denies/s],
      ['a template that grants its role sts:AssumeRole', (inner: Stack) => {
        const r = new iam.Role(inner, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
        r.addToPolicy(new iam.PolicyStatement({ actions: ['sts:*'], resources: ['*'] }));
      }, {}, /grants "sts:\*": .*passing or assuming any role but the templates' own/s],
      ['a managed policy ARN synthesis cannot read', (inner: Stack) => {
        const arn = new CfnParameter(inner, 'PolicyArn').valueAsString;
        new iam.Role(inner, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromManagedPolicyArn(inner, 'P', arn)] });
      }, {}, /whose role R\w+ attaches a managed policy synthesis cannot read .*use a literal ARN/s],
      ['a role name synthesis cannot read', (inner: Stack) => {
        new iam.Role(inner, 'R', { roleName: new CfnParameter(inner, 'Name').valueAsString, assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      }, {}, /whose R\w+ \(AWS::IAM::Role\) has a name synthesis cannot read \("\*"\).*give it a literal name, or no name/s],
      ['a boundary name with the StackSet- prefix', (inner: Stack) => addNamedRole(inner), { boundaryPolicyName: 'StackSet-Boundary' },
        /boundaryPolicyName "StackSet-Boundary" matches "StackSet-\*", .*choose a boundaryPolicyName that matches none of them/s],
      ['a boundary name a template policy has', (inner: Stack) => {
        addNamedRole(inner);
        new iam.ManagedPolicy(inner, 'P', { managedPolicyName: 'Ceiling', statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] })] });
      }, { boundaryPolicyName: 'Ceiling' }, /boundaryPolicyName "Ceiling" matches "Ceiling"/s],
      ['a boundary name that is no policy name', (inner: Stack) => addNamedRole(inner), { boundaryPolicyName: 'no spaces allowed' },
        /boundaryPolicyName.*"no spaces allowed"/s],
    ] as Array<[string, (inner: Stack) => void, any, RegExp]>)('fails synthesis for %s, naming the fix', (_name, build, options, message) => {
      const { app } = synthDerived(build, options);
      expect(() => app.synth()).toThrow(message);
    });

    test('a custom boundary name, given to both sides, synthesizes and is what the conditions name', () => {
      const { app, stack } = synthDerived((inner) => addNamedRole(inner), { boundaryPolicyName: 'VendorCeiling' });
      expect(() => app.synth()).not.toThrow();
      const t = Template.fromStack(stack).toJSON();
      expect(JSON.stringify(bySid(statements(t, 'ExecutionPolicy'), 'TemplateRolesBounded').Condition)).toContain(':policy/VendorCeiling');
      expect(Object.values<any>(t.Resources).find((r) => r.Properties?.ManagedPolicyName === 'VendorCeiling')).toBeDefined();
    });

    test('two derived permission sets with the same boundary name in one account fail synthesis: the boundary policy would exist twice', () => {
      const { app, stack } = hostStack({ env: { account: TARGET_ACCOUNT, region: 'eu-west-1' } });
      for (const id of ['A', 'B']) {
        const inner = preparedTemplateStack(stack, `Templates${id}`);
        addTopic(inner);
        new StackSetExecutionRole(stack, `Execution${id}`, {
          administratorAccountId: ADMIN_ACCOUNT,
          roleName: `Execution${id}`,
          permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)]),
        });
      }
      expect(() => app.synth()).toThrow(/boundaryPolicyName "AuditBaselineStackSetBoundary" names a IAM managed policy that Host\/Execution\w \(boundaryPolicyName\) also names, in the same account.*Give one of them another boundaryPolicyName/s);
    });

    test('the guide lists define no boundary', () => {
      const { stack } = hostStack();
      const execution = new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions: StackSetExecutionPermissions.GUIDE_PUBLISHER });
      expect(execution.boundaryPolicy).toBeUndefined();
      Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    });
  });

  test('guideReceiverForQueues keeps the guide\'s actions and limits the queue actions to the prefix (issue 13, finding 8)', async () => {
    const actions = policyActions(StackSetExecutionPermissions.guideReceiverForQueues('StackSet-'));
    expect(actions).toEqual(GUIDE_RECEIVER.filter((a) => a !== 'sqs:DeleteMessageBatch').sort());
    const { stack } = hostStack();
    new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions: StackSetExecutionPermissions.guideReceiverForQueues('StackSet-') });
    const docs = identityPolicies(resolveTemplate(Template.fromStack(stack).toJSON(), { account: TARGET_ACCOUNT }), 'AWSCloudFormationStackSetExecutionRole').documents;
    const principal = `arn:aws:iam::${TARGET_ACCOUNT}:role/AWSCloudFormationStackSetExecutionRole`;
    const may = (name: string) => isAllowed({ principal, action: 'sqs:SetQueueAttributes', resource: `arn:aws:sqs:eu-west-1:${TARGET_ACCOUNT}:${name}`, identityPolicies: docs });
    expect(await may('StackSet-vendor-queue')).toBe(true);
    expect(await may('payments')).toBe(false);
  });

  test('guideReceiverForQueues refuses a prefix with a wildcard', () => {
    const { app, stack } = hostStack();
    new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions: StackSetExecutionPermissions.guideReceiverForQueues('*') });
    expect(() => app.synth()).toThrow(/Host\/Execution.*the prefix of StackSetExecutionPermissions.guideReceiverForQueues\) must be the start of SQS queue names: 1-60 letters.*got "\*": remove/s);
  });

  test('fromTemplates emits only IAM actions that exist', () => {
    const { stack } = hostStack();
    const roleStack = preparedTemplateStack(stack);
    addNamedRole(roleStack);
    addTopic(roleStack);
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(roleStack)]),
    });
    expect(unknownActions(Template.fromStack(stack).toJSON())).toEqual([]);
  });

  test('fromTemplates fails synthesis for a resource type without a permission table, naming it and the alternative', () => {
    const { app, stack } = hostStack();
    const bucketStack = templateStack(stack);
    new s3.Bucket(bucketStack, 'Bucket');
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(bucketStack)]),
    });
    expect(() => app.synth()).toThrow(/Host\/Execution.*permissions is derived from templates with resource types .*"AWS::S3::Bucket".*ADMINISTRATOR_ACCESS/s);
  });

  test('fails synthesis when the derived policy exceeds the managed policy size limit, with the size', () => {
    const { app, stack } = hostStack();
    const inner = preparedTemplateStack(stack);
    addNamedRole(inner);
    addTopic(inner);
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([StackSetTemplate.fromStack(inner)]),
      limits: AwsLimits.of({ managedPolicyCharacters: 500 }),
    });
    expect(() => app.synth()).toThrow(/permissions \(FROM_TEMPLATES\) needs (at most )?[\d,]+ characters.*, the .* limit is 500: choose StackSetExecutionPermissions.ADMINISTRATOR_ACCESS/);
  });

  test('the guide lists fit the managed policy size limit', () => {
    for (const permissions of [StackSetExecutionPermissions.GUIDE_RECEIVER, StackSetExecutionPermissions.GUIDE_PUBLISHER]) {
      const { app, stack } = hostStack();
      new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: ADMIN_ACCOUNT, permissions });
      expect(() => app.synth()).not.toThrow();
    }
  });

  test('fromTemplates([]) fails synthesis', () => {
    const { app, stack } = hostStack();
    new StackSetExecutionRole(stack, 'Execution', {
      administratorAccountId: ADMIN_ACCOUNT,
      permissions: StackSetExecutionPermissions.fromTemplates([]),
    });
    expect(() => app.synth()).toThrow(/permissions is StackSetExecutionPermissions.fromTemplates\(\[\]\): give the templates/);
  });

  test('names each choice', () => {
    expect(StackSetExecutionPermissions.GUIDE_RECEIVER.name).toBe('GUIDE_RECEIVER');
    expect(StackSetExecutionPermissions.GUIDE_PUBLISHER.name).toBe('GUIDE_PUBLISHER');
    expect(StackSetExecutionPermissions.ADMINISTRATOR_ACCESS.name).toBe('ADMINISTRATOR_ACCESS');
    expect(StackSetExecutionPermissions.fromTemplates([]).name).toBe('FROM_TEMPLATES');
  });
});
