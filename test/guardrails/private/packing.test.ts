import * as fc from 'fast-check';
import { mergeStatements, packFirstFitDecreasing } from '../../../src/guardrails/private/packing';
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
