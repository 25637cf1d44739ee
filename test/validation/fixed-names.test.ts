import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as audit from '../../src';

/**
 * Issue 15: duplicate fixed names. Two resources of one type with the same
 * fixed name where they meet at deploy time (one account for IAM, one
 * account and region otherwise) are the library's error at synth, naming both
 * constructs; where they cannot meet, they synthesize.
 */

interface Named {
  readonly name: string;
  readonly regional: boolean;
  readonly make: (scope: Stack, id: string) => Construct;
}

const NAMED: Named[] = [
  { name: 'EventStreamRule (default topic name)', regional: true, make: (s, id) => new audit.EventStreamRule(s, id) },
  { name: 'EventStreamRule ruleName', regional: true, make: (s, id) => new audit.EventStreamRule(s, id, { topicName: `t-${id}`, ruleName: 'audit-rule' }) },
  { name: 'CentralEventQueue (default queue name)', regional: true, make: (s, id) => new audit.CentralEventQueue(s, id, { sourceOrganizationId: 'o-a1b2c3d4e5' }) },
  { name: 'NrtReceiver queueName', regional: true, make: (s, id) => new audit.NrtReceiver(s, id, { publisherOrganizationId: 'o-a1b2c3d4e5', queueName: 'nrt' }) },
  { name: 'ReadOnlyAuditRole roleName', regional: false, make: (s, id) => new audit.ReadOnlyAuditRole(s, id, { trustedAccountId: '111122223333', externalId: 'tenant-1', roleName: 'Audit' }) },
  { name: 'AuditInstanceProfileRole roleName', regional: false, make: (s, id) => new audit.AuditInstanceProfileRole(s, id, { roleName: 'Audit', instanceProfileName: `p-${id}` }) },
  { name: 'AuditAccessKeyUser userName', regional: false, make: (s, id) => new audit.AuditAccessKeyUser(s, id, { userName: 'audit', secretName: `s-${id}` }) },
  {
    name: 'StackSetExecutionRole (default role name)',
    regional: false,
    make: (s, id) => new audit.StackSetExecutionRole(s, id, { administratorAccountId: '111122223333', permissions: audit.StackSetExecutionPermissions.GUIDE_PUBLISHER, policyName: `p-${id}` }),
  },
  { name: 'StackSetAdminRole (default role name)', regional: false, make: (s, id) => new audit.StackSetAdminRole(s, id, { policyName: `p-${id}` }) },
];

const env = (region: string) => ({ account: '123456789012', region });

function synthError(define: (app: App) => void): string {
  const app = new App();
  define(app);
  try {
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('duplicate fixed names', () => {
  test.each(NAMED.map((n) => [n.name, n]))('%s twice in one stack: the library\'s error naming both', (_, named) => {
    const message = synthError((app) => {
      const stack = new Stack(app, 'S');
      named.make(stack, 'A');
      named.make(stack, 'B');
    });
    expect(message).toMatch(/names a .* that S\/B .* also names, in the same account.*already exists/);
  });

  test.each(NAMED.map((n) => [n.name, n]))('%s in two stacks of one account and region: the library\'s error', (_, named) => {
    const message = synthError((app) => {
      named.make(new Stack(app, 'One', { env: env('eu-west-1') }), 'A');
      named.make(new Stack(app, 'Two', { env: env('eu-west-1') }), 'A');
    });
    expect(message).toMatch(/Two\/A .*also names.*already exists/);
  });

  test.each(NAMED.map((n) => [n.name, n]))('%s in two regions of one account: an error for IAM names only', (_, named) => {
    const message = synthError((app) => {
      named.make(new Stack(app, 'One', { env: env('eu-west-1') }), 'A');
      named.make(new Stack(app, 'Two', { env: env('us-east-1') }), 'A');
    });
    if (named.regional) expect(message).toBe('');
    else expect(message).toMatch(/in the same account: the second fails at deploy/);
  });

  test.each(NAMED.map((n) => [n.name, n]))('%s in two environment-agnostic stacks (deployed to different accounts): synthesizes', (_, named) => {
    expect(synthError((app) => {
      named.make(new Stack(app, 'One'), 'A');
      named.make(new Stack(app, 'Two'), 'A');
    })).toBe('');
  });
});
