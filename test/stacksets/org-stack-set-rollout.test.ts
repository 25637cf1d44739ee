import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import {
  OrgStackSetRollout,
  OrgStackSetRolloutProps,
  RegionConcurrencyType,
  StackSetCallAs,
  StackSetConcurrencyMode,
  StackSetTemplate,
} from '../../src/stacksets';
import { cfnLint, nagFindings } from '../harness';
import { addNamedRole, addTopic, hostStack, templateStack } from './_helpers';

function define(props: Partial<OrgStackSetRolloutProps> = {}, fill: (inner: Stack) => void = addTopic) {
  const { app, stack } = hostStack();
  const inner = templateStack(stack);
  fill(inner);
  const rollout = new OrgStackSetRollout(stack, 'Rollout', {
    template: StackSetTemplate.fromStack(inner),
    organizationalUnitIds: ['ou-ab12-11111111'],
    regions: ['us-east-1', 'eu-west-1'],
    ...props,
  });
  return { app, stack, inner, rollout };
}

function stackSetProps(props: Partial<OrgStackSetRolloutProps> = {}, fill?: (inner: Stack) => void): any {
  const { stack } = define(props, fill);
  return Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'))[0].Properties;
}

function newRollout(props: Partial<OrgStackSetRolloutProps>) {
  const { stack } = hostStack();
  const inner = templateStack(stack);
  addTopic(inner);
  return () => new OrgStackSetRollout(stack, 'Rollout', {
    template: StackSetTemplate.fromStack(inner),
    organizationalUnitIds: ['ou-ab12-11111111'],
    regions: ['us-east-1'],
    ...props,
  });
}

