import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AuditedServices } from './audited-services';
import { checkPatternSize, cloudTrailApiCallPattern, STATE_WITH_READ_ONLY } from './private/event-pattern';
import { accountShown, defineForwarding, targetsOwnAccount } from './private/forwarding';
import { AwsLimits } from '../core/limits';
import { markAuditSetup } from '../core/private/audit-tag';
import { throwIfProblems } from '../core/private/errors';
import { checkPropShapes, PropsSpec, required, validate } from '../core/private/validators';

/**
 * Properties of an `EventForwarder`.
 */
export interface EventForwarderProps {
  /**
   * The central account, whose default event bus in this stack's region receives the events.
   *
   * It must admit this account or its organization (`CentralEventBusPolicy`).
   */
  readonly targetAccountId: string;

  /**
   * The services whose API calls are forwarded.
   *
   * The default forwards every API call and leaves the choice to the central
   * account's rule (`EventStreamRule`'s `services`): changing what is audited
   * then means redeploying one account, not every member account and region,
   * and a member never silently withholds a service the central rule was
   * widened to. A central account that receives "all your cloud account
   * logs" (as the VMware Aria Automation for Secure Clouds guide puts it)
   * already holds these calls in the trail's logs. Each
   * forwarded event is billed to this account like a custom event; pass the
   * central rule's services (e.g. `AuditedServices.VMWARE_DEFAULT`) to
   * forward only what it matches.
   *
   * @default AuditedServices.ALL_SERVICES - every AWS API call
   */
  readonly services?: AuditedServices;

  /**
   * Whether the pattern requires `source` to start with `aws.`.
   *
   * Any principal allowed `events:PutEvents` in this account can put a
   * custom event with the detail-type "AWS API Call via CloudTrail" and any
   * `detail`, but never a `source` starting with `aws.`, which AWS reserves.
   * Without the guard such a forged event would be forwarded and reach the
   * central rule as this account's event.
   *
   * @default true
   */
  readonly restrictToAwsSources?: boolean;

  /**
   * Whether read-only management events (Get, List, Describe calls) are forwarded too.
   *
   * EventBridge delivers them only to rules whose state is
   * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`. Set it here when the
   * central account's `EventStreamRule` has `includeReadOnlyEvents`: without
   * it, the central rule sees only its own account's read-only calls. Each
   * forwarded call is billed to this account like a custom event, and
   * read-only calls usually outnumber changes by far.
   *
   * @default false
   */
  readonly includeReadOnlyEvents?: boolean;

  /**
   * The AWS quotas the event pattern is checked against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { targetAccountId: required('string'), services: 'object', restrictToAwsSources: 'boolean', includeReadOnlyEvents: 'boolean', limits: 'object' };

/**
 * Forwards this account's CloudTrail API-call events, in this stack's region, to the default event bus of a central account in the same region.
 *
 * The central mode of an event stream. When "you send all your cloud
 * account logs to a central account" (the VMware Aria Automation for Secure
 * Clouds guide), centralising the trail's log files is not enough, because
 * events reach EventBridge only in the account where the call was made.
 * Each member account defines an `EventForwarder` per region; the central
 * account admits them with `CentralEventBusPolicy` and runs the one
 * `EventStreamRule` per region, which sees the forwarded events as it sees
 * its own.
 *
 * The rule's target assumes a role allowed `events:PutEvents` on the central
 * bus only, which only EventBridge of this account may assume; failed
 * deliveries are retried for 24 hours and then kept in a dead-letter queue.
 * Read-only management events (Get, List, Describe calls) are forwarded
 * only with `includeReadOnlyEvents`. A forwarder whose target is its
 * own account is an error; with an env-agnostic stack that cannot be
 * checked at synth, so do not deploy it to the central account.
 *
 * @example
 * new audit.EventForwarder(this, 'ToCentral', { targetAccountId: '111122223333' });
 */
export class EventForwarder extends Construct {
  /** The rule on this account's default bus. */
  public readonly rule: events.Rule;

  /** The role EventBridge assumes to put events on the central account's bus. */
  public readonly role: iam.Role;

  /** The queue that keeps events that could not be forwarded. */
  public readonly deadLetterQueue: sqs.Queue;

  /**
   * The ARN of the central account's default event bus in this region.
   *
   * @attribute
   */
  public readonly targetBusArn: string;

  constructor(scope: Construct, id: string, props: EventForwarderProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);

    const services = props.services ?? AuditedServices.ALL_SERVICES;
    const limits = props.limits ?? AwsLimits.DEFAULT;
    const pattern = cloudTrailApiCallPattern({ services, restrictToAwsSources: props.restrictToAwsSources ?? true });
    throwIfProblems(this, [
      validate('accountId', 'targetAccountId', props.targetAccountId),
      ...services._problems('services'),
      checkPatternSize(this, pattern, limits, 'EventForwarder'),
      targetsOwnAccount(this, props.targetAccountId)
        ? `targetAccountId ${accountShown(props.targetAccountId)} is this stack's own account: the rule would put each event it matches back on the bus it reads, where it matches again, in an endless loop; `
          + 'the central account needs no forwarder, since its own rule sees its own events: define only CentralEventBusPolicy and EventStreamRule there'
        : undefined,
    ]);

    const forwarding = defineForwarding(this, {
      targetAccountId: props.targetAccountId,
      pattern,
      roleDescription: 'Lets the event forwarder rule put events on the central account\'s default event bus',
      ruleDescription: 'Forwards CloudTrail API-call events to the central account\'s default event bus',
      deadLetterQueueOf: 'the forwarder rule target',
      deadLetterSid: 'AllowTheForwarderRuleToDeadLetter',
    });
    if (props.includeReadOnlyEvents) {
      (forwarding.rule.node.defaultChild as events.CfnRule).state = STATE_WITH_READ_ONLY;
    }
    this.targetBusArn = forwarding.targetBusArn;
    this.deadLetterQueue = forwarding.deadLetterQueue;
    this.role = forwarding.role;
    this.rule = forwarding.rule;
  }
}
