import { AuditedServices } from '../event-stream/audited-services';

/**
 * What an account is in the near-real-time configuration audit: one receiver, and the publishers whose events it receives.
 */
export enum SkyhighNrtAccountRole {
  /** The one account that houses the vendor's queues, and administers its StackSets. */
  RECEIVER = 'RECEIVER',
  /** A monitored account whose events go to the receiver. */
  PUBLISHER = 'PUBLISHER',
  /** The receiver, monitored too: the common single-account setup. */
  RECEIVER_AND_PUBLISHER = 'RECEIVER_AND_PUBLISHER',
}

/**
 * Options of a receiver account: `SkyhighNrtMode.receiverAndPublisher()` and `SkyhighNrtMode.receiver()`.
 */
export interface SkyhighNrtReceiverOptions {
  /**
   * The name of the vendor's existing role in the receiver account, which gets the two receiver policies.
   *
   * @default 'MVC_for_AWS_role'
   */
  readonly vendorRoleName?: string;

  /**
   * The name prefix of the vendor's queues in the receiver account: the vendor role may use only queues whose names start with it.
   *
   * In the guide's setup the vendor's StackSet creates the queues, and
   * CloudFormation names what a StackSet creates `StackSet-<StackSet
   * name>-...` unless the template names it: if the vendor's queues are
   * named otherwise, give their common prefix. With `selfProvisioned`, the
   * receiver queue of each region is named `<prefix>nrt-<region>`.
   *
   * @default 'StackSet-'
   */
  readonly vendorQueueNamePrefix?: string;

  /**
   * This receiver account already has a role named `AWSCloudFormationStackSetAdministrationRole`: attach the guide's administration policy to it instead of defining the role.
   *
   * For accounts that administered self-managed StackSets before (AWS's
   * standard setup): CloudFormation cannot define a second role of that
   * name. The policy `AWSCloudFormationStackSetAdministrationRolePolicy`
   * is attached to the existing role by name; the role's trust is
   * never changed, so it must already trust `cloudformation.amazonaws.com`,
   * as AWS's sample template defines it (without the confused-deputy
   * conditions of deviation 4).
   *
   * @default false - the role is defined, trusted by CloudFormation for this account's StackSets
   */
  readonly existingAdministrationRole?: boolean;

  /**
   * With `selfProvisioned`: the publisher accounts, whose events the receiver's default event bus admits and to which the receiver's StackSet deploys an `NrtPublisher`.
   *
   * Each needs a stack with `SkyhighNrtMode.publisher()` and
   * `selfProvisioned`, deployed first. Leave out member accounts that an
   * organization publisher covers (the management account is never one),
   * and the receiver itself (its own rule already sees its events). With
   * `SkyhighNrtMode.receiver()`, give this, `publisherOrganizationId`, or
   * both.
   *
   * @default - no publisher account is admitted by ID, and no publisher StackSet is defined
   */
  readonly publisherAccountIds?: string[];

  /**
   * With `selfProvisioned`: the organization whose accounts the receiver's default event bus admits (`aws:PrincipalOrgID`).
   *
   * Use it with an organization publisher, whose member accounts get their
   * `NrtPublisher` from the management account's stack.
   *
   * @default - no organization is admitted
   */
  readonly publisherOrganizationId?: string;

  /**
   * With `selfProvisioned`: the services whose API calls the rules forward (the guide does not give the rules' event pattern).
   *
   * Use the same value in every stack that deploys rules: the receiver's
   * rule drops what it does not match.
   *
   * @default AuditedServices.ALL_SERVICES
   */
  readonly services?: AuditedServices;
}

/**
 * Options of a publisher account: `SkyhighNrtMode.publisher()`.
 */
export interface SkyhighNrtPublisherOptions {
  /**
   * The receiver account's ID: the execution role trusts it.
   *
   * It must not be the stack's own account: an account that is both uses
   * `SkyhighNrtMode.receiverAndPublisher()`.
   */
  readonly receiverAccountId: string;
}

/**
 * Options of the organization's management account as a publisher: `SkyhighNrtMode.organizationPublisher()`.
 */
