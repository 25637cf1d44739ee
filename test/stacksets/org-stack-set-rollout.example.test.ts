import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { example } from '../../examples/stacksets-org-rollout';
import { cfnLint, nagFindings, unknownActions } from '../harness';

/**
 * The organization example, beyond the gates every example passes
 * (test/examples.test.ts checks the top-level stacks): the StackSets'
 * inner templates get the same checks as a normal stack.
 */
describe('OrgStackSetRollout (stacksets-org-rollout example)', () => {
  function stackSets(stacks: Stack[]): Record<string, any> {
    const onboarding = stacks.find((s) => s.stackName === 'OrgOnboarding')!;
    const found = Template.fromStack(onboarding).findResources('AWS::CloudFormation::StackSet');
    return Object.fromEntries(Object.values<any>(found).map((r) => [r.Properties.StackSetName, r.Properties]));
  }

  test('rolls out the audit role to the whole organization in one region, the event stream in every region', () => {
    const sets = stackSets(example.define(new App()));
    expect(Object.keys(sets).sort()).toEqual(['vendor-audit-role', 'vendor-event-stream']);
    expect(sets['vendor-audit-role'].StackInstancesGroup).toEqual([{ DeploymentTargets: { OrganizationalUnitIds: ['r-ab12'] }, Regions: ['us-east-1'] }]);
    expect(sets['vendor-event-stream'].StackInstancesGroup[0].Regions).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
  });

  test('covers the management account with plain stacks of the same constructs', () => {
    const stacks = example.define(new App());
    const role = stacks.find((s) => s.stackName === 'ManagementAuditRole')!;
    const inner = JSON.parse(stackSets(stacks)['vendor-audit-role'].TemplateBody);
    const plainRole = Object.values<any>(Template.fromStack(role).findResources('AWS::IAM::Role'))[0];
    const innerRole = Object.values<any>(inner.Resources).find((r) => r.Type === 'AWS::IAM::Role');
    expect(plainRole.Properties.AssumeRolePolicyDocument).toEqual(innerRole.Properties.AssumeRolePolicyDocument);
    expect(plainRole.Properties.RoleName).toBe('VendorSecurityAudit');
  });

  test('every inner template emits only IAM actions that exist', () => {
    for (const props of Object.values(stackSets(example.define(new App())))) {
      expect(unknownActions(JSON.parse(props.TemplateBody))).toEqual([]);
    }
  });

  test('every inner template passes cfn-lint', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacksets-example-'));
    try {
      const files = Object.entries(stackSets(example.define(new App()))).map(([name, props]) => {
        const file = path.join(dir, `${name}.template.json`);
        fs.writeFileSync(file, JSON.stringify(JSON.parse(props.TemplateBody), null, 1));
        return file;
      });
      expect(cfnLint(files, { extraArgs: ['--regions', 'us-east-1', 'us-west-2', 'eu-west-1'] })).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the stacks inside the StackSets have no unsuppressed cdk-nag finding', () => {
    const stacks = example.define(new App());
    const onboarding = stacks.find((s) => s.stackName === 'OrgOnboarding')!;
    const inner = onboarding.node.findAll().filter((c): c is Stack => Stack.isStack(c) && c !== onboarding);
    expect(inner.length).toBe(2);
    for (const stack of inner) {
      expect({ stack: stack.node.path, findings: nagFindings(stack) }).toEqual({ stack: stack.node.path, findings: [] });
    }
  });
});
