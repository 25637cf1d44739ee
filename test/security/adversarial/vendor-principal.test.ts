import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ELSEWHERE, ESCALATION_MOVES, PUBLISHER, RECEIVER, VendorMove, VendorOperation } from './vendor-moves';
import { AuditPermissions, ReadOnlyAuditRole, ReadOnlyAuditRoleProps } from '../../../src/access';
import { SkyhighNrtConfigAudit, SkyhighNrtConfigAuditProps, SkyhighNrtMode } from '../../../src/presets';
import { isAllowed, resolveTemplate, type PolicyDoc } from '../../harness';

/**
 * Issue 13, threat 2 (findings 8, 9, 10, 12): the vendor's principal, with
 * exactly what the library grants it in each preset mode and in the role
 * configurations of docs/access.md, tries every move of vendor-moves.ts. Every move must
 * be denied, and the vendor's own operations allowed. Only the documents
 * the library writes are simulated: AWS managed policies (SecurityAudit and
 * the read bundles) are proven read-only in
 * test/access/audit-permissions.managed-policies.test.ts, and the vendor's
 * pre-existing role may have policies of its own that are not the library's.
 */

const EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';
const VENDOR_ROLE = 'MVC_for_AWS_role';
const REGIONS = ['us-east-1', 'eu-west-1'];
const VENDOR_QUEUE = `arn:aws:sqs:us-east-1:${RECEIVER}:StackSet-nrt-us-east-1`;

/** A principal and the documents the library attaches to it. */
interface Principal {
  readonly arn: string;
  readonly docs: PolicyDoc[];
}

interface Configuration {
  readonly name: string;
  /** The vendor's principal in the receiver account. */
  readonly vendor: () => Principal;
  /** The StackSet execution role in the receiver and in a publisher (undefined: no execution role). */
  readonly execution: () => { receiver?: Principal; publisher?: Principal };
  /** What the vendor must still be able to do. */
  readonly operations: VendorOperation[];
}

function synthesized(account: string, build: (stack: Stack) => void): any {
  const stack = new Stack(new App(), 'Stack', { env: { account, region: 'us-east-1' } });
  build(stack);
  return resolveTemplate(Template.fromStack(stack).toJSON(), { account });
}

/** Every policy document of the template that applies to the role named `roleName` (attached by name or defined on it). */
function documentsOf(t: any, roleName: string): PolicyDoc[] {
  const docs: PolicyDoc[] = [];
  for (const r of Object.values<any>(t.Resources)) {
    const p = r.Properties ?? {};
    const isPolicy = r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::Policy';
    if (isPolicy && (p.Roles ?? []).includes(roleName)) docs.push(p.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role' && p.RoleName === roleName) {
      for (const inline of p.Policies ?? []) docs.push(inline.PolicyDocument);
      if ((p.ManagedPolicyArns ?? []).some((a: unknown) => typeof a === 'string' && a.endsWith(':policy/AdministratorAccess'))) {
        docs.push({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
      }
    }
  }
  return docs;
}

function skyhigh(
  name: string, receiverProps: SkyhighNrtConfigAuditProps, publisherProps: SkyhighNrtConfigAuditProps, guideMode: boolean,
): Configuration {
  const receiver = () => synthesized(RECEIVER, (s) => new SkyhighNrtConfigAudit(s, 'Nrt', receiverProps));
  const publisher = () => synthesized(PUBLISHER, (s) => new SkyhighNrtConfigAudit(s, 'Nrt', {
    mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }), ...publisherProps,
  }));
  const operations: VendorOperation[] = [
    { name: 'receive from its queue', action: 'sqs:ReceiveMessage', resource: VENDOR_QUEUE },
    { name: 'delete from its queue', action: 'sqs:DeleteMessage', resource: VENDOR_QUEUE },
    { name: 'list queues', action: 'sqs:ListQueues', resource: '*' },
    { name: 'describe the default bus', action: 'events:DescribeEventBus', resource: `arn:aws:events:eu-west-1:${RECEIVER}:event-bus/default` },
  ];
  if (guideMode) operations.push({ name: 'create its StackSet (the guide\'s provisioning)', action: 'cloudformation:CreateStackSet', resource: '*' });
  return {
    name,
    vendor: () => ({ arn: `arn:aws:iam::${RECEIVER}:role/${VENDOR_ROLE}`, docs: documentsOf(receiver(), VENDOR_ROLE) }),
    execution: () => ({
      receiver: { arn: `arn:aws:iam::${RECEIVER}:role/${EXECUTION_ROLE}`, docs: documentsOf(receiver(), EXECUTION_ROLE) },
      publisher: { arn: `arn:aws:iam::${PUBLISHER}:role/${EXECUTION_ROLE}`, docs: documentsOf(publisher(), EXECUTION_ROLE) },
    }),
    operations,
  };
}

function auditRole(name: string, props: Partial<ReadOnlyAuditRoleProps>, operations: VendorOperation[]): Configuration {
  return {
    name,
    vendor: () => {
      const t = synthesized(RECEIVER, (s) => new ReadOnlyAuditRole(s, 'AuditRole', {
        trustedAccountId: ELSEWHERE, externalId: 'my-tenant-1234', roleName: 'VendorAudit', ...props,
      }));
      return { arn: `arn:aws:iam::${RECEIVER}:role/VendorAudit`, docs: documentsOf(t, 'VendorAudit') };
    },
    execution: () => ({}),
    operations,
  };
}

