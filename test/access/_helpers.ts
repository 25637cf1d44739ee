import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { accessLevelOf, actionExists, expandAction, PolicyDoc } from '../harness';

/** The vendor account of the tests (a documentation account ID). */
export const VENDOR = '111122223333';
/** The stack's own account. */
export const ACCOUNT = '123456789012';
/** An external ID as a vendor console shows one. */
export const EXTERNAL_ID = 'my-tenant-1234';

/** A stack in a fresh app; `env` undefined means environment-agnostic. */
export function newStack(env?: StackProps['env']): Stack {
  return new Stack(new App(), 'TestStack', env ? { env } : {});
}

/** A stack with a concrete commercial environment. */
export function concreteStack(): Stack {
  return newStack({ account: ACCOUNT, region: 'us-east-1' });
}

/** The error synthesis throws (node validations run then), or '' if it succeeds. */
export function synthErrorOf(stack: Stack): string {
  try {
    Template.fromStack(stack);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** The synthesized template as JSON. */
export function templateOf(stack: Stack): any {
  return Template.fromStack(stack).toJSON();
}

/**
 * The read-only proof: every action that an Allow statement of `docs`
 * grants, wildcards expanded, whose access level is not List or Read and
 * that is not in `declaredWrites` (the Write actions a bundle names on
 * purpose). An action that does not exist is reported as `unknown:<action>`
 * (a misspelled write action must not slip through as "no match").
 */
export function undeclaredWrites(docs: PolicyDoc[], declaredWrites: string[] = []): string[] {
  const declared = new Set(declaredWrites.map((a) => a.toLowerCase()));
  const out = new Set<string>();
  for (const doc of docs) {
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    for (const st of statements) {
      if (st.Effect !== 'Allow') continue;
      if (st.NotAction !== undefined) {
        out.add(`NotAction:${JSON.stringify(st.NotAction)}`);
        continue;
      }
      const actions: string[] = Array.isArray(st.Action) ? st.Action : [st.Action];
      for (const pattern of actions) {
        const expanded = /[*?]/.test(pattern) ? expandAction(pattern) : actionExists(pattern) ? [pattern] : [];
        if (expanded.length === 0) out.add(`unknown:${pattern}`);
        for (const a of expanded) {
          const level = accessLevelOf(a);
          if (level !== 'List' && level !== 'Read' && !declared.has(a.toLowerCase())) out.add(`${a}=${level}`);
        }
      }
    }
  }
  return [...out].sort();
}

/** The logical id of the one resource of `type` in the template (throws if there is not exactly one). */
export function onlyOf(template: any, type: string): string {
  const ids = Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => r.Type === type).map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}: ${ids.join(', ')}`);
  return ids[0];
}

/**
 * Every place in the template that references an attribute named
 * `attribute` (as `Fn::GetAtt` in array or string form, or `${X.attribute}`
 * in `Fn::Sub`), as dotted paths: `Resources.Secret.Properties.SecretString`.
 */
export function attributeReferences(template: any, attribute: string): string[] {
  const out = new Set<string>();
  const walk = (node: any, path: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, [...path, String(i)]));
      return;
    }
    if (typeof node === 'string') {
      if (node.includes(`.${attribute}}`)) out.add(path.slice(0, 4).join('.'));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const getAtt = node['Fn::GetAtt'];
    if ((Array.isArray(getAtt) && getAtt[1] === attribute) || (typeof getAtt === 'string' && getAtt.endsWith(`.${attribute}`))) {
      out.add(path.slice(0, 4).join('.'));
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(template, []);
  return [...out].sort();
}
