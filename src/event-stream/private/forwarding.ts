import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { defineDeadLetterQueue } from './queues';
import { isUnresolved } from '../../core/private/tokens';

/**
 * Bus-to-bus forwarding, shared by `EventForwarder` and `NrtPublisher`: a
 * rule on this account's default bus whose one target is the default bus
 * of another account in the same region.
 */

/** EventBridge's most retries of a target, and the longest it keeps an event (24 hours). */
const RETRY_POLICY = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 };

/** What differs between the constructs that forward. */
export interface ForwardingOptions {
  /** The account whose default bus in this stack's region receives the events (validated by the caller). */
  readonly targetAccountId: string;
  /** The rule's event pattern (size-checked by the caller). */
  readonly pattern: events.EventPattern;
  /** The description of the rule target's role. */
  readonly roleDescription: string;
  /** The description of the rule. */
  readonly ruleDescription: string;
  /** What the dead-letter queue is the DLQ of, for cdk-nag's acknowledgment. */
  readonly deadLetterQueueOf: string;
  /** The Sid of the dead-letter queue's policy statement for the rule. */
  readonly deadLetterSid: string;
}

/** The resources forwarding defines. */
export interface Forwarding {
  readonly rule: events.Rule;
  readonly role: iam.Role;
  readonly deadLetterQueue: sqs.Queue;
  /** The ARN of the target account's default event bus in this stack's region. */
  readonly targetBusArn: string;
}

/** An account ID as a message shows it: quoted, or AWS::AccountId for the stack's own account token. */
export function accountShown(accountId: string): string {
  return isUnresolved(accountId) ? 'AWS::AccountId' : JSON.stringify(accountId);
}

/**
 * True when `accountId` is known to be the account of `scope`'s stack. A
 * rule on the default bus that targets the same default bus puts each event
 * it matches back where it reads, where it matches again: an endless loop.
 * Unknown (a token on either side) is false: nothing can be checked at synth.
 */
export function targetsOwnAccount(scope: Construct, accountId: string): boolean {
  const stack = Stack.of(scope);
  if (typeof accountId !== 'string') return false;
  if (!isUnresolved(stack.account) && !isUnresolved(accountId)) return stack.account === accountId;
  // Aws.ACCOUNT_ID (or the env-agnostic stack's own account token): the stack's account whatever it is.
  return isUnresolved(accountId) && JSON.stringify(stack.resolve(accountId)) === JSON.stringify({ Ref: 'AWS::AccountId' });
}

/**
 * Defines, in `scope`, the children `DeadLetterQueue`, `Role` and `Rule` (in
 * that order: it is the order of the template's resources) of a forwarder.
 *
 * The target assumes its own role, allowed `events:PutEvents` on the target
 * bus only and assumable only by EventBridge of this account
 * (`aws:SourceAccount`), not the shared singleton of aws-events-targets,
 * which allows only the first bus it was made for (aws/aws-cdk#19407).
 * Failed deliveries are retried for 24 hours and then dead-lettered into a
 * queue that admits only this rule.
 */
export function defineForwarding(scope: Construct, options: ForwardingOptions): Forwarding {
  const stack = Stack.of(scope);
  const targetBusArn = stack.formatArn({
    service: 'events',
    account: options.targetAccountId,
    resource: 'event-bus',
    resourceName: 'default',
  });

  const deadLetterQueue = defineDeadLetterQueue(scope, options.deadLetterQueueOf);

  const role = new iam.Role(scope, 'Role', {
    description: options.roleDescription,
    assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['events:PutEvents'],
    resources: [targetBusArn],
  }));

  const rule = new events.Rule(scope, 'Rule', {
    description: options.ruleDescription,
    eventPattern: options.pattern,
  });
  rule.addTarget({
    bind: () => ({
      arn: targetBusArn,
      role,
      deadLetterConfig: { arn: deadLetterQueue.queueArn },
      retryPolicy: RETRY_POLICY,
    }),
  });
  deadLetterQueue.addToResourcePolicy(new iam.PolicyStatement({
    sid: options.deadLetterSid,
    principals: [new iam.ServicePrincipal('events.amazonaws.com')],
    actions: ['sqs:SendMessage'],
    resources: [deadLetterQueue.queueArn],
    conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
  }));

  return { rule, role, deadLetterQueue, targetBusArn };
}
