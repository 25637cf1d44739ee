import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BOUNDED_ROLE_ESCALATIONS, EXECUTION_DEPLOYMENT, EXECUTION_ESCALATIONS, ExecutionMove } from './execution-role-moves';
import { SkyhighNrtConfigAudit, SkyhighNrtMode } from '../../../src/presets';
import { StackSetExecutionPermissions, StackSetExecutionRole, StackSetTemplate } from '../../../src/stacksets';
import { ALLOW_ALL, identityPolicies, isAllowed, resolveTemplate, type PolicyDoc } from '../../harness';
import { addAuditForwarder, addNamedRole, preparedTemplateStack } from '../../stacksets/_helpers';

/**
 * Issue 13, finding 9: `StackSetExecutionPermissions.fromTemplates` must not
 * be administrator-equivalent for whoever can update a StackSet that uses
 * it. The execution role, with exactly the documents the library gives it
 * for a realistic template, tries every move of execution-role-moves.ts:
 * escalations denied, the deployment of its templates allowed. A role the
 * templates define, taken over and given `Allow *`, stays inside the
 * permissions boundary.
 */

const ACCOUNT = '444455556666';
const RECEIVER = '123456789012';
const EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole';
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/AuditBaselineStackSetBoundary`;

interface Configuration {
  readonly name: string;
  /** The execution role's identity policies, resolved for ACCOUNT. */
  readonly docs: PolicyDoc[];
  /** The boundary policy's document, resolved for ACCOUNT. */
  readonly boundary: PolicyDoc;
  /** Values of the placeholders this configuration fills. */
  readonly fill: Record<string, string>;
  /** A call the templates grant their roles: a bounded role must keep it. */
  readonly granted: { action: string; resource: string };
}

function boundaryOf(t: any): PolicyDoc {
  const found = Object.values<any>(t.Resources).find((r) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.ManagedPolicyName === 'AuditBaselineStackSetBoundary');
  return found.Properties.PolicyDocument;
}

/** The Skyhigh preset in a self-provisioned publisher account: its execution role deploys the preset's own publisher template. */
function skyhighPublisher(): Configuration {
  const stack = new Stack(new App(), 'Publisher', { env: { account: ACCOUNT, region: 'us-east-1' } });
  new SkyhighNrtConfigAudit(stack, 'Nrt', { mode: SkyhighNrtMode.publisher({ receiverAccountId: RECEIVER }), selfProvisioned: true });
  const t = resolveTemplate(Template.fromStack(stack).toJSON(), { account: ACCOUNT });
  const role = `arn:aws:iam::${ACCOUNT}:role/StackSet-nrt-publisher-1234-PublisherRole-ABCD`;
  return {
    name: 'Skyhigh self-provisioned publisher (the preset\'s own template)',
    docs: identityPolicies(t, EXECUTION_ROLE).documents,
    boundary: boundaryOf(t),
    fill: { role, inlineRole: role, passable: role, queue: `arn:aws:sqs:us-east-1:${ACCOUNT}:StackSet-nrt-publisher-1234-DeadLetterQueue-ABCD` },
    granted: { action: 'events:PutEvents', resource: `arn:aws:events:us-east-1:${RECEIVER}:event-bus/default` },
  };
}

/** An execution role of its own for templates built by `build`. */
function ownTemplates(name: string, build: Array<(s: Stack) => void>, values: Record<string, string>, granted: Configuration['granted']): () => Configuration {
  return () => {
    const stack = new Stack(new App(), 'Target', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const templates = build.map((b, i) => {
      const inner = preparedTemplateStack(stack, `Templates${i}`);
      b(inner);
      return StackSetTemplate.fromStack(inner);
    });
    new StackSetExecutionRole(stack, 'Execution', { administratorAccountId: RECEIVER, permissions: StackSetExecutionPermissions.fromTemplates(templates) });
    const t = resolveTemplate(Template.fromStack(stack).toJSON(), { account: ACCOUNT });
    return { name, docs: identityPolicies(t, EXECUTION_ROLE).documents, boundary: boundaryOf(t), fill: values, granted };
  };
}

const FORWARDER = {
  role: `arn:aws:iam::${ACCOUNT}:role/AuditForwarder`,
  inlineRole: `arn:aws:iam::${ACCOUNT}:role/AuditForwarder`,
  passable: `arn:aws:iam::${ACCOUNT}:role/AuditForwarder`,
  policy: `arn:aws:iam::${ACCOUNT}:policy/AuditForwarderPolicy`,
  attachable: `arn:aws:iam::${ACCOUNT}:policy/AuditForwarderPolicy`,
  topic: `arn:aws:sns:us-east-1:${ACCOUNT}:audit-alerts`,
  queue: `arn:aws:sqs:us-east-1:${ACCOUNT}:audit-events`,
  key: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0000abcd-12ab-34cd-56ef-1234567890ab`,
};

const CONFIGURATIONS: Array<() => Configuration> = [
  skyhighPublisher,
  ownTemplates('a role with its own managed and inline policies, a topic, its key and a queue', [(s) => addAuditForwarder(s)], FORWARDER,
    { action: 'sqs:SendMessage', resource: FORWARDER.queue }),
  ownTemplates('the same and a vendor audit role with SecurityAudit', [(s) => addAuditForwarder(s), (s) => addNamedRole(s)],
    // The vendor role is the second template role: attaching SecurityAudit is the deployment.
    { ...FORWARDER, attachable: 'arn:aws:iam::aws:policy/SecurityAudit', role: `arn:aws:iam::${ACCOUNT}:role/VendorAudit` },
    { action: 'sqs:SendMessage', resource: FORWARDER.queue }),
];

