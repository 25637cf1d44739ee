import { isUnresolved } from '../core/private/tokens';
import { findDuplicates, MAX_OU_DEPTH, quote, validate } from '../core/private/validators';

/**
 * The IDs an organization path is built from, for `OrgPath.fromIds()`.
 */
export interface OrgPathIds {
  /**
   * The organization ID, e.g. `o-a1b2c3d4e5`.
   */
  readonly organizationId: string;

  /**
   * The root ID, e.g. `r-ab12`.
   *
   * Required when `ouIds` is given: every OU's path passes through its root.
   *
   * @default - the path stops at the organization; only useful with `includeDescendants`
   */
  readonly rootId?: string;

  /**
   * The chain of OUs from the root down to the OU the path names, parent before child.
   *
   * Each OU ID carries its root's suffix (`ou-ab12-...` under `r-ab12`).
   * AWS Organizations nests OUs at most five levels deep.
   *
   * @default - no OU: the path names the root (the accounts directly under it)
   */
  readonly ouIds?: string[];

  /**
   * Whether the path includes every OU below the last one (a trailing `*`).
   *
   * `o-<org>/r-<root>/ou-<ou>/` matches the accounts directly in that OU
   * only; `o-<org>/r-<root>/ou-<ou>/*` matches that OU and every OU below
   * it, at any depth.
   *
   * @default false
   */
  readonly includeDescendants?: boolean;
}

/** What the private constructor takes. */
interface OrgPathSpec {
  readonly organizationId: string;
  readonly rootId?: string;
  readonly ouIds: string[];
  readonly includesDescendants: boolean;
  /** How the path was built, for messages: `OrgPath.of`, `OrgPath.parse`, ... */
  readonly origin: string;
  /** The problems found when the path was built. */
  readonly problems: string[];
  /** The string to render instead of the IDs, when they could not be read (`parse()` failed, or a list token). */
  readonly unparsed?: string;
}

/**
 * An organization path, as the `aws:ResourceOrgPaths` and
 * `aws:PrincipalOrgPaths` condition keys compare it.
 *
 * A path is the organization ID, the root ID and the chain of OU IDs, each
 * followed by `/`: `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/` names the
 * accounts directly in that OU. With a trailing `*`
 * (`withDescendants()`), it also names every OU below it, which is how
 * Example 2 of the AWS Organizations blog post 'How to control access to
 * AWS resources based on AWS account, OU, or organization' keeps the Sports
 * OU and its three child OUs inside a perimeter without listing them.
 * Because the `*` follows the `/`, it never matches a sibling OU whose ID
 * merely starts the same way.
 *
 * Build a path from IDs (`of()`, `fromIds()`, `child()`) or check one you
 * already have (`parse()`), and pass its `path` to
 * `Guardrail.denyResourcesOutsideOrgPaths()`. The factories do not throw
 * (they have no construct to name): a path built from bad IDs renders the
 * IDs as written, and the guardrail rejects it at synth, naming its
 * `OrgGuardrailScp` (or the scope given to `toPolicyStatements`), the prop
 * and the value. That covers malformed IDs, an OU of another root, a
 * repeated OU and OUs without a root.
 *
 * IDs may be unresolved tokens (e.g. the `attrId` of an
 * `organizations.CfnOrganizationalUnit` defined in the same stack): they are
 * passed through unchecked, like the library's other validators do.
 * `parse()` refuses a token, because it has to read the path.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *
 * @example
 * // Media, plus Sports and every OU below it (the blog post's Example 2).
 * const media = audit.OrgPath.of('o-a1b2c3d4e5', 'r-ab12', 'ou-ab12-11111111');
 * const sports = audit.OrgPath.of('o-a1b2c3d4e5', 'r-ab12', 'ou-ab12-22222222').withDescendants();
 *
 * const perimeter = audit.Guardrail.denyResourcesOutsideOrgPaths({
 *   actions: ['s3:*'],
 *   orgPaths: [media.path, sports.path],
 * });
 */
export class OrgPath {
  /**
   * The path of an OU chain: organization, root, then each OU from the root down.
   *
   * With no OU, the path names the root, i.e. the accounts directly under it.
   *
   * @param organizationId the organization ID, e.g. `o-a1b2c3d4e5`
   * @param rootId the root ID, e.g. `r-ab12`
   * @param ouIds the OUs from the root down to the one the path names, parent before child
   */
  public static of(organizationId: string, rootId: string, ...ouIds: string[]): OrgPath {
    return OrgPath.build('OrgPath.of', { organizationId, rootId, ouIds });
  }

