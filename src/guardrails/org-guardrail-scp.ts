import { Construct } from 'constructs';
import { Guardrail } from './guardrail';
import { AwsLimits } from '../core/limits';
import { OrgPolicySet, OrgPolicySetConfig, configProblems, orgPolicySetConfig, slotProblems, warnOnRootTargets } from './private/org-policy-set';
import { exemptionProblems } from './private/set-exemptions';
import { AuditBaselineError, throwIfProblems } from '../core/private/errors';
import { checkPropShapes, PropsSpec, required } from '../core/private/validators';

/**
 * Properties of an `OrgGuardrailScp`.
 */
export interface OrgGuardrailScpProps {
  /**
   * The roots, OUs and accounts to attach the policies to.
   *
   * Root IDs (`r-ab12`), OU IDs (`ou-ab12-11111111`) and account IDs.
   * Nothing is attached implicitly: test on a dedicated OU first,
   * then widen. An empty list defines the policies without attaching them.
   */
  readonly targetIds: string[];

  /**
   * The guardrails, in order.
   *
   * More can be added with `addGuardrail()` until synthesis.
   *
   * @default - none; add them with `addGuardrail()`
   */
  readonly guardrails?: Guardrail[];

  /**
   * Service control policies already attached directly to each target.
   *
   * Counts against the per-target limit. `FullAWSAccess` takes one slot;
   * AWS Control Tower attaches up to 3 more to the OUs it governs.
   *
   * @default 1
   */
  readonly slotsAlreadyTaken?: number;

  /**
   * Slots already taken on particular targets, by target ID.
   *
   * Overrides `slotsAlreadyTaken` for the targets it names.
   *
   * @default - `slotsAlreadyTaken` on every target
   */
  readonly slotsAlreadyTakenByTarget?: { [targetId: string]: number };

  /**
   * The quotas to check sizes and counts against.
   *
   * @default AwsLimits.DEFAULT
   */
  readonly limits?: AwsLimits;

  /**
   * The name of the first policy; later ones get `-2`, `-3`, ...
   *
   * @default - a name generated from the construct path
   */
  readonly policyName?: string;

  /**
   * The description of every policy.
   *
   * @default - the construct path and the statement ids of each policy
   */
  readonly description?: string;
}

/** The JavaScript shape of each prop, checked before any other check reads one. */
const PROP_SHAPES: PropsSpec = { targetIds: required('string[]'), guardrails: 'object[]', slotsAlreadyTaken: 'number', slotsAlreadyTakenByTarget: 'object', limits: 'object', policyName: 'string', description: 'string' };

/**
 * Service control policies built from typed guardrails, attached to the
 * given roots, OUs or accounts.
 *
 * The guardrails' statements are merged where they differ only in their
 * actions, packed into as few `AWS::Organizations::Policy` resources
 * (`Policy1`, `Policy2`, ...) as the size limit allows (an exact search,
 * deterministic, so the same guardrails always give the same policies), and
 * rendered as compact JSON. The packing runs once, when the policies are
 * created before synthesis, so adding guardrails one by one stays cheap.
 * Synthesis fails, with the figures, when a statement is too large for any
 * policy or when a target has too few free slots; and when an exemption with
 * `*` as the account names a role that no `Guardrail.protectAuditSetup()` of
 * the set protects, since any member-account administrator could create that
 * role.
 *
 * Prerequisites: an organization with all features enabled, the
 * SERVICE_CONTROL_POLICY policy type enabled on the root, and a stack
 * deployed in the management account (or in a delegated administrator for
 * Organizations policies). SCPs do not apply to the management account, and
 * they stay with the organization, not with an account that moves:
 * redeploy this construct in the new organization.
 *
 * @example
 * new audit.OrgGuardrailScp(this, 'Guardrails', {
 *   targetIds: ['ou-ab12-11111111'],
 *   guardrails: [
 *     audit.Guardrail.denyLeaveOrganization(),
 *     audit.Guardrail.denyResourcesOutsideOrganization({ actions: ['s3:*'] }),
 *     // required beside the onboarding-machinery exemptions of the others
 *     audit.Guardrail.protectAuditSetup({ roleNames: ['VendorAuditRole'] }),
 *   ],
 * });
 */
export class OrgGuardrailScp extends Construct {
  /**
   * The root, OU and account IDs the policies are attached to.
   */
  public readonly targetIds: string[];

  private readonly guardrails: Guardrail[] = [];
  private readonly sids = new Set<string>();
  private readonly set: OrgPolicySet;
  private readonly config: OrgPolicySetConfig;

  constructor(scope: Construct, id: string, props: OrgGuardrailScpProps) {
    super(scope, id);
    throwIfProblems(this, checkPropShapes(props, PROP_SHAPES));
    this.config = orgPolicySetConfig('scp', props);
    const problems = configProblems(this.config);
    const given = props.guardrails ?? [];
    given.forEach((g, i) => problems.push(...g._problems().map((p) => `guardrails[${i}] ${p}`)));
    problems.push(...duplicateSids(given));
    throwIfProblems(this, problems);

    this.targetIds = props.targetIds;
    this.guardrails.push(...given);
    given.forEach((g) => this.sids.add(g.sid));
    this.set = new OrgPolicySet(this, this.config, () => this.guardrails.flatMap((g) => g._statements()));
    warnOnRootTargets(this, this.config);
    this.node.addValidation({ validate: () => this.validateForServiceControlPolicy() });
  }

  /**
   * The number of policies the guardrails need at the current size limit.
   */
  public get policyCount(): number {
    return this.set.policyCount;
  }

  /**
   * Adds a guardrail.
   *
   * Throws when its options are invalid, when its `sid` is already used,
   * or when the policies were already rendered.
   *
   * @param guardrail the guardrail to add
   */
  public addGuardrail(guardrail: Guardrail): void {
    if (this.set.isFrozen) {
      throw new AuditBaselineError(this, `cannot add guardrail ${JSON.stringify(guardrail.sid)}: the policies were already rendered; add every guardrail before synthesis`);
    }
    const problems = guardrail._problems();
    if (this.sids.has(guardrail.sid)) {
      problems.push(`a guardrail with sid ${JSON.stringify(guardrail.sid)} is already added: give this one another sid`);
    }
    throwIfProblems(this, problems);
    this.guardrails.push(guardrail);
    this.sids.add(guardrail.sid);
    this.set.statementsChanged();
  }

  /**
   * Checks the policies against the SCP quotas.
   *
   * Returns one sentence per problem, with the figures: a guardrail too
   * large for a policy on its own, a target without enough free slots, no
   * guardrail at all. Synthesis runs this check and fails on any problem.
   */
  public validateForServiceControlPolicy(): string[] {
    if (this.guardrails.length === 0) {
      return ['no guardrails: add at least one with the guardrails prop or addGuardrail()'];
    }
    const plan = this.set.currentPlan;
    return [...plan.problems, ...slotProblems(this.config, plan), ...exemptionProblems(this, this.guardrails)];
  }
}

function duplicateSids(guardrails: Guardrail[]): string[] {
  const sids = guardrails.map((g) => g.sid);
  const repeated = [...new Set(sids.filter((s, i) => sids.indexOf(s) !== i))];
  return repeated.map((s) => `guardrails has more than one guardrail with sid ${JSON.stringify(s)}: give each a distinct sid`);
}
