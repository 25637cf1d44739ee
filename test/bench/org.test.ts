import { App } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { commercialRegions, fakeAccounts, firstRegions, guardrails } from '../../bench/org';
import { defineLibraryApp, referenceOptions } from '../../bench/reference-app';

describe('org', () => {
  test('commercialRegions lists every aws-partition region aws-cdk-lib knows', () => {
    const expected = RegionInfo.regions.filter((r) => r.partition === 'aws').map((r) => r.name);
    expect(commercialRegions().sort()).toEqual(expected.sort());
    expect(commercialRegions()).not.toContain('us-gov-west-1');
  });

  test('firstRegions starts with us-east-1 (global service events) and refuses out-of-range counts', () => {
    expect(firstRegions(1)).toEqual(['us-east-1']);
    expect(new Set(firstRegions(commercialRegions().length)).size).toBe(commercialRegions().length);
    expect(() => firstRegions(0)).toThrow(RangeError);
  });

  test('fakeAccounts gives distinct 12-digit IDs', () => {
    const ids = fakeAccounts(10000);
    expect(new Set(ids).size).toBe(10000);
    expect(ids.every((id) => /^\d{12}$/.test(id))).toBe(true);
  });

  test('guardrails gives n guardrails with distinct sids up to 50', () => {
    const sids = guardrails(50).map((g) => g.sid);
    expect(sids).toHaveLength(50);
    expect(new Set(sids).size).toBe(50);
  });

  // The benchmark's guardrail dimension synthesizes at every size it measures
  // (the library refuses some guardrail sets, e.g. onboarding exemptions with
  // no protectAuditSetup beside them; the benchmark must not hit that).
  test.each([1, 2, 5, 10, 25, 50])('the reference org synthesizes with %i guardrails', (n) => {
    const app = new App();
    defineLibraryApp(app, { ...referenceOptions(firstRegions(1)), guardrailCount: n });
    expect(() => app.synth()).not.toThrow();
  });
});