const CONFIGURATIONS: Configuration[] = [
  skyhigh('Skyhigh guide setup, one account', { regions: REGIONS }, {}, true),
  skyhigh('Skyhigh guide setup, receiver and organization publishers', { mode: SkyhighNrtMode.receiver(), regions: REGIONS },
    { mode: SkyhighNrtMode.organizationPublisher({ receiverAccountId: RECEIVER, organizationalUnitIds: ['r-ab12'] }) }, true),
  skyhigh('Skyhigh guide setup on existing StackSet roles', { mode: SkyhighNrtMode.receiverAndPublisher({ existingAdministrationRole: true }), regions: REGIONS, existingExecutionRole: true },
    { existingExecutionRole: true }, true),
  skyhigh('Skyhigh self-provisioned, one account', { regions: REGIONS, selfProvisioned: true }, { selfProvisioned: true }, false),
  skyhigh('Skyhigh self-provisioned, receiver with organization and account publishers', {
    mode: SkyhighNrtMode.receiver({ publisherOrganizationId: 'o-a1b2c3d4e5', publisherAccountIds: [PUBLISHER] }), regions: REGIONS, selfProvisioned: true,
  }, { selfProvisioned: true }, false),
  auditRole('ReadOnlyAuditRole, default (SecurityAudit)', {}, []),
  auditRole('ReadOnlyAuditRole, the SIEM role of docs/access.md', {
    securityAudit: false,
    permissions: [
      AuditPermissions.CLOUDTRAIL_READ,
      AuditPermissions.consumeQueues([`arn:aws:sqs:us-east-1:${RECEIVER}:cloudtrail-data-events`]),
      AuditPermissions.redshiftAuditLogs(['redshift-cluster-1-db-audit-log']),
    ],
    additionalStatements: [new iam.PolicyStatement({ actions: ['s3:GetBucketLogging'], resources: ['*'] })],
  }, [
    { name: 'read bucket logging', action: 's3:GetBucketLogging', resource: 'arn:aws:s3:::any-bucket' },
    { name: 'receive from the data-events queue', action: 'sqs:ReceiveMessage', resource: `arn:aws:sqs:us-east-1:${RECEIVER}:cloudtrail-data-events` },
    { name: 'read Redshift audit logs', action: 's3:GetObject', resource: 'arn:aws:s3:::redshift-cluster-1-db-audit-log/x' },
  ]),
];

/** The account a resource of the move lands in. */
function accountOf(move: VendorMove): string {
  return move.account === 'receiver' ? RECEIVER : PUBLISHER;
}

async function allowedFor(p: Principal, action: string, resource: string, account: string): Promise<boolean> {
  const request = { principal: p.arn, action, resource, identityPolicies: p.docs, resourceAccount: account };
  if (action === 'sts:AssumeRole') {
    // The role's trust admits the whole account: only the identity policies decide.
    return isAllowed({ ...request, resourcePolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] } });
  }
  return isAllowed(request);
}

async function moveSucceeds(config: Configuration, move: VendorMove): Promise<boolean> {
  const vendor = config.vendor();
  const resource = move.resource.replace('{account}', accountOf(move));
  if (move.via === 'vendor') return allowedFor(vendor, move.action, resource, accountOf(move));
  const drives = await allowedFor(vendor, 'cloudformation:CreateStackSet', '*', RECEIVER)
    || await allowedFor(vendor, 'cloudformation:UpdateStackSet', `arn:aws:cloudformation:us-east-1:${RECEIVER}:stackset/any:1`, RECEIVER);
  if (!drives) return false;
  const execution = config.execution()[move.account];
  return execution !== undefined && allowedFor(execution, move.action, resource, accountOf(move));
}

describe('the vendor\'s principal cannot escalate (issue 13, threat 2)', () => {
  test('the move list and configurations are not empty, and every move names an action the simulator knows', () => {
    expect(ESCALATION_MOVES.length).toBeGreaterThanOrEqual(40);
    expect(CONFIGURATIONS.length).toBeGreaterThanOrEqual(7);
  });

  describe.each(CONFIGURATIONS.map((c) => [c.name, c] as const))('%s', (_name, config) => {
    test('every escalation move is denied', async () => {
      const succeeded: string[] = [];
      for (const move of ESCALATION_MOVES) {
        if (await moveSucceeds(config, move)) succeeded.push(move.name);
      }
      expect(succeeded).toEqual([]);
    });

    if (config.operations.length > 0) {
      test('the vendor\'s own operations are allowed', async () => {
        const vendor = config.vendor();
        const denied: string[] = [];
        for (const op of config.operations) {
          if (!await allowedFor(vendor, op.action, op.resource, RECEIVER)) denied.push(op.name);
        }
        expect(denied).toEqual([]);
      });
    }
  });

  test('the check can fail: a vendor principal with iam:PassRole on * is caught', async () => {
    const broken: Configuration = {
      name: 'broken',
      vendor: () => ({ arn: `arn:aws:iam::${RECEIVER}:role/${VENDOR_ROLE}`, docs: [{ Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }] }),
      execution: () => ({}),
      operations: [],
    };
    const pass = ESCALATION_MOVES.find((m) => m.name === 'pass the execution role')!;
    expect(await moveSucceeds(broken, pass)).toBe(true);
  });
});

/** For the closing note: how many configuration x move simulations the suite runs. */
export const SIMULATED = { configurations: CONFIGURATIONS.length, moves: ESCALATION_MOVES.length };
