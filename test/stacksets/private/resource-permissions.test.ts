import { PUBLISHER_EXECUTION_ACTIONS, RECEIVER_EXECUTION_ACTIONS, RECEIVER_NON_ACTIONS, STACK_ACTIONS } from '../../../src/stacksets/private/guide-policies';
import { RESOURCE_TYPE_ACTIONS } from '../../../src/stacksets/private/resource-permissions';
import { actionExists } from '../../harness';

describe('resource-permissions', () => {
  test.each(Object.entries(RESOURCE_TYPE_ACTIONS))('every action for %s exists in the IAM service reference', (_type, actions) => {
    expect(actions.filter((a) => !actionExists(a))).toEqual([]);
  });

  test('every action of the guide tables exists', () => {
    const all = [...STACK_ACTIONS, ...RECEIVER_EXECUTION_ACTIONS, ...PUBLISHER_EXECUTION_ACTIONS];
    expect(all.filter((a) => !actionExists(a))).toEqual([]);
  });

  test('the actions dropped from the guide are indeed not IAM actions (A-22)', () => {
    expect(RECEIVER_NON_ACTIONS.filter((a) => actionExists(a))).toEqual([]);
  });

  test('no table lists an action twice', () => {
    for (const actions of Object.values(RESOURCE_TYPE_ACTIONS)) {
      expect(new Set(actions).size).toBe(actions.length);
    }
  });
});
