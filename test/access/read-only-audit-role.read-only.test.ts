import * as iam from 'aws-cdk-lib/aws-iam';
import { ACCOUNT, EXTERNAL_ID, VENDOR, concreteStack, onlyOf, templateOf, undeclaredWrites } from './_helpers';
import { AuditPermissions, ReadOnlyAuditRole, ReadOnlyAuditRoleProps } from '../../src/access';
import { identityPolicies, nonReadActions, unknownActions, type PolicyDoc } from '../harness';

/**
 * Tamper evidence: nothing the role's own policies grant is a write. Every
 * action of every Allow statement of the role's inline policies and of any
 * policy attached to it in the template is expanded (wildcards included) and
 * looked up in AWS's service authorization data (iam-data): it must be List
 * or Read. The only exceptions are the resource-scoped Write actions a bundle
 * declares in `writeActions` (consuming a queue deletes its messages).
 * The AWS managed policies are checked in
 * `audit-permissions.managed-policies.test.ts`.
 */

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:cloudtrail-data-events`;

interface Built {
  readonly docs: PolicyDoc[];
  readonly template: any;
  readonly role: ReadOnlyAuditRole;
}

function documentsOf(props: Partial<ReadOnlyAuditRoleProps>, after?: (role: ReadOnlyAuditRole) => void): Built {
  const stack = concreteStack();
  const role = new ReadOnlyAuditRole(stack, 'AuditRole', { trustedAccountId: VENDOR, externalId: EXTERNAL_ID, ...props });
  after?.(role);
  const template = templateOf(stack);
  return { docs: identityPolicies(template, onlyOf(template, 'AWS::IAM::Role')).documents, template, role };
}

const EVERY_READ_BUNDLE = [
  AuditPermissions.VIEW_ONLY_ACCESS, AuditPermissions.BUDGETS_READ, AuditPermissions.COST_EXPLORER_READ,
  AuditPermissions.CLOUDTRAIL_READ, AuditPermissions.IAM_READ, AuditPermissions.CLOUDWATCH_LOGS_READ,
  AuditPermissions.CLOUDWATCH_READ, AuditPermissions.GUARDDUTY_READ, AuditPermissions.INSPECTOR_CLASSIC_FINDINGS,
  AuditPermissions.INSPECTOR_FINDINGS, AuditPermissions.SHIELD_ATTACKS, AuditPermissions.FLOW_LOG_ENRICHMENT,
  AuditPermissions.redshiftAuditLogs(['redshift-cluster-1-db-audit-log', 'redshift-bucket-3']),
];

describe('ReadOnlyAuditRole is read-only (iam-data access levels)', () => {
  test('the default role defines no policy of its own: SecurityAudit is its only permission', () => {
    const { docs } = documentsOf({});
    expect(docs).toEqual([]);
  });

  test('a role with every read bundle grants no action that is not List or Read', () => {
    const { docs } = documentsOf({ permissions: EVERY_READ_BUNDLE });
    expect(docs.length).toBeGreaterThan(0);
    expect(undeclaredWrites(docs)).toEqual([]);
    expect(nonReadActions(docs)).toEqual([]);
  });

  test('a role with every read bundle emits only actions that exist', () => {
    const { template } = documentsOf({ permissions: EVERY_READ_BUNDLE });
    expect(unknownActions(template)).toEqual([]);
  });

  test('a queue consumer grants exactly the Write action consumeQueues declares, on its queue only', () => {
    const bundle = AuditPermissions.consumeQueues([QUEUE]);
    const { docs } = documentsOf({ permissions: [bundle] });
    expect(nonReadActions(docs)).toEqual(['sqs:DeleteMessage']);
    expect(undeclaredWrites(docs, bundle.writeActions)).toEqual([]);
    const writes = docs.flatMap((d) => d.Statement).filter((s: any) => [].concat(s.Action).includes('sqs:DeleteMessage' as never));
    expect(writes.map((s: any) => s.Resource)).toEqual([QUEUE]);
  });

  describe('the check fails when a write is added', () => {
    // additionalStatements refuses these at synth (test/core/private/read-only-actions.test.ts),
    // so they are added to the role afterwards, as another construct could.
    const addStatement = (role: ReadOnlyAuditRole, actions: string[], resource: string) =>
      iam.Grant.addToPrincipal({ grantee: role, actions, resourceArns: [resource] });

    test('a Write action in additionalStatements is reported with its access level', () => {
      const { docs } = documentsOf({}, (role) => addStatement(role, ['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::audit/*'));
      expect(undeclaredWrites(docs)).toEqual(['s3:PutObject=Write']);
    });

    test('a Permissions management action is reported', () => {
      const { docs } = documentsOf({}, (role) => addStatement(role, ['iam:PutRolePolicy'], '*'));
      expect(undeclaredWrites(docs)).toEqual(['iam:PutRolePolicy=Permissions management']);
    });

    test('a wildcard is expanded, so a write prefix cannot hide behind it', () => {
      const { docs } = documentsOf({}, (role) => addStatement(role, ['ec2:Describe*', 'ec2:Terminate*'], '*'));
      expect(undeclaredWrites(docs)).toEqual(['ec2:TerminateClientVpnConnections=Write', 'ec2:TerminateInstances=Write']);
    });

    test('a misspelled action is reported instead of passing as "matches nothing"', () => {
      const { docs } = documentsOf({}, (role) => addStatement(role, ['s3:PutObjekt'], '*'));
      expect(undeclaredWrites(docs)).toEqual(['unknown:s3:PutObjekt']);
    });

    test('a write granted to the role later by another construct is reported too', () => {
      const { docs } = documentsOf({}, (role) => {
        iam.Grant.addToPrincipal({ grantee: role, actions: ['sns:Publish'], resourceArns: [`arn:aws:sns:us-east-1:${ACCOUNT}:alerts`] });
      });
      expect(undeclaredWrites(docs)).toEqual(['sns:Publish=Write']);
    });

    test('a queue bundle\'s DeleteMessage is reported when its declaration is not passed', () => {
      const { docs } = documentsOf({ permissions: [AuditPermissions.consumeQueues([QUEUE])] });
      expect(undeclaredWrites(docs)).toEqual(['sqs:DeleteMessage=Write']);
    });
  });
});
