import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  EXECUTION_POLICY_NAME,
  EXECUTION_POLICY_SID,
  PUBLISHER_EXECUTION_ACTIONS,
  RECEIVER_EXECUTION_ACTIONS,
  STACK_ACTIONS,
} from './private/guide-policies';
import { RESOURCE_TYPE_ACTIONS, TYPES_WITHOUT_PERMISSIONS } from './private/resource-permissions';
import {
  actionsOverlap,
  boundaryArn,
  DEFAULT_BOUNDARY_POLICY_NAME,
  DENIED_TO_TEMPLATE_ROLES,
  flatten,
  prepareTemplateStack,
  TEMPLATE_KEY_TAG_KEY,
  TEMPLATE_KEY_TAG_VALUE,
  TEMPLATE_ROLES_ONLY,
  wildcardMatch,
} from './private/template-boundary';
import { BoundExecutionPermissions } from './private/types';
import { StackSetTemplate } from './stack-set-template';
import { validate } from '../core/private/validators';

/**
 * Options of the permissions derived from StackSet templates.
 */
export interface TemplatePermissionsOptions {
  /**
   * Name of the customer managed policy that is the permissions boundary of every role the templates define.
   *
   * The execution role's construct defines the policy in its account, next
   * to the permissions policy; `prepareTemplate` gives the templates' roles
   * the same name. It must not start with `StackSet-` (the prefix of the
   * names CloudFormation generates for a StackSet's resources) nor match the
   * name of a customer managed policy the templates define: the execution
   * role may rewrite those. Give another name when two derived permission
   * sets are bound in one account (each defines its boundary policy).
   *
   * @default 'AuditBaselineStackSetBoundary'
   */
  readonly boundaryPolicyName?: string;
}

/**
 * The permissions of a StackSet execution role, chosen explicitly.
 *
 * The execution role is what CloudFormation uses in each target account to
 * create the StackSet's stacks, so it needs the stack operations plus the
 * permissions to manage every resource in the template. The McAfee MVISION
 * Cloud / Skyhigh Security NRT guide gives two fixed lists; AWS's own execution-role template attaches
 * `AdministratorAccess`; `fromTemplates` derives a list from the templates the
 * role will deploy.
 */
export class StackSetExecutionPermissions {
  /**
   * The guide's receiver variant of `AWSCloudFormationStackSetExecutionRolePolicy`.
   *
   * Sid `VisualEditor0`, `Resource: "*"`, the guide's actions minus
   * `sqs:DeleteMessageBatch`, which is not an IAM action (`sqs:DeleteMessage`,
   * already in the list, authorizes the batch call). Use it in the receiver
   * account, and in an account that is both receiver and publisher.
   */
  public static readonly GUIDE_RECEIVER = new StackSetExecutionPermissions('GUIDE_RECEIVER', () => ({
    defaultPolicyName: EXECUTION_POLICY_NAME,
    document: guideDocument(RECEIVER_EXECUTION_ACTIONS),
    validate: () => [],
  }));

  /**
   * The guide's publisher variant of `AWSCloudFormationStackSetExecutionRolePolicy`.
   *
   * Sid `VisualEditor0`, `Resource: "*"`, the guide's 18 actions, a strict
   * subset of the receiver variant.
   */
  public static readonly GUIDE_PUBLISHER = new StackSetExecutionPermissions('GUIDE_PUBLISHER', () => ({
    defaultPolicyName: EXECUTION_POLICY_NAME,
    document: guideDocument(PUBLISHER_EXECUTION_ACTIONS),
    validate: () => [],
  }));

  /**
   * The AWS managed `AdministratorAccess` policy, as AWS's own execution-role
   * template and the VMware Aria Automation for Secure Clouds guide's
   * custom admin role use.
   *
   * Broadest choice: anyone who can update a StackSet administered from the
   * trusted account can do anything in the target accounts.
   */
  public static readonly ADMINISTRATOR_ACCESS = new StackSetExecutionPermissions('ADMINISTRATOR_ACCESS', () => ({
    awsManagedPolicyName: 'AdministratorAccess',
    validate: () => [],
  }));

