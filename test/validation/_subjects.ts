import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import * as audit from '../../src';

/**
 * Every construct of the library, as the validation suites drive it: how to
 * build it with given props, a minimal valid set of props, and the kind of
 * each prop, from which the table and the property tests generate bad values.
 * The table of issue 15 is this catalogue times the bad values of each kind
 * (`_kinds.ts`).
 */

/** What a prop holds: its JavaScript shape plus, for strings, what the string identifies. */
export type Kind =
  | 'accountId' | 'accountIds' | 'externalId' | 'roleName' | 'policyName' | 'userName' | 'iamPath' | 'queueName' | 'topicName'
  | 'ruleName' | 'trailName' | 'orgId' | 'ouIds' | 'targetIds' | 'region' | 'regions' | 'sqsQueueArn' | 'trailArn' | 'principalArns' | 'bucketNames'
  | 'string' | 'orgPolicyName' | 'boolean' | 'number' | 'object' | 'object[]' | 'map' | 'enum' | 'stackSetName';

/** One prop: its kind and whether it is required. */
export interface PropSpec {
  readonly kind: Kind;
  readonly required?: boolean;
}

/** One construct. */
export interface Subject {
  /** The class name. */
  readonly name: string;
  /** The construct path errors must name. */
  readonly path: string;
  /** Builds an app with the construct and synthesizes it (node validations run then); returns the app. */
  readonly build: (props: Record<string, unknown>) => App;
  /** Minimal valid props. */
  readonly base: Record<string, unknown>;
  /** The props the tables exercise. */
  readonly props: Record<string, PropSpec>;
  /** What the error for props that are not an object names, when the props are a factory's options. */
  readonly notAnObject?: string;
}

export const VENDOR = '111122223333';
export const MEMBER = '444455556666';
export const ORG = 'o-a1b2c3d4e5';

function inStack(make: (stack: Stack, props: any) => Construct): (props: Record<string, unknown>) => App {
  return (props) => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    make(stack, props);
    app.synth();
    return app;
  };
}

function rollout(make: (stack: Stack, template: audit.StackSetTemplate, props: any) => Construct): (props: Record<string, unknown>) => App {
  return (props) => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const inner = new Stack(new Stage(stack, 'MemberTemplates'), 'T', { synthesizer: new BootstraplessSynthesizer() });
    new sns.Topic(inner, 'Topic', { enforceSSL: true });
    make(stack, audit.StackSetTemplate.fromStack(inner), props);
    app.synth();
    return app;
  };
}

/** The rollout's props with the template added; props that are not an object pass as they are. */
function withTemplate(template: audit.StackSetTemplate, props: unknown): any {
  return typeof props === 'object' && props !== null ? { template, ...props } : props;
}

const s = (kind: Kind): PropSpec => ({ kind });
const req = (kind: Kind): PropSpec => ({ kind, required: true });

const ROLE_OPTIONS: Record<string, PropSpec> = {
  roleName: s('roleName'),
  path: s('iamPath'),
  description: s('string'),
  maxSessionDuration: s('object'),
  handOffOutputs: s('boolean'),
  securityAudit: s('boolean'),
  permissions: s('object[]'),
  limits: s('object'),
};

