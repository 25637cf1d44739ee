import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { cfnLint, CfnLintFinding } from '../harness';

/** The audited account of the tests. */
export const ACCOUNT = '123456789012';
/** A second account of the same organization. */
export const OTHER_ACCOUNT = '444455556666';
/** A vendor account (documentation account ID). */
export const VENDOR = '111122223333';

/** A stack in a fresh app; `env` undefined means environment-agnostic. */
export function newStack(env?: StackProps['env'], id = 'TestStack'): Stack {
  return new Stack(new App(), id, env ? { env } : {});
}

/** A stack with a concrete environment. */
export function concreteStack(region = 'us-east-1', account = ACCOUNT): Stack {
  return newStack({ account, region });
}

/** The synthesized template as JSON. */
export function templateOf(stack: Stack): any {
  return Template.fromStack(stack).toJSON();
}

/** Logical ids of the resources of `type`. */
export function idsOf(template: any, type: string): string[] {
  return Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => r.Type === type).map(([id]) => id);
}

/** The one resource of `type` (throws unless there is exactly one). */
export function onlyOf(template: any, type: string): string {
  const ids = idsOf(template, type);
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}: ${ids.join(', ')}`);
  return ids[0];
}

/** The message of the error `fn` throws, or '' if it throws none. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** cfn-lint findings (errors and warnings) of the stacks' templates, written to a temporary folder. */
export function lintStacks(stacks: Stack[]): CfnLintFinding[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-lint-'));
  // The index keeps stacks of the same name (e.g. two test apps' `TestStack`) apart.
  const files = stacks.map((s, i) => {
    const file = path.join(dir, `${i}-${s.stackName}.template.json`);
    fs.writeFileSync(file, JSON.stringify(templateOf(s)));
    return file;
  });
  return cfnLint(files).filter((f) => f.level !== 'Informational');
}

/** Outputs of the template: construct-path-free view `{ description: value }` is too loose, so: logical id suffix-free map by description. */
export function outputValues(template: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const o of Object.values(template.Outputs ?? {}) as any[]) out[o.Description] = o.Value;
  return out;
}

/** Every statement of the policy documents, as a flat list. */
export function statementsOf(docs: Array<{ Statement: any }>): any[] {
  return docs.flatMap((d) => (Array.isArray(d.Statement) ? d.Statement : [d.Statement]));
}

/** A value as a sorted list (IAM writes one element as a string). */
export function listOf(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).map(String).sort();
}
