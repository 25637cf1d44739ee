import { Aws, Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  EXECUTION_POLICY_NAME,
  EXECUTION_POLICY_SID,
  PUBLISHER_EXECUTION_ACTIONS,
  RECEIVER_EXECUTION_ACTIONS,
  STACK_ACTIONS,
} from './private/guide-policies';
import { RESOURCE_TYPE_ACTIONS, TYPES_WITHOUT_PERMISSIONS } from './private/resource-permissions';
import { BoundExecutionPermissions } from './private/types';
import { StackSetTemplate } from './stack-set-template';
import { validate } from '../core/private/validators';

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
   * Permissions derived from the templates the role will deploy.
   *
   * The stack operations of the guide's list plus `sns:Publish` (stack event
   * notifications), and for each resource type in the templates the actions
   * CloudFormation needs to create, update and delete it. IAM and queue
   * actions are limited to the templates' own resources: the roles,
   * customer managed policies and queues they define, by name (a literal
   * name, or `StackSet-*` for a name CloudFormation generates, since it
   * names a StackSet's stacks `StackSet-<StackSet name>-...`). The role
   * can therefore not attach, put or pass policies on, rewrite the trust of,
   * or pass any other role of the account, nor change another queue's
   * policy. A template that grants a policy to a role, user or group it does
   * not define fails synthesis, and so does a template listed twice. Other
   * actions apply to `Resource: "*"`. The templates are read when the app is
   * synthesized; a resource type the library has no permission table for
   * fails synthesis with the list of such types and the alternatives.
   *
   * @param templates the templates every StackSet that uses this role deploys
   */
  public static fromTemplates(templates: StackSetTemplate[]): StackSetExecutionPermissions {
    return new StackSetExecutionPermissions('FROM_TEMPLATES', (prop) => derived(templates, prop));
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

/** What the templates define, as the derived policy needs it. */
interface Derived {
  readonly actions: string[];
  /** ARN name patterns (after `role/`) of the roles the templates define. */
  readonly roles: string[];
  /** ARN name patterns of the customer managed policies the templates define. */
  readonly policies: string[];
  /** Queue name patterns of the queues the templates define. */
  readonly queues: string[];
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

function compute(templates: StackSetTemplate[], prop: string): Derived {
  const actions = new Set<string>();
  const unknown = new Set<string>();
  const roles = new Set<string>();
  const policies = new Set<string>();
  const queues = new Set<string>();
  const problems: string[] = [];
  templates.forEach((t, i) => {
    const rendered = t._render(prop);
    problems.push(...rendered.problems);
    const resources: Record<string, any> = rendered.template.Resources ?? {};
    for (const [id, resource] of Object.entries(resources)) {
      const type: string = resource?.Type;
      const props = resource?.Properties ?? {};
      if (TYPES_WITHOUT_PERMISSIONS.includes(type)) continue;
      const list = RESOURCE_TYPE_ACTIONS[type];
      if (list) list.forEach((a) => actions.add(a));
      else unknown.add(type);
      if (type === 'AWS::IAM::Role') {
        roles.add(`${pathPattern(props.Path)}${namePattern(props.RoleName)}`);
      } else if (type === 'AWS::IAM::ManagedPolicy') {
        policies.add(`${pathPattern(props.Path)}${namePattern(props.ManagedPolicyName)}`);
      } else if (type === 'AWS::SQS::Queue') {
        queues.add(namePattern(props.QueueName));
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
  return { actions: sorted(actions), unknown: sorted(unknown), roles: sorted(roles), policies: sorted(policies), queues: sorted(queues), problems };
}

/** `StackSet-`: how CloudFormation begins the names it generates for a StackSet's resources. */
const GENERATED_NAME_PREFIX = 'StackSet-';

/** Actions that take no resource (IAM grants them only on `*`). */
const WILDCARD_ONLY: ReadonlyArray<string> = ['sqs:ListQueues'];

function derived(templates: StackSetTemplate[], prop: string): BoundExecutionPermissions {
  let cache: Derived | undefined;
  const get = () => (cache ??= compute(templates, prop));
  const iamArn = (kind: string, name: string) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:${kind}/${name}`;
  const isRoleAction = (a: string) => a.startsWith('iam:') && a.includes('Role') && a !== 'iam:DeleteRolePermissionsBoundary';
  const isPolicyAction = (a: string) => a.startsWith('iam:') && !/Role|User|Group/.test(a);
  const isQueueAction = (a: string) => a.startsWith('sqs:') && !WILDCARD_ONLY.includes(a);
  const scoped = (a: string) => a.startsWith('iam:') || isQueueAction(a);

  const statement = (sid: string, pick: (d: Derived) => string[], resources: (d: Derived) => string[]) => new iam.PolicyStatement({
    sid,
    actions: Lazy.list({ produce: () => pick(get()) }),
    resources: Lazy.list({ produce: () => resources(get()) }),
  });
  const document = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({ sid: 'StackOperations', actions: [...STACK_ACTIONS, 'sns:Publish'], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'TemplateResources',
        actions: Lazy.list({ produce: () => get().actions.filter((a) => !scoped(a)) }),
        resources: ['*'],
      }),
    ],
  });
  // Only the template's own roles, policies and queues: never an existing
  // role (no attach, inline policy, trust change or pass of another role),
  // and never another queue's policy. Added when the tree is complete, so
  // that empty statements are left out.
  let added = false;
  const addScoped = () => {
    if (added) return;
    added = true;
    const d = get();
    const roleActions = d.actions.filter(isRoleAction);
    if (roleActions.length > 0 && d.roles.length > 0) {
      document.addStatements(statement('TemplateRoles', (x) => x.actions.filter(isRoleAction), (x) => x.roles.map((r) => iamArn('role', r))));
    }
    if (d.actions.some(isPolicyAction) && d.policies.length > 0) {
      document.addStatements(statement('TemplatePolicies', (x) => x.actions.filter(isPolicyAction), (x) => x.policies.map((r) => iamArn('policy', r))));
    }
    if (d.actions.some(isQueueAction) && d.queues.length > 0) {
      document.addStatements(statement('TemplateQueues', (x) => x.actions.filter(isQueueAction),
        (x) => x.queues.map((q) => `arn:${Aws.PARTITION}:sqs:*:${Aws.ACCOUNT_ID}:${q}`)));
    }
  };
  return {
    document,
    prepare: addScoped,
    validate: () => {
      if (templates.length === 0) {
        return [`${prop} is StackSetExecutionPermissions.fromTemplates([]): give the templates the role will deploy, or choose GUIDE_RECEIVER, GUIDE_PUBLISHER or ADMINISTRATOR_ACCESS`];
      }
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
