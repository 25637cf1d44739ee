import { Annotations, Lazy, Names, Token } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { mergeStatements, packFirstFitDecreasing } from './packing';
import { GuardrailStatement, documentToJson, statementToJson } from './statement';
import { AwsLimits } from '../../core/limits';
import { formatCount, measurePolicy } from '../../core/private/policy-size';
import { duplicateProblems, validateOrgTarget } from '../../core/private/validators';

/**
 * The machinery `OrgGuardrailScp` and `OrgResourceControlPolicy` share: target
 * and slot validation, merging and packing statements into documents, the
 * size and slot checks with their figures, and the `AWS::Organizations::Policy`
 * resources, one per document.
 *
 * The number of documents depends on every statement, so the set is
 * re-planned each time statements change: `Policy1`..`PolicyN` children are
 * added or removed to match, and each one's content is a `Lazy` that renders
 * its document at resolve time. The first resolve freezes the set.
 */

/** The fixed inputs of a policy set. */
export interface OrgPolicySetConfig {
  /** `scp` or `rcp`: how sizes are counted and named. */
  readonly kind: 'scp' | 'rcp';
  /** The Organizations policy type. */
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  /** Characters per document. */
  readonly documentCharacters: number;
  /** Policies of this type per target. */
  readonly perTarget: number;
  /** Characters in a policy name. */
  readonly nameCharacters: number;
  /** Characters in a policy description. */
  readonly descriptionCharacters: number;
  /** The root, OU and account IDs to attach every policy to. */
  readonly targetIds: string[];
  /** Slots already taken on every target. */
  readonly slotsAlreadyTaken: number;
  /** Slots already taken, per target ID (overrides `slotsAlreadyTaken`). */
  readonly slotsAlreadyTakenByTarget: Record<string, number>;
  /** The policy name (the first policy's; later ones get `-2`, `-3`, ...). */
  readonly policyName?: string;
  /** The policy description. */
  readonly description?: string;
}

/** The props `OrgGuardrailScp` and `OrgResourceControlPolicy` share. */
export interface OrgPolicySetProps {
  readonly targetIds: string[];
  readonly slotsAlreadyTaken?: number;
  readonly slotsAlreadyTakenByTarget?: { [targetId: string]: number };
  readonly limits?: AwsLimits;
  readonly policyName?: string;
  readonly description?: string;
}

/** The configuration of a policy set of `kind`, from the construct's props and the quotas in `limits`. */
export function orgPolicySetConfig(kind: 'scp' | 'rcp', props: OrgPolicySetProps): OrgPolicySetConfig {
  const limits = props.limits ?? AwsLimits.DEFAULT;
  return {
    kind,
    type: kind === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY',
    documentCharacters: kind === 'scp' ? limits.scpDocumentCharacters : limits.rcpDocumentCharacters,
    perTarget: kind === 'scp' ? limits.scpsPerTarget : limits.rcpsPerTarget,
    nameCharacters: limits.orgPolicyNameCharacters,
    descriptionCharacters: limits.orgPolicyDescriptionCharacters,
    targetIds: props.targetIds,
    slotsAlreadyTaken: props.slotsAlreadyTaken ?? 1,
    slotsAlreadyTakenByTarget: props.slotsAlreadyTakenByTarget ?? {},
    policyName: props.policyName,
    description: props.description,
  };
}

/** What the packing produced. */
export interface OrgPolicyPlan {
  /** The statements of each document, in order. */
  readonly documents: GuardrailStatement[][];
  /** Each document's measured size in characters. */
  readonly sizes: number[];
  /** Size problems (statements too large on their own, documents over the limit). */
  readonly problems: string[];
}

const KIND_NAME = { scp: 'SCP', rcp: 'RCP' } as const;
const TYPE_NAME = { scp: 'service control policies', rcp: 'resource control policies' } as const;
const TYPE_ONE = { scp: 'service control policy', rcp: 'resource control policy' } as const;
const SLOT_FIX = {
  scp: 'remove guardrails, attach some of them to a parent OU instead (inherited policies take no slot), or correct slotsAlreadyTaken',
  rcp: 'detach another resource control policy from the target, attach this one to a parent OU instead (inherited policies take no slot), or correct slotsAlreadyTaken',
} as const;

