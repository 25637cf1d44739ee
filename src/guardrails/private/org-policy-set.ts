import { Annotations, AspectPriority, Aspects, IAspect, Lazy, Names } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { Fit, mergeStatements, packDocuments } from './packing';
import { GuardrailStatement, documentToJson, statementToJson } from './statement';
import { AwsLimits } from '../../core/limits';
import { formatCount, measurePolicy } from '../../core/private/policy-size';
import { checkStackTemplateSize } from '../../core/private/template-size';
import { isUnresolved } from '../../core/private/tokens';
import { duplicateProblems, validateOrgTarget } from '../../core/private/validators';

/**
 * The machinery `OrgGuardrailScp` and `OrgResourceControlPolicy` share: target
 * and slot validation, merging and packing statements into documents, the
 * size and slot checks with their figures, and the `AWS::Organizations::Policy`
 * resources, one per document.
 *
 * The number of documents depends on every statement, so nothing is merged,
 * measured or packed while statements are added: the plan is computed once,
 * when it is first needed (`policyCount`, validation, or the aspect that
 * creates the `Policy1`..`PolicyN` children before synthesis), and cached
 * until the statements change. Creating the children freezes the set.
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
  /** The quotas (for the stack template size). */
  readonly limits: AwsLimits;
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
    limits,
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
  /** Whether the documents fit the fewest free slots of any target: proven, disproven, or not known. */
  readonly fit: Fit;
  /** The search steps the packing took. */
  readonly steps: number;
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
  } else if (!isUnresolved(config.targetIds)) {
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
    if (config.targetIds && !isUnresolved(config.targetIds) && !config.targetIds.includes(target)) {
      problems.push(`${propPrefix}slotsAlreadyTakenByTarget names ${JSON.stringify(target)}, which is not in targetIds: remove it or add the target`);
    }
  }
  if (config.policyName !== undefined && !isUnresolved(config.policyName)) {
    // room for the "-<n>" suffix of later policies
    const max = config.nameCharacters - 3;
    if (config.policyName.length === 0 || config.policyName.length > max) {
      problems.push(`${propPrefix}policyName must have 1-${max} characters (the Organizations limit is ${config.nameCharacters}, and later policies get a "-<n>" suffix), got ${config.policyName.length}`);
    }
  }
  if (config.description !== undefined && !isUnresolved(config.description) && config.description.length > config.descriptionCharacters) {
    problems.push(`${propPrefix}description must have at most ${config.descriptionCharacters} characters, got ${config.description.length}: shorten it`);
  }
  return problems;
}

/** The fewest free slots of any target, or undefined when there is no target to count. */
function fewestFreeSlots(config: OrgPolicySetConfig): number | undefined {
  if (!config.targetIds || isUnresolved(config.targetIds) || config.targetIds.length === 0) return undefined;
  return Math.min(...config.targetIds.map((target) => freeSlots(config, target).free));
}

function freeSlots(config: OrgPolicySetConfig, target: string): { taken: number; free: number } {
  const taken = config.slotsAlreadyTakenByTarget[target] ?? config.slotsAlreadyTaken;
  return { taken, free: Math.max(0, config.perTarget - taken) };
}

/**
 * Merges the statements and packs them into the fewest documents of at
 * most `documentCharacters` (an exact search, see `packDocuments`),
 * measuring each statement as AWS counts it. When the fewest found is more
 * than the free slots, a longer search looks for a packing into the free
 * slots before the plan says it does not fit.
 */
export function planDocuments(scope: Construct, config: OrgPolicySetConfig, statements: ReadonlyArray<GuardrailStatement>): OrgPolicyPlan {
  const merged = mergeStatements(statements);
  const overhead = measurePolicy(scope, config.kind, documentToJson([])).characters;
  const sizes = merged.map((s) => measurePolicy(scope, config.kind, statementToJson(s)).characters);
  const packing = packDocuments(sizes, config.documentCharacters, overhead, { maxDocuments: fewestFreeSlots(config) });
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
  return { documents, sizes: docSizes, problems, fit: packing.fit, steps: packing.steps };
}

