import * as fc from 'fast-check';
// The benchmark's exhaustive search, independent of the library's: the reference optimum.
import { bruteForceOptimum } from '../../../bench/packing';
import { lowerBoundOf, mergeStatements, packDocuments, packFirstFitDecreasing } from '../../../src/guardrails/private/packing';
import { GuardrailStatement } from '../../../src/guardrails/private/statement';

const condition = { StringNotEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } };

describe('packing', () => {
  describe('mergeStatements', () => {
    test('merges statements that differ only in actions, with the union sorted and the Sids joined', () => {
      const merged = mergeStatements([
        { sid: 'A', action: ['sqs:*', 's3:*'], resource: ['*'], condition },
        { sid: 'B', action: ['kms:*', 's3:*'], resource: ['*'], condition },
      ]);
      expect(merged).toEqual([{ sid: 'AB', action: ['kms:*', 's3:*', 'sqs:*'], resource: ['*'], condition }]);
    });

    test('does not merge statements whose conditions differ', () => {
      const other = { StringNotEquals: { 'aws:ResourceOrgID': 'o-zzzzzzzzzz' } };
      const input: GuardrailStatement[] = [
        { sid: 'A', action: ['s3:*'], resource: ['*'], condition },
        { sid: 'B', action: ['s3:*'], resource: ['*'], condition: other },
      ];
      expect(mergeStatements(input)).toEqual(input);
    });

    test('does not merge statements whose resources differ', () => {
      const input: GuardrailStatement[] = [
        { sid: 'A', action: ['s3:*'], resource: ['*'], condition },
        { sid: 'B', action: ['s3:*'], resource: ['arn:aws:s3:::*/*'], condition },
      ];
      expect(mergeStatements(input)).toHaveLength(2);
    });

    test('never merges NotAction statements (a union would widen the deny)', () => {
      const input: GuardrailStatement[] = [
        { sid: 'A', notAction: ['iam:*'], resource: ['*'], condition },
        { sid: 'B', notAction: ['sts:*'], resource: ['*'], condition },
      ];
      expect(mergeStatements(input)).toEqual(input);
    });

    test('treats conditions with the same content in another key order as equal', () => {
      const a = { StringNotEquals: { x: '1' }, Bool: { y: 'false' } };
      const b = { Bool: { y: 'false' }, StringNotEquals: { x: '1' } };
      expect(mergeStatements([
        { sid: 'A', action: ['s3:*'], resource: ['*'], condition: a },
        { sid: 'B', action: ['kms:*'], resource: ['*'], condition: b },
      ])).toHaveLength(1);
    });

    test('keeps each group at the position of its first statement', () => {
      const other = { Bool: { 'aws:ViaAWSService': 'false' } };
      const merged = mergeStatements([
        { sid: 'A', action: ['s3:*'], resource: ['*'], condition },
        { sid: 'X', action: ['s3:*'], resource: ['*'], condition: other },
        { sid: 'B', action: ['kms:*'], resource: ['*'], condition },
      ]);
      expect(merged.map((s) => s.sid)).toEqual(['AB', 'X']);
    });
  });

  describe('packFirstFitDecreasing', () => {
    test('puts everything in one document when it fits', () => {
      expect(packFirstFitDecreasing([100, 200, 300], 1000, 40)).toEqual({ documents: [[0, 1, 2]], sizes: [40 + 600 + 2], oversized: [] });
    });

    test('counts the commas between statements', () => {
      // 40 + 480 + 479 + 1 comma = 1000 fits exactly; one more character does not.
      expect(packFirstFitDecreasing([480, 479], 1000, 40).documents).toEqual([[0, 1]]);
      expect(packFirstFitDecreasing([480, 480], 1000, 40).documents).toEqual([[0], [1]]);
    });

    test('reaches the optimum where first fit in input order does not', () => {
      // capacity 100, no overhead: first fit in input order needs 3 documents
      // ([34,25] [52,19] [57]); largest first gives 2 ([57,34] [52,25,19]).
      const result = packFirstFitDecreasing([34, 25, 52, 19, 57], 100, 0);
      expect(result.documents).toEqual([[0, 4], [1, 2, 3]]);
    });

    test('reports a statement too large on its own and gives it a document', () => {
      const result = packFirstFitDecreasing([50, 2000, 60], 1000, 40);
      expect(result.oversized).toEqual([1]);
      expect(result.documents).toEqual([[0, 2], [1]]);
    });

    test('is deterministic: equal sizes keep their input order', () => {
      expect(packFirstFitDecreasing([500, 500, 500], 1100, 40).documents).toEqual([[0, 1], [2]]);
    });

    test('property: every statement placed once, no document over the limit, no two documents mergeable', () => {
      fc.assert(fc.property(
        fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 40 }),
        fc.integer({ min: 500, max: 10240 }),
        fc.integer({ min: 0, max: 60 }),
        (sizes, capacity, overhead) => {
          const { documents, sizes: docSizes, oversized } = packFirstFitDecreasing(sizes, capacity, overhead);
          const placed = documents.flat().sort((a, b) => a - b);
          expect(placed).toEqual(sizes.map((_, i) => i));
          documents.forEach((doc, d) => {
            const load = overhead + doc.reduce((sum, i) => sum + sizes[i], 0) + doc.length - 1;
            expect(docSizes[d]).toBe(load);
            if (doc.length > 1 || !oversized.includes(doc[0])) {
              expect(load).toBeLessThanOrEqual(capacity);
            }
          });
          expect(oversized).toEqual(sizes.map((s, i) => (overhead + s > capacity ? i : -1)).filter((i) => i >= 0));
          // First fit: no two documents that hold no oversized item could share one.
          const regular = docSizes.filter((_, d) => !oversized.includes(documents[d][0]));
          for (let a = 0; a < regular.length; a++) {
            for (let b = a + 1; b < regular.length; b++) {
              expect(regular[a] + regular[b] - overhead + 1).toBeGreaterThan(capacity);
            }
          }
          // Never fewer documents than the sizes of the regular statements force.
          const total = sizes.filter((_, i) => !oversized.includes(i)).reduce((x, y) => x + y, 0);
          expect(regular.length).toBeGreaterThanOrEqual(Math.ceil(total / capacity));
        },
      ), { numRuns: 300 });
    });
  });
});