/** Problems with the fixed configuration, for the constructor to throw. */
export function configProblems(config: OrgPolicySetConfig, propPrefix = ''): string[] {
  const problems: string[] = [];
  if (config.targetIds === undefined) {
    problems.push(`${propPrefix}targetIds is required: list the root, OU or account IDs to attach to (an empty list defines the policies without attaching them)`);
  } else if (!Token.isUnresolved(config.targetIds)) {
    config.targetIds.forEach((id, i) => {
      const p = validateOrgTarget(`${propPrefix}targetIds[${i}]`, id);
      if (p) problems.push(p);
    });
    problems.push(...duplicateProblems(`${propPrefix}targetIds`, config.targetIds));
  }
  const slot = (prop: string, value: number) => {
    if (!Number.isInteger(value) || value < 0) {
      problems.push(`${prop} must be a whole number of 0 or more, got ${JSON.stringify(value)}: count the ${TYPE_NAME[config.kind]} already attached directly to the target`);
    }
  };
  slot(`${propPrefix}slotsAlreadyTaken`, config.slotsAlreadyTaken);
  for (const [target, taken] of Object.entries(config.slotsAlreadyTakenByTarget)) {
    slot(`${propPrefix}slotsAlreadyTakenByTarget[${JSON.stringify(target)}]`, taken);
    if (config.targetIds && !Token.isUnresolved(config.targetIds) && !config.targetIds.includes(target)) {
      problems.push(`${propPrefix}slotsAlreadyTakenByTarget names ${JSON.stringify(target)}, which is not in targetIds: remove it or add the target`);
    }
  }
  if (config.policyName !== undefined && !Token.isUnresolved(config.policyName)) {
    // room for the "-<n>" suffix of later policies
    const max = config.nameCharacters - 3;
    if (config.policyName.length === 0 || config.policyName.length > max) {
      problems.push(`${propPrefix}policyName must have 1-${max} characters (the Organizations limit is ${config.nameCharacters}, and later policies get a "-<n>" suffix), got ${config.policyName.length}`);
    }
  }
  if (config.description !== undefined && !Token.isUnresolved(config.description) && config.description.length > config.descriptionCharacters) {
    problems.push(`${propPrefix}description must have at most ${config.descriptionCharacters} characters, got ${config.description.length}: shorten it`);
  }
  return problems;
}

/**
 * Merges the statements and packs them first-fit decreasing into documents
 * of at most `documentCharacters`, measuring each statement as AWS counts it.
 */
export function planDocuments(scope: Construct, config: OrgPolicySetConfig, statements: ReadonlyArray<GuardrailStatement>): OrgPolicyPlan {
  const merged = mergeStatements(statements);
  const overhead = measurePolicy(scope, config.kind, documentToJson([])).characters;
  const sizes = merged.map((s) => measurePolicy(scope, config.kind, statementToJson(s)).characters);
  const packing = packFirstFitDecreasing(sizes, config.documentCharacters, overhead);
  const problems: string[] = [];
  for (const i of packing.oversized) {
    problems.push(`statement ${JSON.stringify(merged[i].sid)} alone needs ${formatCount(overhead + sizes[i])} characters as a document, `
      + `the ${KIND_NAME[config.kind]} limit is ${formatCount(config.documentCharacters)}: split it into smaller guardrails (fewer actions, names or exceptions each)`);
  }
  const documents = packing.documents.map((idx) => idx.map((i) => merged[i]));
  // The exact figure of each document as rendered (tokens at their worst case).
  const docSizes = documents.map((doc) => measurePolicy(scope, config.kind, documentToJson(doc)).characters);
  docSizes.forEach((size, d) => {
    if (size > config.documentCharacters && !documents[d].some((s) => packing.oversized.some((i) => merged[i] === s))) {
      problems.push(`policy ${d + 1} needs ${formatCount(size)} characters, the ${KIND_NAME[config.kind]} limit is ${formatCount(config.documentCharacters)}: `
        + 'its statements hold CloudFormation references counted at their longest value; use literal values');
    }
  });
  documents.forEach((doc, d) => {
    const sids = doc.map((s) => s.sid);
    const repeated = sids.filter((sid, i) => sids.indexOf(sid) !== i);
    if (repeated.length > 0) {
      problems.push(`policy ${d + 1} has the statement id ${JSON.stringify(repeated[0])} more than once (after merging): give the guardrails distinct sids`);
    }
  });
  return { documents, sizes: docSizes, problems };
}