  /**
   * The guide's receiver variant, with its queue actions limited to the queues of the account whose names start with `queueNamePrefix`.
   *
   * `GUIDE_RECEIVER` grants `sqs:SetQueueAttributes`, `sqs:AddPermission`
   * and the other queue actions on every queue of the account, so whoever
   * drives a StackSet to the role can change the policy of any queue there.
   * Here the first statement (Sid `VisualEditor0`, `Resource: "*"`) keeps
   * the stack, rule and `sqs:ListQueues` actions, and a second one
   * (`PrefixedQueues`) grants the queue actions on
   * `arn:<partition>:sqs:*:<account>:<prefix>*`.
   *
   * @param queueNamePrefix the start of the names of the queues the StackSets create (letters, digits, `-`, `_`)
   */
  public static guideReceiverForQueues(queueNamePrefix: string): StackSetExecutionPermissions {
    return new StackSetExecutionPermissions('GUIDE_RECEIVER_FOR_QUEUES', (prop) => {
      const queueActions = RECEIVER_EXECUTION_ACTIONS.filter((a) => a.startsWith('sqs:') && a !== 'sqs:ListQueues');
      return {
        defaultPolicyName: EXECUTION_POLICY_NAME,
        document: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({ sid: EXECUTION_POLICY_SID, actions: RECEIVER_EXECUTION_ACTIONS.filter((a) => !queueActions.includes(a)), resources: ['*'] }),
            new iam.PolicyStatement({
              sid: 'PrefixedQueues',
              actions: queueActions,
              resources: [`arn:${Aws.PARTITION}:sqs:*:${Aws.ACCOUNT_ID}:${queueNamePrefix}*`],
            }),
          ],
        }),
        validate: () => {
          const problem = validate('sqsQueueNamePrefix', `${prop} (the prefix of StackSetExecutionPermissions.guideReceiverForQueues)`, queueNamePrefix);
          return problem === undefined ? [] : [problem];
        },
      };
    });
  }

  /**
   * Permissions derived from the templates the role will deploy, limited to the templates' own resources, with a permissions boundary on the templates' roles.
   *
   * The stack operations of the guide's list plus `sns:Publish` (stack event
   * notifications), and for each resource type in the templates the actions
   * CloudFormation needs to create, update and delete it. The templates are
   * read when the app is synthesized.
   *
   * Limited to the templates' own resources, by name (a literal name, or
   * `StackSet-*` for a name CloudFormation generates, since it names a
   * StackSet's stacks `StackSet-<StackSet name>-...`):
   * - roles: every role action applies to the roles the templates define
   *   only. Creating a role, putting its boundary, rewriting its trust and
   *   putting an inline policy (only if a template has one) need the
   *   condition `iam:PermissionsBoundary` = the boundary below; attaching a
   *   managed policy also needs `iam:PolicyARN` = one the templates attach
   *   (an AWS managed policy they name, partition-aware, or their own
   *   customer managed policies). The boundary is never removed;
   * - customer managed policies and queues: the ones the templates define;
   * - topics: the ones the templates define, and their subscriptions;
   * - KMS keys: only keys with the tag `audit-baseline:stack-set-key` =
   *   `true`, which `prepareTemplate` puts on the templates' keys; a key is
   *   created only with that tag, and an untagged key cannot be tagged;
   * - the boundary policy itself: its versions and its deletion are denied.
   *
   * The permissions boundary, a customer managed policy named
   * `boundaryPolicyName` that the execution role's construct defines in the
   * account, allows the templates' roles at most the actions the templates
   * grant them (every action when a role has an AWS managed policy or another
   * managed policy the templates do not define, whose actions are not known
   * at synthesis), and denies them, whatever their policies say: IAM writes
   * (so no change to any role, policy or the boundary), Organizations and
   * account writes, `kms:PutKeyPolicy`, `kms:CreateGrant`, `kms:RevokeGrant`,
   * `kms:ScheduleKeyDeletion`, `kms:DisableKey`, `kms:ReplicateKey`, and
   * `iam:PassRole` and `sts:AssumeRole` of any role but the templates' own.
   * Someone who can update a StackSet that uses the role can therefore give
   * a template role at most those actions, and take it over (by rewriting
   * its trust), but not become administrator of the account.
   *
   * Not limited, because IAM cannot express it or the names are not known:
   * the stack operations and `sns:Publish` (any stack, any topic); rules,
   * log groups and the other types on `Resource: "*"`; the policies of the
   * account's event buses (`events:PutPermission`, `events:RemovePermission`)
   * and CloudWatch Logs resource policies (`logs:PutResourcePolicy`), which
   * take no resource in IAM, granted only if a template has such a resource;
   * and, for names CloudFormation generates, the roles, queues and topics of
   * other StackSets of the account, which share the `StackSet-` prefix (a
   * role of theirs can be passed, tagged, stripped of its policies or
   * deleted, but not given a policy or a new trust unless it carries the
   * boundary). The limits hold only if the execution role has no other
   * policy that grants the same actions more widely.
   *
   * Synthesis fails, with the fix, for: a template role without the boundary
   * or a template key without the tag (call `prepareTemplate` where the
   * template's stack is built), a template that grants its roles an action
   * the boundary denies, a policy for a role, user or group the template does
   * not define, a role or policy name synthesis cannot read, a managed policy
   * ARN synthesis cannot read, a `boundaryPolicyName` that the templates'
   * policy names match, a template listed twice, and a resource type the
   * library has no permission table for.
   *
   * @param templates the templates every StackSet that uses this role deploys, each prepared with `prepareTemplate`
   * @param options the name of the permissions boundary
   */
  public static fromTemplates(templates: StackSetTemplate[], options: TemplatePermissionsOptions = {}): StackSetExecutionPermissions {
    const boundaryName = options.boundaryPolicyName ?? DEFAULT_BOUNDARY_POLICY_NAME;
    return new StackSetExecutionPermissions('FROM_TEMPLATES', (prop) => derived(templates, prop, boundaryName));
  }

  /**
   * Prepares a StackSet template's stack for `fromTemplates`: every IAM role of the stack gets the permissions boundary, every KMS key the tag `audit-baseline:stack-set-key` = `true`.
   *
   * Call it where the stack is built, before the app is synthesized, in
   * every app that renders the template (the rollout's and the execution
   * role's), so that they all deploy the same template. The boundary is the
   * customer managed policy `boundaryPolicyName` of the account the stack
   * is deployed to (`arn:<partition>:iam::<account>:policy/<name>`), which
   * the `StackSetExecutionRole` or `StackSetExecutionRolePolicy` of that
   * account defines: deploy it before the StackSet. It replaces any boundary
   * the roles have. Calling it twice with the same name changes nothing.
   *
   * @param stack the template's stack
   * @param options the name of the permissions boundary, as given to `fromTemplates`
   */
  public static prepareTemplate(stack: Stack, options: TemplatePermissionsOptions = {}): void {
    prepareTemplateStack(stack, options.boundaryPolicyName ?? DEFAULT_BOUNDARY_POLICY_NAME);
  }

  /**
   * A short name of the choice, for messages (`GUIDE_RECEIVER`, `GUIDE_RECEIVER_FOR_QUEUES`,
   * `GUIDE_PUBLISHER`, `ADMINISTRATOR_ACCESS`, `FROM_TEMPLATES`).
   */
  public readonly name: string;

  private constructor(name: string, private readonly binder: (prop: string) => BoundExecutionPermissions) {
    this.name = name;
  }

  /**
   * Renders the choice for one execution role.
   *
   * @internal
   */
  public _bind(prop: string): BoundExecutionPermissions {
    return this.binder(prop);
  }
}

