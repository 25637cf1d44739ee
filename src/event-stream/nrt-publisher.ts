import { Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AuditedServices } from './audited-services';
import { checkPatternSize, cloudTrailApiCallPattern } from './private/event-pattern';
import { defineDeadLetterQueue } from './private/queues';
import { AwsLimits } from '../core/limits';
import { throwIfProblems } from '../core/private/errors';
import { validate } from '../core/private/validators';

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
   * @default AuditedServices.ALL_SERVICES - every AWS API call
   */
  readonly services?: AuditedServices;

  /**
   * The AWS quotas the event pattern is checked against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}

/**
 * A publisher of seeds 001/002 in one region: a rule that forwards this account's configuration events to the receiver's default event bus in the same region.
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

    const services = props.services ?? AuditedServices.ALL_SERVICES;
    const limits = props.limits ?? AwsLimits.DEFAULT;
    const pattern = cloudTrailApiCallPattern({ services, restrictToAwsSources: true });
    const stack = Stack.of(this);
    throwIfProblems(this, [
      validate('accountId', 'receiverAccountId', props.receiverAccountId),
      ...services._problems('services'),
      checkPatternSize(pattern, limits, 'NrtPublisher'),
      !Token.isUnresolved(stack.account) && stack.account === props.receiverAccountId
        ? `receiverAccountId ${JSON.stringify(props.receiverAccountId)} is this stack's own account: the receiver's rule already forwards its own events (R-102), and a rule that puts events on its own bus would see them again; define only NrtReceiver here`
        : undefined,
    ]);

    this.receiverBusArn = stack.formatArn({
      service: 'events',
      account: props.receiverAccountId,
      resource: 'event-bus',
      resourceName: 'default',
    });

    this.deadLetterQueue = defineDeadLetterQueue(this, 'the publisher rule target');

    // Its own role, not the shared singleton of aws-events-targets, which
    // allows only the first bus it was made for (aws/aws-cdk#19407).
    this.role = new iam.Role(this, 'Role', {
      description: 'Lets the NRT publisher rule put events on the receiver\'s default event bus',
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['events:PutEvents'],
      resources: [this.receiverBusArn],
    }));

    this.rule = new events.Rule(this, 'Rule', {
      description: 'Forwards configuration events to the NRT receiver\'s event bus',
      eventPattern: pattern as events.EventPattern,
    });
    const role = this.role;
    const dlq = this.deadLetterQueue;
    const busArn = this.receiverBusArn;
    this.rule.addTarget({
      bind: () => ({
        arn: busArn,
        role,
        deadLetterConfig: { arn: dlq.queueArn },
        retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 },
      }),
    });
    this.deadLetterQueue.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowThePublisherRuleToDeadLetter',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [this.deadLetterQueue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': this.rule.ruleArn } },
    }));
  }
}