describe('OrgStackSetRollout', () => {
  test('defines one service-managed StackSet (R-325)', () => {
    expect(stackSetProps().PermissionModel).toBe('SERVICE_MANAGED');
  });

  test('turns on automatic deployment and removes stacks from accounts that leave by default (R-018, R-325)', () => {
    expect(stackSetProps().AutoDeployment).toEqual({ Enabled: true, RetainStacksOnAccountRemoval: false });
  });

  test('keeps stacks of accounts that leave when retainStacksOnAccountRemoval is true', () => {
    expect(stackSetProps({ retainStacksOnAccountRemoval: true }).AutoDeployment).toEqual({ Enabled: true, RetainStacksOnAccountRemoval: true });
  });

  test('acknowledges named IAM resources with CAPABILITY_NAMED_IAM (R-325)', () => {
    expect(stackSetProps().Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
  });

  test('calls as SELF (the management account) by default', () => {
    expect(stackSetProps().CallAs).toBe('SELF');
  });

  test('calls as DELEGATED_ADMIN only when asked', () => {
    expect(stackSetProps({ callAs: StackSetCallAs.DELEGATED_ADMIN }).CallAs).toBe('DELEGATED_ADMIN');
  });

  test('uses fast operation preferences by default: parallel regions, every account at once, soft failure tolerance (R-328)', () => {
    expect(stackSetProps().OperationPreferences).toEqual({
      RegionConcurrencyType: 'PARALLEL',
      MaxConcurrentPercentage: 100,
      FailureTolerancePercentage: 100,
      ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
    });
  });

  test('takes every operation preference as a prop', () => {
    expect(
      stackSetProps({
        regionConcurrencyType: RegionConcurrencyType.SEQUENTIAL,
        maxConcurrentPercentage: 50,
        failureTolerancePercentage: 10,
        concurrencyMode: StackSetConcurrencyMode.SOFT_FAILURE_TOLERANCE,
      }).OperationPreferences,
    ).toEqual({ RegionConcurrencyType: 'SEQUENTIAL', MaxConcurrentPercentage: 50, FailureTolerancePercentage: 10, ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE' });
  });

  test('takes counts instead of percentages, and a region order', () => {
    expect(
      stackSetProps({
        regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
        regionConcurrencyType: RegionConcurrencyType.SEQUENTIAL,
        maxConcurrentCount: 25,
        failureToleranceCount: 2,
        regionOrder: ['eu-west-1', 'us-east-1'],
      }).OperationPreferences,
    ).toEqual({
      RegionConcurrencyType: 'SEQUENTIAL',
      MaxConcurrentCount: 25,
      FailureToleranceCount: 2,
      ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
      RegionOrder: ['eu-west-1', 'us-east-1'],
    });
  });

  test('a count replaces only its own percentage: the other keeps the default 100%', () => {
    expect(stackSetProps({ maxConcurrentCount: 10 }).OperationPreferences).toMatchObject({ MaxConcurrentCount: 10, FailureTolerancePercentage: 100 });
    expect(stackSetProps({ maxConcurrentCount: 10 }).OperationPreferences).not.toHaveProperty('MaxConcurrentPercentage');
  });

  test('warns when STRICT_FAILURE_TOLERANCE would cap a count-based concurrency below the maximum', () => {
    const { stack } = define({ concurrencyMode: StackSetConcurrencyMode.STRICT_FAILURE_TOLERANCE, maxConcurrentCount: 20, failureToleranceCount: 3 });
    Annotations.fromStack(stack).hasWarning('/Host/Rollout', Match.stringLikeRegexp('caps concurrency at failureToleranceCount \\(3\\) plus one account, below maxConcurrentCount \\(20\\)'));
  });

  test('warns when STRICT_FAILURE_TOLERANCE would cap the concurrency below the maximum', () => {
    const { stack } = define({ concurrencyMode: StackSetConcurrencyMode.STRICT_FAILURE_TOLERANCE, failureTolerancePercentage: 10 });
    Annotations.fromStack(stack).hasWarning('/Host/Rollout', Match.stringLikeRegexp('caps concurrency at failureTolerancePercentage \\(10%\\)'));
  });

  test('turns on managed execution by default, and off when asked', () => {
    expect(stackSetProps().ManagedExecution).toEqual({ Active: true });
    expect(stackSetProps({ managedExecution: false }).ManagedExecution).toEqual({ Active: false });
  });

  test('deploys to the listed OUs in the listed regions, with no account filter by default', () => {
    expect(stackSetProps().StackInstancesGroup).toEqual([
      { DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-11111111'] }, Regions: ['us-east-1', 'eu-west-1'] },
    ]);
  });

  test('deploys to the whole organization when given the root ID (R-339)', () => {
    expect(stackSetProps({ organizationalUnitIds: ['r-ab12'] }).StackInstancesGroup[0].DeploymentTargets).toEqual({ OrganizationalUnitIds: ['r-ab12'] });
  });

  test('excludedAccountIds becomes AccountFilterType DIFFERENCE', () => {
    expect(stackSetProps({ excludedAccountIds: ['444455556666'] }).StackInstancesGroup[0].DeploymentTargets).toEqual({
      OrganizationalUnitIds: ['ou-ab12-11111111'],
      Accounts: ['444455556666'],
      AccountFilterType: 'DIFFERENCE',
    });
  });

  test('includedAccountIds becomes AccountFilterType INTERSECTION', () => {
    expect(stackSetProps({ includedAccountIds: ['444455556666'] }).StackInstancesGroup[0].DeploymentTargets).toEqual({
      OrganizationalUnitIds: ['ou-ab12-11111111'],
      Accounts: ['444455556666'],
      AccountFilterType: 'INTERSECTION',
    });
  });

  test('never emits the UNION account filter, which CloudFormation rejects (property)', () => {
    const account = fc.stringMatching(/^\d{12}$/);
    fc.assert(
      fc.property(
        fc.option(fc.uniqueArray(account, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        fc.option(fc.uniqueArray(account, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        (excluded, included) => {
          const make = newRollout({ excludedAccountIds: excluded, includedAccountIds: included });
          if (excluded && included) {
            expect(make).toThrow(/excludedAccountIds and includedAccountIds are both set/);
            return;
          }
          const rollout = make();
          const targets = Stack.of(rollout).resolve(rollout.stackSet.stackInstancesGroup)[0].deploymentTargets;
          expect(targets.accountFilterType).not.toBe('UNION');
          expect(targets.accountFilterType).toBe(excluded ? 'DIFFERENCE' : included ? 'INTERSECTION' : undefined);
        },
      ),
      { numRuns: 25 },
    );
  });

  test('inlines the rendered template as TemplateBody', () => {
    const { stack, inner } = define();
    const props = Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'))[0].Properties;
    expect(JSON.parse(props.TemplateBody)).toEqual(Template.fromStack(inner).toJSON());
    expect(props.TemplateURL).toBeUndefined();
  });

  test('generates a valid StackSet name from the construct path', () => {
    expect(stackSetProps().StackSetName).toMatch(/^[a-zA-Z][a-zA-Z0-9-]{0,127}$/);
  });

  test('takes a StackSet name and a description', () => {
    const props = stackSetProps({ stackSetName: 'vendor-audit-role', description: 'Vendor audit role' });
    expect(props.StackSetName).toBe('vendor-audit-role');
    expect(props.Description).toBe('Vendor audit role');
  });

  test('passes parameter values to the template', () => {
    const fill = (inner: Stack) => {
      addTopic(inner);
      new CfnParameter(inner, 'ExternalId', { type: 'String' });
    };
    expect(stackSetProps({ parameters: { ExternalId: 'tenant-1234' } }, fill).Parameters).toEqual([
      { ParameterKey: 'ExternalId', ParameterValue: 'tenant-1234' },
    ]);
  });

  test('exposes the StackSet, its name and its ID', () => {
    const { rollout, stack } = define({ stackSetName: 'audit' });
    expect(rollout.stackSetName).toBe('audit');
    expect(stack.resolve(rollout.stackSetId)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(rollout.stackSet), 'StackSetId'] });
  });

  test('a global template (named IAM role) in one region and a regional one in many regions synthesize together', () => {
    const { app, stack } = hostStack();
    const roles = templateStack(stack, 'GlobalTemplate');
    addNamedRole(roles);
    const rules = templateStack(stack, 'RegionalTemplate');
    addTopic(rules);
    new OrgStackSetRollout(stack, 'Global', { template: StackSetTemplate.fromStack(roles), organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'] });
    new OrgStackSetRollout(stack, 'Regional', {
      template: StackSetTemplate.fromStack(rules),
      organizationalUnitIds: ['r-ab12'],
      regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
    });
    expect(() => app.synth()).not.toThrow();
    Template.fromStack(stack).resourceCountIs('AWS::CloudFormation::StackSet', 2);
  });

  test('fails synthesis when named IAM resources would be created in several regions (name collision)', () => {
    const { app } = define({ regions: ['us-east-1', 'eu-west-1'] }, (inner) => addNamedRole(inner));
    expect(() => app.synth()).toThrow(
      /defines named IAM resources \(AuditRole.* \(AWS::IAM::Role "VendorAudit"\)\) and deploys to 2 regions \(us-east-1, eu-west-1\): IAM is global per account.*rollout of their own with one region/s,
    );
  });

  test('accepts unnamed IAM roles in several regions (no name collision)', () => {
    const { app } = define({ regions: ['us-east-1', 'eu-west-1'] }, (inner) => {
      new iam.Role(inner, 'Unnamed', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('fails synthesis when a template parameter without default gets no value', () => {
    const { app } = define({}, (inner) => {
      addTopic(inner);
      new CfnParameter(inner, 'ExternalId', { type: 'String' });
    });
    expect(() => app.synth()).toThrow(/the template's parameters "ExternalId" have no default and no value/);
  });

  test('fails synthesis for a parameter the template does not declare', () => {
    const { app } = define({ parameters: { ExternalID: 'x' } });
    expect(() => app.synth()).toThrow(/parameters names "ExternalID", which the template does not declare \(it declares none\)/);
  });

  test('fails if there are no targets', () => {
    expect(newRollout({ organizationalUnitIds: [] })).toThrow(/^Host\/Rollout: organizationalUnitIds must not be empty: give the OU IDs .* or the root ID/);
  });

  test('fails on an invalid OU ID, naming the value and the format', () => {
    expect(newRollout({ organizationalUnitIds: ['ou-AB12-1111'] })).toThrow(
      /organizationalUnitIds\[0\] must be an organizational unit ID: "ou-", 4-32 lowercase letters or digits.*got "ou-AB12-1111"/,
    );
  });

  test('fails on an invalid root ID', () => {
    expect(newRollout({ organizationalUnitIds: ['r-A'] })).toThrow(/organizationalUnitIds\[0\] must be an organization root ID.*got "r-A"/);
  });

  test('fails on an organization ID given as a target', () => {
    // Issue 19: neither a root nor an OU, so the message names both kinds the prop accepts.
    expect(newRollout({ organizationalUnitIds: ['o-a1b2c3d4e5'] }))
      .toThrow(/organizationalUnitIds\[0\] must be an organization root ID \("r-ab12"\) or an OU ID \("ou-ab12-11111111"\), got "o-a1b2c3d4e5"/);
  });

  test('accepts every well-formed OU and root ID and deploys to it as given (property)', () => {
    const id = (min: number, max: number) => fc.stringMatching(new RegExp(`^[a-z0-9]{${min},${max}}$`));
    const ou = fc.tuple(id(4, 32), id(8, 32)).map(([root, rest]) => `ou-${root}-${rest}`);
    const root = id(4, 32).map((r) => `r-${r}`);
    fc.assert(
      fc.property(fc.oneof(ou, root), (target) => {
        const rollout = newRollout({ organizationalUnitIds: [target] })();
        const group = Stack.of(rollout).resolve(rollout.stackSet.stackInstancesGroup)[0];
        expect(group.deploymentTargets.organizationalUnitIds).toEqual([target]);
      }),
      { numRuns: 20 },
    );
  });

  test('rejects OU IDs with uppercase letters or a missing part (property)', () => {
    const badOu = fc.oneof(
      fc.stringMatching(/^ou-[A-Z]{4,8}-[a-z0-9]{8}$/),
      fc.stringMatching(/^ou-[a-z0-9]{4,8}$/),
    );
    fc.assert(
      fc.property(badOu, (target) => {
        expect(newRollout({ organizationalUnitIds: [target] })).toThrow(/organizationalUnitIds\[0\] must be an organizational unit ID/);
      }),
      { numRuns: 20 },
    );
    const neither = fc.stringMatching(/^[a-z]{2}-[a-z0-9]{4}-[a-z0-9]{8}$/).filter((v) => !v.startsWith('ou-') && !v.startsWith('r-'));
    fc.assert(
      fc.property(neither, (target) => {
        expect(newRollout({ organizationalUnitIds: [target] })).toThrow(/organizationalUnitIds\[0\] must be an organization root ID \("r-ab12"\) or an OU ID/);
      }),
      { numRuns: 20 },
    );
  });

  test('fails on a duplicate target', () => {
    expect(newRollout({ organizationalUnitIds: ['r-ab12', 'r-ab12'] })).toThrow(/organizationalUnitIds lists "r-ab12" more than once/);
  });

  test('fails on a region typo with a suggestion', () => {
    expect(newRollout({ regions: ['us-east-1', 'eu-wst-1'] })).toThrow(/regions\[1\] must be an AWS region name.*got "eu-wst-1": did you mean "eu-west-1"/);
  });

  test('fails if regions is empty', () => {
    expect(newRollout({ regions: [] })).toThrow(/regions must not be empty/);
  });

  test('fails if both account filters are set', () => {
    expect(newRollout({ excludedAccountIds: ['444455556666'], includedAccountIds: ['777788889999'] })).toThrow(
      /excludedAccountIds and includedAccountIds are both set: .*UNION is rejected/,
    );
  });

  test('fails on an invalid excluded account', () => {
    expect(newRollout({ excludedAccountIds: ['4444555566'] })).toThrow(/excludedAccountIds\[0\] must be a 12-digit AWS account ID/);
  });

  test('fails on an empty account filter', () => {
    expect(newRollout({ includedAccountIds: [] })).toThrow(/includedAccountIds must not be empty/);
  });

  test.each([
    ['maxConcurrentPercentage', 0],
    ['maxConcurrentPercentage', 101],
    ['failureTolerancePercentage', -1],
    ['failureTolerancePercentage', 12.5],
  ])('fails if %s is %d', (prop, value) => {
    expect(newRollout({ [prop]: value })).toThrow(new RegExp(`${prop} must be a whole number from \\d to 100, got ${value}`));
  });

  test.each([
    ['maxConcurrentCount', 0, 'maxConcurrentCount must be a whole number of accounts, at least 1, got 0'],
    ['maxConcurrentCount', 2.5, 'maxConcurrentCount must be a whole number of accounts, at least 1, got 2.5'],
    ['failureToleranceCount', -1, 'failureToleranceCount must be a whole number of accounts, at least 0, got -1'],
  ])('fails if %s is %d', (prop, value, message) => {
    expect(newRollout({ [prop]: value })).toThrow(message);
  });

  test.each([
    [{ maxConcurrentCount: 10, maxConcurrentPercentage: 50 }, 'maxConcurrentCount and maxConcurrentPercentage are both set'],
    [{ failureToleranceCount: 1, failureTolerancePercentage: 10 }, 'failureToleranceCount and failureTolerancePercentage are both set'],
  ])('fails on a count and a percentage for the same preference: %j', (props, message) => {
    expect(newRollout(props)).toThrow(message);
  });

  test('fails on a region order outside the regions, or with a region twice', () => {
    expect(newRollout({ regions: ['us-east-1'], regionOrder: ['eu-west-1', 'us-east-1'] })).toThrow(/regionOrder lists "eu-west-1", which regions does not: order only the regions the StackSet deploys to \(us-east-1\)/);
    expect(newRollout({ regions: ['us-east-1'], regionOrder: ['us-east-1', 'us-east-1'] })).toThrow(/regionOrder lists "us-east-1" more than once: remove the duplicates/);
  });

  test('fails on an invalid StackSet name', () => {
    expect(newRollout({ stackSetName: '1-audit_role' })).toThrow(/stackSetName must start with a letter .*got "1-audit_role"/);
  });

  test('fails on a description over 1,024 characters', () => {
    expect(newRollout({ description: 'd'.repeat(1025) })).toThrow(/description has 1025 characters, the StackSet limit is 1024/);
  });

  test('lists every problem in one error', () => {
    expect(newRollout({ organizationalUnitIds: ['bad'], regions: ['nowhere-1'] })).toThrow(
      /^Host\/Rollout: (?=[\s\S]*organizationalUnitIds\[0\] must be)(?=[\s\S]*regions\[0\] must be)/,
    );
  });

  test('passes unresolved targets and regions through', () => {
    const { stack } = hostStack();
    const inner = templateStack(stack);
    addTopic(inner);
    const ous = new CfnParameter(stack, 'Ous', { type: 'CommaDelimitedList' }).valueAsList;
    expect(() => new OrgStackSetRollout(stack, 'Rollout', { template: StackSetTemplate.fromStack(inner), organizationalUnitIds: ous, regions: ['us-east-1'] })).not.toThrow();
  });

  test('the deploying stack passes cfn-lint', () => {
    const outdir = path.join(os.tmpdir(), `org-rollout-lint-${process.pid}`);
    const app = new App({ outdir });
    const stack = new Stack(app, 'Host');
    const inner = templateStack(stack);
    addNamedRole(inner);
    new OrgStackSetRollout(stack, 'Rollout', { template: StackSetTemplate.fromStack(inner), organizationalUnitIds: ['r-ab12'], regions: ['us-east-1'] });
    const assembly = app.synth();
    expect(cfnLint([assembly.getStackArtifact(stack.artifactId).templateFullPath])).toEqual([]);
  });

  test('count-based preferences and a region order pass cfn-lint (the resource schema)', () => {
    const outdir = path.join(os.tmpdir(), `org-rollout-lint-counts-${process.pid}`);
    const app = new App({ outdir });
    const stack = new Stack(app, 'Host');
    const inner = templateStack(stack);
    addTopic(inner);
    new OrgStackSetRollout(stack, 'Rollout', {
      template: StackSetTemplate.fromStack(inner),
      organizationalUnitIds: ['r-ab12'],
      regions: ['us-east-1', 'eu-west-1'],
      regionConcurrencyType: RegionConcurrencyType.SEQUENTIAL,
      maxConcurrentCount: 50,
      failureToleranceCount: 5,
      regionOrder: ['eu-west-1', 'us-east-1'],
    });
    const assembly = app.synth();
    expect(cfnLint([assembly.getStackArtifact(stack.artifactId).templateFullPath])).toEqual([]);
  });

  test('has no unsuppressed cdk-nag finding on the deploying stack', () => {
    const { stack } = define({ regions: ['us-east-1'] }, (inner) => addNamedRole(inner));
    expect(nagFindings(stack).filter((f) => f.path.startsWith('/Host/Rollout'))).toEqual([]);
  });
});
