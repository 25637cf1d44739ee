import { PROTECTED_ACTIONS } from '../../../src/guardrails/private/protected-actions';
import { accessLevelOf, actionExists } from '../../harness';

describe('protected-actions', () => {
  const all = Object.values(PROTECTED_ACTIONS).flat();

  test('every protected action exists in the service authorization data', () => {
    expect(all.filter((a) => !actionExists(a))).toEqual([]);
  });

  test('only writes are denied: reads of the setup stay allowed', () => {
    expect(all.filter((a) => ['List', 'Read'].includes(accessLevelOf(a)))).toEqual([]);
  });

  test('each kind lists only actions of its own service', () => {
    const service = { role: 'iam', rule: 'events', topic: 'sns', queue: 'sqs', trail: 'cloudtrail' } as const;
    for (const [kind, actions] of Object.entries(PROTECTED_ACTIONS)) {
      expect(actions.filter((a) => !a.startsWith(`${service[kind as keyof typeof service]}:`))).toEqual([]);
    }
  });

  test('creation is denied for every kind, so a protected name cannot be squatted', () => {
    expect(all).toEqual(expect.arrayContaining(['iam:CreateRole', 'sns:CreateTopic', 'sqs:CreateQueue', 'cloudtrail:CreateTrail', 'events:PutRule']));
  });
});
