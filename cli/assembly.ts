import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './catalog';
import { RoleExpectation } from './checks';

/**
 * The expected setup read from a synthesized cloud assembly (`cdk.out`): its
 * stacks' templates say which audit roles and event streams there should be.
 * Only literal values are taken: a role whose vendor account or external ID
 * is a parameter or token is left to the flags.
 */

/** One stack of the assembly. */
export interface AssemblyStack {
  readonly stackName: string;
  /** The stack's region, when the stack is not environment-agnostic. */
  readonly region?: string;
  readonly template: any;
}

/**
 * The metadata type the library gives a StackSet template's stack (its
 * `STACK_SET_TEMPLATE_METADATA`; a test holds the two equal): such a stack is
 * inlined into a StackSet, never deployed by `cdk deploy`.
 */
export const STACK_SET_TEMPLATE_METADATA = 'cdk-audit-baseline:stackSetTemplate';

/**
 * The deployable stacks of a cloud assembly directory, nested assemblies
 * (stages such as `AriaSecureCloudsOnboarding` and `RegionalDeployment`)
 * included; StackSet templates are skipped.
 */
export function readAssembly(dir: string): AssemblyStack[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new UsageError(`--app ${dir}: no manifest.json there; give the cdk.out folder of \`cdk synth\``);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf-8'));
  const stacks: AssemblyStack[] = [];
  for (const [id, a] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (a.type === 'cdk:cloud-assembly' && typeof a.properties?.directoryName === 'string') {
      stacks.push(...readAssembly(path.join(dir, a.properties.directoryName)));
      continue;
    }
    if (a.type !== 'aws:cloudformation:stack' || isStackSetTemplate(dir, a)) continue;
    const region = /^aws:\/\/[^/]+\/([a-z0-9-]+)$/.exec(a.environment ?? '')?.[1];
    stacks.push({
      stackName: a.properties?.stackName ?? id,
      region: region === 'unknown-region' ? undefined : region,
      template: JSON.parse(fs.readFileSync(path.join(dir, a.properties.templateFile), 'utf-8')),
    });
  }
  return stacks;
}

/** Whether the stack artifact carries the template marker, in its manifest entry or in its metadata file (newer CDK releases write one). */
function isStackSetTemplate(dir: string, artifact: any): boolean {
  const inline = artifact.metadata ?? {};
  const file = typeof artifact.additionalMetadataFile === 'string' && fs.existsSync(path.join(dir, artifact.additionalMetadataFile))
    ? JSON.parse(fs.readFileSync(path.join(dir, artifact.additionalMetadataFile), 'utf-8')) : {};
  const marked = (entries: unknown) => Array.isArray(entries) && entries.some((e) => e?.type === STACK_SET_TEMPLATE_METADATA);
  return [inline, file].some((metadata) => Object.values<any>(metadata).some(marked));
}

/** A literal 12-digit account from a principal (`123...`, an ARN, or an `Fn::Join` of one with the partition). */
function literalAccount(principal: any): string | undefined {
  const text = typeof principal === 'string' ? principal
    : Array.isArray(principal?.['Fn::Join']?.[1]) ? principal['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : '*')).join('') : undefined;
  if (text === undefined) return undefined;
  return /^\d{12}$/.test(text) ? text : /^arn:[^:]+:iam::(\d{12}):root$/.exec(text)?.[1];
}

/** The audit roles a template defines with literal name, vendor account and external ID. */
export function rolesFromTemplate(template: any): RoleExpectation[] {
  const roles: RoleExpectation[] = [];
  for (const r of Object.values<any>(template.Resources ?? {})) {
    if (r.Type !== 'AWS::IAM::Role' || typeof r.Properties?.RoleName !== 'string') continue;
    const statements: any[] = [].concat(r.Properties.AssumeRolePolicyDocument?.Statement ?? []);
    if (statements.length !== 1) continue;
    const s = statements[0];
    const externalId = s.Condition?.StringEquals?.['sts:ExternalId'];
    const vendor = literalAccount(s.Principal?.AWS);
    if (typeof externalId !== 'string' || vendor === undefined) continue;
    const managedPolicies = [].concat(r.Properties.ManagedPolicyArns ?? []).map((arn: any) => {
      const text = typeof arn === 'string' ? arn : Array.isArray(arn?.['Fn::Join']?.[1]) ? arn['Fn::Join'][1].filter((p: any) => typeof p === 'string').join('') : '';
      return /:iam::aws:policy\/(.+)$/.exec(text)?.[1];
    });
    // A customer managed policy (its ARN is a token) cannot be named: leave the policy check to the flags.
    if (managedPolicies.some((p) => p === undefined)) continue;
    roles.push({ roleName: r.Properties.RoleName, vendorAccountId: vendor, externalId, managedPolicies: managedPolicies as string[] });
  }
  return roles;
}
