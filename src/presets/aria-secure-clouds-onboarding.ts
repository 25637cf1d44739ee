import { Annotations, Stack, Stage } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { checkTrailChoice, definePresetTrail } from './private/trail';
import { AuditAccessKeyUser } from '../access/audit-access-key-user';
import { AuditPermissions } from '../access/audit-permissions';
import { ReadOnlyAuditRole } from '../access/read-only-audit-role';
import { markAuditSetup } from '../core/private/audit-tag';
import { throwIfProblems } from '../core/private/errors';
import { defineHandOffOutputs, HandOffValue } from '../core/private/hand-off';
import { RegionInfo } from '../core/private/lazy';
import { stackPlacementProblem, warnOfOuterAspects } from '../core/private/stages';
import { isUnresolved } from '../core/private/tokens';
import { validate, validateList, validateRootOrOu, checkPropShapes, PropsSpec } from '../core/private/validators';
import { AuditedServices } from '../event-stream/audited-services';
import { CentralEventBusPolicy } from '../event-stream/central-event-bus-policy';
import { EventForwarder } from '../event-stream/event-forwarder';
import { EventStreamRule } from '../event-stream/event-stream-rule';
import { defineRegionalStacks } from '../event-stream/private/regional-stacks';
import { OrgStackSetRollout } from '../stacksets/org-stack-set-rollout';
import { defineTemplateStack } from '../stacksets/private/template-stack';
import { StackSetTemplate } from '../stacksets/stack-set-template';

/** The region and name of the vendor's event queue in the VMware Aria Automation for Secure Clouds guide. */
const VENDOR_QUEUE_REGION = 'us-west-2';
const VENDOR_QUEUE_NAME = 'cloudcoreo-events-queue';

/**
 * Properties of an `AriaSecureCloudsOnboarding`.
 */
export interface AriaSecureCloudsOnboardingProps {
  /**
   * The VMware Aria Automation for Secure Clouds AWS account that the role trusts.
   *
   * The guide does not print it: get it from the vendor's console or
   * support. Required in commercial partitions; not used in GovCloud.
   *
   * @default - none; required unless `homeRegion` is a GovCloud region
   */
  readonly vendorAccountId?: string;

  /**
   * The external ID: your organization ID in VMware Aria Automation for Secure Clouds.
   *
   * Required in commercial partitions; GovCloud uses an access key instead.
   *
   * @default - none; required unless `homeRegion` is a GovCloud region
   */
  readonly externalId?: string;

  /**
   * External IDs of particular accounts, by account ID, where the vendor console shows another value than `externalId` (the guide's bulk onboarding script takes one per account).
   *
   * Each account's role checks its own value; every other account, and every
   * account that joins later, checks `externalId`. The member-account
   * StackSet carries one template for all accounts, which picks the value by
   * `AWS::AccountId` at deploy time (`ReadOnlyAuditRole.accountExternalIds`).
   *
   * @default - `externalId` in every account
   */
  readonly accountExternalIds?: { [accountId: string]: string };

  /**
   * The account the stacks deploy to (the management account in organization mode).
   *
   * @default - the account of the CLI credentials at deploy time
   */
  readonly account?: string;

  /**
   * The region of the account stack (role or user, trail, outputs), and of the member-role StackSet.
   *
   * Its partition decides the flow: a GovCloud region (`us-gov-*`) selects
   * the guide's GovCloud flow: an access-key user instead of a role.
   *
   * @default 'us-east-1'
   */
  readonly homeRegion?: string;

  /**
   * The name of the read-only role (the guide lets you choose it).
   *
   * A fixed name, the same in every account, so that role ARNs are
   * predictable for the vendor console.
   *
   * @default 'AriaSecureCloudsReadOnly'
   */
  readonly roleName?: string;

  /**
   * Let the vendor monitor AWS Budgets: an inline `BudgetsRead` policy on the role.
   *
   * @default false
   */
  readonly budgets?: boolean;

  /**
   * Let the vendor monitor AWS Cost Explorer: an inline `CostExplorerRead` policy on the role.
   *
   * @default false
   */
  readonly costExplorer?: boolean;

