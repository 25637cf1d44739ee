import { Lazy } from 'aws-cdk-lib';
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

/**
 * The permissions of a StackSet execution role, chosen explicitly.
 *
 * The execution role is what CloudFormation uses in each target account to
 * create the StackSet's stacks, so it needs the stack operations plus the
 * permissions to manage every resource in the template. The seeds give two
 * fixed lists; AWS's own execution-role template attaches
 * `AdministratorAccess`; `fromTemplates` derives a list from the templates the
 * role will deploy.
 */
export class StackSetExecutionPermissions {
  /**
   * The guide's receiver variant of `AWSCloudFormationStackSetExecutionRolePolicy`.
   *
   * Sid `VisualEditor0`, `Resource: "*"`, the guide's actions minus
   * `sqs:DeleteMessageBatch`, which is not an IAM action (`sqs:DeleteMessage`,
   * already in the list, authorizes the batch call; digest A-22). Use it in
   * the receiver account, and in an account that is both receiver and
   * publisher.
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
   * template and seed 000's custom admin role (R-015) use.
   *
   * Broadest choice: anyone who can update a StackSet administered from the
   * trusted account can do anything in the target accounts.
   */
  public static readonly ADMINISTRATOR_ACCESS = new StackSetExecutionPermissions('ADMINISTRATOR_ACCESS', () => ({
    awsManagedPolicyName: 'AdministratorAccess',
    validate: () => [],
  }));

  /**
   * Permissions derived from the templates the role will deploy.
   *
   * The stack operations of the guide's list plus `sns:Publish` (stack event
   * notifications), and for each resource type in the templates the actions
   * CloudFormation needs to create, update and delete it, all on
   * `Resource: "*"` (the physical names are not known when the role is
   * defined). The templates are read when the app is synthesized; a resource
   * type the library has no permission table for fails synthesis with the list
   * of such types and the alternatives.
   *
   * @param templates the templates every StackSet that uses this role deploys
   */
  public static fromTemplates(templates: StackSetTemplate[]): StackSetExecutionPermissions {
    return new StackSetExecutionPermissions('FROM_TEMPLATES', (prop) => derived(templates, prop));
  }

  /**
   * A short name of the choice, for messages (`GUIDE_RECEIVER`, `GUIDE_PUBLISHER`,
   * `ADMINISTRATOR_ACCESS`, `FROM_TEMPLATES`).
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

function derived(templates: StackSetTemplate[], prop: string): BoundExecutionPermissions {
  const compute = (): { actions: string[]; unknown: string[]; problems: string[] } => {
    const actions = new Set<string>();
    const unknown = new Set<string>();
    const problems: string[] = [];
    for (const t of templates) {
      const rendered = t._render(prop);
      problems.push(...rendered.problems);
      for (const resource of Object.values<any>(rendered.template.Resources ?? {})) {
        const type: string = resource?.Type;
        if (TYPES_WITHOUT_PERMISSIONS.includes(type)) continue;
        const list = RESOURCE_TYPE_ACTIONS[type];
        if (list) list.forEach((a) => actions.add(a));
        else unknown.add(type);
      }
    }
    return { actions: [...actions].sort(), unknown: [...unknown].sort(), problems };
  };
  let cache: ReturnType<typeof compute> | undefined;
  const get = () => (cache ??= compute());

  const document = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({ sid: 'StackOperations', actions: [...STACK_ACTIONS, 'sns:Publish'], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'TemplateResources',
        actions: Lazy.list({ produce: () => get().actions }),
        resources: ['*'],
      }),
    ],
  });
  return {
    document,
    validate: () => {
      if (templates.length === 0) {
        return [`${prop} is StackSetExecutionPermissions.fromTemplates([]): give the templates the role will deploy, or choose GUIDE_RECEIVER, GUIDE_PUBLISHER or ADMINISTRATOR_ACCESS`];
      }
      const twice = templates.filter((t, i) => templates.indexOf(t) !== i || templates.findIndex((o) => o.stack === t.stack) !== i);
      if (twice.length > 0) {
        return [`${prop} lists the template of stack ${twice.map((t) => JSON.stringify(t.stack.node.path)).join(', ')} more than once in StackSetExecutionPermissions.fromTemplates: list each template once`];
      }
      const { actions, unknown, problems } = get();
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