/** The move with its placeholders filled, or undefined when the configuration cannot fill one. */
function fill(move: ExecutionMove, config: Configuration): ExecutionMove | undefined {
  const values: Record<string, string> = { account: ACCOUNT, boundary: BOUNDARY, ...config.fill };
  if (move.needs !== undefined && values[move.needs] === undefined) return undefined;
  let missing = false;
  const sub = (s: string) => s.replace(/\{(\w+)\}/g, (_m, k: string) => {
    if (values[k] === undefined) missing = true;
    return values[k] ?? '';
  });
  const filled: ExecutionMove = {
    ...move,
    resource: sub(move.resource),
    context: move.context && Object.fromEntries(Object.entries(move.context).map(([k, v]) => [sub(k), sub(v)])),
  };
  return missing ? undefined : filled;
}

/**
 * The resource's own policy, as the worst case for the defender: a key's
 * policy delegates to the account's IAM policies (the default key policy),
 * a role's trust admits the whole account. Only the principal's own
 * policies (and boundary) then decide.
 */
function accountDelegation(move: ExecutionMove): PolicyDoc | undefined {
  if (move.action === 'sts:AssumeRole') {
    return { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
  }
  if (move.action.startsWith('kms:') && move.resource.includes(':key/')) {
    return { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };
  }
  return undefined;
}

async function executionMay(config: Configuration, move: ExecutionMove): Promise<boolean> {
  return isAllowed({
    principal: `arn:aws:iam::${ACCOUNT}:role/${EXECUTION_ROLE}`,
    action: move.action,
    resource: move.resource,
    resourceAccount: ACCOUNT,
    identityPolicies: config.docs,
    resourcePolicy: accountDelegation(move),
    context: move.context,
  });
}

async function boundedRoleMay(config: Configuration, move: ExecutionMove): Promise<boolean> {
  return isAllowed({
    principal: config.fill.role,
    action: move.action,
    resource: move.resource,
    resourceAccount: ACCOUNT,
    identityPolicies: [ALLOW_ALL],
    permissionBoundary: config.boundary,
    context: move.context,
    resourcePolicy: accountDelegation(move),
  });
}

let simulated = 0;

describe('the StackSet execution role of fromTemplates is not administrator-equivalent (issue 13, finding 9)', () => {
  test('the move lists and configurations are not empty', () => {
    expect(EXECUTION_ESCALATIONS.length).toBeGreaterThanOrEqual(30);
    expect(EXECUTION_DEPLOYMENT.length).toBeGreaterThanOrEqual(12);
    expect(BOUNDED_ROLE_ESCALATIONS.length).toBeGreaterThanOrEqual(12);
    expect(CONFIGURATIONS.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(CONFIGURATIONS.map((c) => [c().name, c] as const))('%s', (_name, build) => {
    const config = build();

    test('every escalation of the execution role is denied', async () => {
      const succeeded: string[] = [];
      for (const move of EXECUTION_ESCALATIONS) {
        const filled = fill(move, config);
        if (!filled) continue;
        simulated++;
        if (await executionMay(config, filled)) succeeded.push(move.name);
      }
      expect(succeeded).toEqual([]);
    });

    test('the deployment of the templates is allowed', async () => {
      const denied: string[] = [];
      let applied = 0;
      for (const move of EXECUTION_DEPLOYMENT) {
        const filled = fill(move, config);
        if (!filled) continue;
        applied++;
        simulated++;
        if (!await executionMay(config, filled)) denied.push(move.name);
      }
      expect(applied).toBeGreaterThanOrEqual(5);
      expect(denied).toEqual([]);
    });

    test('a template role under the boundary cannot escalate, and keeps what the templates grant it', async () => {
      const succeeded: string[] = [];
      for (const move of BOUNDED_ROLE_ESCALATIONS) {
        const filled = fill(move, config);
        if (!filled) continue;
        simulated++;
        if (await boundedRoleMay(config, filled)) succeeded.push(move.name);
      }
      expect(succeeded).toEqual([]);
      expect(await boundedRoleMay(config, { name: 'granted', ...config.granted })).toBe(true);
    });
  });

  test('the boundary keeps a taken-over role to the templates\' grants, unless a template role has an AWS managed policy (documented)', async () => {
    const [, forwarder, withVendor] = CONFIGURATIONS.map((c) => c());
    const read = { name: 'read customer data', action: 's3:GetObject', resource: 'arn:aws:s3:::customer-data/x' };
    expect(await boundedRoleMay(forwarder, read)).toBe(false);
    // The actions of an AWS managed policy are not known at synthesis: the
    // ceiling is then every action but the denied ones.
    expect(await boundedRoleMay(withVendor, read)).toBe(true);
  });

  test('the check can fail: a key admin action on Resource "*", as before, is caught', async () => {
    const config = CONFIGURATIONS[1]();
    const loose: Configuration = { ...config, docs: [...config.docs, { Statement: [{ Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: '*' }] }] };
    const rewrite = fill(EXECUTION_ESCALATIONS.find((m) => m.name === 'rewrite the policy of another key')!, loose)!;
    expect(await executionMay(loose, rewrite)).toBe(true);
    expect(await executionMay(config, rewrite)).toBe(false);
  });

  test('the check can fail: an execution role whose AttachRolePolicy has no iam:PolicyARN condition is caught', async () => {
    const config = CONFIGURATIONS[1]();
    const loose: Configuration = {
      ...config,
      docs: [...config.docs, { Statement: [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: config.fill.role }] }],
    };
    const attach = fill(EXECUTION_ESCALATIONS.find((m) => m.name === 'attach AdministratorAccess to a template role')!, loose)!;
    expect(await executionMay(loose, attach)).toBe(true);
    expect(await executionMay(config, attach)).toBe(false);
  });

  afterAll(() => {
    // For the closing note of issue 13.
    expect(simulated).toBeGreaterThan(100);
  });
});