/** Slot problems: the documents needed against the free slots of each target. */
export function slotProblems(config: OrgPolicySetConfig, plan: OrgPolicyPlan): string[] {
  if (!config.targetIds || Token.isUnresolved(config.targetIds)) return [];
  const needed = plan.documents.length;
  const problems: string[] = [];
  for (const target of config.targetIds) {
    const taken = config.slotsAlreadyTakenByTarget[target] ?? config.slotsAlreadyTaken;
    const free = Math.max(0, config.perTarget - taken);
    if (needed > free) {
      const sizes = plan.sizes.map(formatCount);
      problems.push(`the statements need ${needed} ${needed === 1 ? TYPE_ONE[config.kind] : TYPE_NAME[config.kind]} `
        + `(${sizes.join(', ')} characters; limit ${formatCount(config.documentCharacters)} each), `
        + `but target ${JSON.stringify(target)} has ${free} free slot${free === 1 ? '' : 's'} (limit ${config.perTarget} per target, ${taken} already taken): `
        + SLOT_FIX[config.kind]);
    }
  }
  return problems;
}

/**
 * Warns when a target is an organization root: the policy then applies to
 * every account at once. Explicit and allowed, but R-313 (and AWS) advise
 * testing on a dedicated OU first.
 */
export function warnOnRootTargets(scope: Construct, config: OrgPolicySetConfig): void {
  if (!config.targetIds || Token.isUnresolved(config.targetIds)) return;
  const roots = config.targetIds.filter((t) => !Token.isUnresolved(t) && t.startsWith('r-'));
  if (roots.length === 0) return;
  Annotations.of(scope).addWarningV2(`cdk-audit-baseline:${config.kind}AttachedToRoot`,
    `the ${TYPE_NAME[config.kind]} are attached to the root ${roots.join(', ')}, so they apply to every account of the organization at once: `
    + 'attach them to a dedicated test OU first and widen the targets once they are proven (R-313)');
}

/**
 * The `AWS::Organizations::Policy` resources of a policy set.
 */
export class OrgPolicySet {
  private plan: OrgPolicyPlan;
  private readonly policies: organizations.CfnPolicy[] = [];
  private frozen = false;
  private readonly baseName: string;

  constructor(
    private readonly scope: Construct,
    private readonly config: OrgPolicySetConfig,
    private readonly statements: () => GuardrailStatement[],
  ) {
    this.baseName = config.policyName ?? Names.uniqueResourceName(scope, { maxLength: config.nameCharacters - 3, separator: '-' });
    this.plan = { documents: [], sizes: [], problems: [] };
    this.replan();
  }

  /** True once a policy was rendered; statements can no longer change. */
  public get isFrozen(): boolean {
    return this.frozen;
  }

  /** The number of policies the statements currently need. */
  public get policyCount(): number {
    return this.plan.documents.length;
  }

  /** The current plan. */
  public get currentPlan(): OrgPolicyPlan {
    return this.plan;
  }

  /** Re-packs the statements and adds or removes policy resources to match. */
  public replan(): void {
    this.plan = planDocuments(this.scope, this.config, this.statements());
    const wanted = this.plan.documents.length;
    while (this.policies.length > wanted) {
      const p = this.policies.pop()!;
      this.scope.node.tryRemoveChild(p.node.id);
    }
    while (this.policies.length < wanted) {
      this.policies.push(this.definePolicy(this.policies.length));
    }
  }

  private definePolicy(index: number): organizations.CfnPolicy {
    const suffix = index === 0 ? '' : `-${index + 1}`;
    return new organizations.CfnPolicy(this.scope, `Policy${index + 1}`, {
      name: `${this.baseName}${suffix}`,
      type: this.config.type,
      // A JSON object, not a string: CloudFormation can then detect drift
      // (a console edit of a guardrail), which it cannot for string
      // content. Sizes are counted on the compact rendering, which is what
      // the Organizations handler sends (to verify on a live deployment).
      content: Lazy.any({
        produce: () => {
          this.frozen = true;
          return documentToJson(this.plan.documents[index] ?? []);
        },
      }),
      description: Lazy.string({
        produce: () => {
          this.frozen = true;
          return this.config.description ?? this.defaultDescription(index);
        },
      }),
      targetIds: this.config.targetIds,
    });
  }

  private defaultDescription(index: number): string {
    const sids = (this.plan.documents[index] ?? []).map((s) => s.sid).join(', ');
    const text = `cdk-audit-baseline ${this.scope.node.path} (${index + 1}/${this.plan.documents.length}): ${sids}`;
    const max = this.config.descriptionCharacters;
    return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
  }
}
