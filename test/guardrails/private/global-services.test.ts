import { GLOBAL_SERVICE_ACTIONS, globalServiceActions } from '../../../src/guardrails/private/global-services';
import { expandAction } from '../../harness';

describe('global-services', () => {
  test('every exempted action or pattern matches an action in the service authorization data', () => {
    const unmatched = globalServiceActions().filter((a) => expandAction(a).length === 0);
    expect(unmatched).toEqual([]);
  });

  test('no entry is listed twice', () => {
    const all = globalServiceActions();
    expect(all.filter((a, i) => all.indexOf(a) !== i)).toEqual([]);
  });

  test('covers the global control planes the IAM user guide names (CloudFront, IAM, Route 53, Support)', () => {
    expect(globalServiceActions()).toEqual(expect.arrayContaining(['cloudfront:*', 'iam:*', 'route53:*', 'support:*', 'organizations:*']));
  });

  test('every group says why it is exempt', () => {
    for (const g of GLOBAL_SERVICE_ACTIONS) expect(g.why.length).toBeGreaterThan(10);
  });
});
