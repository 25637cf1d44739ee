import { externalIdMap, externalIdPoint } from '../../bench/account-external-ids';

/** Issue 18 / issue 15: the accountExternalIds dimension of the benchmark reports sizes or the library's error. */
describe('bench: accountExternalIds points', () => {
  test('the map has distinct 12-digit accounts and 20-character external IDs', () => {
    const map = externalIdMap(50);
    expect(Object.keys(map)).toHaveLength(50);
    for (const [account, id] of Object.entries(map)) {
      expect(account).toMatch(/^\d{12}$/);
      expect(id).toHaveLength(20);
    }
  });

  test('10 accounts: a template with one condition per account', () => {
    const point = externalIdPoint(10, 'stackset');
    expect(point).toMatchObject({ accounts: 10, kind: 'stackset', conditions: 10 });
    expect('templateBytes' in point && point.templateBytes).toBeGreaterThan(0);
  });

  test('past what a StackSet template holds, the point is the library\'s error with the limit', () => {
    const point = externalIdPoint(1000, 'stackset');
    expect('error' in point && point.error).toMatch(/51,?200/);
  });
});
