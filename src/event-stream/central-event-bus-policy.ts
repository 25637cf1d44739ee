import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { busStatements, checkBusPolicySize, defaultBusArn, defineBusPolicies } from './private/bus-policy';
import { AwsLimits } from '../core/limits';
import { throwIfProblems } from '../core/private/errors';
import { checkPropShapes, PropsSpec, validate, validateList } from '../core/private/validators';

/**
 * Properties of a `CentralEventBusPolicy`.
 */
export interface CentralEventBusPolicyProps {
  /**
   * Accounts allowed to put events on this account's default event bus in this region.
   *
   * Give this, `sourceOrganizationId`, or both. The bus policy grows with
   * each account (10,240 characters by default): large fleets should use the
   * organization.
   *
   * @default - no account is admitted by ID
   */
  readonly sourceAccountIds?: string[];

  /**
   * The organization whose accounts may put events on this account's default event bus in this region.
   *
   * @default - no organization is admitted
   */
  readonly sourceOrganizationId?: string;

  /**
   * The AWS quotas the bus policy statements are checked against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { sourceAccountIds: 'string[]', sourceOrganizationId: 'string', limits: 'object' };

/**
 * Lets other accounts, listed or of an organization, put events on this account's default event bus in this stack's region.
 *
 * The central account's half of the central mode: member
 * accounts forward their events with `EventForwarder`, and this policy
 * admits them, so the central account's `EventStreamRule` sees their events
 * with its own. Accounts are admitted by their root principal and the
 * organization through `aws:PrincipalOrgID`; the sender's role still needs
 * `events:PutEvents` on the bus in its own policy, which `EventForwarder`
 * gives. One `AWS::Events::EventBusPolicy` statement is defined per form, with
 * a statement ID unique to this construct, so other statements on the bus
 * are left alone. Deploy one per region (`RegionalDeployment`).
 *
 * The statements are checked at synth against the bus policy limit
 * (`AwsLimits.eventBusPolicyCharacters`). They share that limit with every
 * other statement on the bus, which this construct cannot see.
 *
 * @example
 * new audit.CentralEventBusPolicy(this, 'Members', {
 *   sourceOrganizationId: 'o-a1b2c3d4e5',
 * });
 */
export class CentralEventBusPolicy extends Construct {
  /** The statements of the default event bus's policy (one for the accounts, one for the organization, as given). */
  public readonly busPolicies: events.CfnEventBusPolicy[];

  /**
   * The ARN of this account's default event bus in this region.
   *
   * @attribute
   */
  public readonly eventBusArn: string;

  constructor(scope: Construct, id: string, props: CentralEventBusPolicyProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));

    const limits = props.limits ?? AwsLimits.DEFAULT;
    this.eventBusArn = defaultBusArn(this);
    throwIfProblems(this, [
      props.sourceAccountIds === undefined && props.sourceOrganizationId === undefined
        ? 'give sourceAccountIds, sourceOrganizationId or both: without them the policy admits no account and forwarded events are refused'
        : undefined,
      ...validateList('accountId', 'sourceAccountIds', props.sourceAccountIds, { nonEmpty: true, unique: true }),
      validate('organizationId', 'sourceOrganizationId', props.sourceOrganizationId),
    ]);
    // Built and sized once the IDs are known to be valid.
    const statements = busStatements(this, this.eventBusArn, props.sourceAccountIds, props.sourceOrganizationId);
    throwIfProblems(this, [
      checkBusPolicySize(this, statements, limits,
        'the default event bus policy statements for sourceAccountIds and sourceOrganizationId',
        'admit the organization with sourceOrganizationId instead of listing accounts, or pass limits with a raised eventBusPolicyCharacters if your quota was increased'),
    ]);

    this.busPolicies = defineBusPolicies(this, statements, 'CentralEventSources');
  }
}
