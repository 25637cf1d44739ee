/**
 * Unit tests of src/access/private/permission-data.ts: invariants of the bundle
 * data itself (each bundle's content per the vendor guides, the existence and
 * access level of each action are tested in test/access/audit-permissions.test.ts).
 */
import { AuditPermissions } from '../../../src/access';
import * as data from '../../../src/access/private/permission-data';

const BUNDLES = Object.entries(data).filter((e): e is [string, data.FixedBundle] => !Array.isArray(e[1]));
const ACTION_LISTS = Object.entries(data).filter((e): e is [string, string[]] => Array.isArray(e[1]));

describe('permission-data', () => {
  test('every fixed bundle is an AuditPermissions constant of the same name, with the same content', () => {
    expect(BUNDLES.length).toBe(13);
    for (const [constant, bundle] of BUNDLES) {
      const published = (AuditPermissions as unknown as Record<string, AuditPermissions>)[constant];
      expect({ constant, name: published?.name, managedPolicyNames: published?.managedPolicyNames, actions: published?.actions })
        .toEqual({ constant, name: bundle.name, managedPolicyNames: bundle.managedPolicyNames, actions: bundle.actions });
    }
  });

  test('bundle names are distinct PascalCase words, valid as Sids and inline policy names', () => {
    const names = BUNDLES.map(([, b]) => b.name);
    expect(names.filter((n) => !/^[A-Z][A-Za-z0-9]{0,99}$/.test(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  test('every fixed bundle grants something: an AWS managed policy or an action', () => {
    expect(BUNDLES.filter(([, b]) => b.managedPolicyNames.length === 0 && b.actions.length === 0).map(([c]) => c)).toEqual([]);
  });

  test('no list names an action twice, and every action is "<service>:<Action>" without a wildcard', () => {
    const lists: Array<[string, string[]]> = [...BUNDLES.map(([c, b]): [string, string[]] => [c, b.actions]), ...ACTION_LISTS];
    for (const [name, actions] of lists) {
      expect({ name, duplicates: actions.filter((a, i) => actions.indexOf(a) !== i) }).toEqual({ name, duplicates: [] });
      expect({ name, malformed: actions.filter((a) => !/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/.test(a)) }).toEqual({ name, malformed: [] });
    }
  });

  test('the Write actions of the queue bundle are among its actions', () => {
    expect(data.CONSUME_QUEUE_WRITE_ACTIONS.filter((a) => !data.CONSUME_QUEUE_ACTIONS.includes(a))).toEqual([]);
    expect(data.CONSUME_QUEUE_WRITE_ACTIONS).toEqual(['sqs:DeleteMessage']);
  });
});