/** Uneven statement sizes as guardrails have them: mostly small, some large. */
const unevenSize = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 60, max: 900 }) },
  { weight: 3, arbitrary: fc.integer({ min: 900, max: 3500 }) },
  { weight: 2, arbitrary: fc.integer({ min: 3500, max: 9000 }) },
);

describe('packDocuments (exact search with bounds)', () => {
  function checkPacking(sizes: number[], capacity: number, overhead: number, result: ReturnType<typeof packDocuments>) {
    expect(result.documents.flat().sort((a, b) => a - b)).toEqual(sizes.map((_, i) => i));
    result.documents.forEach((doc, d) => {
      const load = overhead + doc.reduce((sum, i) => sum + sizes[i], 0) + doc.length - 1;
      expect(result.sizes[d]).toBe(load);
      if (doc.length > 1 || !result.oversized.includes(doc[0])) expect(load).toBeLessThanOrEqual(capacity);
    });
  }

  test('finds the optimum where first fit decreasing uses one document more', () => {
    // Weights (size + 1 for the comma) 69, 61, 53, 31, 23, 21, 17, 12, 10 in
    // bins of 100: FFD needs 4, three suffice ([69, 31] [61, 17, 12, 10] [53, 23, 21]).
    const sizes = [21, 61, 10, 31, 12, 17, 23, 53, 69].map((w) => w - 1);
    const capacity = 99;
    const ffd = packFirstFitDecreasing(sizes, capacity, 0);
    const exact = packDocuments(sizes, capacity, 0);
    expect(ffd.documents.length).toBe(bruteForceOptimum(sizes, capacity, 0) + 1);
    expect(exact.documents.length).toBe(bruteForceOptimum(sizes, capacity, 0));
    expect(exact.optimal).toBe(true);
    checkPacking(sizes, capacity, 0, exact);
  });

  test('keeps the first-fit-decreasing packing when it meets the lower bound (no churn)', () => {
    const sizes = [34, 25, 52, 19, 57];
    const exact = packDocuments(sizes, 100, 0);
    expect(exact.documents).toEqual(packFirstFitDecreasing(sizes, 100, 0).documents);
    expect(exact).toMatchObject({ lowerBound: 2, optimal: true, fit: 'fits', steps: 0 });
  });

  test('reports oversized items in documents of their own, outside the search', () => {
    const result = packDocuments([50, 2000, 60], 1000, 40, { maxDocuments: 1 });
    expect(result.oversized).toEqual([1]);
    expect(result.documents).toEqual([[0, 2], [1]]);
    expect(result.fit).toBe('does-not-fit');
  });

  test('says "unknown", not "does not fit", when the step budget runs out before a proof', () => {
    // 3 bins of 100 hold these exactly (a 3-partition); with 1 search step nothing is proven.
    const sizes = [50, 30, 20, 45, 35, 20, 40, 33, 27].map((s) => s - 1);
    const result = packDocuments(sizes, 99, 0, { maxDocuments: 3, searchSteps: 1, slotSearchSteps: 1 });
    expect(result.fit).toBe('unknown');
    const full = packDocuments(sizes, 99, 0, { maxDocuments: 3 });
    expect(full.fit).toBe('fits');
    expect(full.documents).toHaveLength(3);
  });

  test('property: the same number of documents as the brute-force optimum, on uneven sizes', () => {
    fc.assert(fc.property(
      fc.array(unevenSize, { maxLength: 9 }),
      fc.integer({ min: 0, max: 60 }),
      (sizes, overhead) => {
        const capacity = 10_240;
        const result = packDocuments(sizes, capacity, overhead);
        checkPacking(sizes, capacity, overhead, result);
        const optimum = bruteForceOptimum(sizes, capacity, overhead);
        expect(result.documents.length).toBe(optimum);
        expect(result.optimal).toBe(true);
        expect(result.lowerBound).toBeLessThanOrEqual(optimum);
      },
    ), { numRuns: 400 });
  });

  test('property: optimal on dense sets where first fit decreasing often is not', () => {
    let ffdWorse = 0;
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 9, max: 70 }), { minLength: 4, maxLength: 10 }),
      (sizes) => {
        const result = packDocuments(sizes, 99, 0);
        checkPacking(sizes, 99, 0, result);
        const optimum = bruteForceOptimum(sizes, 99, 0);
        expect(result.documents.length).toBe(optimum);
        expect(result.optimal).toBe(true);
        if (packFirstFitDecreasing(sizes, 99, 0).documents.length > optimum) ffdWorse++;
      },
    ), { numRuns: 1000, seed: 18 });
    // The sets must include cases the search improves, or the property proves nothing.
    expect(ffdWorse).toBeGreaterThan(0);
  });

  test('property: no false refusal at the slot limit, and a refusal only when none fits', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 9, max: 70 }), { minLength: 1, maxLength: 10 }),
      fc.integer({ min: 1, max: 6 }),
      (sizes, slots) => {
        const result = packDocuments(sizes, 99, 0, { maxDocuments: slots });
        const optimum = bruteForceOptimum(sizes, 99, 0);
        expect(result.fit).toBe(optimum <= slots ? 'fits' : 'does-not-fit');
        if (result.fit === 'fits') expect(result.documents.length).toBeLessThanOrEqual(slots);
      },
    ), { numRuns: 1000, seed: 18 });
  });

  test('property: deterministic, the same sizes give the same documents', () => {
    fc.assert(fc.property(fc.array(unevenSize, { maxLength: 30 }), (sizes) => {
      expect(packDocuments(sizes, 10_240, 40)).toEqual(packDocuments([...sizes], 10_240, 40));
    }), { numRuns: 100 });
  });

  test('lowerBoundOf counts items too large to share a bin (L2)', () => {
    // Three items over half a bin need three bins although the total fits two.
    expect(lowerBoundOf([60, 55, 51], 100)).toBe(3);
    expect(lowerBoundOf([50, 50, 50, 50], 100)).toBe(2);
    expect(lowerBoundOf([], 100)).toBe(0);
  });
});
