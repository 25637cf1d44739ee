import { GetRoleCommand } from '@aws-sdk/client-iam';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { Deployment } from './cloudformation';

/**
 * Security posture of what was deployed, read back from the emulator (not from
 * the template): the house rules that a template assertion could miss if a
 * construct and its test were wrong together.
 *
 * - Queue and topic policies deny requests without TLS (`aws:SecureTransport`).
 * - No Allow statement of a queue or topic policy lets any principal (`*`) in
 *   without a condition that narrows who it is.
 * - Every Allow to a service principal carries `aws:SourceArn` or
 *   `aws:SourceAccount` (confused deputy).
 * - A role trusted by another account requires `sts:ExternalId`, unless the
 *   trust names one role ARN or narrows by organization or principal ARN.
 *   A role trusted by `*` is always wrong.
 */

/** Condition keys that narrow "any principal" to known callers. */
const NARROWING_KEYS = [
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:principalorgid',
  'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceowner',
];
const CONFUSED_DEPUTY_KEYS = ['aws:sourcearn', 'aws:sourceaccount'];

function conditionKeys(statement: any): string[] {
  return Object.values<any>(statement.Condition ?? {}).flatMap((block) => Object.keys(block ?? {}).map((k) => k.toLowerCase()));
}

function list(x: any): any[] {
  return x === undefined ? [] : [].concat(x);
}

function principalValues(statement: any, kind: 'AWS' | 'Service'): string[] {
  const p = statement.Principal;
  if (p === '*') return kind === 'AWS' ? ['*'] : [];
  return list(p?.[kind]).map(String);
}

function isPublic(statement: any): boolean {
  return statement.Principal === '*' || principalValues(statement, 'AWS').includes('*');
}

/** Problems of one queue or topic policy (as read back). */
export function resourcePolicyProblems(where: string, policy: any): string[] {
  const problems: string[] = [];
  const statements = list(policy?.Statement);
  const tlsDeny = statements.some((s) => s.Effect === 'Deny'
    && Object.entries<any>(s.Condition?.Bool ?? {}).some(([k, v]) => k.toLowerCase() === 'aws:securetransport' && String(v) === 'false'));
  if (!tlsDeny) problems.push(`${where}: the policy does not deny requests without TLS (aws:SecureTransport false)`);
  for (const s of statements) {
    if (s.Effect !== 'Allow') continue;
    const keys = conditionKeys(s);
    if (isPublic(s) && !keys.some((k) => NARROWING_KEYS.includes(k))) {
      problems.push(`${where}: statement ${JSON.stringify(s.Sid ?? s)} allows any principal (*) ${JSON.stringify(s.Action)} with no narrowing condition`);
    }
    if (principalValues(s, 'Service').length > 0 && !keys.some((k) => CONFUSED_DEPUTY_KEYS.includes(k))) {
      problems.push(`${where}: statement ${JSON.stringify(s.Sid ?? s)} allows service principal ${JSON.stringify(s.Principal.Service)} without aws:SourceArn or aws:SourceAccount`);
    }
  }
  return problems;
}

function accountOfPrincipal(p: string): string | undefined {
  if (/^\d{12}$/.test(p)) return p;
  return /^arn:[^:]+:iam::(\d{12}):/.exec(p)?.[1];
}

/** Problems of one role trust policy (as read back) of a role in `account`. */
export function trustPolicyProblems(where: string, account: string, trust: any): string[] {
  const problems: string[] = [];
  for (const s of list(trust?.Statement)) {
    if (s.Effect !== 'Allow') continue;
    const keys = conditionKeys(s);
    for (const p of principalValues(s, 'AWS')) {
      if (p === '*') {
        problems.push(`${where}: the trust policy lets any AWS principal (*) assume the role`);
        continue;
      }
      const other = accountOfPrincipal(p);
      if (other === undefined || other === account) continue;
      const namesOneRole = /:role\//.test(p);
      const narrowed = keys.some((k) => ['sts:externalid', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn'].includes(k));
      if (!namesOneRole && !narrowed) {
        problems.push(`${where}: account ${other} may assume the role without sts:ExternalId (confused deputy)`);
      }
    }
  }
  return problems;
}

/** Reads back every role, queue policy and topic policy of `d` and returns its posture problems. */
export async function postureProblems(d: Deployment): Promise<string[]> {
  const problems: string[] = [];
  for (const r of d.resources) {
    if (!r.physicalId) continue;
    const where = `${d.stack.stackName}/${r.logicalId} (${r.type})`;
    if (r.type === 'AWS::IAM::Role') {
      const role = (await d.clients.iam.send(new GetRoleCommand({ RoleName: r.physicalId }))).Role!;
      const doc = role.AssumeRolePolicyDocument ?? '{}';
      const trust = JSON.parse(doc.startsWith('%') ? decodeURIComponent(doc) : doc);
      problems.push(...trustPolicyProblems(where, d.stack.where.account, trust));
    } else if (r.type === 'AWS::SQS::Queue') {
      const attrs = (await d.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: r.physicalId, AttributeNames: ['Policy'] }))).Attributes ?? {};
      problems.push(...resourcePolicyProblems(where, attrs.Policy ? JSON.parse(attrs.Policy) : undefined));
    } else if (r.type === 'AWS::SNS::Topic') {
      const attrs = (await d.clients.sns.send(new GetTopicAttributesCommand({ TopicArn: r.physicalId }))).Attributes ?? {};
      problems.push(...resourcePolicyProblems(where, attrs.Policy ? JSON.parse(attrs.Policy) : undefined));
    }
  }
  return problems;
}
