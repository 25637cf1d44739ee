import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { AwsLimits, Guardrail, OrgGuardrailScp, OrgGuardrailScpProps } from '../../src';
import { nagFindings, organizationPolicyResources, resolveTemplate } from '../harness';
import { ANY, VENDOR, orgPath } from './_helpers';

function scpStack(props: Partial<OrgGuardrailScpProps> = {}): { stack: Stack; scp: OrgGuardrailScp } {
  const stack = new Stack(new App(), 'Org');
  const scp = new OrgGuardrailScp(stack, 'Guardrails', {
    targetIds: [ANY.sports],
    guardrails: [Guardrail.denyLeaveOrganization(LEAN)],
    ...props,
  });
  return { stack, scp };
}

/**
 * Guardrails of the packing tests exempt no onboarding machinery, so that a
 * set needs no protection guardrail beside them (issue 13) and the sizes
 * stay those of the guardrail under test.
 */
const LEAN = { exemptOnboardingMachinery: false };

function policiesOf(stack: Stack) {
  return organizationPolicyResources(resolveTemplate(Template.fromStack(stack).toJSON()), 'SERVICE_CONTROL_POLICY');
}

/** `count` guardrails that never merge (each exempts a different principal). */
function distinctGuardrails(count: number): Guardrail[] {
  return Array.from({ length: count }, (_, i) => Guardrail.denyResourcesOutsideOrganization({
    ...LEAN,
    sid: `Perimeter${i}`,
    actions: ['s3:*'],
    // about the size the onboarding exemptions gave these guardrails before they needed a protection guardrail beside them
    exemptPrincipalArns: [`arn:aws:iam::444455556666:role/Migration${i}`, ...['A', 'B', 'C', 'D', 'E'].map((x) => `arn:aws:iam::444455556666:role/Mig${x}${i}-pad`)],
  }));
}

const compactLength = (doc: unknown) => JSON.stringify(doc).length;

