/**
 * Unit tests of src/stacksets/private/guide-policies.ts: the guide's
 * permission tables as data, in the guide's order, with the one named
 * deviation. That every action exists is checked in resource-permissions.test.ts.
 */
import {
  PUBLISHER_EXECUTION_ACTIONS,
  RECEIVER_EXECUTION_ACTIONS,
  RECEIVER_NON_ACTIONS,
  STACK_ACTIONS,
} from '../../../src/stacksets/private/guide-policies';
import { GUIDE_PUBLISHER, GUIDE_RECEIVER } from '../_helpers';

describe('guide-policies', () => {
  test('the receiver list is the guide\'s, in the guide\'s order, without the actions RECEIVER_NON_ACTIONS names (R-115, A-22)', () => {
    expect(RECEIVER_NON_ACTIONS).toEqual(['sqs:DeleteMessageBatch']);
    expect(RECEIVER_EXECUTION_ACTIONS).toEqual(GUIDE_RECEIVER.filter((a) => !RECEIVER_NON_ACTIONS.includes(a)));
    expect(RECEIVER_EXECUTION_ACTIONS).toHaveLength(24);
  });

  test('the publisher list is the guide\'s 18 actions, in the guide\'s order (R-118)', () => {
    expect(PUBLISHER_EXECUTION_ACTIONS).toEqual(GUIDE_PUBLISHER);
  });

  test('every variant holds every stack operation, and every stack operation is a CloudFormation stack action', () => {
    expect(STACK_ACTIONS.filter((a) => !RECEIVER_EXECUTION_ACTIONS.includes(a))).toEqual([]);
    expect(STACK_ACTIONS.filter((a) => !PUBLISHER_EXECUTION_ACTIONS.includes(a))).toEqual([]);
    expect(STACK_ACTIONS.filter((a) => !/^cloudformation:\w+$/.test(a))).toEqual([]);
    expect(STACK_ACTIONS).toHaveLength(10);
  });

  test('no list names an action twice', () => {
    for (const list of [STACK_ACTIONS, RECEIVER_EXECUTION_ACTIONS, PUBLISHER_EXECUTION_ACTIONS]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });
});
