/**
 * Unit tests of src/guardrails/private/org-policy-set.ts, the machinery
 * OrgGuardrailScp and OrgResourceControlPolicy share: the configuration and
 * its problems, the plan, the slot problems, the root warning, and the
 * policy resources of OrgPolicySet.
 */
import { App, CfnParameter, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { AwsLimits } from '../../../src';
import {
  OrgPolicyPlan,
  OrgPolicySet,
  configProblems,
  orgPolicySetConfig,
  planDocuments,
  slotProblems,
  warnOnRootTargets,
} from '../../../src/guardrails/private/org-policy-set';
import { GuardrailStatement } from '../../../src/guardrails/private/statement';

const OU = 'ou-ab12-11111111';

/** A statement that merges with no other of a different `value`. */
function statement(sid: string, value: string): GuardrailStatement {
  return { sid, action: ['s3:*'], resource: ['*'], condition: { StringNotEquals: { 'aws:ResourceOrgID': value } } };
}

function setScope(): { stack: Stack; scope: Construct } {
  const stack = new Stack(new App(), 'Org');
  return { stack, scope: new Construct(stack, 'Set') };
}

/** A plan of `sizes.length` documents, proven not to fit. */
function planOf(...sizes: number[]): OrgPolicyPlan {
  return { documents: sizes.map(() => []), sizes, problems: [], fit: 'does-not-fit', steps: 0 };
}

describe('org-policy-set', () => {
  describe('orgPolicySetConfig', () => {
    test('takes the RCP quotas for rcp and the SCP quotas for scp, with one slot taken by default', () => {
      const limits = AwsLimits.of({ scpDocumentCharacters: 5000, scpsPerTarget: 5, rcpDocumentCharacters: 4000, rcpsPerTarget: 3 });
      const rcp = orgPolicySetConfig('rcp', { targetIds: [OU], limits });
      expect([rcp.type, rcp.documentCharacters, rcp.perTarget, rcp.slotsAlreadyTaken, rcp.slotsAlreadyTakenByTarget])
        .toEqual(['RESOURCE_CONTROL_POLICY', 4000, 3, 1, {}]);
      const scp = orgPolicySetConfig('scp', { targetIds: [OU], limits, slotsAlreadyTaken: 0 });
      expect([scp.type, scp.documentCharacters, scp.perTarget, scp.slotsAlreadyTaken]).toEqual(['SERVICE_CONTROL_POLICY', 5000, 5, 0]);
      expect(orgPolicySetConfig('scp', { targetIds: [] }).limits).toBe(AwsLimits.DEFAULT);
    });
  });

  describe('configProblems', () => {
    test('reports every problem of the fixed configuration, each with the prop prefix', () => {
      const config = {
        ...orgPolicySetConfig('rcp', { targetIds: [] }),
        targetIds: undefined as unknown as string[],
        slotsAlreadyTaken: 1.5,
        slotsAlreadyTakenByTarget: { [OU]: -2 },
        policyName: '',
        description: 'x'.repeat(513),
      };
      expect(configProblems(config, 'props.')).toEqual([
        'props.targetIds is required: list the root, OU or account IDs to attach to (an empty list defines the policies without attaching them)',
        'props.slotsAlreadyTaken must be a whole number of 0 or more, got 1.5: count the resource control policies already attached directly to the target',
        `props.slotsAlreadyTakenByTarget["${OU}"] must be a whole number of 0 or more, got -2: count the resource control policies already attached directly to the target`,
        'props.policyName must have 1-125 characters (the Organizations limit is 128, and later policies get a "-<n>" suffix), got 0',
        'props.description must have at most 512 characters, got 513: shorten it',
      ]);
    });

    test('accepts the longest name and description, and skips the target checks for a token list', () => {
      const { stack } = setScope();
      expect(configProblems(orgPolicySetConfig('scp', { targetIds: [OU], policyName: 'n'.repeat(125), description: 'd'.repeat(512) }))).toEqual([]);
      const targets = Token.asList(new CfnParameter(stack, 'Targets', { type: 'CommaDelimitedList' }).valueAsList);
      expect(configProblems(orgPolicySetConfig('scp', { targetIds: targets, slotsAlreadyTakenByTarget: { [OU]: 2 } }))).toEqual([]);
    });
  });

  describe('planDocuments', () => {
    test('reports a statement id that merging makes appear twice in one document', () => {
      const { scope } = setScope();
      const config = orgPolicySetConfig('scp', { targetIds: [OU] });
      // A and B merge into "AB", the sid of the third statement
      const plan = planDocuments(scope, config, [statement('A', 'o-aaaaaaaaaa'), statement('B', 'o-aaaaaaaaaa'), statement('AB', 'o-bbbbbbbbbb')]);
      expect(plan.documents.map((doc) => doc.map((s) => s.sid))).toEqual([['AB', 'AB']]);
      expect(plan.problems).toEqual(['policy 1 has the statement id "AB" more than once (after merging): give the guardrails distinct sids']);
    });
  });

  describe('slotProblems', () => {
    test('says "1 free slot" and gives the RCP fix', () => {
      const config = orgPolicySetConfig('rcp', { targetIds: [OU], slotsAlreadyTaken: 4 });
      expect(slotProblems(config, planOf(5000, 1200))).toEqual([
        `the statements need 2 resource control policies (5,000, 1,200 characters; limit 5,120 each), but target "${OU}" has 1 free slot `
        + '(limit 5 per target, 4 already taken): detach another resource control policy from the target, attach this one to a parent OU '
        + 'instead (inherited policies take no slot), or correct slotsAlreadyTaken',
      ]);
    });

    test('is silent when the documents fit the free slots of every target, and for a token target list', () => {
      const { stack } = setScope();
      expect(slotProblems(orgPolicySetConfig('scp', { targetIds: [OU, 'r-ab12'], slotsAlreadyTakenByTarget: { 'r-ab12': 8 } }), planOf(1, 1))).toEqual([]);
      const targets = new CfnParameter(stack, 'Targets', { type: 'CommaDelimitedList' }).valueAsList;
      expect(slotProblems(orgPolicySetConfig('scp', { targetIds: targets, slotsAlreadyTaken: 10 }), planOf(1))).toEqual([]);
    });
  });

  test('warnOnRootTargets names every root target once, and only roots', () => {
    const { stack, scope } = setScope();
    warnOnRootTargets(scope, orgPolicySetConfig('rcp', { targetIds: ['r-ab12', OU, '111122223333', 'r-cd34'] }));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => [w.id, w.entry.data])).toEqual([[
      '/Org/Set',
      'the resource control policies are attached to the root r-ab12, r-cd34, so they apply to every account of the organization at once: '
      + 'attach them to a dedicated test OU first and widen the targets once they are proven [ack: cdk-audit-baseline:rcpAttachedToRoot]',
    ]]);
  });

  describe('OrgPolicySet', () => {
    test('re-plans only after statementsChanged, and creates one policy per document once', () => {
      const { stack, scope } = setScope();
      const statements = [statement('A', 'o-aaaaaaaaaa'.repeat(5))];
      const set = new OrgPolicySet(scope, orgPolicySetConfig('scp', { targetIds: [OU], limits: AwsLimits.of({ scpDocumentCharacters: 300 }) }), () => statements);
      expect(set.policyCount).toBe(1);
      statements.push(statement('B', 'o-bbbbbbbbbb'.repeat(5)));
      expect(set.policyCount).toBe(1); // the cached plan
      set.statementsChanged();
      expect(set.policyCount).toBe(2);
      expect(set.isFrozen).toBe(false);
      set.createPolicies();
      set.createPolicies();
      expect(set.isFrozen).toBe(true);
      const policies = scope.node.children.filter((c): c is organizations.CfnPolicy => c instanceof organizations.CfnPolicy);
      expect(policies.map((p) => p.node.id)).toEqual(['Policy1', 'Policy2']);
      expect(policies.map((p) => [p.name, stack.resolve(p.description), p.type])).toEqual([
        ['Org-Set-1E975D33', 'cdk-audit-baseline Org/Set (1/2): A', 'SERVICE_CONTROL_POLICY'],
        ['Org-Set-1E975D33-2', 'cdk-audit-baseline Org/Set (2/2): B', 'SERVICE_CONTROL_POLICY'],
      ]);
    });

    test('the aspect creates the policies at synthesis', () => {
      const { stack, scope } = setScope();
      const set = new OrgPolicySet(scope, orgPolicySetConfig('scp', { targetIds: [OU], policyName: 'guardrails' }), () => [statement('A', 'o-aaaaaaaaaa')]);
      expect(scope.node.tryFindChild('Policy1')).toBeUndefined();
      (stack.node.root as App).synth();
      expect(set.isFrozen).toBe(true);
      expect((scope.node.findChild('Policy1') as organizations.CfnPolicy).name).toBe('guardrails');
    });

    test('cuts the default description to the limit with "...", and keeps one of exactly the limit', () => {
      const description = (max: number) => {
        const { stack, scope } = setScope();
        const config = orgPolicySetConfig('scp', { targetIds: [OU], limits: AwsLimits.of({ orgPolicyDescriptionCharacters: max }) });
        new OrgPolicySet(scope, config, () => [statement('A', 'o-aaaaaaaaaa')]).createPolicies();
        return stack.resolve((scope.node.findChild('Policy1') as organizations.CfnPolicy).description);
      };
      // "cdk-audit-baseline Org/Set (1/1): A" has 35 characters
      expect(description(35)).toBe('cdk-audit-baseline Org/Set (1/1): A');
      expect(description(30)).toBe('cdk-audit-baseline Org/Set ...');
    });
  });
});