describe('OrgGuardrailScp', () => {
  test('defines one service control policy attached to the targets', () => {
    const { stack } = scpStack({ targetIds: [ANY.sports, '444455556666'] });
    Template.fromStack(stack).resourceCountIs('AWS::Organizations::Policy', 1);
    Template.fromStack(stack).hasResourceProperties('AWS::Organizations::Policy', {
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: [ANY.sports, '444455556666'],
    });
  });

  test('defines the policy without attaching it when targetIds is empty (staged rollout, R-313)', () => {
    const { stack } = scpStack({ targetIds: [] });
    const [policy] = policiesOf(stack);
    expect(policy.targetIds).toEqual([]);
  });

  test('renders the document as a JSON object whose compact form is what is measured', () => {
    const { stack, scp } = scpStack({ guardrails: [Guardrail.denyLeaveOrganization(LEAN), Guardrail.denyResourcesOutsideOrganization({ ...LEAN, actions: ['s3:*'] })] });
    const [policy] = policiesOf(stack);
    expect(policy.document.Version).toBe('2012-10-17');
    expect(policy.document.Statement.map((s: any) => s.Sid)).toEqual(['DenyLeaveOrganization', 'DenyResourcesOutsideOrganization']);
    expect(scp.policyCount).toBe(1);
  });

  test('merges guardrails that differ only in their actions (same Effect, Condition, Resource)', () => {
    const { stack } = scpStack({
      guardrails: [
        Guardrail.denyResourcesOutsideOrganization({ ...LEAN, sid: 'Storage', actions: ['s3:*'] }),
        Guardrail.denyResourcesOutsideOrganization({ ...LEAN, sid: 'Keys', actions: ['kms:*', 's3:*'] }),
      ],
    });
    const [policy] = policiesOf(stack);
    expect(policy.document.Statement).toHaveLength(1);
    expect(policy.document.Statement[0]).toMatchObject({ Sid: 'StorageKeys', Action: ['kms:*', 's3:*'] });
  });

  test('fits N small guardrails in one policy at the default limit', () => {
    const { stack, scp } = scpStack({ guardrails: distinctGuardrails(12) });
    expect(scp.policyCount).toBe(1);
    const [policy] = policiesOf(stack);
    expect(compactLength(policy.document)).toBeLessThanOrEqual(10_240);
  });

  test('packs into the fewest policies the size limit allows', () => {
    // GIVEN 12 guardrails of equal size and a limit that holds 5 of them
    const guardrails = distinctGuardrails(12);
    const probe = policiesOf(scpStack({ guardrails: guardrails.slice(0, 1) }).stack)[0];
    const one = compactLength(probe.document.Statement[0]);
    const overhead = compactLength({ Version: '2012-10-17', Statement: [] });
    const limit = overhead + 5 * one + 4 + 2; // room for 5 (sizes differ by a digit or two)
    // WHEN
    const { stack, scp } = scpStack({ guardrails, limits: AwsLimits.of({ scpDocumentCharacters: limit }) });
    // THEN ceil(12 / 5) = 3 policies, each within the limit
    expect(scp.policyCount).toBe(3);
    const policies = policiesOf(stack);
    expect(policies).toHaveLength(3);
    for (const p of policies) expect(compactLength(p.document)).toBeLessThanOrEqual(limit);
    expect(policies.flatMap((p) => p.document.Statement.map((s: any) => s.Sid)).sort()).toEqual(guardrails.map((g) => g.sid).sort());
  });

  test('names the first policy after policyName and the later ones with -2, -3', () => {
    const guardrails = distinctGuardrails(3);
    const { stack } = scpStack({ guardrails, policyName: 'audit-guardrails', limits: AwsLimits.of({ scpDocumentCharacters: 1000 }) });
    expect(policiesOf(stack).map((p) => p.name)).toEqual(['audit-guardrails', 'audit-guardrails-2', 'audit-guardrails-3']);
  });

  test('describes each policy with its statement ids by default', () => {
    const { stack } = scpStack();
    Template.fromStack(stack).hasResourceProperties('AWS::Organizations::Policy', {
      Description: 'cdk-audit-baseline Org/Guardrails (1/1): DenyLeaveOrganization',
    });
  });

  test('addGuardrail adds a policy when the statements no longer fit', () => {
    const { stack, scp } = scpStack({ guardrails: distinctGuardrails(1), limits: AwsLimits.of({ scpDocumentCharacters: 700 }) });
    expect(scp.policyCount).toBe(1);
    scp.addGuardrail(Guardrail.denyResourcesOutsideOrganization({ sid: 'More', actions: ['kms:*'], exemptPrincipalArns: ['arn:aws:iam::444455556666:role/X'], ...LEAN }));
    expect(scp.policyCount).toBe(2);
    Template.fromStack(stack).resourceCountIs('AWS::Organizations::Policy', 2);
  });

  test('renders the same partition-free document in aws, aws-cn, aws-us-gov and env-agnostic stacks (B5.5)', () => {
    const render = (env?: { account: string; region: string }) => {
      const stack = new Stack(new App(), 'Org', { env });
      new OrgGuardrailScp(stack, 'Guardrails', {
        targetIds: [ANY.root],
        guardrails: [Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'], adminPrincipalArns: ['arn:aws-cn:iam::222233334444:role/Admin'] })],
      });
      return JSON.stringify(Template.fromStack(stack).toJSON().Resources);
    };
    const agnostic = render();
    expect(render({ account: '111111111111', region: 'cn-north-1' })).toBe(agnostic);
    expect(render({ account: '111111111111', region: 'us-gov-west-1' })).toBe(agnostic);
    expect(render({ account: '111111111111', region: 'eu-west-1' })).toBe(agnostic);
    expect(agnostic).not.toMatch(/arn:aws:|AWS::Partition/);
  });

  test('warns when a target is the organization root (test on an OU first, R-313)', () => {
    const { stack } = scpStack({ targetIds: [ANY.root] });
    Annotations.fromStack(stack).hasWarning('/Org/Guardrails', Match.stringLikeRegexp('attached to the root r-acroot, so they apply to every account'));
  });

  test('does not warn for OU and account targets', () => {
    const { stack } = scpStack({ targetIds: [ANY.sports, '444455556666'] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('has no unacknowledged cdk-nag findings', () => {
    const { stack } = scpStack({ guardrails: [Guardrail.denyLeaveOrganization(LEAN), Guardrail.denyRegionsOutside({ ...LEAN, allowedRegions: ['eu-west-1'] })] });
    expect(nagFindings(stack)).toEqual([]);
  });

  describe('limits', () => {
    test('fails at synth when a target has too few free slots, with the figures', () => {
      const { stack } = scpStack({
        guardrails: distinctGuardrails(3),
        limits: AwsLimits.of({ scpDocumentCharacters: 1000 }),
        slotsAlreadyTaken: 8,
      });
      expect(() => Template.fromStack(stack)).toThrow(
        /Org\/Guardrails.*the statements need 3 service control policies \(\d{3}, \d{3}, \d{3} characters; limit 1,000 each\), but target "ou-acroot-sportsou" has 2 free slots \(limit 10 per target, 8 already taken\)/);
    });

    test('counts the slots of each target separately (Control Tower takes 3 more on its OUs)', () => {
      const { scp } = scpStack({
        targetIds: [ANY.sports, ANY.media],
        guardrails: distinctGuardrails(3),
        limits: AwsLimits.of({ scpDocumentCharacters: 1000 }),
        slotsAlreadyTakenByTarget: { [ANY.media]: 8 },
      });
      const problems = scp.validateForServiceControlPolicy();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/target "ou-acroot-mediaou1" has 2 free slots \(limit 10 per target, 8 already taken\)/);
    });

    test('uses the 2026 limits by default: 10 slots, FullAWSAccess takes one', () => {
      const { scp } = scpStack({ guardrails: distinctGuardrails(9), limits: AwsLimits.of({ scpDocumentCharacters: 700 }) });
      expect(scp.policyCount).toBe(9);
      expect(scp.validateForServiceControlPolicy()).toEqual([]);
      scp.addGuardrail(Guardrail.denyLeaveOrganization({ ...LEAN, exemptPrincipalArns: ['arn:aws:iam::444455556666:role/BreakGlass'] }));
      expect(scp.validateForServiceControlPolicy()[0]).toMatch(/need 10 service control policies .* has 9 free slots \(limit 10 per target, 1 already taken\)/);
    });

    test('honours the older limits when given (5 slots)', () => {
      const { scp } = scpStack({ guardrails: distinctGuardrails(5), limits: AwsLimits.of({ scpDocumentCharacters: 700, scpsPerTarget: 5 }) });
      expect(scp.validateForServiceControlPolicy()[0]).toMatch(/has 4 free slots \(limit 5 per target, 1 already taken\)/);
    });

    test('fails when one statement alone exceeds the size limit, with the figures', () => {
      const { scp } = scpStack({
        guardrails: [Guardrail.denyRegionsOutside({ ...LEAN, allowedRegions: ['eu-west-1'] })],
        limits: AwsLimits.of({ scpDocumentCharacters: 800 }),
      });
      expect(scp.validateForServiceControlPolicy()).toEqual([
        expect.stringMatching(/^statement "DenyRegionsOutside" alone needs \d{3} characters as a document, the SCP limit is 800: split it/),
      ]);
    });

    test('fails at synth when there is no guardrail', () => {
      const { stack } = scpStack({ guardrails: [] });
      expect(() => Template.fromStack(stack)).toThrow(/Org\/Guardrails.*no guardrails: add at least one/);
    });

    test('property: every statement is placed once and no policy is over the limit', () => {
      fc.assert(fc.property(
        fc.array(fc.record({
          kind: fc.constantFrom('org', 'paths', 'accounts', 'leave', 'regions'),
          actions: fc.subarray(['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'dynamodb:*'], { minLength: 1 }),
          exempt: fc.integer({ min: 0, max: 3 }),
        }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2200, max: 10_240 }),
        (specs, limit) => {
          const guardrails = specs.map((s, i) => {
            const common = { ...LEAN, sid: `G${i}`, exemptPrincipalArns: Array.from({ length: s.exempt }, (_, j) => `arn:aws:iam::444455556666:role/Ex${i}x${j}`) };
            switch (s.kind) {
              case 'org': return Guardrail.denyResourcesOutsideOrganization({ ...common, actions: s.actions });
              case 'paths': return Guardrail.denyResourcesOutsideOrgPaths({ ...common, actions: s.actions, orgPaths: [`${orgPath(ANY.media)}*`] });
              case 'accounts': return Guardrail.denyResourcesOutsideAccounts({ ...common, actions: s.actions, trustedAccounts: [VENDOR] });
              case 'leave': return Guardrail.denyLeaveOrganization(common);
              default: return Guardrail.denyRegionsOutside({ ...common, allowedRegions: ['eu-west-1'] });
            }
          });
          const { stack } = scpStack({ guardrails, limits: AwsLimits.of({ scpDocumentCharacters: limit, scpsPerTarget: 50 }) });
          const policies = policiesOf(stack);
          const placed = policies.flatMap((p) => p.document.Statement.map((s: any) => s.Sid as string));
          // merged statements carry the joined Sids of their guardrails, in order
          expect(placed.join('|').split(/(?=G\d)|\|/).filter(Boolean).sort()).toEqual(guardrails.map((g) => g.sid).sort());
          for (const p of policies) expect(compactLength(p.document)).toBeLessThanOrEqual(limit);
        },
      ), { numRuns: 25 });
    });
  });

  describe('bad input', () => {
    test.each([
      ['r-AB12', /targetIds\[0\] must be an organization root ID: "r-" and 4-32 lowercase letters or digits/],
      ['ou-ab12-1111', /targetIds\[0\] must be an organizational unit ID/],
      ['12345678901', /targetIds\[0\] must be a 12-digit AWS account ID .*got "12345678901": it has 11 digits/],
      ['Sports', /targetIds\[0\] must be a root ID \("r-ab12"\), an OU ID \("ou-ab12-11111111"\) or a 12-digit account ID, got "Sports"/],
    ])('fails on the target %s', (target, message) => {
      expect(() => scpStack({ targetIds: [target] })).toThrow(message);
    });

    test('fails on a target listed twice', () => {
      expect(() => scpStack({ targetIds: [ANY.media, ANY.media] })).toThrow(/targetIds lists "ou-acroot-mediaou1" more than once/);
    });

    test('fails on a negative slot count', () => {
      expect(() => scpStack({ slotsAlreadyTaken: -1 })).toThrow(/slotsAlreadyTaken must be a whole number of 0 or more, got -1/);
    });

    test('fails on a slot count for a target that is not attached', () => {
      expect(() => scpStack({ slotsAlreadyTakenByTarget: { [ANY.media]: 4 } }))
        .toThrow(/slotsAlreadyTakenByTarget names "ou-acroot-mediaou1", which is not in targetIds/);
    });

    test('fails on a policy name that leaves no room for the suffix', () => {
      expect(() => scpStack({ policyName: 'x'.repeat(126) })).toThrow(/policyName must have 1-125 characters/);
    });

    test('fails on two guardrails with the same sid', () => {
      expect(() => scpStack({ guardrails: [Guardrail.denyLeaveOrganization(LEAN), Guardrail.denyLeaveOrganization(LEAN)] }))
        .toThrow(/guardrails has more than one guardrail with sid "DenyLeaveOrganization"/);
    });

    test('addGuardrail fails on a sid already used', () => {
      const { scp } = scpStack();
      expect(() => scp.addGuardrail(Guardrail.denyLeaveOrganization(LEAN))).toThrow(/^Org\/Guardrails: a guardrail with sid "DenyLeaveOrganization" is already added/);
    });

    test('addGuardrail fails once the policies were rendered (statements frozen at resolve)', () => {
      const { stack, scp } = scpStack();
      Template.fromStack(stack);
      expect(() => scp.addGuardrail(Guardrail.denyRegionsOutside({ ...LEAN, allowedRegions: ['eu-west-1'] })))
        .toThrow(/cannot add guardrail "DenyRegionsOutside": the policies were already rendered/);
    });
  });
});
