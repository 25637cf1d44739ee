/**
 * Turns a synthesized CloudFormation template into plain data that a policy
 * simulator can read: every intrinsic function is replaced by a concrete,
 * deterministic string, as CloudFormation would do at deploy time in a fake
 * account.
 *
 * ```ts
 * const t = resolveTemplate(Template.fromStack(stack).toJSON(), { partition: 'aws-cn', region: 'cn-north-1' });
 * ```
 *
 * What is resolved (anything else throws, naming its path in the template):
 * - `Ref` of pseudo parameters: `AWS::Partition` (`aws`), `AWS::Region`
 *   (`us-east-1`), `AWS::AccountId` (`123456789012`), `AWS::URLSuffix` (by
 *   partition), `AWS::StackName`, `AWS::StackId`, `AWS::NotificationARNs`,
 *   `AWS::NoValue` (removes the property or list element, as CloudFormation does).
 * - `Ref` of Parameters: `env.parameters[name]`, else the parameter's `Default`
 *   (a `CommaDelimitedList` / `List<...>` becomes a list), else an error naming it.
 * - `Ref` / `Fn::GetAtt` of resources: the fake values of {@link fakeResourceValues},
 *   right for the resource type (a role's ARN uses its `RoleName` and `Path`
 *   when set, else the logical id as the name, and so on).
 * - `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap` (from `Mappings`,
 *   with `DefaultValue`), `Fn::Sub` (`${Param}`, `${Resource}`,
 *   `${Resource.Attr}`, `${AWS::Region}`, `${!Literal}`, and the variables
 *   map), `Fn::If`, `Condition`, `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`,
 *   `Fn::GetAZs` (`<region>a`, `b`, `c`), `Fn::Base64`, `Fn::ToJsonString`,
 *   `Fn::Length`, `Fn::ImportValue` (from `env.imports`, else an error).
 * - Resources and Outputs whose `Condition` is false are removed.
 *
 * The result is a deep copy; the input is not changed. `Parameters`,
 * `Mappings`, `Conditions` and `Rules` are copied as they are.
 */

import { createHash } from 'crypto';

/** The fake deployment environment a template is resolved in. */
export interface ResolveEnv {
  /** @default 'aws' */
  readonly partition?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly account?: string;
  /** @default 'TestStack' */
  readonly stackName?: string;
  /** Values for template Parameters; they win over a parameter's Default. */
  readonly parameters?: Record<string, string | string[]>;
  /** Values for `Fn::ImportValue`, by export name. */
  readonly imports?: Record<string, string>;
}

/** A fully resolved environment (every field set). */
export interface ResolvedEnv {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly stackName: string;
  readonly urlSuffix: string;
  readonly parameters: Record<string, string | string[]>;
  readonly imports: Record<string, string>;
}

/** `Ref` and `Fn::GetAtt` values of one resource, as the resolver computes them. */
export interface FakeResourceValues {
  /** What `{ Ref: logicalId }` resolves to. */
  readonly ref: string;
  /** What `{ 'Fn::GetAtt': [logicalId, attr] }` resolves to, for the attributes known for the type. */
  readonly attributes: Record<string, string>;
}

/** Marker for `AWS::NoValue`: the enclosing property or list element is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

const DEFAULT_URL_SUFFIX: Record<string, string> = {
  'aws': 'amazonaws.com',
  'aws-us-gov': 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
};

/** Fills in the defaults of {@link ResolveEnv}. */
export function resolvedEnv(env: ResolveEnv = {}): ResolvedEnv {
  const partition = env.partition ?? 'aws';
  return {
    partition,
    region: env.region ?? 'us-east-1',
    account: env.account ?? '123456789012',
    stackName: env.stackName ?? 'TestStack',
    urlSuffix: DEFAULT_URL_SUFFIX[partition] ?? 'amazonaws.com',
    parameters: env.parameters ?? {},
    imports: env.imports ?? {},
  };
}

/** Resolver state kept for templates returned by {@link resolveTemplate} (used by the policy extractors). */
const RESOLVED = new WeakMap<object, Resolver>();

/**
 * Returns a deep copy of `template` with every intrinsic replaced by a
 * concrete value (see the module comment for the rules).
 */
