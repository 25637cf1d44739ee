/**
 * Pulls the IAM policy documents that decide a request out of a template, so
 * they can be fed to `simulate()`.
 *
 * Every function takes a template returned by `resolveTemplate(...)` (the
 * environment it was resolved in is reused), or a raw synthesized template,
 * which is then resolved with the default environment (`aws`, `us-east-1`,
 * `123456789012`). Resources are named by logical id, by their physical name
 * property (`RoleName`, `UserName`, `QueueName`, ...) or by their construct
 * path (`Stack/AuditRole` or `Stack/AuditRole/Resource`, only when the
 * template carries `aws:cdk:path` metadata, which `Template.fromStack` does
 * not), or by the construct itself (`auditRole.role`, an L1 or an L2 whose
 * default child is the resource). An unknown or ambiguous name throws,
 * listing the candidates.
 */
import { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { environmentOf, fakeResourceValues, resolveTemplate } from './resolve';

/** A resource named by logical id, physical name, construct path (needs path metadata), or the construct itself. */
export type ResourceRef = string | IConstruct;

/** The logical id of an L1 construct, or of an L2's default child (`role` -> its `AWS::IAM::Role`). */
export function logicalIdOf(c: IConstruct): string {
  const el = CfnElement.isCfnElement(c) ? c : c.node.defaultChild;
  if (!el || !CfnElement.isCfnElement(el)) throw new Error(`${c.node.path} is not a CloudFormation resource and has no default child that is one`);
  return Stack.of(el).getLogicalId(el);
}

/** An IAM policy document as it appears in a resolved template. */
export interface PolicyDoc {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: any;
}

/** The identity-based policies of a role or user. */
export interface IdentityPolicies {
  /** Inline policies, `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` documents of the template that apply. */
  readonly documents: PolicyDoc[];
  /** Names of attached AWS managed policies (`SecurityAudit`, `service-role/AWSConfigRole`). */
  readonly awsManagedPolicyNames: string[];
  /** Customer managed policy ARNs that are not defined in this template (their content is unknown here). */
  readonly externalPolicyArns: string[];
}

/** An `AWS::Organizations::Policy` of a template. */
export interface OrganizationPolicyResource {
  readonly logicalId: string;
  readonly name: string;
  readonly type: string;
  readonly document: PolicyDoc;
  readonly targetIds: string[];
}

const NAME_PROPS: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Organizations::Policy': 'Name',
};

/** Returns the resolved template (resolving a raw one with the default environment). */
function resolved(t: any): any {
  if (environmentOf(t)) return t;
  return resolveTemplate(t);
}

function resources(t: any): Record<string, any> {
  return t?.Resources ?? {};
}

/** Finds the logical id of the one resource of the given types that `name` designates. */
export function findResource(t: any, ref: ResourceRef, types: string[]): string {
  const name = typeof ref === 'string' ? ref : logicalIdOf(ref);
  const rs = resources(t);
  const candidates = Object.entries(rs).filter(([, r]) => types.includes(r.Type));
  const matches = candidates.filter(([id, r]) => {
    if (id === name) return true;
    const nameProp = NAME_PROPS[r.Type];
    if (nameProp && r.Properties?.[nameProp] === name) return true;
    const cdkPath: unknown = r.Metadata?.['aws:cdk:path'];
    return typeof cdkPath === 'string' && (cdkPath === name || cdkPath === `${name}/Resource`);
  });
  if (matches.length === 1) return matches[0][0];
  const list = candidates.map(([id, r]) => `${id} (${r.Metadata?.['aws:cdk:path'] ?? r.Type})`).join(', ') || 'none';
  if (matches.length === 0) {
    throw new Error(`no ${types.join(' or ')} named "${name}" in the template; candidates: ${list}`);
  }
  throw new Error(`"${name}" matches several ${types.join(' or ')} resources: ${matches.map(([id]) => id).join(', ')}`);
}

function asDoc(value: any, where: string): PolicyDoc {
  const doc = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof doc !== 'object' || doc === null || doc.Statement === undefined) {
    throw new Error(`${where} is not a policy document: ${JSON.stringify(value)}`);
  }
  return doc;
}