  /**
   * The path of the given IDs.
   *
   * @param ids the organization, root and OU IDs, and whether OUs below are included
   */
  public static fromIds(ids: OrgPathIds): OrgPath {
    return OrgPath.build('OrgPath.fromIds', ids);
  }

  /**
   * Reads and checks a path written as a string.
   *
   * The string must be `o-<org>/` or `o-<org>/r-<root>/` followed by OU IDs,
   * each ending in `/`, optionally with a final `*`, e.g.
   * `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*`. A token is refused: its
   * value is only known to CloudFormation, so it cannot be read.
   *
   * @param path the organization path
   */
  public static parse(path: string): OrgPath {
    const origin = 'OrgPath.parse';
    if (path === undefined || path === null) {
      return OrgPath.broken(origin, '<no path given to OrgPath.parse>/', 'path is required: give an organization path such as "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"');
    }
    if (isUnresolved(path)) {
      // Rendered as a marker that every orgPath check rejects, so the refusal is seen where the path is used.
      return OrgPath.broken(origin, '<unresolved token given to OrgPath.parse>/', 'path is an unresolved token: OrgPath.parse must read the IDs in it, '
        + 'so give the literal path, build it with OrgPath.of() from the IDs (which may be tokens), '
        + 'or pass the token straight to the guardrail\'s orgPaths');
    }
    const problem = validate('orgPath', 'path', path);
    if (problem) return OrgPath.broken(origin, path, problem);

    const includeDescendants = path.endsWith('*');
    const [organizationId, rootId, ...ouIds] = path.slice(0, includeDescendants ? -2 : -1).split('/');
    return OrgPath.build(origin, { organizationId, rootId, ouIds, includeDescendants });
  }

  private static build(origin: string, ids: OrgPathIds): OrgPath {
    if (ids.ouIds !== undefined && isUnresolved(ids.ouIds)) {
      // Rendered as a marker that every orgPath check rejects, never as the (wider) path of the root.
      return OrgPath.broken(origin, '<ouIds is an unresolved list>/',
        'ouIds is an unresolved list: give each OU ID as its own element (each may be a token), parent before child');
    }
    const ouIds = ids.ouIds === undefined ? [] : [...ids.ouIds];
    const spec = {
      organizationId: ids.organizationId,
      rootId: ids.rootId,
      ouIds,
      includesDescendants: ids.includeDescendants ?? false,
      origin,
    };
    return new OrgPath({ ...spec, problems: pathProblems(spec) });
  }

  private static broken(origin: string, unparsed: string, problem: string): OrgPath {
    return new OrgPath({ organizationId: '', ouIds: [], includesDescendants: false, origin, problems: [problem], unparsed });
  }

  /**
   * The organization ID, e.g. `o-a1b2c3d4e5`.
   *
   * Empty when the path could not be read (`parse()` failed, or `ouIds` was an unresolved list).
   */
  public readonly organizationId: string;

  /**
   * The root ID, e.g. `r-ab12`.
   *
   * @default - none: the path stops at the organization
   */
  public readonly rootId?: string;

  /**
   * The OU IDs from the root down, parent before child (empty for the root itself).
   */
  public readonly ouIds: string[];

  /**
   * Whether the path includes every OU below the last one (it ends in `*`).
   */
  public readonly includesDescendants: boolean;

  private readonly origin: string;
  private readonly problems: string[];
  private readonly unparsed?: string;

  private constructor(spec: OrgPathSpec) {
    this.organizationId = spec.organizationId;
    this.rootId = spec.rootId;
    this.ouIds = [...spec.ouIds];
    this.includesDescendants = spec.includesDescendants;
    this.origin = spec.origin;
    this.problems = spec.problems;
    this.unparsed = spec.unparsed;
  }

  /**
   * The path as the condition keys compare it, e.g. `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*`.
   *
   * For a path with bad IDs this is still the IDs joined as written, which
   * the guardrails reject at synth, naming the value; a path whose IDs could
   * not be read (a token given to `parse()`, an unresolved `ouIds` list)
   * renders as a `<...>/` marker that they reject too.
   */
  public get path(): string {
    if (this.unparsed !== undefined) return this.unparsed;
    const segments = [this.organizationId, ...(this.rootId === undefined ? [] : [this.rootId]), ...this.ouIds];
    return segments.map((s) => `${s}/`).join('') + (this.includesDescendants ? '*' : '');
  }

