/**
 * OrgPath: building organization paths from IDs, parsing and
 * checking written paths, the trailing `*` (descendants), every problem
 * message, tokens, and use with `Guardrail.denyResourcesOutsideOrgPaths`
 * (rendered condition and simulation on the AnyCompany organization, with
 * format-valid IDs, A-60).
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Guardrail, OrgGuardrailScp, OrgPath } from '../../src';
import { validate } from '../../src/core/private/validators';
import { PolicyDoc, organizationPolicies, resolveTemplate } from '../harness';
import { ANY, OTHER_MEMBER, decide, orgPath, scpsOf, withRequiredProtection } from './_helpers';

const OBJECT = 'arn:aws:s3:::reports/2026/q3.csv';

/** The problems of a path as a construct holding it in `orgPath` would report them. */
function problemsOf(path: OrgPath): string[] {
  return path._problems('orgPath');
}

/** Adds a path guardrail over the given paths to a fresh OrgGuardrailScp, where bad paths are reported. */
function addPaths(...paths: OrgPath[]): void {
  const stack = new Stack(new App(), 'Org');
  new OrgGuardrailScp(stack, 'Guardrails', {
    targetIds: [ANY.root],
    guardrails: [Guardrail.denyResourcesOutsideOrgPaths({ actions: ['s3:*'], orgPaths: paths.map((p) => p.path) })],
  });
}