function asList(v: any): any[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The trust policy (`AssumeRolePolicyDocument`) of a role. */
export function trustPolicy(template: any, role: ResourceRef): PolicyDoc {
  const t = resolved(template);
  const id = findResource(t, role, ['AWS::IAM::Role']);
  return asDoc(t.Resources[id].Properties?.AssumeRolePolicyDocument, `${id}.AssumeRolePolicyDocument`);
}

/** The ARN of a role, user, queue, topic, ... as the resolver computed it. */
export function arnOf(template: any, resource: ResourceRef): string {
  const t = resolved(template);
  const name = typeof resource === 'string' ? resource : logicalIdOf(resource);
  const id = resources(t)[name] ? name : findResource(t, name, Object.keys(NAME_PROPS));
  const v = fakeResourceValues(t, id);
  const arn = v.attributes.Arn ?? v.attributes.TopicArn ?? v.attributes.PolicyArn ?? (v.ref.startsWith('arn:') ? v.ref : undefined);
  if (!arn) throw new Error(`resource ${id} has no ARN`);
  return arn;
}

/**
 * The identity-based policies of a role or user: its inline `Policies`, its
 * `ManagedPolicyArns` (customer managed ones defined in the template are
 * resolved back to their documents), and every `AWS::IAM::Policy` or
 * `AWS::IAM::ManagedPolicy` whose `Roles` / `Users` name it.
 * (Group membership is not followed.)
 */
export function identityPolicies(template: any, roleOrUser: ResourceRef): IdentityPolicies {
  const t = resolved(template);
  const id = findResource(t, roleOrUser, ['AWS::IAM::Role', 'AWS::IAM::User']);
  const principal = t.Resources[id];
  const isRole = principal.Type === 'AWS::IAM::Role';
  const principalName = fakeResourceValues(t, id).ref;
  const documents: PolicyDoc[] = [];
  const awsManagedPolicyNames: string[] = [];
  const externalPolicyArns: string[] = [];
  const usedManaged = new Set<string>();

  for (const [i, p] of asList(principal.Properties?.Policies).entries()) {
    documents.push(asDoc(p.PolicyDocument, `${id}.Policies[${i}]`));
  }

  const managedByArn = new Map<string, string>();
  for (const [mid, r] of Object.entries(resources(t))) {
    if (r.Type === 'AWS::IAM::ManagedPolicy') managedByArn.set(fakeResourceValues(t, mid).ref, mid);
  }
  for (const arn of asList(principal.Properties?.ManagedPolicyArns)) {
    if (typeof arn !== 'string') throw new Error(`${id}.ManagedPolicyArns has a non-string entry ${JSON.stringify(arn)}`);
    const local = managedByArn.get(arn);
    if (local) {
      usedManaged.add(local);
      documents.push(asDoc(t.Resources[local].Properties?.PolicyDocument, `${local}.PolicyDocument`));
      continue;
    }
    const aws = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn);
    if (aws) awsManagedPolicyNames.push(aws[1]);
    else externalPolicyArns.push(arn);
  }

  for (const [pid, r] of Object.entries(resources(t))) {
    if (r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::ManagedPolicy') continue;
    if (usedManaged.has(pid)) continue;
    const attached = asList(isRole ? r.Properties?.Roles : r.Properties?.Users);
    if (!attached.includes(principalName)) continue;
    documents.push(asDoc(r.Properties?.PolicyDocument, `${pid}.PolicyDocument`));
  }
  return { documents, awsManagedPolicyNames, externalPolicyArns };
}

/**
 * The resource-based policy of a queue, topic, bucket, event bus or KMS key
 * (by its logical id, name or path), or of a policy resource itself
 * (`AWS::SQS::QueuePolicy`, `AWS::SNS::TopicPolicy`, `AWS::S3::BucketPolicy`,
 * `AWS::Events::EventBusPolicy`).
 *
 * Event bus policies are merged into one document: the bus's own `Policy`
 * plus every `AWS::Events::EventBusPolicy` on it (its `Statement`, or the
 * legacy `Action`/`Principal`/`Condition` form). A queue, topic or bucket
 * targeted by more than one policy resource throws: AWS keeps only one.
 */
export function resourcePolicy(template: any, target: ResourceRef): PolicyDoc {
  const t = resolved(template);
  const id = findResource(t, target, [
    'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::S3::Bucket', 'AWS::Events::EventBus', 'AWS::KMS::Key',
    'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::S3::BucketPolicy', 'AWS::Events::EventBusPolicy',
  ]);
  const r = t.Resources[id];
  const props = r.Properties ?? {};
  switch (r.Type) {
    case 'AWS::SQS::QueuePolicy':
    case 'AWS::SNS::TopicPolicy':
    case 'AWS::S3::BucketPolicy':
      return asDoc(props.PolicyDocument, `${id}.PolicyDocument`);
    case 'AWS::Events::EventBusPolicy':
      return { Version: '2012-10-17', Statement: [busPolicyStatement(t, id)] };
    case 'AWS::KMS::Key':
      return asDoc(props.KeyPolicy, `${id}.KeyPolicy`);
    case 'AWS::Events::EventBus': {
      const name = fakeResourceValues(t, id).ref;
      const arn = fakeResourceValues(t, id).attributes.Arn;
      const statements: any[] = props.Policy ? asList(asDoc(props.Policy, `${id}.Policy`).Statement) : [];
      for (const [pid, p] of Object.entries(resources(t))) {
        if (p.Type !== 'AWS::Events::EventBusPolicy') continue;
        const bus = p.Properties?.EventBusName ?? 'default';
        if (bus === name || bus === arn) statements.push(busPolicyStatement(t, pid));
      }
      if (statements.length === 0) throw new Error(`event bus ${id} has no policy`);
      return { Version: '2012-10-17', Statement: statements };
    }
    default: {
      const [policyType, targetsProp, ref] = r.Type === 'AWS::SQS::Queue'
        ? ['AWS::SQS::QueuePolicy', 'Queues', fakeResourceValues(t, id).ref]
        : r.Type === 'AWS::SNS::Topic'
          ? ['AWS::SNS::TopicPolicy', 'Topics', fakeResourceValues(t, id).ref]
          : ['AWS::S3::BucketPolicy', 'Bucket', fakeResourceValues(t, id).ref];
      const found = Object.entries(resources(t))
        .filter(([, p]) => p.Type === policyType && asList(p.Properties?.[targetsProp]).includes(ref));
      if (found.length === 0) throw new Error(`no ${policyType} targets ${id} (${ref})`);
      if (found.length > 1) {
        throw new Error(`${found.length} ${policyType} resources target ${id} (${found.map(([pid]) => pid).join(', ')}); AWS keeps only one`);
      }
      return asDoc(found[0][1].Properties?.PolicyDocument, `${found[0][0]}.PolicyDocument`);
    }
  }
}

/** One `AWS::Events::EventBusPolicy` as an IAM statement. */
function busPolicyStatement(t: any, id: string): any {
  const props = t.Resources[id].Properties ?? {};
  if (props.Statement) return props.Statement;
  // Legacy form: Action + Principal (an account id or `*`) + optional Condition.
  const env = environmentOf(t)!;
  const principal = props.Principal === '*' ? '*' : { AWS: `arn:${env.partition}:iam::${props.Principal}:root` };
  const busName = props.EventBusName ?? 'default';
  const statement: any = {
    Sid: props.StatementId,
    Effect: 'Allow',
    Principal: principal,
    Action: props.Action,
    Resource: String(busName).startsWith('arn:') ? busName : `arn:${env.partition}:events:${env.region}:${env.account}:event-bus/${busName}`,
  };
  if (props.Condition) {
    statement.Condition = { [props.Condition.Type]: { [props.Condition.Key]: props.Condition.Value } };
  }
  return statement;
}

/** Every `AWS::Organizations::Policy` of the given type, with its parsed `Content`, name and targets. */
export function organizationPolicyResources(
  template: any,
  type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY',
): OrganizationPolicyResource[] {
  const t = resolved(template);
  return Object.entries(resources(t))
    .filter(([, r]) => r.Type === 'AWS::Organizations::Policy' && r.Properties?.Type === type)
    .map(([id, r]) => ({
      logicalId: id,
      name: String(r.Properties?.Name ?? id),
      type,
      document: asDoc(r.Properties?.Content, `${id}.Content`),
      targetIds: asList(r.Properties?.TargetIds).map(String),
    }));
}

/** The documents of every SCP or RCP of a template (`Content` may be a JSON string or an object). */
export function organizationPolicies(template: any, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'): PolicyDoc[] {
  return organizationPolicyResources(template, type).map((p) => p.document);
}