  /**
   * The regions of the event stream: a rule, a `cloudcoreo-events` topic and a subscription in each.
   *
   * Must include us-east-1 while the watched services include a global one
   * (IAM, CloudFront, Route 53, WAF). The guide offers no event stream in GovCloud.
   *
   * @default - no event stream: findings refresh with each scan only
   */
  readonly eventStreamRegions?: string[];

  /**
   * The ARN of the vendor's event queue every topic subscribes.
   *
   * @default - built from `eventQueueAccountId`, us-west-2 and `cloudcoreo-events-queue`
   */
  readonly eventQueueArn?: string;

  /**
   * The account of the vendor's `cloudcoreo-events-queue` in us-west-2 (the guide writes `<account-id>`).
   *
   * @default - none; give this or `eventQueueArn` with `eventStreamRegions`
   */
  readonly eventQueueAccountId?: string;

  /**
   * The services whose API calls the event stream forwards.
   *
   * @default - `AuditedServices.VMWARE_CURRENT` (the guide's 21 event sources and AWS WAF), or `AuditedServices.VMWARE_DEFAULT` (the guide's 21) with `currentServices: false`
   */
  readonly eventStreamServices?: AuditedServices;

  /**
   * Also watch AWS WAF (`wafv2.amazonaws.com`), the successor of the WAF Classic the guide lists; false reproduces the guide's 21 event sources exactly.
   *
   * The guide lists WAF Classic (`waf.amazonaws.com`) only, so without this
   * the stream misses every change to web ACLs of the current AWS WAF.
   * Only applies when `eventStreamServices` is not given.
   *
   * @default true
   */
  readonly currentServices?: boolean;

  /**
   * Existing customer managed KMS keys for the event-stream stacks, by region: no new key in those regions.
   *
   * Each event-stream stack (in the account stack's account, or in the
   * central account in central mode) otherwise defines one retained key,
   * about 1 USD a month each. A key must be in its region and in the
   * account of the event-stream stacks, and its policy must let
   * `events.amazonaws.com` use it and CloudWatch Logs encrypt the
   * delivery-status log groups (synthesis warns with the statements to add).
   * Member accounts in organization mode still get a key per region from
   * the StackSet; central mode avoids them.
   *
   * @default - a new key in each event-stream stack
   */
  readonly eventStreamEncryptionKeyArns?: { [region: string]: string };

  /**
   * Require the event `source` to start with `aws.` (deviation 1); false reproduces the guide's pattern exactly.
   *
   * @default true
   */
  readonly restrictToAwsSources?: boolean;

  /**
   * Log the status of SNS deliveries to the queue (deviation 2); false reproduces the guide.
   *
   * @default true
   */
  readonly deliveryStatusLogging?: boolean;

  /**
   * Central mode: the account that runs the event stream for every onboarded account.
   *
   * Every other onboarded account (the account stack's, unless it is this
   * one, and in organization mode every member account but this one) gets an
   * `EventForwarder` per region that sends the watched CloudTrail events to
   * this account's default event bus in the same region. Only this account
   * has the rule, the `cloudcoreo-events` topic and the subscription, in
   * stacks `<id>-event-stream-<region>`, with a bus policy that admits the
   * onboarded accounts. Collecting CloudTrail log files in one S3 bucket is
   * not enough: the stream is fed by EventBridge events, which stay in the
   * account of the API call unless they are forwarded.
   *
   * @default - per-account mode: every onboarded account runs its own event stream
   */
  readonly centralEventAccountId?: string;

  /**
   * Your AWS organization's ID (`o-...`), with an event stream in organization or central mode.
   *
   * In organization mode (`organizationalUnitIds`) without
   * `existingTrailArn`, the account stack defines an organization trail that
   * logs every account of this organization. In central mode, the central
   * account's buses admit this organization's accounts.
   *
   * @default - none: required in organization mode unless `existingTrailArn` is given, and in central mode with `organizationalUnitIds`
   */
  readonly organizationId?: string;

  /**
   * The ARN of the trail you already have: no trail is defined, and none is paid for twice.
   *
   * The event stream only sees API calls a trail logs, in every region. In
   * organization mode it must be an organization trail that logs every
   * member account, such as the one AWS Control Tower sets up
   * (`aws-controltower-BaselineCloudTrail`). Find it with
   * `aws cloudtrail describe-trails --query "trailList[?IsMultiRegionTrail].[TrailARN,IsOrganizationTrail]"`.
   *
   * @default - a new `AuditTrail` is defined with the event stream, unless `defineTrail` is false
   */
  readonly existingTrailArn?: string;