function guideDocument(actions: ReadonlyArray<string>): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [new iam.PolicyStatement({ sid: EXECUTION_POLICY_SID, actions: [...actions], resources: ['*'] })],
  });
}


/** What the templates define, as the derived policy and the boundary need it. */
interface Derived {
  readonly actions: string[];
  /** ARN name patterns (after `role/`) of the roles the templates define. */
  readonly roles: string[];
  /** ARN name patterns of the customer managed policies the templates define. */
  readonly policies: string[];
  /** Queue name patterns of the queues the templates define. */
  readonly queues: string[];
  /** Topic name patterns of the topics the templates define. */
  readonly topics: string[];
  /** ARNs (or patterns) of the managed policies the templates attach to their roles. */
  readonly attached: string[];
  /** Whether a role of the templates gets an inline policy. */
  readonly inline: boolean;
  /** Actions the templates grant their roles; undefined when a role has a managed policy the templates do not define, whose actions synthesis cannot know. */
  readonly granted?: string[];
  readonly unknown: string[];
  readonly problems: string[];
}

/**
 * The pattern of a physical name property: a literal as is, an intrinsic
 * with its computed parts as `*` (`Fn::Join` of literals and `Ref`s), and
 * no name at all as `StackSet-*`: CloudFormation names a StackSet's stacks
 * `StackSet-<StackSet name>-<id>` and what they create after the stack.
 */