/** Slot problems: the documents needed against the free slots of each target. */
export function slotProblems(config: OrgPolicySetConfig, plan: OrgPolicyPlan): string[] {
  if (!config.targetIds || isUnresolved(config.targetIds)) return [];
  const needed = plan.documents.length;
  const problems: string[] = [];
  for (const target of config.targetIds) {
    const { taken, free } = freeSlots(config, target);
    if (needed > free) {
      const sizes = plan.sizes.map(formatCount);
      // Without a proof, say what is known: the packing found, and that a
      // packing into the free slots may still exist.
      const verdict = plan.fit === 'unknown'
        ? `the best packing found needs ${needed} ${needed === 1 ? TYPE_ONE[config.kind] : TYPE_NAME[config.kind]} `
          + `(${sizes.join(', ')} characters; limit ${formatCount(config.documentCharacters)} each), and the search stopped after ${formatCount(plan.steps)} steps `
          + `without finding a packing into ${free} or proving that none exists`
        : `the statements need ${needed} ${needed === 1 ? TYPE_ONE[config.kind] : TYPE_NAME[config.kind]} `
          + `(${sizes.join(', ')} characters; limit ${formatCount(config.documentCharacters)} each)`;
      problems.push(`${verdict}, but target ${JSON.stringify(target)} has ${free} free slot${free === 1 ? '' : 's'} (limit ${config.perTarget} per target, ${taken} already taken): `
        + SLOT_FIX[config.kind]);
    }
  }
  return problems;
}

/**
 * Warns when a target is an organization root: the policy then applies to
 * every account at once. Explicit and allowed, but AWS advises
 * testing on a dedicated OU first.
 */
export function warnOnRootTargets(scope: Construct, config: OrgPolicySetConfig): void {
  if (!config.targetIds || isUnresolved(config.targetIds)) return;
  const roots = config.targetIds.filter((t) => !isUnresolved(t) && t.startsWith('r-'));
  if (roots.length === 0) return;
  Annotations.of(scope).addWarningV2(`cdk-audit-baseline:${config.kind}AttachedToRoot`,
    `the ${TYPE_NAME[config.kind]} are attached to the root ${roots.join(', ')}, so they apply to every account of the organization at once: `
    + 'attach them to a dedicated test OU first and widen the targets once they are proven');
}

/**
 * The `AWS::Organizations::Policy` resources of a policy set.
 */
export class OrgPolicySet {
  private plan?: OrgPolicyPlan;
  private readonly policies: organizations.CfnPolicy[] = [];
  private created = false;
  private readonly baseName: string;

  constructor(
    private readonly scope: Construct,
    private readonly config: OrgPolicySetConfig,
    private readonly statements: () => GuardrailStatement[],
  ) {
    this.baseName = config.policyName ?? Names.uniqueResourceName(scope, { maxLength: config.nameCharacters - 3, separator: '-' });
    const aspect: IAspect = { visit: (node) => { if (node === scope) this.createPolicies(); } };
    Aspects.of(scope).add(aspect, { priority: AspectPriority.MUTATING });
    checkStackTemplateSize(scope, config.limits);
  }

  /** True once the policy resources exist; statements can no longer change. */
  public get isFrozen(): boolean {
    return this.created;
  }

  /** The number of policies the statements currently need. */
  public get policyCount(): number {
    return this.currentPlan.documents.length;
  }

  /** The plan for the current statements, computed when first needed. */
  public get currentPlan(): OrgPolicyPlan {
    this.plan ??= planDocuments(this.scope, this.config, this.statements());
    return this.plan;
  }

  /** Drops the cached plan after the statements changed. Cheap: the next read re-plans. */
  public statementsChanged(): void {
    this.plan = undefined;
  }

  /**
   * Creates one policy resource per document, once, before synthesis
   * (an aspect calls it). Idempotent.
   */
  public createPolicies(): void {
    if (this.created) return;
    this.created = true;
    const wanted = this.currentPlan.documents.length;
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
      content: Lazy.any({ produce: () => documentToJson(this.currentPlan.documents[index] ?? []) }),
      description: Lazy.string({ produce: () => this.config.description ?? this.defaultDescription(index) }),
      targetIds: this.config.targetIds,
    });
  }

  private defaultDescription(index: number): string {
    const plan = this.currentPlan;
    const sids = (plan.documents[index] ?? []).map((s) => s.sid).join(', ');
    const text = `cdk-audit-baseline ${this.scope.node.path} (${index + 1}/${plan.documents.length}): ${sids}`;
    const max = this.config.descriptionCharacters;
    return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
  }
}
