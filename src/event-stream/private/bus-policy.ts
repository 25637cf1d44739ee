import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { AwsLimits } from '../../core/limits';
import { accountRootArn } from '../../core/private/arns';
import { checkPolicySize } from '../../core/private/policy-size';
import { isUnresolved } from '../../core/private/tokens';

/**
 * Statements of this account's default event bus policy that admit other
 * accounts to `events:PutEvents`, shared by `CentralEventBusPolicy` and
 * `NrtReceiver`.
 */

/** One statement of the bus policy, with the construct ID its resource gets. */
export interface BusStatement {
  /** `Accounts` or `Organization`: the child's ID and the tail of its statement ID. */
  readonly id: string;
  readonly statement: Record<string, unknown>;
}

/** The ARN of this stack's default event bus in its region. */
export function defaultBusArn(scope: Construct): string {
  return Stack.of(scope).formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' });
}

/**
 * The statements that admit `accounts` (by their root principal) and the
 * organization `organizationId` (through `aws:PrincipalOrgID`, the condition
 * EventBridge documents for bus permissions) to put events on `busArn`. The
 * senders' own roles still need `events:PutEvents` on the bus in their
 * identity policies. Validate the IDs first: a bad concrete account ID throws.
 */
export function busStatements(scope: Construct, busArn: string, accounts: string[] | undefined, organizationId: string | undefined): BusStatement[] {
  const out: BusStatement[] = [];
  if (accounts !== undefined && accounts.length > 0) {
    out.push({
      id: 'Accounts',
      statement: {
        Effect: 'Allow',
        // A list token (a parameter or import of account IDs) is passed whole;
        // EventBridge takes bare account IDs as principals.
        Principal: { AWS: isUnresolved(accounts) ? accounts : accounts.map((a) => isUnresolved(a) ? a : accountRootArn(scope, a)) },
        Action: 'events:PutEvents',
        Resource: busArn,
      },
    });
  }
  if (organizationId !== undefined) {
    out.push({
      id: 'Organization',
      statement: {
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: busArn,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
      },
    });
  }
  return out;
}

/**
 * The problem sentence when `statements` together are over the event bus
 * policy limit, with the figures; undefined when they fit. Only these
 * statements are counted: the bus's other statements (other constructs,
 * other apps) share the same limit.
 *
 * @param what what the statements are, for the message
 * @param fix what to do instead
 */
export function checkBusPolicySize(scope: Construct, statements: BusStatement[], limits: AwsLimits, what: string, fix: string): string | undefined {
  return checkPolicySize(scope, 'resource', { Version: '2012-10-17', Statement: statements.map((s) => s.statement) },
    limits.eventBusPolicyCharacters, what, fix);
}

/**
 * Defines one `AWS::Events::EventBusPolicy` per statement on the default bus,
 * as children of `scope` named by the statement's `id`. Statement IDs must
 * be unique on the bus: the construct's address keeps two constructs (or two
 * apps) apart, and `prefix` says which kind of construct wrote it.
 *
 * The L1 rather than `events.EventBusPolicy` with an `iam.PolicyStatement`:
 * the statements are plain JSON because `checkBusPolicySize` measures them
 * before any resource exists, and a list token of account IDs goes into
 * `Principal` whole, which a `PolicyStatement`'s principals cannot express.
 *
 * @param prefix the statement ID's start; with the ID and address it must stay within 64 characters
 */
export function defineBusPolicies(scope: Construct, statements: BusStatement[], prefix: string): events.CfnEventBusPolicy[] {
  return statements.map((s) => new events.CfnEventBusPolicy(scope, s.id, {
    eventBusName: 'default',
    statementId: `${prefix}${s.id}-${scope.node.addr.slice(0, 16)}`,
    statement: s.statement,
  }));
}
