import { Annotations, Lazy, Names } from 'aws-cdk-lib';
import { CfnStackSet } from 'aws-cdk-lib/aws-cloudformation';
import { Construct } from 'constructs';
import { AwsLimits } from '../../core/limits';
import { AuditBaselineError } from '../../core/private/errors';
import { checkStackTemplateSize } from '../../core/private/template-size';
import { isUnresolved } from '../../core/private/tokens';
import { validateList, enumShape, PropsSpec, required } from '../../core/private/validators';
import { RegionConcurrencyType, StackSetConcurrencyMode, StackSetRolloutBaseProps } from '../stack-set-rollout-options';

/** The JavaScript shapes of `StackSetRolloutBaseProps`. */
export const ROLLOUT_BASE_SHAPES: PropsSpec = {
  template: required('object'),
  regions: required('string[]'),
  stackSetName: 'string',
  description: 'string',
  parameters: 'map',
  maxConcurrentPercentage: 'number',
  maxConcurrentCount: 'number',
  failureTolerancePercentage: 'number',
  failureToleranceCount: 'number',
  regionOrder: 'string[]',
  regionConcurrencyType: enumShape('RegionConcurrencyType', RegionConcurrencyType),
  concurrencyMode: enumShape('StackSetConcurrencyMode', StackSetConcurrencyMode),
  managedExecution: 'boolean',
  limits: 'object',
};

const STACK_SET_NAME = /^[a-zA-Z][a-zA-Z0-9-]{0,127}$/;
const DESCRIPTION_MAX = 1024;

/** What differs between the service-managed and the self-managed rollout. */
export interface RolloutSpec {
  readonly permissionModel: 'SERVICE_MANAGED' | 'SELF_MANAGED';
  readonly deploymentTargets: CfnStackSet.DeploymentTargetsProperty;
  readonly autoDeployment?: CfnStackSet.AutoDeploymentProperty;
  readonly callAs?: string;
  readonly administrationRoleArn?: string;
  readonly executionRoleName?: string;
}

/** Problems with the props every rollout takes, known in the constructor. */
export function baseProblems(scope: Construct, props: StackSetRolloutBaseProps): Array<string | undefined> {
  const problems: Array<string | undefined> = [];
  problems.push(...validateList('region', 'regions', props.regions, { nonEmpty: true, unique: true, onePartition: true }));
  if (props.stackSetName !== undefined && !isUnresolved(props.stackSetName) && !STACK_SET_NAME.test(props.stackSetName)) {
    problems.push(
      `stackSetName must start with a letter and hold 1-128 letters, digits and hyphens, got ${JSON.stringify(props.stackSetName)}: rename it, e.g. "audit-role"`,
    );
  }
  if (props.description !== undefined && !isUnresolved(props.description) && props.description.length > DESCRIPTION_MAX) {
    problems.push(`description has ${props.description.length} characters, the StackSet limit is ${DESCRIPTION_MAX}: shorten it`);
  }
  problems.push(percentProblem('maxConcurrentPercentage', props.maxConcurrentPercentage, 1));
  problems.push(percentProblem('failureTolerancePercentage', props.failureTolerancePercentage, 0));
  problems.push(countProblem('maxConcurrentCount', props.maxConcurrentCount, 1));
  problems.push(countProblem('failureToleranceCount', props.failureToleranceCount, 0));
  for (const [count, percentage] of [['maxConcurrentCount', 'maxConcurrentPercentage'], ['failureToleranceCount', 'failureTolerancePercentage']] as const) {
    if (props[count] !== undefined && props[percentage] !== undefined) {
      problems.push(`${count} and ${percentage} are both set: CloudFormation takes one of them; keep the count for a fixed number of accounts, or the percentage`);
    }
  }
  problems.push(...regionOrderProblems(props));
  problems.push(...props.template._checkConsumer(scope, 'template'));
  return problems;
}

