import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { renderPermissions } from './audit-policies';
import { checkRoleLimits } from './size-checks';
import { AwsLimits } from '../../core/limits';
import { claimFixedName } from '../../core/private/fixed-names';
import { isUnresolved } from '../../core/private/tokens';
import { PropsSpec, validate } from '../../core/private/validators';
import type { AuditRoleOptions } from '../read-only-audit-role';

/** The JavaScript shapes of `AuditAccessOptions`. */
export const AUDIT_ACCESS_SHAPES: PropsSpec = {
  securityAudit: 'boolean',
  permissions: 'object[]',
  additionalStatements: 'object[]',
  limits: 'object',
};

/** The JavaScript shapes of `AuditRoleOptions`. */
export const AUDIT_ROLE_SHAPES: PropsSpec = {
  ...AUDIT_ACCESS_SHAPES,
  roleName: 'string',
  path: 'string',
  description: 'string',
  permissionsBoundary: 'object',
  maxSessionDuration: 'object',
  handOffOutputs: 'boolean',
};

/** The description of every audit role unless the user gives one. */
export const DEFAULT_ROLE_DESCRIPTION = 'Read-only security audit access (cdk-audit-baseline)';

/** Checks the props of `AuditRoleOptions`. Used by every audit role construct. */
export function checkRoleOptions(props: AuditRoleOptions): string[] {
  const problems: Array<string | undefined> = [
    validate('roleName', 'roleName', props.roleName),
    validate('iamPath', 'path', props.path),
  ];
  const d = props.maxSessionDuration;
  if (d !== undefined && !d.isUnresolved()) {
    const seconds = d.toSeconds();
    const maxHours = (props.limits ?? AwsLimits.DEFAULT).maxSessionDurationHours;
    if (seconds < 3600 || seconds > maxHours * 3600) {
      problems.push(`maxSessionDuration must be between 1 and ${maxHours} hours, got ${d.toHumanString()} (${seconds} seconds): use e.g. Duration.hours(1)`);
    }
  }
  if (props.description !== undefined && !isUnresolved(props.description) && props.description.length > 1000) {
    problems.push(`description must be at most 1000 characters, got ${props.description.length}: shorten it`);
  }
  return problems.filter((p): p is string => p !== undefined);
}

/**
 * Defines the role child of an audit construct: trust, permissions, the
 * shared role options, and the size checks. The caller has validated props.
 */
export function defineAuditRole(scope: Construct, id: string, props: AuditRoleOptions, assumedBy: iam.IPrincipal): iam.Role {
  const limits = props.limits ?? AwsLimits.DEFAULT;
  const rendered = renderPermissions(scope, props);
  const role = new iam.Role(scope, id, {
    assumedBy,
    roleName: props.roleName,
    path: props.path,
    description: props.description ?? DEFAULT_ROLE_DESCRIPTION,
    permissionsBoundary: props.permissionsBoundary,
    maxSessionDuration: props.maxSessionDuration,
    managedPolicies: rendered.managedPolicies,
    inlinePolicies: inlineDocuments(rendered.statements),
  });
  claimFixedName(scope, 'roleName', 'IAM role', props.roleName, 'account');
  const cfnRole = role.node.defaultChild as iam.CfnRole;
  scope.node.addValidation({ validate: () => checkRoleLimits(scope, cfnRole, limits, `role ${role.node.path}`) });
  return role;
}

function inlineDocuments(statements: Record<string, iam.PolicyStatement[]>): Record<string, iam.PolicyDocument> | undefined {
  const entries = Object.entries(statements);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([name, list]) => [name, new iam.PolicyDocument({ statements: list })]));
}