export const SUBJECTS: Subject[] = [
  {
    name: 'ReadOnlyAuditRole',
    path: 'S/X',
    build: inStack((st, p) => new audit.ReadOnlyAuditRole(st, 'X', p)),
    base: { trustedAccountId: VENDOR, externalId: 'tenant-0001' },
    props: { ...ROLE_OPTIONS, trustedAccountId: req('accountId'), externalId: s('externalId'), accountExternalIds: s('map'), trustedPrincipalArns: s('principalArns') },
  },
  {
    name: 'AuditAccessKeyUser',
    path: 'S/X',
    build: inStack((st, p) => new audit.AuditAccessKeyUser(st, 'X', p)),
    base: {},
    props: { userName: s('userName'), path: s('iamPath'), accessKeySerial: s('number'), handOffOutputs: s('boolean'), securityAudit: s('boolean') },
  },
  {
    name: 'AuditInstanceProfileRole',
    path: 'S/X',
    build: inStack((st, p) => new audit.AuditInstanceProfileRole(st, 'X', p)),
    base: {},
    props: { ...ROLE_OPTIONS, instanceProfileName: s('roleName') },
  },
  {
    name: 'AssumeRoleConnector',
    path: 'S/X',
    build: inStack((st, p) => new audit.AssumeRoleConnector(st, 'X', p)),
    base: {},
    props: { ...ROLE_OPTIONS, connectorUserName: s('userName'), externalId: s('externalId'), accessKeySerial: s('number') },
  },
  {
    name: 'EventStreamRule',
    path: 'S/X',
    build: inStack((st, p) => new audit.EventStreamRule(st, 'X', p)),
    base: {},
    props: {
      ruleName: s('ruleName'),
      topicName: s('topicName'),
      queueArn: s('sqsQueueArn'),
      restrictToAwsSources: s('boolean'),
      includeReadOnlyEvents: s('boolean'),
      deliveryStatusLogging: s('boolean'),
      retryAttempts: s('number'),
      maxEventAge: s('object'),
      services: s('object'),
    },
  },
  {
    name: 'EventForwarder',
    path: 'S/X',
    build: inStack((st, p) => new audit.EventForwarder(st, 'X', p)),
    base: { targetAccountId: VENDOR },
    props: { targetAccountId: req('accountId'), restrictToAwsSources: s('boolean'), includeReadOnlyEvents: s('boolean'), services: s('object') },
  },
  {
    name: 'NrtPublisher',
    path: 'S/X',
    build: inStack((st, p) => new audit.NrtPublisher(st, 'X', p)),
    base: { receiverAccountId: VENDOR },
    props: { receiverAccountId: req('accountId'), services: s('object') },
  },
  {
    name: 'NrtReceiver',
    path: 'S/X',
    build: inStack((st, p) => new audit.NrtReceiver(st, 'X', p)),
    base: { publisherOrganizationId: ORG },
    props: { publisherAccountIds: s('accountIds'), publisherOrganizationId: s('orgId'), queueName: s('queueName') },
  },
  {
    name: 'CentralEventBusPolicy',
    path: 'S/X',
    build: inStack((st, p) => new audit.CentralEventBusPolicy(st, 'X', p)),
    base: { sourceOrganizationId: ORG },
    props: { sourceAccountIds: s('accountIds'), sourceOrganizationId: s('orgId') },
  },
  {
    name: 'CentralEventQueue',
    path: 'S/X',
    build: inStack((st, p) => new audit.CentralEventQueue(st, 'X', p)),
    base: { sourceOrganizationId: ORG },
    props: {
      queueName: s('queueName'),
      sourceAccountIds: s('accountIds'),
      sourceOrganizationId: s('orgId'),
      sourceTopicName: s('topicName'),
      consumerPrincipalArns: s('principalArns'),
      retentionPeriod: s('object'),
      maxReceiveCount: s('number'),
    },
  },
  {
    name: 'AuditTrail',
    path: 'S/X',
    build: inStack((st, p) => new audit.AuditTrail(st, 'X', p)),
    base: {},
    props: { trailName: s('trailName'), organizationId: s('orgId') },
  },
  {
    name: 'NrtReceiverRolePolicies',
    path: 'S/X',
    build: inStack((st, p) => new audit.NrtReceiverRolePolicies(st, 'X', p)),
    base: {},
    props: { vendorRoleName: s('roleName'), receiverPolicyName: s('policyName'), publishersPolicyName: s('policyName') },
  },
  {
    name: 'StackSetExecutionRole',
    path: 'S/X',
    build: inStack((st, p) => new audit.StackSetExecutionRole(st, 'X', p)),
    base: { administratorAccountId: VENDOR, permissions: audit.StackSetExecutionPermissions.GUIDE_PUBLISHER },
    props: {
      administratorAccountId: req('accountId'),
      permissions: req('object'),
      roleName: s('roleName'),
      policyName: s('policyName'),
      administrationRoleName: s('roleName'),
      cloudFormationServiceTrust: s('boolean'),
    },
  },
  {
    name: 'StackSetExecutionRolePolicy',
    path: 'S/X',
    build: inStack((st, p) => new audit.StackSetExecutionRolePolicy(st, 'X', p)),
    base: { permissions: audit.StackSetExecutionPermissions.GUIDE_PUBLISHER },
    props: { permissions: req('object'), policyName: s('policyName'), role: s('object') },
  },
  {
    name: 'StackSetAdminRole',
    path: 'S/X',
    build: inStack((st, p) => new audit.StackSetAdminRole(st, 'X', p)),
    base: {},
    props: { roleName: s('roleName'), policyName: s('policyName'), executionRoleName: s('roleName'), targetAccountIds: s('accountIds'), optInRegions: s('regions') },
  },
  {
    name: 'StackSetAdminRolePolicy',
    path: 'S/X',
    build: inStack((st, p) => new audit.StackSetAdminRolePolicy(st, 'X', p)),
    base: {},
    props: { policyName: s('policyName'), executionRoleName: s('roleName'), targetAccountIds: s('accountIds') },
  },
  {
    name: 'OrgStackSetRollout',
    path: 'S/X',
    build: rollout((st, template, p) => new audit.OrgStackSetRollout(st, 'X', withTemplate(template, p))),
    base: { organizationalUnitIds: ['ou-ab12-11111111'], regions: ['us-east-1'] },
    props: {
      organizationalUnitIds: req('ouIds'),
      regions: req('regions'),
      excludedAccountIds: s('accountIds'),
      callAs: s('enum'),
      stackSetName: s('stackSetName'),
      maxConcurrentPercentage: s('number'),
      regionConcurrencyType: s('enum'),
      managedExecution: s('boolean'),
    },
  },
  {
    name: 'SelfManagedStackSetRollout',
    path: 'S/X',
    build: rollout((st, template, p) => new audit.SelfManagedStackSetRollout(st, 'X', withTemplate(template, p))),
    base: { accountIds: [MEMBER], regions: ['us-east-1'] },
    props: { accountIds: req('accountIds'), regions: req('regions'), executionRoleName: s('roleName'), stackSetName: s('stackSetName'), concurrencyMode: s('enum') },
  },
  {
    name: 'OrgGuardrailScp',
    path: 'S/X',
    build: inStack((st, p) => new audit.OrgGuardrailScp(st, 'X', p)),
    base: { targetIds: ['r-ab12'], guardrails: [audit.Guardrail.denyLeaveOrganization({ exemptOnboardingMachinery: false })] },
    props: { targetIds: req('targetIds'), guardrails: s('object[]'), slotsAlreadyTaken: s('number'), policyName: s('orgPolicyName') },
  },
  {
    name: 'OrgResourceControlPolicy',
    path: 'S/X',
    build: inStack((st, p) => new audit.OrgResourceControlPolicy(st, 'X', p)),
    base: { organizationId: ORG, targetIds: ['r-ab12'] },
    props: { organizationId: req('orgId'), targetIds: req('targetIds'), services: s('object[]'), trustedAccounts: s('accountIds'), confusedDeputyProtection: s('boolean') },
  },
  {
    name: 'RegionalDeployment',
    path: 'X',
    build: (p) => {
      const app = new App();
      const deployment = new audit.RegionalDeployment(app, 'X', p as any);
      for (const stack of deployment.stacks) new audit.EventStreamRule(stack, 'Rule');
      app.synth();
      return app;
    },
    base: { regions: ['us-east-1'] },
    props: { regions: req('regions'), account: s('accountId'), stackNamePrefix: s('stackSetName'), missingGlobalEventsRegion: s('enum') },
  },
  {
    name: 'AriaSecureCloudsOnboarding',
    path: 'X',
    build: (p) => {
      const app = new App();
      new audit.AriaSecureCloudsOnboarding(app, 'X', p as any);
      app.synth();
      return app;
    },
    base: { vendorAccountId: VENDOR, externalId: 'tenant-0001', account: '123456789012' },
    props: {
      vendorAccountId: s('accountId'),
      externalId: s('externalId'),
      account: s('accountId'),
      homeRegion: s('region'),
      roleName: s('roleName'),
      eventStreamRegions: s('regions'),
      eventQueueArn: s('sqsQueueArn'),
      budgets: s('boolean'),
      accountExternalIds: s('map'),
    },
  },
  {
    name: 'SkyFormationConnector',
    path: 'S/X',
    build: inStack((st, p) => new audit.SkyFormationConnector(st, 'X', p)),
    base: {},
    props: { authMethod: s('enum'), roleName: s('roleName'), externalId: s('externalId'), connectorUserName: s('userName'), cloudTrail: s('boolean'), redshiftAuditLogBuckets: s('bucketNames') },
  },
  {
    name: 'SkyhighNrtConfigAudit',
    path: 'S/X',
    build: inStack((st, p) => new audit.SkyhighNrtConfigAudit(st, 'X', p)),
    base: {},
    props: {
      mode: s('object'),
      regions: s('regions'),
    },
  },
  {
    // The options of a receiver mode, given as the mode of the construct.
    name: 'SkyhighNrtReceiverOptions',
    path: 'S/X',
    build: inStack((st, p) => new audit.SkyhighNrtConfigAudit(st, 'X', { mode: audit.SkyhighNrtMode.receiver(p) })),
    base: { existingAdministrationRole: true },
    props: {
      vendorRoleName: s('roleName'),
      publisherOrganizationId: s('orgId'),
      publisherAccountIds: s('accountIds'),
    },
    notAnObject: 'the options of SkyhighNrtMode.receiver()',
  },
  {
    name: 'SkyhighNrtOrganizationPublisherOptions',
    path: 'S/X',
    build: inStack((st, p) => new audit.SkyhighNrtConfigAudit(st, 'X', { mode: audit.SkyhighNrtMode.organizationPublisher(p) })),
    base: { receiverAccountId: MEMBER, organizationalUnitIds: ['r-ab12'] },
    props: {
      receiverAccountId: req('accountId'),
      organizationalUnitIds: req('ouIds'),
      stackSetRegion: s('region'),
    },
    notAnObject: 'the options of SkyhighNrtMode.organizationPublisher()',
  },
];
