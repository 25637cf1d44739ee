import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AuditedServices } from './audited-services';
import { checkPatternSize, cloudTrailApiCallPattern } from './private/event-pattern';
import { accountShown, defineForwarding, targetsOwnAccount } from './private/forwarding';
import { AwsLimits } from '../core/limits';
import { markAuditSetup } from '../core/private/audit-tag';
import { throwIfProblems } from '../core/private/errors';
import { checkPropShapes, PropsSpec, required, validate } from '../core/private/validators';

/**
 * Properties of an `NrtPublisher`.
 */
export interface NrtPublisherProps {
  /**
   * The receiver account, whose default event bus in this stack's region receives the events.
   */
  readonly receiverAccountId: string;

  /**
   * The services whose API calls are forwarded.
   *
   * @default AuditedServices.ALL_SERVICES - every AWS API call (the guide gives no event pattern)
   */
  readonly services?: AuditedServices;

  /**
   * The AWS quotas the event pattern is checked against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { receiverAccountId: required('string'), services: 'object', limits: 'object' };

/**
 * A publisher of the McAfee MVISION Cloud / Skyhigh Security NRT guide, in one region: a rule that forwards this account's configuration events to the receiver's default event bus in the same region.
 *
 * The rule's target assumes a role allowed `events:PutEvents` on that one
 * bus only; failed deliveries are retried for 24 hours and then kept in a
 * dead-letter queue. The receiver must admit this account or its
 * organization (`NrtReceiver`). In the receiver account itself no publisher
 * is needed: the receiver's rule already sees its own events, so a
 * publisher whose receiver is its own account is an error.
 *
 * @example
 * new audit.NrtPublisher(this, 'Publisher', { receiverAccountId: '111122223333' });
 */
export class NrtPublisher extends Construct {
  /** The rule on this account's default bus. */
  public readonly rule: events.Rule;

  /** The role EventBridge assumes to put events on the receiver's bus. */
  public readonly role: iam.Role;

  /** The queue that keeps events that could not be forwarded. */
  public readonly deadLetterQueue: sqs.Queue;

  /**
   * The ARN of the receiver's default event bus in this region.
   *
   * @attribute
   */
  public readonly receiverBusArn: string;

  constructor(scope: Construct, id: string, props: NrtPublisherProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);

    const services = props.services ?? AuditedServices.ALL_SERVICES;
    const limits = props.limits ?? AwsLimits.DEFAULT;
    const pattern = cloudTrailApiCallPattern({ services, restrictToAwsSources: true });
    throwIfProblems(this, [
      validate('accountId', 'receiverAccountId', props.receiverAccountId),
      ...services._problems('services'),
      checkPatternSize(this, pattern, limits, 'NrtPublisher'),
      targetsOwnAccount(this, props.receiverAccountId)
        ? `receiverAccountId ${accountShown(props.receiverAccountId)} is this stack's own account: the receiver's rule already forwards its own events, and a rule that puts events on its own bus would see them again; define only NrtReceiver here`
        : undefined,
    ]);

    const forwarding = defineForwarding(this, {
      targetAccountId: props.receiverAccountId,
      pattern,
      roleDescription: 'Lets the NRT publisher rule put events on the receiver\'s default event bus',
      ruleDescription: 'Forwards configuration events to the NRT receiver\'s event bus',
      deadLetterQueueOf: 'the publisher rule target',
      deadLetterSid: 'AllowThePublisherRuleToDeadLetter',
    });
    this.receiverBusArn = forwarding.targetBusArn;
    this.deadLetterQueue = forwarding.deadLetterQueue;
    this.role = forwarding.role;
    this.rule = forwarding.rule;
  }
}
