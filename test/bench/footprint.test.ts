import { App } from 'aws-cdk-lib';
import { Footprint, NEAR_LIMIT_RATIO, measureFootprint, nearLimits, worstFigure } from '../../bench/footprint';
import { synthOnce } from '../../bench/measure';
import { fakeAccounts, firstRegions } from '../../bench/org';
import { BenchOptions, defineLibraryApp, referenceOptions } from '../../bench/reference-app';

function footprintOf(options: BenchOptions): Footprint {
  let footprint: Footprint | undefined;
  synthOnce(defineLibraryApp, options, (app: App, _assembly, stacks) => { footprint = measureFootprint(app, stacks); });
  return footprint!;
}

describe('footprint', () => {
  const reference = footprintOf(referenceOptions(firstRegions(2)));

  test('measures both StackSet template bodies against the 51,200-byte TemplateBody limit', () => {
    const bodies = reference.templates.filter((f) => f.what === 'StackSet TemplateBody');
    expect(bodies).toHaveLength(2);
    expect(bodies.every((f) => f.limit === 51200 && f.size > 0)).toBe(true);
  });

  test('measures the trust policy of every role, member templates included', () => {
    const trusts = reference.policies.filter((f) => f.what === 'trust policy');
    // audit role in the member template and in the account stack; one delivery-status role per event stream (member + 2 regions)
    expect(trusts).toHaveLength(5);
    expect(trusts.some((f) => f.subject.includes('MemberTemplates/AuditRole'))).toBe(true);
  });

  test('counts the SCPs used against ceil(total characters / limit)', () => {
    expect(reference.scp).toHaveLength(1);
    const [scp] = reference.scp;
    expect(scp.lowerBound).toBe(Math.ceil(scp.totalCharacters / 10240));
    expect(scp.policies).toBeGreaterThanOrEqual(scp.lowerBound);
  });

  test('flags a queue policy close to the 8,192-byte SQS limit as the worst figure', () => {
    // CentralEventQueue refuses a policy over the limit at synth, so the
    // footprint can only see one that comes close: 350 listed accounts.
    const crowded = footprintOf({ ...referenceOptions(firstRegions(1)), queueSourceAccounts: fakeAccounts(350) });
    const worst = worstFigure(crowded);
    expect(worst.what).toBe('SQS queue policy');
    expect(worst.ratio).toBeGreaterThanOrEqual(NEAR_LIMIT_RATIO);
    expect(worst.ratio).toBeLessThanOrEqual(1);
    expect(nearLimits(crowded)).toContainEqual(worst);
  });

  test('nearLimits keeps exactly the figures at or above 75% of their limit', () => {
    const all = [...reference.templates, ...reference.policies];
    expect(nearLimits(reference)).toEqual(all.filter((f) => f.ratio >= NEAR_LIMIT_RATIO));
  });
});