  /**
   * Define an `AuditTrail` in the account stack when there is an event stream and no `existingTrailArn`.
   *
   * In organization mode it is an organization trail in the management
   * account, which needs `organizationId`; `false` there needs
   * `existingTrailArn`, since member accounts would otherwise stream nothing.
   *
   * @default true
   */
  readonly defineTrail?: boolean;

  /**
   * Organization mode: the OUs (or the root `r-...`) whose member accounts get the role, and the event stream, through service-managed StackSets.
   *
   * The StackSets deploy to accounts that join later (continuous
   * onboarding) and need no `OrganizationAccountAccessRole`.
   * Deploy the account stack in the management account, which gets the
   * role and the event stream from plain stacks.
   *
   * @default - one account only
   */
  readonly organizationalUnitIds?: string[];

  /**
   * The name of the GovCloud user.
   *
   * @default 'SecureStateUser'
   */
  readonly govCloudUserName?: string;

  /**
   * A serial number for the GovCloud access key: change it to rotate the key.
   *
   * @default - no serial
   */
  readonly accessKeySerial?: number;

  /**
   * Write CloudFormation outputs of what you paste into the vendor console: role ARN and external ID, or access key ID and secret ARN in GovCloud.
   *
   * @default true
   */
  readonly handOffOutputs?: boolean;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { vendorAccountId: 'string', externalId: 'string', accountExternalIds: 'map', account: 'string', homeRegion: 'string', roleName: 'string', budgets: 'boolean', costExplorer: 'boolean', eventStreamRegions: 'string[]', eventQueueArn: 'string', eventQueueAccountId: 'string', eventStreamServices: 'object', restrictToAwsSources: 'boolean', deliveryStatusLogging: 'boolean', centralEventAccountId: 'string', organizationId: 'string', existingTrailArn: 'string', defineTrail: 'boolean', organizationalUnitIds: 'string[]', govCloudUserName: 'string', accessKeySerial: 'number', handOffOutputs: 'boolean' };

/**
 * The VMware Aria Automation for Secure Clouds guide as one stage: read-only role, optional Budgets and Cost Explorer, event stream per region (per account, or in a central account), trail, organization rollout, GovCloud user.
 *
 * A `Stage`: define it in an `App` or a `Stage`, not in a `Stack`. Its
 * stacks, listed in `stacks`, are the account stack (`<id>`), one
 * event-stream stack per region (`<id>-event-stream-<region>`, in the
 * central account in central mode), and in central mode one forwarder stack
 * per region (`<id>-event-forwarder-<region>`) in the account stack's
 * account. They are synthesized into a nested cloud assembly
 * (`cdk.out/assembly-<id>/`): deploy them with `cdk deploy '<id>/*'`
 * (`cdk deploy --all` selects only the app's top-level stacks), or add the
 * stage to a CDK Pipelines wave. Aspects and tags applied to the `App` do
 * not reach into a stage: apply cdk-nag and your tags to this construct as
 * well; synthesis warns when the `App` has aspects that this stage lacks.
 *
 * Deliberate deviations, each in `docs/presets/aria-secure-clouds.md` and
 * named in the faithful test: (1) `source` guard `aws.` on the pattern;
 * (2) SNS delivery-status logging; (3) topic policy that lets only the rule
 * publish, TLS only; (4) retry policy, dead-letter queue and redrive;
 * (5) Budgets and Cost Explorer actions chosen by the library (the guide
 * does not list them); (6) StackSets instead of the onboarding scripts;
 * (7) the GovCloud secret in Secrets Manager; (8) partition-aware ARNs;
 * (9) AWS WAF (`wafv2.amazonaws.com`) watched besides the guide's WAF
 * Classic (`currentServices: false` removes it).
 *
 * In organization mode the event stream needs an organization trail:
 * `organizationId` defines one in the management account, or
 * `existingTrailArn` names the one you have (AWS Control Tower's, for
 * instance); synthesis refuses otherwise, since member accounts would
 * stream nothing.
 *
 * Removal: `cdk destroy` removes the role, rules, topics,
 * subscriptions and StackSets (with their member-account instances); the
 * trail's buckets and key, the event stream's keys, dead-letter queues and
 * delivery-status log groups are retained because they hold data. Remove the
 * accounts in the vendor console too.
 *
 * @example
 * const app = new App();
 * new audit.AriaSecureCloudsOnboarding(app, 'AriaSecureClouds', {
 *   vendorAccountId: '111122223333',
 *   externalId: 'my-tenant-1234',
 *   eventStreamRegions: ['us-east-1', 'eu-west-1'],
 *   eventQueueAccountId: '111122223333',
 * });
 */
export class AriaSecureCloudsOnboarding extends Stage {
  /** Every stack this construct defines. */
  public readonly stacks: Stack[];

