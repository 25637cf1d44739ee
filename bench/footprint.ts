import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { AwsLimits } from '../src';
import { stackTemplate } from './measure';
import { PolicyKind, measurePolicy } from '../src/core/private/policy-size';

/** A figure measured against the AWS limit it must stay under. */
export interface LimitFigure {
  /** Construct path of what was measured (stack path for templates). */
  readonly subject: string;
  /** What was measured, e.g. "trust policy" or "StackSet TemplateBody". */
  readonly what: string;
  /** The size, in the unit AWS counts (characters for policies, bytes for templates). */
  readonly size: number;
  readonly limit: number;
  /** size / limit. */
  readonly ratio: number;
  /** True when the size is a worst-case bound (CloudFormation references counted at their longest). */
  readonly estimated: boolean;
}

/** The SCP packing of one construct: policies used against the lower bound. */
export interface ScpPacking {
  readonly subject: string;
  readonly policies: number;
  readonly totalCharacters: number;
  readonly limit: number;
  /** ceil(totalCharacters / limit): no packing can use fewer policies. */
  readonly lowerBound: number;
}

/** Everything the footprint section reports. */
export interface Footprint {
  readonly templates: LimitFigure[];
  readonly policies: LimitFigure[];
  readonly scp: ScpPacking[];
}

/** Within 25% of a limit: the threshold for "fix what the figures show". */
export const NEAR_LIMIT_RATIO = 0.75;

/**
 * Limits that AwsLimits does not hold (resource policies of other services), from each service's quotas page:
 * SQS 8,192 bytes (SQS developer guide, "Amazon SQS policy quotas", also 20 statements, 50 principals, 10 conditions),
 * S3 bucket policy 20 KB, KMS key policy 32 KB, SNS topic policy 30 KB (verify).
 */
export const RESOURCE_POLICY_LIMITS: Readonly<Record<string, { limit: number; what: string }>> = {
  'AWS::SQS::QueuePolicy': { limit: 8192, what: 'SQS queue policy' },
  'AWS::SNS::TopicPolicy': { limit: 30720, what: 'SNS topic policy (verify)' },
  'AWS::S3::BucketPolicy': { limit: 20480, what: 'S3 bucket policy' },
  'AWS::KMS::Key': { limit: 32768, what: 'KMS key policy' },
};


function figure(subject: string, what: string, size: number, limit: number, estimated = false): LimitFigure {
  return { subject, what, size, limit, ratio: size / limit, estimated };
}

/** The resolved CloudFormation of one resource (tokens resolved, intrinsics kept). */
function rendered(resource: CfnResource): any {
  const out = Stack.of(resource).resolve((resource as any)._toCloudFormation());
  return Object.values<any>(out.Resources ?? {})[0] ?? {};
}

/**
 * Measures every template and every policy of a synthesized app, member
 * templates of StackSets included, the way AWS counts them.
 */