export function resolveTemplate(template: any, env: ResolveEnv = {}): any {
  const resolver = new Resolver(template, resolvedEnv(env));
  const out = resolver.resolveAll();
  RESOLVED.set(out, resolver);
  return out;
}

/**
 * The `Ref` and `Fn::GetAtt` values the resolver uses for a resource of a
 * template returned by {@link resolveTemplate} (or of a raw template, resolved
 * with the default environment).
 */
export function fakeResourceValues(template: any, logicalId: string): FakeResourceValues {
  const resolver = RESOLVED.get(template) ?? new Resolver(template, resolvedEnv());
  return resolver.valuesOf(logicalId, `fakeResourceValues(${logicalId})`);
}

/** The environment a template returned by {@link resolveTemplate} was resolved in (undefined for other objects). */
export function environmentOf(template: any): ResolvedEnv | undefined {
  return RESOLVED.get(template)?.env;
}

/** Deterministic 8 hex digits derived from a seed, for fake ids. */
function hash8(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 8);
}

/** A deterministic UUID-shaped fake id derived from a seed. */
function fakeUuid(seed: string): string {
  const hex = hash8(seed) + hash8(seed + '#1') + hash8(seed + '#2') + hash8(seed + '#3');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Resolver {
  private readonly resources: Record<string, any>;
  private readonly conditionCache = new Map<string, boolean>();
  private readonly valuesCache = new Map<string, FakeResourceValues>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly template: any, public readonly env: ResolvedEnv) {
    if (!isPlainObject(template)) {
      throw new Error(`resolveTemplate: expected a template object (Template.fromStack(stack).toJSON()), got ${JSON.stringify(template)}`);
    }
    this.resources = isPlainObject(template.Resources) ? template.Resources : {};
  }

  public resolveAll(): any {
    const out: Record<string, any> = {};
    for (const [key, value] of Object.entries(this.template)) {
      if (key === 'Resources' || key === 'Outputs') {
        const section: Record<string, any> = {};
        for (const [id, body] of Object.entries(value as Record<string, any>)) {
          if (isPlainObject(body) && typeof body.Condition === 'string' && !this.condition(body.Condition, `${key}.${id}.Condition`)) {
            continue;
          }
          const resolved = this.resolve(body, `${key}.${id}`);
          if (resolved !== NO_VALUE) section[id] = resolved;
        }
        out[key] = section;
      } else {
        out[key] = JSON.parse(JSON.stringify(value));
      }
    }
    return out;
  }

  /** Resolves one value (recursively); may return NO_VALUE. */
  public resolve(value: any, path: string): any {
    if (Array.isArray(value)) {
      const out: any[] = [];
      value.forEach((v, i) => {
        const r = this.resolve(v, `${path}[${i}]`);
        if (r !== NO_VALUE) out.push(r);
      });
      return out;
    }
    if (!isPlainObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      return this.intrinsic(keys[0], value[keys[0]], `${path}.${keys[0]}`);
    }
    // `{ "Condition": "Name" }` alone is a condition reference (in Conditions,
    // Fn::And/Or/Not); a resource's Condition attribute sits beside Type.
    if (keys.length === 1 && keys[0] === 'Condition' && typeof value.Condition === 'string') {
      return this.condition(value.Condition, `${path}.Condition`);
    }
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = this.resolve(v, `${path}.${k}`);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private str(value: any, path: string): string {
    const r = this.resolve(value, path);
    if (typeof r === 'number' || typeof r === 'boolean') return String(r);
    if (typeof r !== 'string') {
      throw new Error(`resolveTemplate: ${path}: expected a string, got ${JSON.stringify(r)}`);
    }
    return r;
  }

  private list(value: any, path: string): any[] {
    const r = this.resolve(value, path);
    if (!Array.isArray(r)) {
      throw new Error(`resolveTemplate: ${path}: expected a list, got ${JSON.stringify(r)}`);
    }
    return r;
  }

  private intrinsic(name: string, arg: any, path: string): any {
    switch (name) {
      case 'Ref':
        return this.ref(arg, path);
      case 'Fn::GetAtt': {
        let id: string;
        let attr: string;
        if (typeof arg === 'string') {
          const dot = arg.indexOf('.');
          if (dot < 0) throw new Error(`resolveTemplate: ${path}: Fn::GetAtt "${arg}" has no attribute`);
          id = arg.slice(0, dot);
          attr = arg.slice(dot + 1);
        } else if (Array.isArray(arg) && arg.length === 2) {
          id = this.str(arg[0], `${path}[0]`);
          attr = this.str(arg[1], `${path}[1]`);
        } else {
          throw new Error(`resolveTemplate: ${path}: malformed Fn::GetAtt ${JSON.stringify(arg)}`);
        }
        return this.getAtt(id, attr, path);
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Error(`resolveTemplate: ${path}: malformed Fn::Join ${JSON.stringify(arg)}`);
        const delimiter = this.str(arg[0], `${path}[0]`);
        return this.list(arg[1], `${path}[1]`).map((v, i) => {
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
          throw new Error(`resolveTemplate: ${path}[1][${i}]: Fn::Join element is not a string: ${JSON.stringify(v)}`);
        }).join(delimiter);
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Error(`resolveTemplate: ${path}: malformed Fn::Select ${JSON.stringify(arg)}`);
        const index = Number(this.str(arg[0], `${path}[0]`));
        const items = this.list(arg[1], `${path}[1]`);
        if (!Number.isInteger(index) || index < 0 || index >= items.length) {
          throw new Error(`resolveTemplate: ${path}: Fn::Select index ${index} is out of range for ${JSON.stringify(items)}`);
        }
        return items[index];
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Error(`resolveTemplate: ${path}: malformed Fn::Split ${JSON.stringify(arg)}`);
        return this.str(arg[1], `${path}[1]`).split(this.str(arg[0], `${path}[0]`));
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, path);
      case 'Fn::Sub':
        return this.sub(arg, path);
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
          throw new Error(`resolveTemplate: ${path}: malformed Fn::If ${JSON.stringify(arg)}`);
        }
        return this.condition(arg[0], `${path}[0]`) ? this.resolve(arg[1], `${path}[1]`) : this.resolve(arg[2], `${path}[2]`);
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Error(`resolveTemplate: ${path}: malformed Fn::Equals ${JSON.stringify(arg)}`);
        const a = this.resolve(arg[0], `${path}[0]`);
        const b = this.resolve(arg[1], `${path}[1]`);
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg)) throw new Error(`resolveTemplate: ${path}: malformed ${name} ${JSON.stringify(arg)}`);
        const values = arg.map((v, i) => this.bool(v, `${path}[${i}]`));
        return name === 'Fn::And' ? values.every((v) => v) : values.some((v) => v);
      }
      case 'Fn::Not': {
        if (!Array.isArray(arg) || arg.length !== 1) throw new Error(`resolveTemplate: ${path}: malformed Fn::Not ${JSON.stringify(arg)}`);
        return !this.bool(arg[0], `${path}[0]`);
      }
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((z) => `${this.env.region}${z}`);
      case 'Fn::Base64':
        return Buffer.from(this.str(arg, path), 'utf8').toString('base64');
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(arg, path));
      case 'Fn::Length':
        return this.list(arg, path).length;
      case 'Fn::ImportValue': {
        const exportName = this.str(arg, path);
        const v = this.env.imports[exportName];
        if (v === undefined) {
          throw new Error(`resolveTemplate: ${path}: Fn::ImportValue "${exportName}" has no value; pass it in env.imports`);
        }
        return v;
      }
      default:
        throw new Error(`resolveTemplate: ${path}: unsupported intrinsic ${name} ${JSON.stringify(arg)}`);
    }
  }

  private bool(value: any, path: string): boolean {
    const r = this.resolve(value, path);
    if (typeof r !== 'boolean') throw new Error(`resolveTemplate: ${path}: expected a condition, got ${JSON.stringify(r)}`);
    return r;
  }

  private condition(name: string, path: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const conditions = this.template.Conditions ?? {};
    if (!(name in conditions)) throw new Error(`resolveTemplate: ${path}: condition "${name}" is not defined in Conditions`);
    if (this.inProgress.has(`Condition:${name}`)) throw new Error(`resolveTemplate: ${path}: condition "${name}" refers to itself`);
    this.inProgress.add(`Condition:${name}`);
    try {
      const v = this.bool(conditions[name], `Conditions.${name}`);
      this.conditionCache.set(name, v);
      return v;
    } finally {
      this.inProgress.delete(`Condition:${name}`);
    }
  }

  private pseudo(name: string): any {
    switch (name) {
      case 'AWS::Partition': return this.env.partition;
      case 'AWS::Region': return this.env.region;
      case 'AWS::AccountId': return this.env.account;
      case 'AWS::URLSuffix': return this.env.urlSuffix;
      case 'AWS::StackName': return this.env.stackName;
      case 'AWS::StackId':
        return `arn:${this.env.partition}:cloudformation:${this.env.region}:${this.env.account}:stack/${this.env.stackName}/${fakeUuid(this.env.stackName)}`;
      case 'AWS::NotificationARNs': return [];
      case 'AWS::NoValue': return NO_VALUE;
      default: return undefined;
    }
  }

  private ref(name: any, path: string): any {
    if (typeof name !== 'string') throw new Error(`resolveTemplate: ${path}: Ref target must be a string, got ${JSON.stringify(name)}`);
    const p = this.pseudo(name);
    if (p !== undefined) return p;
    if (name.startsWith('AWS::')) throw new Error(`resolveTemplate: ${path}: unsupported pseudo parameter ${name}`);
    const params = this.template.Parameters ?? {};
    if (name in params) {
      if (name in this.env.parameters) return this.env.parameters[name];
      const def = params[name]?.Default;
      if (def === undefined) {
        throw new Error(`resolveTemplate: ${path}: parameter "${name}" has no Default; pass a value in env.parameters`);
      }
      const type = String(params[name]?.Type ?? '');
      if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
        return Array.isArray(def) ? def.map(String) : String(def).split(',').map((s) => s.trim());
      }
      return typeof def === 'string' ? def : String(def);
    }
    if (name in this.resources) return this.valuesOf(name, path).ref;
    throw new Error(`resolveTemplate: ${path}: Ref to "${name}", which is neither a pseudo parameter, a parameter nor a resource`);
  }

  private getAtt(id: string, attr: string, path: string): string {
    if (!(id in this.resources)) throw new Error(`resolveTemplate: ${path}: Fn::GetAtt of "${id}", which is not a resource in the template`);
    const values = this.valuesOf(id, path);
    if (attr in values.attributes) return values.attributes[attr];
    const type: string = this.resources[id].Type;
    if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
      // A custom resource returns whatever its provider says: a readable placeholder.
      return `${id}.${attr}`;
    }
    if (attr === 'Arn') return values.attributes.Arn ?? this.genericArn(id, type);
    // Generic form for attributes the resolver does not model.
    return `${id}.${attr}`;
  }

  private findInMap(arg: any, path: string): any {
    if (!Array.isArray(arg) || arg.length < 3) throw new Error(`resolveTemplate: ${path}: malformed Fn::FindInMap ${JSON.stringify(arg)}`);
    const mapName = this.str(arg[0], `${path}[0]`);
    const top = this.str(arg[1], `${path}[1]`);
    const second = this.str(arg[2], `${path}[2]`);
    const found = this.template.Mappings?.[mapName]?.[top]?.[second];
    if (found !== undefined) return JSON.parse(JSON.stringify(found));
    if (isPlainObject(arg[3]) && 'DefaultValue' in arg[3]) return this.resolve(arg[3].DefaultValue, `${path}[3].DefaultValue`);
    throw new Error(`resolveTemplate: ${path}: Mappings.${mapName}.${top}.${second} does not exist`);
  }

  private sub(arg: any, path: string): string {
    let text: string;
    let vars: Record<string, any> = {};
    if (typeof arg === 'string') {
      text = arg;
    } else if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && isPlainObject(arg[1])) {
      text = arg[0];
      vars = arg[1];
    } else {
      throw new Error(`resolveTemplate: ${path}: malformed Fn::Sub ${JSON.stringify(arg)}`);
    }
    return text.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => {
      if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
      if (inner in vars) return this.str(vars[inner], `${path}[1].${inner}`);
      const dot = inner.indexOf('.');
      if (!inner.startsWith('AWS::') && dot > 0) {
        return this.getAtt(inner.slice(0, dot), inner.slice(dot + 1), `${path}.\${${inner}}`);
      }
      const r = this.ref(inner, `${path}.\${${inner}}`);
      if (typeof r !== 'string') throw new Error(`resolveTemplate: ${path}: \${${inner}} is not a string: ${JSON.stringify(r)}`);
      return r;
    });
  }

  private genericArn(id: string, type: string): string {
    const [, service = 'unknown', kind = 'resource'] = type.split('::');
    return `arn:${this.env.partition}:${service.toLowerCase()}:${this.env.region}:${this.env.account}:${kind.toLowerCase()}/${id}`;
  }

  /** A resource property resolved to a string, or undefined when absent. */
  private prop(id: string, name: string): string | undefined {
    const props = this.resources[id].Properties ?? {};
    if (props[name] === undefined) return undefined;
    const r = this.resolve(props[name], `Resources.${id}.Properties.${name}`);
    if (r === NO_VALUE) return undefined;
    if (typeof r !== 'string') return String(r);
    return r;
  }

  /** The fake Ref and GetAtt values of a resource (see FakeResourceValues). */
  public valuesOf(id: string, path: string): FakeResourceValues {
    const cached = this.valuesCache.get(id);
    if (cached) return cached;
    const resource = this.resources[id];
    if (!isPlainObject(resource)) throw new Error(`resolveTemplate: ${path}: "${id}" is not a resource in the template`);
    if (this.inProgress.has(id)) throw new Error(`resolveTemplate: ${path}: the name of "${id}" depends on itself`);
    this.inProgress.add(id);
    try {
      const v = this.computeValues(id, String(resource.Type));
      this.valuesCache.set(id, v);
      return v;
    } finally {
      this.inProgress.delete(id);
    }
  }

  private computeValues(id: string, type: string): FakeResourceValues {
    const { partition: p, region: r, account: a, urlSuffix } = this.env;
    const iamPath = (name: string): string => {
      const path = this.prop(id, 'Path') ?? '/';
      return `${path}${name}`;
    };
    switch (type) {
      case 'AWS::IAM::Role': {
        const name = this.prop(id, 'RoleName') ?? id;
        return { ref: name, attributes: { Arn: `arn:${p}:iam::${a}:role${iamPath(name)}`, RoleId: `AROA${hash8(id).toUpperCase()}EXAMPLE` } };
      }
      case 'AWS::IAM::User': {
        const name = this.prop(id, 'UserName') ?? id;
        return { ref: name, attributes: { Arn: `arn:${p}:iam::${a}:user${iamPath(name)}` } };
      }
      case 'AWS::IAM::Group': {
        const name = this.prop(id, 'GroupName') ?? id;
        return { ref: name, attributes: { Arn: `arn:${p}:iam::${a}:group${iamPath(name)}` } };
      }
      case 'AWS::IAM::ManagedPolicy': {
        const name = this.prop(id, 'ManagedPolicyName') ?? id;
        const arn = `arn:${p}:iam::${a}:policy${iamPath(name)}`;
        return { ref: arn, attributes: { PolicyArn: arn, PolicyName: name } };
      }
      case 'AWS::IAM::Policy':
        return { ref: this.prop(id, 'PolicyName') ?? id, attributes: {} };
      case 'AWS::IAM::InstanceProfile': {
        const name = this.prop(id, 'InstanceProfileName') ?? id;
        return { ref: name, attributes: { Arn: `arn:${p}:iam::${a}:instance-profile${iamPath(name)}` } };
      }
      case 'AWS::SQS::Queue': {
        let name = this.prop(id, 'QueueName') ?? id;
        const fifo = this.resources[id].Properties?.FifoQueue;
        if (this.prop(id, 'QueueName') === undefined && (fifo === true || fifo === 'true')) name += '.fifo';
        const url = `https://sqs.${r}.${urlSuffix}/${a}/${name}`;
        return { ref: url, attributes: { Arn: `arn:${p}:sqs:${r}:${a}:${name}`, QueueName: name, QueueUrl: url } };
      }
      case 'AWS::SNS::Topic': {
        const name = this.prop(id, 'TopicName') ?? id;
        const arn = `arn:${p}:sns:${r}:${a}:${name}`;
        return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
      }
      case 'AWS::Events::EventBus': {
        const name = this.prop(id, 'Name') ?? id;
        return { ref: name, attributes: { Arn: `arn:${p}:events:${r}:${a}:event-bus/${name}`, Name: name } };
      }
      case 'AWS::Events::Rule': {
        const name = this.prop(id, 'Name') ?? id;
        const busProp = this.prop(id, 'EventBusName');
        // EventBusName may be a name or an ARN.
        const bus = busProp?.startsWith('arn:') ? busProp.split('/').pop()! : busProp;
        const custom = bus !== undefined && bus !== 'default';
        return {
          ref: custom ? `${bus}|${name}` : name,
          attributes: { Arn: `arn:${p}:events:${r}:${a}:rule/${custom ? `${bus}/` : ''}${name}` },
        };
      }
      case 'AWS::KMS::Key': {
        const keyId = fakeUuid(`${a}/${r}/${id}`);
        return { ref: keyId, attributes: { Arn: `arn:${p}:kms:${r}:${a}:key/${keyId}`, KeyId: keyId } };
      }
      case 'AWS::KMS::Alias': {
        const name = this.prop(id, 'AliasName') ?? `alias/${id}`;
        return { ref: name, attributes: {} };
      }
      case 'AWS::S3::Bucket': {
        const name = this.prop(id, 'BucketName') ?? id.toLowerCase();
        return {
          ref: name,
          attributes: {
            Arn: `arn:${p}:s3:::${name}`,
            DomainName: `${name}.s3.${urlSuffix}`,
            RegionalDomainName: `${name}.s3.${r}.${urlSuffix}`,
            DualStackDomainName: `${name}.s3.dualstack.${r}.${urlSuffix}`,
            WebsiteURL: `http://${name}.s3-website-${r}.${urlSuffix}`,
          },
        };
      }
      case 'AWS::Lambda::Function': {
        const name = this.prop(id, 'FunctionName') ?? id;
        return { ref: name, attributes: { Arn: `arn:${p}:lambda:${r}:${a}:function:${name}` } };
      }
      case 'AWS::Logs::LogGroup': {
        const name = this.prop(id, 'LogGroupName') ?? id;
        return { ref: name, attributes: { Arn: `arn:${p}:logs:${r}:${a}:log-group:${name}:*` } };
      }
      case 'AWS::CloudTrail::Trail': {
        const name = this.prop(id, 'TrailName') ?? id;
        return { ref: name, attributes: { Arn: `arn:${p}:cloudtrail:${r}:${a}:trail/${name}`, SnsTopicArn: `${id}.SnsTopicArn` } };
      }
      case 'AWS::SSM::Parameter': {
        const name = this.prop(id, 'Name') ?? id;
        return { ref: name, attributes: { Type: this.prop(id, 'Type') ?? 'String', Value: this.prop(id, 'Value') ?? '' } };
      }
      case 'AWS::Organizations::Policy': {
        const policyId = `p-${hash8(id)}`;
        const kind = (this.prop(id, 'Type') ?? 'SERVICE_CONTROL_POLICY').toLowerCase();
        return { ref: policyId, attributes: { Id: policyId, Arn: `arn:${p}:organizations::${a}:policy/o-exampleorg1/${kind}/${policyId}` } };
      }
      case 'AWS::CloudFormation::StackSet': {
        const name = this.prop(id, 'StackSetName') ?? id;
        const ssId = `${name}:${fakeUuid(id)}`;
        return { ref: ssId, attributes: { StackSetId: ssId } };
      }
      default: {
        // Generic form: Ref is the logical id, Arn is
        // arn:<partition>:<service>:<region>:<account>:<type>/<logical id>
        // (service and type from `AWS::<Service>::<Type>`, lower-cased), any
        // other attribute is `<logical id>.<attribute>`.
        const attributes: Record<string, string> = {};
        if (!type.startsWith('Custom::') && type !== 'AWS::CloudFormation::CustomResource') {
          attributes.Arn = this.genericArn(id, type);
        }
        return { ref: id, attributes };
      }
    }
  }
}