describe('OrgPath', () => {
  describe('building from IDs (R-301)', () => {
    test('of() with no OU names the root: the accounts directly under it', () => {
      const root = OrgPath.of(ANY.org, ANY.root);
      expect(root.path).toBe(`${ANY.org}/${ANY.root}/`);
      expect(root.ouIds).toEqual([]);
      expect(problemsOf(root)).toEqual([]);
    });

    test('of() joins organization, root and the OU chain, each followed by "/"', () => {
      const baseball = OrgPath.of(ANY.org, ANY.root, ANY.sports, ANY.baseball);
      expect(baseball.path).toBe(`${ANY.org}/${ANY.root}/${ANY.sports}/${ANY.baseball}/`);
      expect(baseball.path).toBe(orgPath(ANY.sports, ANY.baseball));
      expect(baseball).toMatchObject({ organizationId: ANY.org, rootId: ANY.root, ouIds: [ANY.sports, ANY.baseball], includesDescendants: false });
      expect(problemsOf(baseball)).toEqual([]);
    });

    test('fromIds() builds the same path as of(), with the descendants flag', () => {
      expect(OrgPath.fromIds({ organizationId: ANY.org, rootId: ANY.root, ouIds: [ANY.media] }).path)
        .toBe(OrgPath.of(ANY.org, ANY.root, ANY.media).path);
      expect(OrgPath.fromIds({ organizationId: ANY.org, rootId: ANY.root, ouIds: [ANY.sports], includeDescendants: true }).path)
        .toBe(`${orgPath(ANY.sports)}*`);
    });

    test('fromIds() with only the organization and descendants is every account of the organization ("o-.../*")', () => {
      const all = OrgPath.fromIds({ organizationId: ANY.org, includeDescendants: true });
      expect(all.path).toBe(`${ANY.org}/*`);
      expect(all.rootId).toBeUndefined();
      expect(problemsOf(all)).toEqual([]);
    });

    test('child() walks an OU chain down from the root and gives the same path as of()', () => {
      const chain = OrgPath.of(ANY.org, ANY.root).child(ANY.sports).child(ANY.football);
      expect(chain.path).toBe(OrgPath.of(ANY.org, ANY.root, ANY.sports, ANY.football).path);
      expect(problemsOf(chain)).toEqual([]);
    });

    test('paths are immutable: child() and withDescendants() return new paths', () => {
      const sports = OrgPath.of(ANY.org, ANY.root, ANY.sports);
      const below = sports.withDescendants();
      const baseball = sports.child(ANY.baseball);
      expect(sports.path).toBe(orgPath(ANY.sports));
      expect(below.path).toBe(`${orgPath(ANY.sports)}*`);
      expect(baseball.path).toBe(orgPath(ANY.sports, ANY.baseball));
    });

    test('toString() and string interpolation give the path', () => {
      const media = OrgPath.of(ANY.org, ANY.root, ANY.media);
      expect(media.toString()).toBe(orgPath(ANY.media));
      expect(`${media}`).toBe(orgPath(ANY.media));
    });

    test('every path it builds is accepted by the core orgPath validator the guardrails use', () => {
      const built = [
        OrgPath.of(ANY.org, ANY.root),
        OrgPath.of(ANY.org, ANY.root).withDescendants(),
        OrgPath.of(ANY.org, ANY.root, ANY.media),
        OrgPath.of(ANY.org, ANY.root, ANY.sports, ANY.basketball).withDescendants(),
        OrgPath.fromIds({ organizationId: ANY.org, includeDescendants: true }),
      ];
      for (const p of built) {
        expect(validate('orgPath', 'orgPaths[0]', p.path)).toBeUndefined();
      }
    });
  });

  describe('descendants: the trailing * (R-301, R-308)', () => {
    test('withDescendants() appends "*" after the last "/"', () => {
      const sports = OrgPath.of(ANY.org, ANY.root, ANY.sports).withDescendants();
      expect(sports.path).toBe(`${ANY.org}/${ANY.root}/${ANY.sports}/*`);
      expect(sports.includesDescendants).toBe(true);
    });

    test('withDescendants() is idempotent', () => {
      const once = OrgPath.of(ANY.org, ANY.root, ANY.sports).withDescendants();
      expect(once.withDescendants().path).toBe(once.path);
    });

    test('child() keeps the descendants flag: the narrower OU and everything below it', () => {
      const below = OrgPath.of(ANY.org, ANY.root, ANY.sports).withDescendants().child(ANY.baseball);
      expect(below.path).toBe(`${orgPath(ANY.sports, ANY.baseball)}*`);
    });

    test('on the root, "*" covers the root and every OU of it', () => {
      expect(OrgPath.of(ANY.org, ANY.root).withDescendants().path).toBe(`${ANY.org}/${ANY.root}/*`);
    });
  });

  describe('parse()', () => {
    test.each([
      ['an OU', orgPath(ANY.media), { rootId: ANY.root, ouIds: [ANY.media], includesDescendants: false }],
      ['an OU and its descendants', `${orgPath(ANY.sports)}*`, { rootId: ANY.root, ouIds: [ANY.sports], includesDescendants: true }],
      ['a nested OU', orgPath(ANY.sports, ANY.basketball), { rootId: ANY.root, ouIds: [ANY.sports, ANY.basketball], includesDescendants: false }],
      ['the root', `${ANY.org}/${ANY.root}/`, { rootId: ANY.root, ouIds: [], includesDescendants: false }],
      ['the root and every OU', `${ANY.org}/${ANY.root}/*`, { rootId: ANY.root, ouIds: [], includesDescendants: true }],
      ['the whole organization', `${ANY.org}/*`, { rootId: undefined, ouIds: [], includesDescendants: true }],
    ])('reads %s and gives the same path back', (_what, text, parts) => {
      const parsed = OrgPath.parse(text);
      expect(problemsOf(parsed)).toEqual([]);
      expect(parsed.path).toBe(text);
      expect(parsed.organizationId).toBe(ANY.org);
      expect(parsed.rootId).toBe(parts.rootId);
      expect(parsed.ouIds).toEqual(parts.ouIds);
      expect(parsed.includesDescendants).toBe(parts.includesDescendants);
    });

    test('a parsed path can be extended like a built one', () => {
      expect(OrgPath.parse(orgPath(ANY.sports)).child(ANY.football).withDescendants().path).toBe(`${orgPath(ANY.sports, ANY.football)}*`);
    });

    test('the blog\'s illustrative path is refused with the validator\'s message, naming the OU (A-60)', () => {
      const blog = OrgPath.parse('o-acorg/r-acroot/ou-acroot-mediaou/');
      expect(problemsOf(blog)).toEqual([
        'orgPath (OrgPath.parse): path must be an organization path "o-<org>/r-<root>/ou-<ou>/.../", optionally ending in "*" to include everything below '
        + '(e.g. "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"), got "o-acorg/r-acroot/ou-acroot-mediaou/": it must start with the organization ID, found "o-acorg"',
      ]);
    });

    test('a path without the trailing "/" is refused with the fix', () => {
      expect(problemsOf(OrgPath.parse(`${ANY.org}/${ANY.root}/${ANY.media}`)))
        .toEqual([expect.stringMatching(/path must be an organization path .*: end it with "\/" \(this node only\) or "\/\*" \(this node and everything below\)$/)]);
    });

    test('an OU of another root is refused', () => {
      expect(problemsOf(OrgPath.parse(`${ANY.org}/${ANY.root}/ou-zz99-11111111/`)))
        .toEqual([expect.stringMatching(/OU "ou-zz99-11111111" does not belong to root "r-acroot" \(an OU ID carries its root's suffix\)$/)]);
    });

    test('a path that did not parse keeps the text as given, so the guardrail rejects it too, and stays broken when extended', () => {
      const broken = OrgPath.parse('o-acorg/r-acroot/');
      expect(broken.path).toBe('o-acorg/r-acroot/');
      expect(broken.organizationId).toBe('');
      expect(broken.withDescendants().path).toBe('o-acorg/r-acroot/');
      expect(problemsOf(broken.child(ANY.media))).toEqual(problemsOf(broken));
    });

    test('"o-.../" without "*" is refused: it matches no account', () => {
      expect(problemsOf(OrgPath.parse(`${ANY.org}/`))).toEqual([expect.stringMatching(/^orgPath \(OrgPath.parse\): path .*the organization ID alone matches no account/)]);
    });

    test('a missing path (from JavaScript) is a problem, not a crash', () => {
      expect(problemsOf(OrgPath.parse(undefined as unknown as string))).toEqual([expect.stringMatching(/^orgPath \(OrgPath.parse\): path is required: give an organization path/)]);
    });
  });

  describe('problems: each names the prop, the value and the fix', () => {
    test('the blog\'s organization ID o-acorg (A-60)', () => {
      expect(problemsOf(OrgPath.of('o-acorg', ANY.root, ANY.media))).toEqual([
        'orgPath (OrgPath.of): organizationId must be an AWS Organizations ID: "o-" and 10-32 lowercase letters or digits (e.g. "o-a1b2c3d4e5"), got "o-acorg": '
        + 'the part after "o-" has 5 characters, AWS uses 10-32; copy it from the Organizations console or `aws organizations describe-organization`',
      ]);
    });

    test('a root ID in upper case', () => {
      expect(problemsOf(OrgPath.of(ANY.org, 'R-ACROOT'))).toEqual([
        expect.stringMatching(/^orgPath \(OrgPath.of\): rootId must be an organization root ID: .*got "R-ACROOT": use lowercase letters$/),
      ]);
    });

    test('the blog\'s OU ID ou-acroot-mediaou, with its index in the chain (A-60)', () => {
      expect(problemsOf(OrgPath.of(ANY.org, ANY.root, ANY.sports, 'ou-acroot-mediaou'))).toEqual([
        expect.stringMatching(/^orgPath \(OrgPath.of\): ouIds\[1\] must be an organizational unit ID: .*got "ou-acroot-mediaou": copy it from `aws organizations list-organizational-units-for-parent`$/),
      ]);
    });

    test('a root ID given as an OU', () => {
      expect(problemsOf(OrgPath.of(ANY.org, ANY.root, ANY.root))).toEqual([
        expect.stringMatching(/ouIds\[0\] must be an organizational unit ID: .*got "r-acroot": that is a root ID/),
      ]);
    });

    test('an OU that does not carry its root\'s suffix', () => {
      expect(problemsOf(OrgPath.of(ANY.org, ANY.root, 'ou-ab12-11111111'))).toEqual([
        'orgPath (OrgPath.of): ouIds[0] "ou-ab12-11111111" is not under root "r-acroot": an OU ID carries its root\'s suffix ("ou-acroot-..."); '
        + 'use the OUs of this root, or the root "r-ab12" that "ou-ab12-11111111" belongs to',
      ]);
    });

    test('an OU listed twice in the chain', () => {
      expect(problemsOf(OrgPath.of(ANY.org, ANY.root, ANY.sports, ANY.sports))).toEqual([
        'orgPath (OrgPath.of): ouIds lists "ou-acroot-sportsou" more than once: an OU appears once in a path; list the chain from the root down, parent before child',
      ]);
    });

    test('a chain deeper than the 5 levels AWS Organizations allows', () => {
      const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => `ou-acroot-${c.repeat(8)}`);
      expect(problemsOf(OrgPath.of(ANY.org, ANY.root, ...six.slice(0, 5)))).toEqual([]);
      expect(problemsOf(OrgPath.of(ANY.org, ANY.root, ...six))).toEqual([
        expect.stringMatching(/^orgPath \(OrgPath.of\): ouIds has 6 OUs, but AWS Organizations nests OUs at most 5 levels deep under a root/),
      ]);
    });

    test('OUs without a root', () => {
      expect(problemsOf(OrgPath.fromIds({ organizationId: ANY.org, ouIds: [ANY.media] }))).toEqual([
        expect.stringMatching(/^orgPath \(OrgPath.fromIds\): rootId is required when ouIds are given: an OU's path passes through its root/),
      ]);
    });

    test('the organization alone without "*", which matches no account', () => {
      expect(problemsOf(OrgPath.fromIds({ organizationId: ANY.org }))).toEqual([
        expect.stringMatching(/the path stops at the organization without "\*", so it matches no account .*: give the rootId, or include the descendants/),
      ]);
    });

    test('a missing organization ID (from JavaScript)', () => {
      expect(problemsOf(OrgPath.fromIds({ rootId: ANY.root } as any))).toEqual([
        expect.stringMatching(/^orgPath \(OrgPath.fromIds\): organizationId is required: give the organization ID/),
      ]);
    });

    test('a problem found by child() names the step and the OU\'s place in the chain', () => {
      expect(problemsOf(OrgPath.of(ANY.org, ANY.root, ANY.sports).child('ou-acroot-BASEBALL'))).toEqual([
        expect.stringMatching(/^orgPath \(OrgPath.of.child\): ouIds\[1\] must be an organizational unit ID: .*got "ou-acroot-BASEBALL": use lowercase letters$/),
      ]);
    });

    test('every problem is collected, so all are fixed in one round', () => {
      expect(problemsOf(OrgPath.of('o-acorg', 'r-AB', 'ou-acroot-mediaou', ANY.media))).toHaveLength(3);
    });

    test('a bad path still renders its IDs as written, and the guardrail rejects it at synth naming the construct and the value', () => {
      const bad = OrgPath.of('o-acorg', ANY.root, ANY.media);
      expect(bad.path).toBe(`o-acorg/${ANY.root}/${ANY.media}/`);
      expect(() => addPaths(bad)).toThrow(
        /^Org\/Guardrails: guardrails\[0\] Guardrail.denyResourcesOutsideOrgPaths: orgPaths\[0\] must be an organization path .*got "o-acorg\/r-acroot\/ou-acroot-mediaou1\/": it must start with the organization ID, found "o-acorg"/,
      );
    });

    test('the guardrail also refuses a path that matches no account: the organization alone, or deeper than OUs nest', () => {
      expect(() => addPaths(OrgPath.fromIds({ organizationId: ANY.org }))).toThrow(/orgPaths\[0\] must be an organization path .*the organization ID alone matches no account/);
      const deep = ['11111111', '22222222', '33333333', '44444444', '55555555', '66666666'].map((s) => `ou-acroot-${s}`);
      expect(() => addPaths(OrgPath.of(ANY.org, ANY.root, ...deep))).toThrow(/orgPaths\[0\] must be an organization path .*it lists 6 OUs, but AWS Organizations nests OUs at most 5 levels/);
    });

    test('an OU of another root is rejected by the guardrail too', () => {
      expect(() => addPaths(OrgPath.of(ANY.org, ANY.root, ANY.media), OrgPath.of(ANY.org, ANY.root, 'ou-ab12-11111111')))
        .toThrow(/orgPaths\[1\] must be an organization path .*OU "ou-ab12-11111111" does not belong to root "r-acroot"/);
    });
  });

  describe('tokens', () => {
    test('unresolved IDs pass through unchecked and render into the path', () => {
      const stack = new Stack(new App(), 'Org');
      const ou = new CfnParameter(stack, 'SportsOu', { default: ANY.sports, maxLength: 68 }).valueAsString;
      const sports = OrgPath.of(ANY.org, ANY.root, ou).withDescendants();
      expect(problemsOf(sports)).toEqual([]);
      expect(stack.resolve(sports.path)).toEqual({ 'Fn::Join': ['', [`${ANY.org}/${ANY.root}/`, { Ref: 'SportsOu' }, '/*']] });
    });

    test('an unresolved root skips the root-suffix check; literal IDs are still checked', () => {
      const stack = new Stack(new App(), 'Org');
      const root = new CfnParameter(stack, 'Root').valueAsString;
      expect(problemsOf(OrgPath.of(ANY.org, root, 'ou-ab12-11111111'))).toEqual([]);
      expect(problemsOf(OrgPath.of('o-acorg', root, ANY.media))).toEqual([expect.stringMatching(/organizationId must be an AWS Organizations ID/)]);
    });

    test('an unresolved OU list is refused: each OU must be its own element', () => {
      const stack = new Stack(new App(), 'Org');
      const ous = new CfnParameter(stack, 'Ous', { type: 'CommaDelimitedList' }).valueAsList;
      const path = OrgPath.fromIds({ organizationId: ANY.org, rootId: ANY.root, ouIds: ous });
      expect(problemsOf(path)).toEqual([
        'orgPath (OrgPath.fromIds): ouIds is an unresolved list: give each OU ID as its own element (each may be a token), parent before child',
      ]);
      // It never renders as the wider path of the root: the guardrail rejects it.
      expect(path.path).not.toBe(`${ANY.org}/${ANY.root}/`);
      expect(() => addPaths(path)).toThrow(/orgPaths\[0\] must be an organization path .*found "<ouIds is an unresolved list>"/);
    });

    test('parse() refuses a token, because it must read the path, and says what to do instead', () => {
      const stack = new Stack(new App(), 'Org');
      const text = new CfnParameter(stack, 'Path').valueAsString;
      expect(() => addPaths(OrgPath.parse(text))).toThrow(/orgPaths\[0\] must be an organization path .*found "<unresolved token given to OrgPath.parse>"/);
      expect(problemsOf(OrgPath.parse(text))).toEqual([
        expect.stringMatching(/^orgPath \(OrgPath.parse\): path is an unresolved token: .*build it with OrgPath.of\(\) from the IDs .*or pass the token straight to the guardrail's orgPaths$/),
      ]);
    });

    test('a path with a token OU works in a guardrail: the SCP resolves to the OU\'s path and decides like a literal one', async () => {
      const stack = new Stack(new App(), 'Org');
      const ou = new CfnParameter(stack, 'SportsOu', { default: ANY.sports, maxLength: 68 }).valueAsString;
      new OrgGuardrailScp(stack, 'Guardrails', {
        targetIds: [ANY.root],
        guardrails: withRequiredProtection([Guardrail.denyResourcesOutsideOrgPaths({ actions: ['s3:*'], orgPaths: [OrgPath.of(ANY.org, ANY.root, ou).withDescendants().path] })]),
      });
      const scps = organizationPolicies(resolveTemplate(Template.fromStack(stack).toJSON()), 'SERVICE_CONTROL_POLICY');
      expect(scps[0].Statement[0].Condition['ForAllValues:StringNotLike']).toEqual({ 'aws:ResourceOrgPaths': `${orgPath(ANY.sports)}*` });
      expect(await decideAt(scps, [orgPath(ANY.sports, ANY.football)])).toBe('Allowed');
      expect(await decideAt(scps, [orgPath(ANY.media)])).toBe('ExplicitlyDenied');
    });
  });

  describe('with Guardrail.denyResourcesOutsideOrgPaths (R-301, R-308, A-61)', () => {
    const media = OrgPath.of(ANY.org, ANY.root, ANY.media);
    const sports = OrgPath.of(ANY.org, ANY.root, ANY.sports).withDescendants();
    let scps: PolicyDoc[];
    beforeAll(() => {
      // Example 2 of the post, built with OrgPath: Media, plus Sports and every OU below it.
      scps = scpsOf(Guardrail.denyResourcesOutsideOrgPaths({ actions: ['s3:*'], orgPaths: [media.path, sports.path] }));
    });

    test('renders the paths into ForAllValues:StringNotLike on aws:ResourceOrgPaths', () => {
      expect(scps).toHaveLength(1);
      expect(scps[0].Statement[0].Condition['ForAllValues:StringNotLike']).toEqual({
        'aws:ResourceOrgPaths': [`${ANY.org}/${ANY.root}/${ANY.media}/`, `${ANY.org}/${ANY.root}/${ANY.sports}/*`],
      });
    });

    test('allows a resource in the path (Media)', async () => {
      expect(await decideAt(scps, [orgPath(ANY.media)])).toBe('Allowed');
    });

    test('allows a resource below Sports through withDescendants()', async () => {
      expect(await decideAt(scps, [orgPath(ANY.sports, ANY.baseball)])).toBe('Allowed');
    });

    test('denies a resource outside the paths (Governance)', async () => {
      expect(await decideAt(scps, [orgPath(ANY.governance)])).toBe('ExplicitlyDenied');
    });

    test('denies a resource below Media: without withDescendants() the path is Media itself only', async () => {
      expect(await decideAt(scps, [orgPath(ANY.media, 'ou-acroot-newsroom')])).toBe('ExplicitlyDenied');
    });

    test('denies a resource with no organization path (key absent, A-61)', async () => {
      expect(await decideAt(scps, undefined)).toBe('ExplicitlyDenied');
    });
  });
});

/** The SCPs' decision on a member principal reading an object whose account has these organization paths. */
function decideAt(scps: PolicyDoc[], paths: string[] | undefined) {
  return decide(scps, {
    action: 's3:GetObject',
    resource: OBJECT,
    resourceAccount: OTHER_MEMBER,
    context: paths ? { 'aws:ResourceOrgPaths': paths, 'aws:ResourceOrgID': ANY.org } : { 'aws:ResourceOrgID': ANY.org },
  });
}
