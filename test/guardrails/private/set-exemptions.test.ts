/**
 * Unit tests of src/guardrails/private/set-exemptions.ts, the checks an SCP
 * set makes across its guardrails: exemptions with a wildcard account need
 * a protectAuditSetup of the same set, and no exempt role of the app may
 * trust cloudformation.amazonaws.com beside that protection.
 */
import { App, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Guardrail } from '../../../src';
import { exemptionProblems } from '../../../src/guardrails/private/set-exemptions';

const LEAN = { exemptOnboardingMachinery: false };
const DEPLOYER = 'arn:aws:iam::111122223333:role/deploy/Deployer';

/** An app with the Org stack (the scope of the checks) and a Member stack. */
function app(): { org: Stack; member: Stack } {
  const root = new App();
  return { org: new Stack(root, 'Org'), member: new Stack(root, 'Member') };
}

/** A role whose trust policy has `statement`. */
function role(scope: Stack, id: string, props: { roleName: unknown; path?: string }, statement: Record<string, unknown>): iam.CfnRole {
  return new iam.CfnRole(scope, id, { ...props, roleName: props.roleName as string, assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] } });
}

const trustsService = (service: unknown, effect = 'Allow') => ({ Effect: effect, Principal: { Service: service }, Action: 'sts:AssumeRole' });

const trustProblem = (name: string, path: string) => `the role ${JSON.stringify(name)} (${path}) is exempt from these guardrails and trusts `
  + 'cloudformation.amazonaws.com, so a member-account administrator who may pass it could act as it through a stack: turn its CloudFormation '
  + 'service trust off (cloudFormationServiceTrust: false); StackSets assume the execution role without it';

describe('set-exemptions', () => {
  test('is silent for wildcard exemptions that a protectAuditSetup of the set protects, and for literal accounts', () => {
    const { org } = app();
    expect(exemptionProblems(org, [
      Guardrail.denyLeaveOrganization({ exemptPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'] }),
      Guardrail.protectAuditSetup({ roleNames: ['BreakGlass'] }),
    ])).toEqual([]);
    expect(exemptionProblems(org, [Guardrail.denyLeaveOrganization({ ...LEAN, exemptPrincipalArns: [DEPLOYER] })])).toEqual([]);
  });

  test('names an unprotected exemption by the guardrail\'s index, factory and sid', () => {
    const { org } = app();
    const problems = exemptionProblems(org, [
      Guardrail.denyLeaveOrganization({ ...LEAN, exemptPrincipalArns: [DEPLOYER] }),
      Guardrail.denyRegionsOutside({ ...LEAN, sid: 'EuOnly', allowedRegions: ['eu-west-1'], exemptPrincipalArns: ['arn:aws:iam::*:role/BreakGlass'] }),
    ]);
    expect(problems).toEqual([
      'guardrails[1] (Guardrail.denyRegionsOutside, sid "EuOnly") exempts "arn:aws:iam::*:role/BreakGlass" in every account of the targets, '
      + 'so any administrator of a member account can create a principal that matches it (or take over a role by rewriting its trust) and escape '
      + 'the guardrail: add Guardrail.protectAuditSetup({ roleNames: ["BreakGlass"] }) to this same OrgGuardrailScp, so that the same policies '
      + 'protect the name in every target, or name one account in the ARN instead of "*"',
    ]);
  });

  test('refuses an exempt role of the app, under its path and in another stack, that trusts CloudFormation, once the set has a protectAuditSetup', () => {
    const { org, member } = app();
    role(member, 'Deployer', { roleName: 'Deployer', path: '/deploy/' }, trustsService('cloudformation.amazonaws.com'));
    const guardrails = [Guardrail.denyLeaveOrganization({ ...LEAN, exemptPrincipalArns: [DEPLOYER] })];
    // without the protection, an exempt role is no member-account escape the set checks
    expect(exemptionProblems(org, guardrails)).toEqual([]);
    expect(exemptionProblems(org, [...guardrails, Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] })]))
      .toEqual([trustProblem('Deployer', 'Member/Deployer')]);
  });

  test('reads the CloudFormation service in a list and in a rendered intrinsic', () => {
    const { org, member } = app();
    role(member, 'Listed', { roleName: 'AWSCloudFormationStackSetExecutionRole' }, trustsService(['lambda.amazonaws.com', 'cloudformation.amazonaws.com']));
    role(member, 'Joined', { roleName: 'stacksets-exec-0123456789abcdef' }, trustsService(Fn.join('', ['cloudformation.', Fn.ref('AWS::URLSuffix')])));
    expect(exemptionProblems(org, [Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] })])).toEqual([
      trustProblem('AWSCloudFormationStackSetExecutionRole', 'Member/Listed'),
      trustProblem('stacksets-exec-0123456789abcdef', 'Member/Joined'),
    ]);
  });

  test('leaves alone roles that are not exempt, are at another path, deny CloudFormation, trust another service, or have no literal name', () => {
    const { org, member } = app();
    const cloudFormation = trustsService('cloudformation.amazonaws.com');
    role(member, 'NotExempt', { roleName: 'Developer' }, cloudFormation);
    role(member, 'OtherPath', { roleName: 'AWSCloudFormationStackSetExecutionRole', path: '/other/' }, cloudFormation);
    role(member, 'Denied', { roleName: 'AWSControlTowerExecution' }, trustsService('cloudformation.amazonaws.com', 'Deny'));
    role(member, 'Lambda', { roleName: 'aws-controltower-ConfigRecorderRole' }, trustsService('lambda.amazonaws.com'));
    role(member, 'Generated', { roleName: Fn.join('-', ['stacksets-exec', Fn.ref('AWS::StackName')]) }, cloudFormation);
    expect(exemptionProblems(org, [Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] })])).toEqual([]);
  });
});