  /** The account stack: role (or GovCloud user), trail, outputs, and the StackSets in organization mode. */
  public readonly accountStack: Stack;

  /** The read-only role of the account stack (commercial partitions). */
  public readonly role?: ReadOnlyAuditRole;

  /** The access-key user (GovCloud). */
  public readonly govCloudUser?: AuditAccessKeyUser;

  /** The event stream of each region, in the order of `eventStreamRegions` (in the central account in central mode). */
  public readonly eventStreams: EventStreamRule[];

  /** Central mode: the account stack's forwarder of each region (none when the account stack's account is the central one). */
  public readonly eventForwarders: EventForwarder[];

  /** Central mode: the central account's bus policy of each region. */
  public readonly centralEventBusPolicies: CentralEventBusPolicy[];

  /**
   * The role in the member-account StackSet template (organization mode).
   *
   * Acknowledge cdk-nag findings on it as on `role`: it is the same role.
   */
  public readonly memberRole?: ReadOnlyAuditRole;

  /** The StackSet that defines the role in member accounts (organization mode). */
  public readonly memberRoleRollout?: OrgStackSetRollout;

  /** The StackSet that defines the event stream in member accounts (organization mode with an event stream). */
  public readonly memberEventStreamRollout?: OrgStackSetRollout;

  constructor(scope: Construct, id: string, props: AriaSecureCloudsOnboardingProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    markAuditSetup(this);
    const homeRegion = props.homeRegion ?? 'us-east-1';
    const partition = isUnresolved(homeRegion) ? undefined : RegionInfo.get(homeRegion).partition;
    const govCloud = partition === 'aws-us-gov';
    throwIfProblems(this, checkProps(this, props, homeRegion, govCloud));

    this.accountStack = new Stack(this, 'Account', {
      stackName: id,
      env: { account: props.account, region: homeRegion },
      description: govCloud ? 'VMware Aria Automation for Secure Clouds: GovCloud access-key user' : 'VMware Aria Automation for Secure Clouds: read-only role',
    });
    this.stacks = [this.accountStack];
    this.eventStreams = [];
    this.eventForwarders = [];
    this.centralEventBusPolicies = [];
    const central = props.centralEventAccountId;
    const handOff: HandOffValue[] = [];

    if (govCloud) {
      // The guide's GovCloud flow: an access-key user with SecurityAudit; the key only in Secrets Manager.
      const user = new AuditAccessKeyUser(this.accountStack, 'SecureStateUser', {
        userName: props.govCloudUserName ?? 'SecureStateUser',
        accessKeySerial: props.accessKeySerial,
      });
      this.govCloudUser = user;
      handOff.push(
        { id: 'AccessKeyId', value: user.accessKeyId, description: 'VMware Aria Automation for Secure Clouds: Access Key ID' },
        { id: 'SecretArn', value: user.secretArn, description: 'VMware Aria Automation for Secure Clouds: the Secret access key is in this secret (aws secretsmanager get-secret-value --secret-id <ARN>)' },
      );
    } else {
      this.role = auditRole(this.accountStack, props);
      handOff.push(
        { id: 'RoleArn', value: this.role.roleArn, description: 'VMware Aria Automation for Secure Clouds: IAM Role ARN' },
        { id: 'ExternalId', value: this.role.externalId!, description: 'VMware Aria Automation for Secure Clouds: External ID in the role\'s trust' },
      );
    }

    const regions = props.eventStreamRegions ?? [];
    if (regions.length > 0) {
      // The one trail the guide allows, in the account stack; in organization mode an
      // organization trail, so that member accounts' rules see their calls.
      definePresetTrail(this.accountStack, props, 'the event stream of VMware Aria Automation for Secure Clouds', {
        organizationId: props.organizationalUnitIds === undefined ? undefined : props.organizationId,
      });
      const deployment = eventStreamRegions(this, 'EventStream', regions, central ?? props.account, `${id}-event-stream`);
      for (const stack of deployment.stacks) {
        if (central !== undefined) {
          // Central mode: the central account admits the onboarded accounts to its bus.
          this.centralEventBusPolicies.push(new CentralEventBusPolicy(stack, 'Sources', {
            sourceOrganizationId: props.organizationId,
            sourceAccountIds: props.organizationId === undefined ? [props.account!] : undefined,
          }));
        }
        const keyArn = props.eventStreamEncryptionKeyArns?.[stack.region];
        this.eventStreams.push(eventStream(stack, props, keyArn === undefined ? undefined : kms.Key.fromKeyArn(stack, 'EventStreamKey', keyArn)));
      }
      this.stacks.push(...deployment.stacks);
      if (central !== undefined && central !== props.account) {
        const forwarding = eventStreamRegions(this, 'EventForwarding', regions, props.account, `${id}-event-forwarder`);
        for (const stack of forwarding.stacks) {
          this.eventForwarders.push(eventForwarder(stack, props, central));
        }
        this.stacks.push(...forwarding.stacks);
      }
    }

    if (props.organizationalUnitIds !== undefined) {
      // Organization mode: member accounts through service-managed StackSets.
      const templates = new Stage(this.accountStack, 'MemberTemplates');
      const roleTemplate = defineTemplateStack(templates, 'ReadOnlyRole', 'VMware Aria Automation for Secure Clouds: read-only role');
      this.memberRole = auditRole(roleTemplate, props);
      this.memberRoleRollout = new OrgStackSetRollout(this.accountStack, 'MemberRoleRollout', {
        template: StackSetTemplate.fromStack(roleTemplate),
        stackSetName: `${id}-read-only-role`,
        description: 'VMware Aria Automation for Secure Clouds: read-only role in every member account',
        organizationalUnitIds: props.organizationalUnitIds,
        regions: [homeRegion],
      });
      if (regions.length > 0) {
        const streamTemplate = defineTemplateStack(templates, 'EventStream', central === undefined
          ? 'VMware Aria Automation for Secure Clouds: event stream'
          : 'VMware Aria Automation for Secure Clouds: forwards the watched events to the central account');
        if (central === undefined) {
          eventStream(streamTemplate, props);
        } else {
          eventForwarder(streamTemplate, props, central);
        }
        if (central === undefined) {
          // Per-account mode: the key count grows with the organization; say so where it is decided.
          Annotations.of(this.accountStack).addInfoV2('cdk-audit-baseline:ariaMemberEventStreamKeys',
            `Each member account gets ${regions.length} retained KMS key${regions.length === 1 ? '' : 's'} from the event-stream StackSet, one per region of eventStreamRegions `
            + `(about 1 USD a month each, kept after removal): ${regions.length} × the number of member accounts. `
            + `centralEventAccountId runs the stream in one account instead, with ${regions.length} key${regions.length === 1 ? '' : 's'} for the whole organization (or none with eventStreamEncryptionKeyArns)`);
        }
        this.memberEventStreamRollout = new OrgStackSetRollout(this.accountStack, 'MemberEventStreamRollout', {
          template: StackSetTemplate.fromStack(streamTemplate),
          stackSetName: `${id}-event-stream`,
          description: central === undefined
            ? 'VMware Aria Automation for Secure Clouds: event stream in every member account and region'
            : 'VMware Aria Automation for Secure Clouds: event forwarding to the central account from every member account and region',
          organizationalUnitIds: props.organizationalUnitIds,
          // The central account runs the stream itself; a forwarder there would target its own bus.
          excludedAccountIds: central !== undefined && central !== props.account ? [central] : undefined,
          regions,
        });
      }
    }

    if (props.handOffOutputs ?? true) {
      defineHandOffOutputs(this.accountStack, handOff);
    }
    warnOfOuterAspects(this, this.accountStack);
  }
}

/**
 * One stack per region in this stage, under a plain construct `id`: in the
 * preset's own cloud assembly (a nested stage would be left out of a
 * pipeline's deployment of the preset), with the global-events check.
 */
function eventStreamRegions(stage: Stage, id: string, regions: string[], account: string | undefined, stackNamePrefix: string) {
  return defineRegionalStacks(new Construct(stage, id), {
    regions,
    account,
    stackNamePrefix,
    stackNamePrefixLabel: `the stack name prefix ${JSON.stringify(stackNamePrefix)} (the construct id and a suffix)`,
    regionsLabel: 'eventStreamRegions',
    failOnMissingGlobalEvents: true,
    otherFix: 'watch only regional services (eventStreamServices)',
  });
}

function auditRole(stack: Stack, props: AriaSecureCloudsOnboardingProps): ReadOnlyAuditRole {
  const permissions: AuditPermissions[] = [];
  if (props.budgets) permissions.push(AuditPermissions.BUDGETS_READ);
  if (props.costExplorer) permissions.push(AuditPermissions.COST_EXPLORER_READ);
  return new ReadOnlyAuditRole(stack, 'ReadOnlyRole', {
    trustedAccountId: props.vendorAccountId!,
    externalId: props.externalId,
    accountExternalIds: props.accountExternalIds,
    roleName: props.roleName ?? 'AriaSecureCloudsReadOnly',
    description: 'Read-only access for VMware Aria Automation for Secure Clouds',
    permissions,
  });
}

function eventStream(stack: Stack, props: AriaSecureCloudsOnboardingProps, encryptionKey?: kms.IKey): EventStreamRule {
  const queueArn = props.eventQueueArn ?? stack.formatArn({
    partition: RegionInfo.get(VENDOR_QUEUE_REGION).partition,
    service: 'sqs',
    region: VENDOR_QUEUE_REGION,
    account: props.eventQueueAccountId!,
    resource: VENDOR_QUEUE_NAME,
  });
  return new EventStreamRule(stack, 'EventStream', {
    queueArn,
    services: watchedServices(props),
    restrictToAwsSources: props.restrictToAwsSources,
    deliveryStatusLogging: props.deliveryStatusLogging,
    encryptionKey,
  });
}

function eventForwarder(stack: Stack, props: AriaSecureCloudsOnboardingProps, central: string): EventForwarder {
  return new EventForwarder(stack, 'EventForwarder', {
    targetAccountId: central,
    services: watchedServices(props),
    restrictToAwsSources: props.restrictToAwsSources,
  });
}

function watchedServices(props: AriaSecureCloudsOnboardingProps): AuditedServices {
  return props.eventStreamServices
    ?? ((props.currentServices ?? true) ? AuditedServices.VMWARE_CURRENT : AuditedServices.VMWARE_DEFAULT);
}

function checkProps(scope: Stage, props: AriaSecureCloudsOnboardingProps, homeRegion: string, govCloud: boolean): string[] {
  const problems: Array<string | undefined> = [];
  problems.push(stackPlacementProblem(scope, 'account stack and one per event-stream region'));
  problems.push(validate('region', 'homeRegion', homeRegion), validate('accountId', 'account', props.account));
  if (govCloud) {
    if (props.eventStreamRegions !== undefined) {
      problems.push(`eventStreamRegions cannot be used in GovCloud (homeRegion ${JSON.stringify(homeRegion)}): the guide says "An event stream is not available for GovCloud accounts", findings refresh every 12 hours; remove eventStreamRegions`);
    }
    const commercialOnly = (['vendorAccountId', 'externalId', 'accountExternalIds', 'roleName', 'budgets', 'costExplorer', 'organizationalUnitIds', 'eventQueueArn', 'eventQueueAccountId', 'centralEventAccountId', 'organizationId'] as const).filter((k) => props[k] !== undefined);
    if (commercialOnly.length > 0) {
      problems.push(`${commercialOnly.join(', ')} cannot be used in GovCloud (homeRegion ${JSON.stringify(homeRegion)}): the GovCloud flow is an access-key user with SecurityAudit, with no role and no organization rollout; remove ${commercialOnly.length === 1 ? 'it' : 'them'}`);
    }
  } else {
    if (props.vendorAccountId === undefined) {
      problems.push('vendorAccountId is required: the role trusts the VMware Aria Automation for Secure Clouds AWS account, which the guide does not print; get it from the vendor\'s console or support');
    }
    if (props.externalId === undefined) {
      problems.push('externalId is required: it must match your organization ID in VMware Aria Automation for Secure Clouds');
    }
    problems.push(validate('accountId', 'vendorAccountId', props.vendorAccountId), validate('externalId', 'externalId', props.externalId), validate('roleName', 'roleName', props.roleName));
    const gov = (['govCloudUserName', 'accessKeySerial'] as const).filter((k) => props[k] !== undefined);
    if (gov.length > 0) {
      problems.push(`${gov.join(', ')} only apply in GovCloud, but homeRegion is ${JSON.stringify(homeRegion)}: remove ${gov.length === 1 ? 'it' : 'them'}, or set homeRegion to a us-gov region`);
    }
  }
  const regions = props.eventStreamRegions;
  if (regions !== undefined && !govCloud) {
    problems.push(...validateList('region', 'eventStreamRegions', regions, { nonEmpty: true, unique: true, onePartition: true }));
    if (props.eventQueueArn === undefined && props.eventQueueAccountId === undefined) {
      problems.push('eventStreamRegions needs the vendor\'s queue: give eventQueueAccountId (the account of the vendor\'s cloudcoreo-events-queue in us-west-2) or eventQueueArn');
    }
  } else {
    const streamOnly = (['eventQueueArn', 'eventQueueAccountId', 'eventStreamServices', 'currentServices', 'eventStreamEncryptionKeyArns', 'restrictToAwsSources', 'deliveryStatusLogging', 'centralEventAccountId', 'organizationId'] as const).filter((k) => props[k] !== undefined);
    if (streamOnly.length > 0 && !govCloud) {
      problems.push(`${streamOnly.join(', ')} only apply to the event stream, and eventStreamRegions is not given: add eventStreamRegions or remove ${streamOnly.length === 1 ? 'it' : 'them'}`);
    }
  }
  if (props.eventStreamServices !== undefined && props.currentServices !== undefined) {
    problems.push('currentServices only chooses between the default service sets, and eventStreamServices is given: remove currentServices, and add AuditedService.WAFV2 to eventStreamServices if you want AWS WAF');
  }
  if (props.eventQueueArn !== undefined && props.eventQueueAccountId !== undefined) {
    problems.push('eventQueueArn and eventQueueAccountId cannot be combined: give the queue\'s full ARN, or the account of the guide\'s us-west-2 cloudcoreo-events-queue');
  }
  problems.push(validate('accountId', 'eventQueueAccountId', props.eventQueueAccountId));
  problems.push(...checkCentralMode(props, govCloud));
  if (regions !== undefined && !govCloud) problems.push(...checkEventStreamKeys(props, regions));
  // A standard queue: SNS delivers to a FIFO queue only from a FIFO topic.
  const arn = props.eventQueueArn;
  const arnProblem = validate('sqsQueueArn', 'eventQueueArn', arn);
  problems.push(arnProblem ?? (arn === undefined || isUnresolved(arn) ? undefined : validate('sqsQueueName', 'the queue name in eventQueueArn', arn.split(':').slice(5).join(':'))));
  (props.organizationalUnitIds ?? []).forEach((ou, i) => problems.push(validateRootOrOu(`organizationalUnitIds[${i}]`, ou)));
  if (props.organizationalUnitIds !== undefined && props.organizationalUnitIds.length === 0) {
    problems.push('organizationalUnitIds must not be empty: give the root ID ("r-...") for every member account, or the OUs to onboard');
  }
  if (regions === undefined || regions.length === 0) {
    if (props.existingTrailArn !== undefined || props.defineTrail !== undefined) {
      problems.push('existingTrailArn and defineTrail only apply with eventStreamRegions: the trail is the event stream\'s prerequisite; remove them or add eventStreamRegions');
    }
  } else {
    problems.push(...checkTrailChoice(props));
    if (props.organizationalUnitIds !== undefined && props.existingTrailArn === undefined && !govCloud) {
      problems.push(checkOrganizationTrail(props));
    }
  }
  return problems.filter((p): p is string => p !== undefined);
}

/**
 * Organization mode: member accounts get rules (or forwarders) from a
 * StackSet, and EventBridge sees only the API calls a trail logs. An
 * account trail in the management account logs that account alone, so the
 * trail must be an organization trail: defined here (needs the
 * organization ID) or an existing one.
 */
function checkOrganizationTrail(props: AriaSecureCloudsOnboardingProps): string | undefined {
  if (props.defineTrail === false) {
    return 'organizationalUnitIds with eventStreamRegions and defineTrail: false needs existingTrailArn: member accounts get event-stream rules, which see only the API calls a trail logs; '
      + 'give the ARN of the organization trail that logs every member account (e.g. AWS Control Tower\'s aws-controltower-BaselineCloudTrail), or leave defineTrail out and give organizationId to define one';
  }
  if (props.organizationId === undefined) {
    return 'organizationalUnitIds with eventStreamRegions needs a trail that logs every member account, and an account trail in the management account logs only that account: '
      + 'give organizationId ("o-...") to define an organization trail, or existingTrailArn of the organization trail you already have (e.g. AWS Control Tower\'s), which avoids paying for a second trail';
  }
  return undefined;
}

function checkEventStreamKeys(props: AriaSecureCloudsOnboardingProps, regions: string[]): Array<string | undefined> {
  const problems: Array<string | undefined> = [];
  const streamAccount = props.centralEventAccountId ?? props.account;
  for (const [region, arn] of Object.entries(props.eventStreamEncryptionKeyArns ?? {})) {
    const prop = `eventStreamEncryptionKeyArns[${JSON.stringify(region)}]`;
    if (!regions.includes(region)) {
      problems.push(`${prop} names a region that is not in eventStreamRegions (${regions.join(', ')}): remove it, or add the region to eventStreamRegions`);
      continue;
    }
    const format = validate('kmsKeyArn', prop, arn);
    if (format !== undefined || isUnresolved(arn)) {
      problems.push(format);
      continue;
    }
    const [, , , keyRegion, keyAccount] = arn.split(':');
    if (keyRegion !== region) {
      problems.push(`${prop} is a key of region ${keyRegion}, got ${JSON.stringify(arn)}: SNS and CloudWatch Logs encrypt only with a key of their own region; give a key of ${region}`);
    }
    if (streamAccount !== undefined && !isUnresolved(streamAccount) && keyAccount !== streamAccount) {
      problems.push(`${prop} is a key of account ${keyAccount}, got ${JSON.stringify(arn)}: the event-stream stacks deploy to account ${streamAccount}${props.centralEventAccountId === undefined ? '' : ' (centralEventAccountId)'}; give a key of that account`);
    }
  }
  return problems;
}

function checkCentralMode(props: AriaSecureCloudsOnboardingProps, govCloud: boolean): Array<string | undefined> {
  const central = props.centralEventAccountId;
  const problems: Array<string | undefined> = [
    validate('accountId', 'centralEventAccountId', central),
    validate('organizationId', 'organizationId', props.organizationId),
  ];
  if (govCloud || props.eventStreamRegions === undefined) return problems; // reported with the other stream-only props
  if (central === undefined) {
    if (props.organizationId !== undefined && props.organizationalUnitIds === undefined) {
      problems.push('organizationId only applies in organization mode (the organization trail) or central mode (it admits the organization to the central account\'s buses): add organizationalUnitIds or centralEventAccountId, or remove organizationId');
    }
    return problems;
  }
  if (props.account === undefined || isUnresolved(props.account)) {
    problems.push(`centralEventAccountId ${JSON.stringify(central)} needs account: the account stack's account forwards its events to the central one unless it is the central one, which must be known at synth; give account`);
  } else if (props.organizationId === undefined && props.organizationalUnitIds !== undefined) {
    problems.push('centralEventAccountId with organizationalUnitIds needs organizationId: the central account\'s buses admit the organization\'s accounts (aws:PrincipalOrgID), since member accounts are not known at synth; give the organization ID ("o-...")');
  }
  if (central === props.account && props.organizationalUnitIds === undefined) {
    problems.push(`centralEventAccountId ${JSON.stringify(central)} is the account stack's own account and no member accounts are onboarded (no organizationalUnitIds): there is nothing to forward; remove centralEventAccountId`);
  }
  return problems;
}