export function measureFootprint(app: App, stacks: Stack[], limits: AwsLimits = AwsLimits.DEFAULT): Footprint {
  const templates: LimitFigure[] = [];
  for (const stack of stacks) {
    const template = stackTemplate(stack);
    // Counted as cdk writes the file (indented by one space), which is what the CLI uploads.
    templates.push(figure(stack.stackName, 'template via TemplateURL', Buffer.byteLength(JSON.stringify(template, undefined, 1)), limits.templateUrlBytes));
    templates.push(figure(stack.stackName, 'resources per template', Object.keys(template.Resources ?? {}).length, limits.templateResources));
    templates.push(figure(stack.stackName, 'outputs per template', Object.keys(template.Outputs ?? {}).length, limits.templateOutputs));
    for (const [id, resource] of Object.entries<any>(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::CloudFormation::StackSet') continue;
      const body: string = resource.Properties.TemplateBody;
      templates.push(figure(`${stack.stackName}/${id}`, 'StackSet TemplateBody', Buffer.byteLength(body), limits.stackSetTemplateBodyBytes));
      const member = JSON.parse(body);
      templates.push(figure(`${stack.stackName}/${id}`, 'resources per template', Object.keys(member.Resources ?? {}).length, limits.templateResources));
      templates.push(figure(`${stack.stackName}/${id}`, 'outputs per template', Object.keys(member.Outputs ?? {}).length, limits.templateOutputs));
    }
  }

  const policies: LimitFigure[] = [];
  const roleInline = new Map<string, { size: number; estimated: boolean }>();
  const scpGroups = new Map<string, { policies: number; total: number; limit: number }>();
  const measure = (res: CfnResource, kind: PolicyKind, doc: unknown) => measurePolicy(res, kind, doc);
  for (const res of app.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c))) {
    const type = res.cfnResourceType;
    const props = rendered(res).Properties ?? {};
    const path = res.node.path;
    if (type === 'AWS::IAM::Role') {
      const trust = measure(res, 'trust', props.AssumeRolePolicyDocument);
      policies.push(figure(path, 'trust policy', trust.characters, limits.trustPolicyCharacters, trust.estimated));
      for (const p of props.Policies ?? []) {
        addInline(roleInline, path, measure(res, 'roleInline', p.PolicyDocument));
      }
    } else if (type === 'AWS::IAM::Policy') {
      const size = measure(res, 'roleInline', props.PolicyDocument);
      for (const role of props.Roles ?? []) {
        const target = Stack.of(res).node.findAll().find((c) => CfnResource.isCfnResource(c) && Stack.of(c).resolve(c.logicalId) === role?.Ref);
        addInline(roleInline, target?.node.path ?? `${path} (role ${JSON.stringify(role)})`, size);
      }
    } else if (type === 'AWS::IAM::ManagedPolicy') {
      const size = measure(res, 'managed', props.PolicyDocument);
      policies.push(figure(path, 'managed policy', size.characters, limits.managedPolicyCharacters, size.estimated));
    } else if (type === 'AWS::Organizations::Policy') {
      const scp = props.Type === 'SERVICE_CONTROL_POLICY';
      const limit = scp ? limits.scpDocumentCharacters : limits.rcpDocumentCharacters;
      const size = measure(res, scp ? 'scp' : 'rcp', props.Content);
      policies.push(figure(path, scp ? 'SCP' : 'RCP', size.characters, limit, size.estimated));
      const group = res.node.scope!.node.path;
      const entry = scpGroups.get(group) ?? { policies: 0, total: 0, limit };
      scpGroups.set(group, { policies: entry.policies + 1, total: entry.total + size.characters, limit });
    } else if (type === 'AWS::Events::Rule' && props.EventPattern !== undefined) {
      const size = measure(res, 'eventPattern', props.EventPattern);
      policies.push(figure(path, 'event pattern', size.characters, limits.eventPatternCharacters, size.estimated));
    } else if (RESOURCE_POLICY_LIMITS[type]) {
      const doc = type === 'AWS::KMS::Key' ? props.KeyPolicy : props.PolicyDocument;
      if (doc !== undefined) {
        const size = measure(res, 'resource', doc);
        policies.push(figure(path, RESOURCE_POLICY_LIMITS[type].what, size.characters, RESOURCE_POLICY_LIMITS[type].limit, size.estimated));
      }
    }
  }
  for (const [role, size] of roleInline) {
    policies.push(figure(role, 'role inline policies together', size.size, limits.roleInlinePolicyCharacters, size.estimated));
  }
  const scp = [...scpGroups].map(([subject, g]) => ({
    subject,
    policies: g.policies,
    totalCharacters: g.total,
    limit: g.limit,
    lowerBound: Math.ceil(g.total / g.limit),
  }));
  return { templates, policies, scp };
}

function addInline(map: Map<string, { size: number; estimated: boolean }>, role: string, size: { characters: number; estimated: boolean }): void {
  const prev = map.get(role) ?? { size: 0, estimated: false };
  map.set(role, { size: prev.size + size.characters, estimated: prev.estimated || size.estimated });
}

/** Figures at or above `NEAR_LIMIT_RATIO` of their limit. */
export function nearLimits(footprint: Footprint): LimitFigure[] {
  return [...footprint.templates, ...footprint.policies].filter((f) => f.ratio >= NEAR_LIMIT_RATIO);
}

/** The figure closest to (or furthest over) its limit. */
export function worstFigure(footprint: Footprint): LimitFigure {
  const all = [...footprint.templates, ...footprint.policies];
  return all.reduce((a, b) => (b.ratio > a.ratio ? b : a), all[0]);
}