  /**
   * The path one level down: this path's OU chain with one more OU at the end.
   *
   * Keeps `includesDescendants`.
   *
   * @param ouId the ID of an OU directly below the last OU of this path (or below the root)
   */
  public child(ouId: string): OrgPath {
    return this.derive({ ouIds: [...this.ouIds, ouId] }, '.child');
  }

  /**
   * The same path with every OU below it included (a trailing `*`).
   */
  public withDescendants(): OrgPath {
    return this.derive({ includeDescendants: true }, '');
  }

  /**
   * The path, as `path` returns it.
   */
  public toString(): string {
    return this.path;
  }

  /**
   * The problems of the IDs this path was built from, each prefixed with the prop that holds it; empty when valid.
   *
   * @internal
   */
  public _problems(prop: string): string[] {
    return this.problems.map((p) => `${prop} (${this.origin}): ${p}`);
  }

  private derive(change: { ouIds?: string[]; includeDescendants?: boolean }, step: string): OrgPath {
    // A path that did not parse stays as it is: its one problem says why.
    if (this.unparsed !== undefined) return this;
    const origin = step === '' || this.origin.endsWith(step) ? this.origin : `${this.origin}${step}`;
    return OrgPath.build(origin, {
      organizationId: this.organizationId,
      rootId: this.rootId,
      ouIds: change.ouIds ?? this.ouIds,
      includeDescendants: change.includeDescendants ?? this.includesDescendants,
    });
  }
}

/** Every problem of a path's IDs, each naming the prop, the value and the fix. */
function pathProblems(spec: { organizationId: string; rootId?: string; ouIds: string[]; includesDescendants: boolean }): string[] {
  const problems: string[] = [];
  const add = (p: string | undefined) => {
    if (p) problems.push(p);
  };
  if (spec.organizationId === undefined || spec.organizationId === null) {
    problems.push('organizationId is required: give the organization ID, e.g. "o-a1b2c3d4e5" (`aws organizations describe-organization`)');
  } else {
    add(validate('organizationId', 'organizationId', spec.organizationId));
  }
  add(validate('rootId', 'rootId', spec.rootId));
  spec.ouIds.forEach((ou, i) => add(validate('ouId', `ouIds[${i}]`, ou)));

  if (spec.rootId === undefined && spec.ouIds.length > 0) {
    problems.push('rootId is required when ouIds are given: an OU\'s path passes through its root, e.g. "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"');
  }
  if (spec.rootId === undefined && spec.ouIds.length === 0 && !spec.includesDescendants) {
    problems.push('the path stops at the organization without "*", so it matches no account (every account\'s path continues with its root ID): '
      + 'give the rootId, or include the descendants (includeDescendants: true, withDescendants()) for every account of the organization');
  }
  problems.push(...rootSuffixProblems(spec.rootId, spec.ouIds));

  const repeated = findDuplicates(spec.ouIds.filter((ou) => !isUnresolved(ou)));
  if (repeated.length > 0) {
    problems.push(`ouIds lists ${repeated.map((r) => JSON.stringify(r)).join(', ')} more than once: an OU appears once in a path; list the chain from the root down, parent before child`);
  }
  if (spec.ouIds.length > MAX_OU_DEPTH) {
    problems.push(`ouIds has ${spec.ouIds.length} OUs, but AWS Organizations nests OUs at most ${MAX_OU_DEPTH} levels deep under a root, so no account has this path: `
      + 'list only the chain from the root down to the OU you mean');
  }
  return problems;
}

/**
 * OUs that do not carry their root's suffix: `ou-ab12-...` belongs to root
 * `r-ab12`. Tokens and IDs that already failed their format are skipped.
 */
function rootSuffixProblems(rootId: string | undefined, ouIds: string[]): string[] {
  if (rootId === undefined || isUnresolved(rootId) || validate('rootId', 'rootId', rootId) !== undefined) return [];
  const suffix = rootId.slice('r-'.length);
  const problems: string[] = [];
  ouIds.forEach((ou, i) => {
    if (isUnresolved(ou) || validate('ouId', 'ouId', ou) !== undefined) return;
    const ouRoot = ou.split('-')[1];
    if (ouRoot !== suffix) {
      problems.push(`ouIds[${i}] ${quote(ou)} is not under root ${quote(rootId)}: an OU ID carries its root's suffix ("ou-${suffix}-..."); `
        + `use the OUs of this root, or the root "r-${ouRoot}" that ${quote(ou)} belongs to`);
    }
  });
  return problems;
}