function countProblem(prop: string, value: number | undefined, min: number): string | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  if (!Number.isInteger(value) || value < min) {
    return `${prop} must be a whole number of accounts, at least ${min}, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

function regionOrderProblems(props: StackSetRolloutBaseProps): Array<string | undefined> {
  const order = props.regionOrder;
  if (order === undefined) return [];
  const problems: Array<string | undefined> = [...validateList('region', 'regionOrder', order, { nonEmpty: true, unique: true })];
  if (!isUnresolved(order) && !isUnresolved(props.regions)) {
    const outside = order.filter((r) => !isUnresolved(r) && !props.regions.includes(r));
    if (outside.length > 0) {
      problems.push(`regionOrder lists ${outside.map((r) => JSON.stringify(r)).join(', ')}, which regions does not: order only the regions the StackSet deploys to (${props.regions.join(', ')})`);
    }
  }
  return problems;
}

function percentProblem(prop: string, value: number | undefined, min: number): string | undefined {
  if (value === undefined || isUnresolved(value)) return undefined;
  if (!Number.isInteger(value) || value < min || value > 100) {
    return `${prop} must be a whole number from ${min} to 100, got ${JSON.stringify(value)}: give a percentage of accounts per region`;
  }
  return undefined;
}

/** Defines the `AWS::CloudFormation::StackSet`, after the constructor has thrown for bad props. */
export function defineStackSet(scope: Construct, props: StackSetRolloutBaseProps, spec: RolloutSpec): CfnStackSet {
  const limits = props.limits ?? AwsLimits.DEFAULT;
  const template = props.template;
  // A count replaces its percentage; the other default stays a percentage.
  const maxConcurrentPercentage = props.maxConcurrentCount === undefined ? props.maxConcurrentPercentage ?? 100 : undefined;
  const failureTolerancePercentage = props.failureToleranceCount === undefined ? props.failureTolerancePercentage ?? 100 : undefined;
  const concurrencyMode = props.concurrencyMode ?? StackSetConcurrencyMode.SOFT_FAILURE_TOLERANCE;
  const strict = concurrencyMode === StackSetConcurrencyMode.STRICT_FAILURE_TOLERANCE;
  const tolerated = props.failureToleranceCount;
  const concurrent = props.maxConcurrentCount;
  if (strict && tolerated !== undefined && concurrent !== undefined && concurrent > tolerated + 1) {
    Annotations.of(scope).addWarningV2(
      'cdk-audit-baseline:stackset-strict-concurrency',
      `concurrencyMode STRICT_FAILURE_TOLERANCE caps concurrency at failureToleranceCount (${tolerated}) plus one account, below maxConcurrentCount (${concurrent}): `
        + 'use SOFT_FAILURE_TOLERANCE to keep the concurrency',
    );
  }
  const percentagesCapped = failureTolerancePercentage !== undefined && maxConcurrentPercentage !== undefined
    && failureTolerancePercentage < maxConcurrentPercentage;
  if (strict && percentagesCapped) {
    Annotations.of(scope).addWarningV2(
      'cdk-audit-baseline:stackset-strict-concurrency',
      `concurrencyMode STRICT_FAILURE_TOLERANCE caps concurrency at failureTolerancePercentage (${failureTolerancePercentage}%) plus one account, below maxConcurrentPercentage (${maxConcurrentPercentage}%): use SOFT_FAILURE_TOLERANCE to keep the concurrency`,
    );
  }

  const stackSet = new CfnStackSet(scope, 'Resource', {
    stackSetName: props.stackSetName ?? generatedName(scope),
    description: props.description,
    permissionModel: spec.permissionModel,
    callAs: spec.callAs,
    administrationRoleArn: spec.administrationRoleArn,
    executionRoleName: spec.executionRoleName,
    autoDeployment: spec.autoDeployment,
    capabilities: ['CAPABILITY_NAMED_IAM'],
    managedExecution: { Active: props.managedExecution ?? true },
    operationPreferences: {
      regionConcurrencyType: props.regionConcurrencyType ?? RegionConcurrencyType.PARALLEL,
      maxConcurrentPercentage,
      maxConcurrentCount: props.maxConcurrentCount,
      failureTolerancePercentage,
      failureToleranceCount: props.failureToleranceCount,
      concurrencyMode,
      regionOrder: props.regionOrder,
    },
    parameters: props.parameters
      ? Object.entries(props.parameters).map(([parameterKey, parameterValue]) => ({ parameterKey, parameterValue }))
      : undefined,
    stackInstancesGroup: [{ deploymentTargets: spec.deploymentTargets, regions: props.regions }],
    templateBody: Lazy.string({
      produce: () => {
        const rendered = template._render('template');
        if (rendered.problems.length > 0) {
          throw new AuditBaselineError(scope, rendered.problems);
        }
        return rendered.body;
      },
    }),
  });

  scope.node.addValidation({ validate: () => templateProblems(props, limits) });
  checkStackTemplateSize(scope, limits);
  return stackSet;
}

/** Problems that need the rendered template: what a StackSet cannot carry, sizes, parameters, regions. */
function templateProblems(props: StackSetRolloutBaseProps, limits: AwsLimits): string[] {
  const rendered = props.template._render('template');
  const problems = [...rendered.problems];
  const where = `template (stack ${JSON.stringify(props.template.stack.node.path)})`;
  if (rendered.bodyBytes > limits.stackSetTemplateBodyBytes) {
    problems.push(
      `${where} renders to ${rendered.bodyBytes.toLocaleString('en-US')} bytes, the StackSet TemplateBody limit is ${limits.stackSetTemplateBodyBytes.toLocaleString('en-US')}: split it into two rollouts (e.g. global IAM resources and regional resources), or shorten long policies and descriptions`,
    );
  }
  const resourceCount = Object.keys(rendered.template.Resources ?? {}).length;
  if (resourceCount > limits.templateResources) {
    problems.push(`${where} has ${resourceCount} resources, the template limit is ${limits.templateResources}: split it into several rollouts`);
  }

  const declared: { [name: string]: any } = rendered.template.Parameters ?? {};
  const given = props.parameters ?? {};
  const unknown = Object.keys(given).filter((k) => !(k in declared));
  if (unknown.length > 0) {
    problems.push(
      `parameters names ${unknown.map((u) => JSON.stringify(u)).join(', ')}, which the template does not declare (it declares ${Object.keys(declared).map((d) => JSON.stringify(d)).join(', ') || 'none'}): remove them or fix the names`,
    );
  }
  const missing = Object.entries(declared)
    .filter(([name, p]) => p?.Default === undefined && !(name in given))
    .map(([name]) => name);
  if (missing.length > 0) {
    problems.push(
      `the template's parameters ${missing.map((m) => JSON.stringify(m)).join(', ')} have no default and no value: give them in parameters, or give them a default in the template`,
    );
  }

  if (!isUnresolved(props.regions) && props.regions.length > 1) {
    const named = props.template._globalNamedResources('template');
    if (named.length > 0) {
      problems.push(
        `${where} defines named IAM resources (${named.join(', ')}) and deploys to ${props.regions.length} regions (${props.regions.join(', ')}): IAM is global per account, so the second region's stack would fail with "already exists". Put the IAM resources in a rollout of their own with one region (e.g. ["us-east-1"]) and the regional resources in another`,
      );
    }
  }
  return problems;
}

function generatedName(scope: Construct): string {
  const name = Names.uniqueResourceName(scope, { maxLength: 128, separator: '-', allowedSpecialCharacters: '-' });
  return /^[a-zA-Z]/.test(name) ? name : `S${name}`.slice(0, 128);
}
