import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsLimits, Guardrail, OrgGuardrailScp } from '../../src';
import * as policySize from '../../src/core/private/policy-size';
import { orgPolicySetConfig, slotProblems } from '../../src/guardrails/private/org-policy-set';
import { documentToJson, statementToJson } from '../../src/guardrails/private/statement';
import { organizationPolicyResources, resolveTemplate } from '../harness';
import { ANY } from './_helpers';

/**
 * Issue 18: the packing is an exact search (no SCP wasted, no false refusal
 * at the slot limit), and adding guardrails one by one costs what passing
 * them to the constructor costs (the plan is made once).
 */

// Exempt roles of one account, and no onboarding exemption: the subject here is
// the packing, not the checks that an exemption valid everywhere needs.
const ROLE = 'arn:aws:iam::111122223333:role/';

/** A guardrail whose statement measures exactly `size` characters (padding in an exempt role name). */
function guardrailOfSize(stack: Stack, sid: string, size: number): Guardrail {
  const make = (pad: number) => Guardrail.denyResourcesOutsideOrganization({ exemptOnboardingMachinery: false, sid, actions: ['s3:*'], exemptPrincipalArns: [`${ROLE}${'x'.repeat(pad)}`] });
  const base = policySize.measurePolicy(stack, 'scp', statementToJson(make(1)._statements()[0])).characters;
  const g = make(1 + size - base);
  expect(policySize.measurePolicy(stack, 'scp', statementToJson(g._statements()[0])).characters).toBe(size);
  return g;
}

/**
 * Weights (statement size + 1 for the comma) 41, 42, 47, 33, 52, 40, 48, 22,
 * 27, 35 in bins of 100, scaled by 30: first fit decreasing needs 5
 * documents, 4 suffice.
 */
function ffdWorstCase(slotsAlreadyTaken: number) {
  const stack = new Stack(new App(), 'Org');
  const overhead = policySize.measurePolicy(stack, 'scp', documentToJson([])).characters;
  const weights = [41, 42, 47, 33, 52, 40, 48, 22, 27, 35];
  const guardrails = weights.map((w, i) => guardrailOfSize(stack, `Perimeter${i}`, 30 * w - 1));
  const limit = 3000 + overhead - 1;
  const scp = new OrgGuardrailScp(stack, 'Guardrails', {
    targetIds: [ANY.sports],
    guardrails,
    slotsAlreadyTaken,
    limits: AwsLimits.of({ scpDocumentCharacters: limit }),
  });
  return { stack, scp, limit };
}

describe('OrgGuardrailScp packing', () => {
  test('uses the optimum (4 policies) where first fit decreasing needed 5', () => {
    const { stack, scp, limit } = ffdWorstCase(1);
    expect(scp.policyCount).toBe(4);
    const policies = policiesOf(stack);
    expect(policies).toHaveLength(4);
    for (const p of policies) expect(JSON.stringify(p.document).length).toBeLessThanOrEqual(limit);
    expect(policies.flatMap((p) => p.document.Statement.map((s: { Sid?: unknown }) => String(s.Sid))).sort())
      .toEqual(Array.from({ length: 10 }, (_, i) => `Perimeter${i}`).sort());
  });

  test('no false refusal: 4 free slots are enough although first fit decreasing needs 5', () => {
    const { stack, scp } = ffdWorstCase(6);
    expect(scp.validateForServiceControlPolicy()).toEqual([]);
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('refuses at synth, with the construct path and the figures, when even the optimum needs more slots', () => {
    const { stack } = ffdWorstCase(7);
    expect(() => Template.fromStack(stack)).toThrow(
      /Org\/Guardrails.*the statements need 4 service control policies \([\d,]+, [\d,]+, [\d,]+, [\d,]+ characters; limit [\d,]+ each\), but target "ou-acroot-sportsou" has 3 free slots/);
  });

  test('is deterministic: the same guardrails give the same policies', () => {
    const render = () => JSON.stringify(policiesOf(ffdWorstCase(1).stack));
    expect(render()).toBe(render());
  });
});

describe('OrgGuardrailScp.addGuardrail is linear', () => {
  afterEach(() => jest.restoreAllMocks());

  function measured(oneByOne: boolean, count: number): number {
    const spy = jest.spyOn(policySize, 'measurePolicy');
    const stack = new Stack(new App(), 'Org');
    const guardrails = Array.from({ length: count }, (_, i) => Guardrail.denyResourcesOutsideOrganization({
      exemptOnboardingMachinery: false, sid: `Perimeter${i}`, actions: ['s3:*'], exemptPrincipalArns: [`${ROLE}Migration${i}`],
    }));
    if (oneByOne) {
      const scp = new OrgGuardrailScp(stack, 'Guardrails', { targetIds: [ANY.sports], guardrails: [guardrails[0]] });
      guardrails.slice(1).forEach((g) => scp.addGuardrail(g));
    } else {
      new OrgGuardrailScp(stack, 'Guardrails', { targetIds: [ANY.sports], guardrails });
    }
    Template.fromStack(stack);
    const calls = spy.mock.calls.length;
    spy.mockRestore();
    return calls;
  }

  test('guardrails added one by one are measured as often as guardrails given at once (the plan is made once)', () => {
    // Re-planning on each call measured every statement again: 40 calls cost 40 x 40 / 2 measurements.
    expect(measured(true, 40)).toBe(measured(false, 40));
    expect(measured(true, 40)).toBeLessThan(2 * 40 + 10);
  });

  test('policyCount after each addition reflects the guardrails added so far', () => {
    const stack = new Stack(new App(), 'Org');
    const scp = new OrgGuardrailScp(stack, 'Guardrails', { targetIds: [ANY.sports], limits: AwsLimits.of({ scpDocumentCharacters: 1000 }) });
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      // Twelve exempt roles make each statement longer than half of the 1,000 characters.
      const exemptPrincipalArns = Array.from({ length: 12 }, (_, j) => `${ROLE}Migration${i}-${j}`);
      scp.addGuardrail(Guardrail.denyResourcesOutsideOrganization({ exemptOnboardingMachinery: false, sid: `P${i}`, actions: ['s3:*'], exemptPrincipalArns }));
      counts.push(scp.policyCount);
    }
    expect(counts).toEqual([1, 2, 3]);
    Template.fromStack(stack).resourceCountIs('AWS::Organizations::Policy', 3);
  });
});

function policiesOf(stack: Stack) {
  return organizationPolicyResources(resolveTemplate(Template.fromStack(stack).toJSON()), 'SERVICE_CONTROL_POLICY');
}

describe('slotProblems', () => {
  test('says the search gave up, not that the statements do not fit, when nothing was proven', () => {
    const config = orgPolicySetConfig('scp', { targetIds: [ANY.sports], slotsAlreadyTaken: 8 });
    const plan = { documents: [[], [], []], sizes: [9000, 9000, 9000], problems: [], fit: 'unknown' as const, steps: 5_000_000 };
    expect(slotProblems(config, plan)).toEqual([
      'the best packing found needs 3 service control policies (9,000, 9,000, 9,000 characters; limit 10,240 each), and the search stopped after 5,000,000 steps '
      + 'without finding a packing into 2 or proving that none exists, but target "ou-acroot-sportsou" has 2 free slots (limit 10 per target, 8 already taken): '
      + 'remove guardrails, attach some of them to a parent OU instead (inherited policies take no slot), or correct slotsAlreadyTaken',
    ]);
  });
});
