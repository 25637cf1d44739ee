import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { notReadOnlyReason } from '../../core/private/read-only-actions';
import { AuditPermissions } from '../audit-permissions';

/**
 * What every access construct takes to decide its permissions.
 * (The public props interfaces repeat these members with their docs.)
 */
export interface PermissionChoice {
  readonly securityAudit?: boolean;
  readonly permissions?: AuditPermissions[];
  readonly additionalStatements?: iam.PolicyStatement[];
}

/** The permissions of one principal, ready to attach. */
export interface RenderedPermissions {
  /** AWS managed policies, in bundle order, without duplicates. */
  readonly managedPolicies: iam.IManagedPolicy[];
  /** Inline policy name -> statements: one entry per bundle with statements, plus `AdditionalPermissions`. */
  readonly statements: Record<string, iam.PolicyStatement[]>;
}

/** The inline policy that carries `additionalStatements`. */
export const ADDITIONAL_POLICY_NAME = 'AdditionalPermissions';

/** The bundles a principal gets: `SECURITY_AUDIT` unless switched off, then `permissions`. */
export function bundlesOf(choice: PermissionChoice): AuditPermissions[] {
  return [...(choice.securityAudit === false ? [] : [AuditPermissions.SECURITY_AUDIT]), ...(choice.permissions ?? [])];
}

/**
 * Validates the permission props. Returns problem sentences.
 *
 * Every action of an Allow statement of `additionalStatements` must pass the
 * read-only rule of `core/private/read-only-actions.ts` (a read verb, not a
 * known write or credential action, wildcards only after a read verb);
 * `NotAction`, `NotResource` and principals are refused.
 */
export function checkPermissionChoice(choice: PermissionChoice): string[] {
  const problems: string[] = [];
  const permissions = choice.permissions ?? [];
  permissions.forEach((p, i) => problems.push(...p._problems(`permissions[${i}]`)));

  permissions.forEach((p, i) => {
    const first = permissions.indexOf(p);
    if (first < i) {
      problems.push(`permissions[${i}] repeats ${p._label} (already permissions[${first}]): remove one`);
    }
  });
  if (choice.securityAudit !== false) {
    const i = permissions.indexOf(AuditPermissions.SECURITY_AUDIT);
    if (i >= 0) {
      problems.push(`permissions[${i}] is AuditPermissions.SECURITY_AUDIT, which securityAudit (default true) already attaches: remove it from permissions`);
    }
  }
  const seen = new Map<string, string>();
  bundlesOf(choice).forEach((b) => {
    for (const name of b.managedPolicyNames) {
      const owner = seen.get(name);
      if (owner !== undefined && owner !== b._label) {
        problems.push(`${b._label} attaches the AWS managed policy ${JSON.stringify(name)}, which ${owner} already attaches: keep only one of them`);
      }
      seen.set(name, b._label);
    }
  });

  const statements = choice.additionalStatements ?? [];
  statements.forEach((s, i) => problems.push(...checkStatement(`additionalStatements[${i}]`, s)));

  if (bundlesOf(choice).length === 0 && !statements.some((st) => st.effect === iam.Effect.ALLOW)) {
    problems.push(statements.length === 0
      ? 'securityAudit is false and neither permissions nor additionalStatements is given, so the principal would grant nothing: give at least one AuditPermissions bundle, or leave securityAudit at its default (true)'
      : 'securityAudit is false, no permissions are given and every statement of additionalStatements is a Deny, so the principal would grant nothing: give at least one AuditPermissions bundle or Allow statement, or leave securityAudit at its default (true)');
  }
  return problems;
}

function checkStatement(prop: string, s: iam.PolicyStatement): string[] {
  const problems = s.validateForIdentityPolicy().map((e) => `${prop} is not a valid identity-policy statement: ${e}`);
  if (s.effect !== iam.Effect.ALLOW) {
    return problems;
  }
  if (s.notActions.length > 0) {
    problems.push(`${prop} allows NotAction ${JSON.stringify(s.notActions)}, which grants every other action, including writes: list the read actions in actions instead`);
  }
  if (s.notResources.length > 0) {
    problems.push(`${prop} allows on NotResource ${JSON.stringify(s.notResources)}: list the resources in resources instead`);
  }
  for (const action of s.actions) {
    const reason = notReadOnlyReason(action);
    if (reason) {
      problems.push(`${prop} allows ${JSON.stringify(action)}, which ${reason}: a read-only principal takes only read actions; `
        + 'list them explicitly or by a read prefix (e.g. "s3:GetBucketPolicy" or "s3:Get*"), and give write access to another role');
    }
  }
  return problems;
}

/**
 * Renders the chosen permissions: AWS managed policies in the stack's
 * partition, and one inline document per bundle that has statements.
 */
export function renderPermissions(scope: IConstruct, choice: PermissionChoice): RenderedPermissions {
  const managedNames: string[] = [];
  const documents: Record<string, iam.PolicyStatement[]> = {};
  for (const bundle of bundlesOf(choice)) {
    for (const name of bundle.managedPolicyNames) {
      if (!managedNames.includes(name)) managedNames.push(name);
    }
    const statements = bundle._statements(scope);
    if (statements.length > 0) {
      documents[uniqueName(documents, bundle.name)] = statements;
    }
  }
  if ((choice.additionalStatements ?? []).length > 0) {
    documents[uniqueName(documents, ADDITIONAL_POLICY_NAME)] = [...choice.additionalStatements!];
  }
  return {
    managedPolicies: managedNames.map((n) => iam.ManagedPolicy.fromAwsManagedPolicyName(n)),
    statements: documents,
  };
}

/** `name`, or `name2`, `name3`... when a bundle of the same kind is given twice (two queue sets). */
function uniqueName(taken: Record<string, unknown>, name: string): string {
  if (!(name in taken)) return name;
  let n = 2;
  while (`${name}${n}` in taken) n++;
  return `${name}${n}`;
}