function namePattern(value: unknown): string {
  if (value === undefined) return `${GENERATED_NAME_PREFIX}*`;
  if (typeof value === 'string') return value;
  const join = (value as any)?.['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    return join[1].map((part: unknown) => (typeof part === 'string' ? part : '*')).join(join[0] ?? '');
  }
  return '*';
}

/** The IAM path of a role or policy as it appears after `role/` or `policy/` in its ARN: `''` for `/`. */
function pathPattern(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value.replace(/^\//, '') : '*';
}

/** The actions the `Allow` statements of a policy document grant (`*` for what synthesis cannot read). */
function allowedActions(document: any): string[] {
  const statements = [document?.Statement ?? []].flat();
  return statements.filter((st: any) => st?.Effect === 'Allow').flatMap((st: any) => {
    if (st.NotAction !== undefined) return ['*'];
    return [st.Action ?? []].flat().map((a: unknown) => (typeof a === 'string' ? a : '*'));
  });
}

/** Literal `arn:<partition>:iam::<account or aws>:policy/...` with the pseudo parameters rendered for the execution role's stack. */
const POLICY_ARN = /^arn:(?:aws[\w-]*|\{partition\}):iam::(aws|\d{12}|\{account\}):policy\/(.+)$/;

function compute(templates: StackSetTemplate[], prop: string, boundaryName: string): Derived {
  const actions = new Set<string>();
  const unknown = new Set<string>();
  const roles = new Set<string>();
  const policies = new Set<string>();
  const queues = new Set<string>();
  const topics = new Set<string>();
  const attached = new Set<string>();
  const granted = new Set<string>();
  let attachesTemplatePolicy = false;
  let attachesOtherPolicy = false;
  let inline = false;
  const problems: string[] = [];
  const expectedBoundary = `arn:{partition}:iam::{account}:policy/${boundaryName}`;
  const prepare = `call StackSetExecutionPermissions.prepareTemplate(stack${boundaryName === DEFAULT_BOUNDARY_POLICY_NAME ? '' : `, { boundaryPolicyName: ${JSON.stringify(boundaryName)} }`}) where the template's stack is built, so that every app that renders the template (the rollout's too) deploys the same one`;
  templates.forEach((t, i) => {
    const rendered = t._render(prop);
    problems.push(...rendered.problems);
    const resources: Record<string, any> = rendered.template.Resources ?? {};
    const grant = (id: string, type: string, document: any) => {
      const list = allowedActions(document);
      list.forEach((a) => granted.add(a));
      const refused = list.filter((a) => [...DENIED_TO_TEMPLATE_ROLES, ...TEMPLATE_ROLES_ONLY].some((d) => actionsOverlap(a, d)));
      if (refused.length > 0) {
        problems.push(`${prop} is derived from templates[${i}], whose ${id} (${type}) grants ${[...new Set(refused)].map((a) => JSON.stringify(a)).join(', ')}: the permissions boundary of the templates' roles denies `
          + 'IAM, Organizations and account writes, key policies, grants and key deletion, and passing or assuming any role but the templates\' own, so the role could never use it. '
          + 'Grant it outside the StackSet (e.g. in a stack of that account), or choose StackSetExecutionPermissions.ADMINISTRATOR_ACCESS');
      }
    };
    const tooWide = (id: string, type: string, pattern: string) => {
      if (/^[*/]*$/.test(pattern)) {
        problems.push(`${prop} is derived from templates[${i}], whose ${id} (${type}) has a name synthesis cannot read (${JSON.stringify(pattern)}), so the role's IAM permissions could not be limited to it: give it a literal name, or no name (CloudFormation then names it StackSet-...)`);
      }
    };
    for (const [id, resource] of Object.entries(resources)) {
      const type: string = resource?.Type;
      const props = resource?.Properties ?? {};
      if (TYPES_WITHOUT_PERMISSIONS.includes(type)) continue;
      const list = RESOURCE_TYPE_ACTIONS[type];
      if (list) list.forEach((a) => actions.add(a));
      else unknown.add(type);
      if (type === 'AWS::IAM::Role') {
        const pattern = `${pathPattern(props.Path)}${namePattern(props.RoleName)}`;
        tooWide(id, type, pattern);
        roles.add(pattern);
        if (flatten(props.PermissionsBoundary) !== expectedBoundary) {
          problems.push(`${prop} is derived from templates[${i}], whose role ${id} has ${props.PermissionsBoundary === undefined ? 'no permissions boundary' : `the permissions boundary ${JSON.stringify(props.PermissionsBoundary)}`}: `
            + `the execution role may create and change the templates' roles only with the boundary ${JSON.stringify(boundaryName)} of this account. To give it, ${prepare}`);
        }
        for (const p of props.Policies ?? []) {
          inline = true;
          grant(id, type, p?.PolicyDocument);
        }
        for (const arn of props.ManagedPolicyArns ?? []) {
          const ref = (arn as any)?.Ref;
          if (typeof ref === 'string' && resources[ref]?.Type === 'AWS::IAM::ManagedPolicy') {
            attachesTemplatePolicy = true;
            continue;
          }
          const match = flatten(arn)?.match(POLICY_ARN);
          if (match) {
            const account = match[1] === '{account}' ? Aws.ACCOUNT_ID : match[1];
            attached.add(`arn:${Aws.PARTITION}:iam::${account}:policy/${match[2]}`);
            attachesOtherPolicy = true;
          } else {
            problems.push(`${prop} is derived from templates[${i}], whose role ${id} attaches a managed policy synthesis cannot read (${JSON.stringify(arn)}), so the execution role could not be limited to attaching it: `
              + 'use a literal ARN (such as iam.ManagedPolicy.fromAwsManagedPolicyName) or a managed policy the template defines');
          }
        }
      } else if (type === 'AWS::IAM::ManagedPolicy') {
        const pattern = `${pathPattern(props.Path)}${namePattern(props.ManagedPolicyName)}`;
        tooWide(id, type, pattern);
        policies.add(pattern);
        grant(id, type, props.PolicyDocument);
        if ((props.Roles ?? []).length > 0) attachesTemplatePolicy = true;
      } else if (type === 'AWS::IAM::Policy') {
        inline = true;
        grant(id, type, props.PolicyDocument);
      } else if (type === 'AWS::SQS::Queue') {
        queues.add(namePattern(props.QueueName));
      } else if (type === 'AWS::SNS::Topic') {
        topics.add(namePattern(props.TopicName));
      } else if (type === 'AWS::KMS::Key') {
        const tagged = [props.Tags ?? []].flat().some((tag: any) => tag?.Key === TEMPLATE_KEY_TAG_KEY && tag?.Value === TEMPLATE_KEY_TAG_VALUE);
        if (!tagged) {
          problems.push(`${prop} is derived from templates[${i}], whose key ${id} has no tag ${TEMPLATE_KEY_TAG_KEY}=${TEMPLATE_KEY_TAG_VALUE}: the execution role may create and administer only keys with that tag. To give it, ${prepare}`);
        }
      }
      if (type === 'AWS::IAM::Policy' || type === 'AWS::IAM::ManagedPolicy') {
        // A role the template does not define cannot be bounded by it: the
        // execution role could give it anything.
        const outside = [...(props.Roles ?? [])].filter((r: unknown) => typeof r === 'string');
        const principals = ['Users', 'Groups'].filter((k) => props[k] !== undefined);
        if (outside.length > 0 || principals.length > 0) {
          const what = outside.length > 0 ? `the role${outside.length > 1 ? 's' : ''} ${outside.map((r: string) => JSON.stringify(r)).join(', ')}, which it does not define` : principals.join(' and ').toLowerCase();
          problems.push(`${prop} is derived from templates[${i}], whose ${id} (${type}) grants permissions to ${what}: fromTemplates lets the execution role manage only the roles its templates define, `
            + 'so it cannot attach that policy. Define the role in the template, or grant it outside the StackSet (e.g. in a stack of that account)');
        }
      }
    }
  });
  const sorted = (set: Set<string>) => [...set].sort();
  if (attachesTemplatePolicy) policies.forEach((p) => attached.add(iamArn('policy', p)));
  // The boundary is a policy of the account: a template policy of the same
  // name (or a pattern that matches it) would let the execution role rewrite it.
  const clashes = [`${GENERATED_NAME_PREFIX}*`, ...policies].filter((p) => wildcardMatch(p, boundaryName));
  if (clashes.length > 0) {
    problems.push(`${prop}'s boundaryPolicyName ${JSON.stringify(boundaryName)} matches ${clashes.map((c) => JSON.stringify(c)).join(', ')}, the name${clashes.length > 1 ? 's' : ''} of customer managed policies the templates define or CloudFormation generates, `
      + 'which the execution role may rewrite: choose a boundaryPolicyName that matches none of them');
  }
  return {
    actions: sorted(actions),
    unknown: sorted(unknown),
    roles: sorted(roles),
    policies: sorted(policies),
    queues: sorted(queues),
    topics: sorted(topics),
    attached: sorted(attached),
    inline,
    granted: attachesOtherPolicy ? undefined : sorted(granted),
    problems,
  };
}

/** `StackSet-`: how CloudFormation begins the names it generates for a StackSet's resources. */
const GENERATED_NAME_PREFIX = 'StackSet-';

/** Actions that take no resource (IAM grants them only on `*`). */
const WILDCARD_ONLY: ReadonlyArray<string> = ['sqs:ListQueues', 'sns:ListTopics', 'kms:ListAliases', 'kms:CreateKey'];

/** Role actions that add permissions or trust: only on a role that has (or gets) the boundary. */
const BOUNDED_ROLE_ACTIONS: ReadonlyArray<string> = ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'];

/** What may rewrite or remove the boundary policy: denied to the execution role whatever its other policies say. */
const BOUNDARY_POLICY_CHANGES: ReadonlyArray<string> = ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'];

function iamArn(kind: string, name: string): string {
  return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:${kind}/${name}`;
}

function derived(templates: StackSetTemplate[], prop: string, boundaryName: string): BoundExecutionPermissions {
  let cache: Derived | undefined;
  const get = () => (cache ??= compute(templates, prop, boundaryName));
  const boundary = boundaryArn(boundaryName);
  const isRoleAction = (a: string) => a.startsWith('iam:') && a.includes('Role') && a !== 'iam:DeleteRolePermissionsBoundary';
  const isPolicyAction = (a: string) => a.startsWith('iam:') && !/Role|User|Group/.test(a);
  const isQueueAction = (a: string) => a.startsWith('sqs:') && !WILDCARD_ONLY.includes(a);
  const isTopicAction = (a: string) => a.startsWith('sns:') && !WILDCARD_ONLY.includes(a);
  const isKeyAction = (a: string) => a.startsWith('kms:') && !WILDCARD_ONLY.includes(a);
  const scoped = (a: string) => a.startsWith('iam:') || isQueueAction(a) || isTopicAction(a) || isKeyAction(a) || a === 'kms:CreateKey';

  const document = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({ sid: 'StackOperations', actions: [...STACK_ACTIONS, 'sns:Publish'], resources: ['*'] }),
    ],
  });
  const boundaryDocument = new iam.PolicyDocument({
    statements: [new iam.PolicyStatement({ sid: 'NoEscalation', effect: iam.Effect.DENY, actions: [...DENIED_TO_TEMPLATE_ROLES], resources: ['*'] })],
  });
  // Only the template's own roles, policies, queues, topics and keys: never
  // an existing role (no attach, inline policy, trust change or pass of
  // another role), never another queue's or topic's policy, never another
  // key. Added when the tree is complete, so that empty statements are left out.
  let added = false;
  const addScoped = () => {
    if (added) return;
    added = true;
    const d = get();
    const statement = (sid: string, actions: string[], resources: string[], conditions?: Record<string, any>) => {
      if (actions.length > 0 && resources.length > 0) document.addStatements(new iam.PolicyStatement({ sid, actions, resources, conditions }));
    };
    // Types whose names are not known or that IAM cannot scope.
    statement('TemplateResources', d.actions.filter((a) => !scoped(a)), ['*']);
    const roleArns = d.roles.map((r) => iamArn('role', r));
    const roleActions = d.actions.filter(isRoleAction);
    const withBoundary = { StringEquals: { 'iam:PermissionsBoundary': boundary } };
    statement('TemplateRoles', roleActions.filter((a) => !BOUNDED_ROLE_ACTIONS.includes(a)), roleArns);
    statement('TemplateRolesBounded', roleActions.filter((a) => BOUNDED_ROLE_ACTIONS.includes(a) && a !== 'iam:AttachRolePolicy' && (a !== 'iam:PutRolePolicy' || d.inline)), roleArns, withBoundary);
    if (roleActions.includes('iam:AttachRolePolicy')) {
      statement('TemplateRolesAttach', ['iam:AttachRolePolicy'], d.attached.length > 0 ? roleArns : [], { ...withBoundary, ArnLike: { 'iam:PolicyARN': d.attached } });
    }
    statement('TemplatePolicies', d.actions.filter(isPolicyAction), d.policies.map((p) => iamArn('policy', p)));
    statement('TemplateQueues', d.actions.filter(isQueueAction), d.queues.map((q) => `arn:${Aws.PARTITION}:sqs:*:${Aws.ACCOUNT_ID}:${q}`));
    statement('TemplateTopics', d.actions.filter(isTopicAction),
      d.topics.flatMap((t) => [`arn:${Aws.PARTITION}:sns:*:${Aws.ACCOUNT_ID}:${t}`, `arn:${Aws.PARTITION}:sns:*:${Aws.ACCOUNT_ID}:${t}:*`]));
    const tagged = { StringEquals: { [`aws:ResourceTag/${TEMPLATE_KEY_TAG_KEY}`]: TEMPLATE_KEY_TAG_VALUE } };
    statement('TemplateKeys', d.actions.filter(isKeyAction), [`arn:${Aws.PARTITION}:kms:*:${Aws.ACCOUNT_ID}:key/*`], tagged);
    statement('TemplateKeyAliases', d.actions.filter((a) => isKeyAction(a) && a.endsWith('Alias')), [`arn:${Aws.PARTITION}:kms:*:${Aws.ACCOUNT_ID}:alias/*`]);
    statement('TemplateKeyCreation', d.actions.filter((a) => a === 'kms:CreateKey'), ['*'],
      { StringEquals: { [`aws:RequestTag/${TEMPLATE_KEY_TAG_KEY}`]: TEMPLATE_KEY_TAG_VALUE } });
    document.addStatements(new iam.PolicyStatement({ sid: 'KeepBoundary', effect: iam.Effect.DENY, actions: [...BOUNDARY_POLICY_CHANGES], resources: [boundary] }));

    // The boundary: at most what the templates grant their roles, never
    // another role to pass or assume.
    if (d.granted === undefined || d.granted.length > 0) {
      boundaryDocument.addStatements(new iam.PolicyStatement({ sid: 'TemplateGrants', actions: d.granted ?? ['*'], resources: ['*'] }));
    }
    boundaryDocument.addStatements(roleArns.length > 0
      ? new iam.PolicyStatement({ sid: 'OnlyTemplateRoles', effect: iam.Effect.DENY, actions: [...TEMPLATE_ROLES_ONLY], notResources: roleArns })
      : new iam.PolicyStatement({ sid: 'OnlyTemplateRoles', effect: iam.Effect.DENY, actions: [...TEMPLATE_ROLES_ONLY], resources: ['*'] }));
  };
  return {
    document,
    prepare: addScoped,
    boundary: { name: boundaryName, document: boundaryDocument },
    validate: () => {
      if (templates.length === 0) {
        return [`${prop} is StackSetExecutionPermissions.fromTemplates([]): give the templates the role will deploy, or choose GUIDE_RECEIVER, GUIDE_PUBLISHER or ADMINISTRATOR_ACCESS`];
      }
      const named = validate('policyName', `${prop}'s boundaryPolicyName`, boundaryName);
      if (named) return [named];
      const twice = templates.map((t, i) => [t, i] as const)
        .filter(([t, i]) => templates.findIndex((o) => o === t || o.stack === t.stack) < i);
      if (twice.length > 0) {
        return twice.map(([t, i]) => `${prop} lists the template of stack ${JSON.stringify(t.stack.node.path)} more than once in StackSetExecutionPermissions.fromTemplates (templates[${i}] repeats templates[${templates.findIndex((o) => o === t || o.stack === t.stack)}]): list each template once`);
      }
      const { actions, unknown } = get();
      const problems = [...get().problems];
      if (unknown.length > 0) {
        problems.push(
          `${prop} is derived from templates with resource types this library has no permission table for (${unknown.map((u) => JSON.stringify(u)).join(', ')}), so the role could not deploy them: choose StackSetExecutionPermissions.ADMINISTRATOR_ACCESS, or move those resources to a StackSet whose execution role has the permissions they need`,
        );
      } else if (actions.length === 0) {
        problems.push(`${prop} is derived from templates that define no resource needing permissions: check the templates, or choose GUIDE_RECEIVER or GUIDE_PUBLISHER`);
      }
      return problems;
    },
  };
}
