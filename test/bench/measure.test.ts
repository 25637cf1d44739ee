import { errorLine, linearFit, median, synthOnce } from '../../bench/measure';
import { firstRegions } from '../../bench/org';
import { defineLibraryApp, referenceOptions } from '../../bench/reference-app';

describe('measure', () => {
  test('median of odd and even lists, and refuses an empty one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/empty/);
  });

  test('linearFit recovers a line exactly and reports a lower R² for scattered points', () => {
    const exact = linearFit([[1, 13], [2, 24], [4, 46]]);
    expect(exact.slope).toBeCloseTo(11);
    expect(exact.intercept).toBeCloseTo(2);
    expect(exact.r2).toBeCloseTo(1);
    expect(linearFit([[1, 1], [2, 5], [3, 0], [4, 6]]).r2).toBeLessThan(0.5);
  });

  test('errorLine skips the "Validation failed" header and the path prefix', () => {
    const e = new Error('Validation failed with the following errors:\n  [Management/Guardrails] statement too large');
    expect(errorLine(e)).toBe('statement too large');
  });

  test('synthOnce counts stacks, resources (StackSet member templates included) and template bytes', () => {
    const run = synthOnce(defineLibraryApp, referenceOptions(firstRegions(1)));
    // Management, Security, the preset's account stack and one event-stream stack
    expect(run.stacks).toBe(4);
    // 3 + 4 + 7 + 11 deployed, 1 + 11 in the two member templates
    expect(run.resources).toBe(37);
    expect(run.templateBytes).toBeGreaterThan(run.largestTemplateBytes);
    expect(run.ms).toBeGreaterThan(0);
  });
});