export interface SkyhighNrtOrganizationPublisherOptions extends SkyhighNrtPublisherOptions {
  /**
   * The OUs (or the root `r-...`) whose member accounts get the publisher execution role through a service-managed StackSet.
   *
   * The StackSet also reaches accounts that join later. The management
   * account's own role is defined in this stack (service-managed StackSets
   * never deploy there).
   */
  readonly organizationalUnitIds: string[];

  /**
   * The region of the publisher StackSet's instances (IAM is global: one region is enough).
   *
   * @default - the stack's region
   */
  readonly stackSetRegion?: string;

  /**
   * With `selfProvisioned`: the services whose API calls the member accounts' rules forward (the guide does not give the rules' event pattern).
   *
   * Use the same value as in the receiver's stack: the receiver's rule
   * drops what it does not match.
   *
   * @default AuditedServices.ALL_SERVICES
   */
  readonly services?: AuditedServices;
}

const MODE_SYMBOL = Symbol.for('cdk-audit-baseline.SkyhighNrtMode');

/**
 * What this stack's account is in the near-real-time configuration audit, with the options that apply to that kind of account only.
 *
 * The guide sets up one receiver account, which houses the vendor's queues
 * and administers its StackSets, and a publisher in every monitored
 * account, whose events go to the receiver.
 */
export abstract class SkyhighNrtMode {
  /**
   * The receiver, monitored too: the guide's single-account setup (the default).
   *
   * @param options the receiver's options
   */
  public static receiverAndPublisher(options: SkyhighNrtReceiverOptions = {}): SkyhighNrtMode {
    return new FactoryMode(SkyhighNrtAccountRole.RECEIVER_AND_PUBLISHER, 'receiverAndPublisher', options);
  }

  /**
   * The one account that houses the vendor's queues and administers its StackSets, itself not monitored.
   *
   * @param options the receiver's options
   */
  public static receiver(options: SkyhighNrtReceiverOptions = {}): SkyhighNrtMode {
    return new FactoryMode(SkyhighNrtAccountRole.RECEIVER, 'receiver', options);
  }

  /**
   * A monitored account whose events go to the receiver.
   *
   * The stack defines the execution role with the guide's publisher
   * policy, trusted by the receiver account.
   *
   * @param options the receiver account
   */
  public static publisher(options: SkyhighNrtPublisherOptions): SkyhighNrtMode {
    return new FactoryMode(SkyhighNrtAccountRole.PUBLISHER, 'publisher', options);
  }

  /**
   * The organization's management account: a publisher itself, and gives member accounts the publisher execution role through a service-managed StackSet.
   *
   * The guide's "repeat these steps per AWS account", once for the
   * organization. The receiver is left out of the StackSet: it has its own
   * execution role (receiver variant) of the same name.
   *
   * @param options the receiver account and the OUs of the member accounts
   */
  public static organizationPublisher(options: SkyhighNrtOrganizationPublisherOptions): SkyhighNrtMode {
    return new FactoryMode(SkyhighNrtAccountRole.PUBLISHER, 'organizationPublisher', options);
  }

  /**
   * Whether `x` is a mode made by one of the `SkyhighNrtMode` factories.
   *
   * @param x any value
   */
  public static isSkyhighNrtMode(x: unknown): x is SkyhighNrtMode {
    return typeof x === 'object' && x !== null && MODE_SYMBOL in x;
  }

  /** What the account is. */
  public abstract readonly accountRole: SkyhighNrtAccountRole;

  /**
   * The factory that made the mode, as messages name it (`publisher`).
   *
   * @internal
   */
  public abstract readonly _factory: string;

  /**
   * The options as given: the construct checks their shapes, with its path.
   *
   * @internal
   */
  public abstract readonly _options: unknown;
}

/** The name of each factory of `SkyhighNrtMode`. */
type ModeFactory = 'receiverAndPublisher' | 'receiver' | 'publisher' | 'organizationPublisher';

/** Every mode: made only by the factories, which brand it. */
class FactoryMode extends SkyhighNrtMode {
  constructor(public readonly accountRole: SkyhighNrtAccountRole, public readonly _factory: ModeFactory, public readonly _options: unknown) {
    super();
    Object.defineProperty(this, MODE_SYMBOL, { value: true });
  }
}
