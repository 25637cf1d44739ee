/**
 * Unit tests of src/guardrails/private/exemptions.ts: parsing principal ARN
 * patterns, the IAM glob cover test, and the problems of exemptions that
 * are a no-op or can be claimed in every account.
 */
import {
  claimableExemptionProblems,
  globCovers,
  hasWildcardAccount,
  parsePrincipalPattern,
  principalPatternProblems,
} from '../../../src/guardrails/private/exemptions';

const NOOP_FIX = 'and turns the guardrail into a no-op: name the roles, e.g. "arn:aws:iam::444455556666:role/SecurityAdmin"';

/** The start of the sentence for an exemption that nothing protects. */
const claimable = (where: string, pattern: string) => `${where} exempts ${JSON.stringify(pattern)} in every account of the targets, so any administrator `
  + 'of a member account can create a principal that matches it (or take over a role by rewriting its trust) and escape the guardrail: ';

describe('exemptions', () => {
  describe('parsePrincipalPattern and hasWildcardAccount', () => {
    test.each([
      ['arn:aws:iam::123456789012:role/security/Audit', { account: '123456789012', type: 'role', name: 'security/Audit' }],
      ['arn:*:sts::*:assumed-role/Admin/alice', { account: '*', type: 'assumed-role', name: 'Admin/alice' }],
      ['arn:aws:iam::*:root', { account: '*', type: 'root', name: '' }],
      ['arn:aws:s3:::bucket', undefined],
      ['SecurityAdmin', undefined],
    ])('parses %s', (pattern, parts) => {
      expect(parsePrincipalPattern(pattern)).toEqual(parts);
    });

    test.each([
      ['arn:aws:iam::*:role/Admin', true],
      ['arn:aws:iam::1111????2222:role/Admin', true],
      ['arn:aws:iam::11112222333*:role/Admin', true],
      ['arn:aws:iam:::role/Admin', true],
      ['arn:aws:iam::111122223333:role/*', false],
      ['not-an-arn', false],
    ])('%s has a wildcard account: %s', (pattern, wildcard) => {
      expect(hasWildcardAccount(pattern)).toBe(wildcard);
    });
  });

  describe('principalPatternProblems', () => {
    test('refuses a wildcard account with a name of wildcards only, naming the kind of principal', () => {
      expect(principalPatternProblems('exemptPrincipalArns', [
        'arn:aws:iam::*:root',
        'arn:*:sts::*:assumed-role/*/*',
        'arn:aws:iam::*:user/?*',
      ])).toEqual([
        `exemptPrincipalArns[0] is "arn:aws:iam::*:root", which matches every account's root user ${NOOP_FIX}`,
        `exemptPrincipalArns[1] is "arn:*:sts::*:assumed-role/*/*", which matches every assumed-role of every account ${NOOP_FIX}`,
        `exemptPrincipalArns[2] is "arn:aws:iam::*:user/?*", which matches every user of every account ${NOOP_FIX}`,
      ]);
    });

    test('refuses a pattern with no name, which no principal matches, in any account: it exempts nothing', () => {
      expect(principalPatternProblems('exemptPrincipalArns', ['arn:aws:iam::*:role', 'arn:aws:iam::444455556666:role/', 'arn:aws:sts::444455556666:assumed-role'])).toEqual([
        'exemptPrincipalArns[0] is "arn:aws:iam::*:role", which names no role: no principal\'s ARN matches it, so it exempts nothing; '
        + 'add the name after "role/", e.g. "arn:aws:iam::444455556666:role/SecurityAdmin"',
        'exemptPrincipalArns[1] is "arn:aws:iam::444455556666:role/", which names no role: no principal\'s ARN matches it, so it exempts nothing; '
        + 'add the name after "role/", e.g. "arn:aws:iam::444455556666:role/SecurityAdmin"',
        'exemptPrincipalArns[2] is "arn:aws:sts::444455556666:assumed-role", which names no assumed-role: no principal\'s ARN matches it, so it exempts nothing; '
        + 'add the name after "assumed-role/", e.g. "arn:aws:iam::444455556666:role/SecurityAdmin"',
      ]);
      // A root user's ARN has no name part.
      expect(principalPatternProblems('p', ['arn:aws:iam::444455556666:root'])).toEqual([]);
    });

    test('accepts every role of one account, a named role of every account, a malformed pattern (the format check reports it) and no list', () => {
      expect(principalPatternProblems('p', ['arn:aws:iam::444455556666:role/*', 'arn:aws:iam::*:role/SecurityAdmin*', 'role/*'])).toEqual([]);
      expect(principalPatternProblems('p', undefined)).toEqual([]);
    });

    test('refuses the CDK bootstrap execution role in any account and any case, at its index', () => {
      const problems = principalPatternProblems('adminPrincipalArns', [
        'arn:aws:iam::444455556666:role/SecurityAdmin',
        'arn:aws:iam::444455556666:role/cdk-hnb659fds-CFN-EXEC-ROLE-444455556666-us-east-1',
      ]);
      expect(problems).toEqual([
        'adminPrincipalArns[1] is "arn:aws:iam::444455556666:role/cdk-hnb659fds-CFN-EXEC-ROLE-444455556666-us-east-1", the CDK bootstrap '
        + 'CloudFormation execution role: every principal that may assume the account\'s CDK deploy role (by default, the account itself) can pass '
        + 'it to CloudFormation and act as it, so exempting it exempts the member account\'s administrators; deploy the audit setup with StackSets, '
        + 'whose execution role is exempt',
      ]);
    });
  });

  describe('globCovers', () => {
    test.each([
      ['role/*', 'role/security/Audit', true],
      ['role/*/Audit', 'role/security/Audit', true],
      ['role/Audit', 'role/security/Audit', false],
      ['role/stacksets-exec-*', 'role/stacksets-exec-*', true],
      ['role/A?', 'role/AB', true],
      ['role/A?', 'role/A?', true],
      // a single-character wildcard does not cover a name that a * can make longer
      ['role/A?', 'role/A*', false],
      ['role/AB', 'role/A?', false],
      // regular-expression characters of IAM names are literal
      ['role/a.b', 'role/axb', false],
      ['role/a+b=c', 'role/a+b=c', true],
    ])('%s covers %s: %s', (outer, inner, covers) => {
      expect(globCovers(outer, inner)).toBe(covers);
    });
  });

  describe('claimableExemptionProblems', () => {
    test('is silent for literal accounts, and for role and session names a protected pattern covers', () => {
      const exemptions = [
        { where: 'g0', pattern: 'arn:aws:iam::444455556666:role/BreakGlass' },
        { where: 'g1', pattern: 'arn:aws:iam::*:role/security/SecurityAdmin' },
        { where: 'g1', pattern: 'arn:aws:sts::*:assumed-role/SecurityAdmin/*' },
        { where: 'g2', pattern: 'arn:*:iam::*:role/stacksets-exec-*' },
      ];
      const protectedRoleArns = [
        'arn:*:iam::*:role/SecurityAdmin', 'arn:*:iam::*:role/*/SecurityAdmin',
        'arn:*:iam::*:role/stacksets-exec-*', 'arn:*:iam::*:role/*/stacksets-exec-*',
      ];
      expect(claimableExemptionProblems(exemptions, protectedRoleArns)).toEqual([]);
    });

    test('groups the unprotected onboarding names of one guardrail in one sentence', () => {
      const problems = claimableExemptionProblems([
        { where: 'guardrails[0] (sid "A")', pattern: 'arn:*:iam::*:role/stacksets-exec-*' },
        { where: 'guardrails[0] (sid "A")', pattern: 'arn:*:iam::*:role/AWSControlTowerExecution' },
        { where: 'guardrails[1] (sid "B")', pattern: 'arn:*:iam::*:role/AWSControlTowerExecution' },
      ], ['arn:*:iam::*:role/SomethingElse']);
      const rest = 'in every account of the targets, but no Guardrail.protectAuditSetup() of this OrgGuardrailScp protects those role names, '
        + 'so any administrator of a member account can create a role with one of them and escape the guardrail: add Guardrail.protectAuditSetup() '
        + '(exemptOnboardingMachinery left on) to the same guardrails, or set exemptOnboardingMachinery: false on this guardrail';
      expect(problems).toEqual([
        `guardrails[0] (sid "A") exempts the onboarding machinery (stacksets-exec-*, AWSControlTowerExecution) ${rest}`,
        `guardrails[1] (sid "B") exempts the onboarding machinery (AWSControlTowerExecution) ${rest}`,
      ]);
    });

    test('tells to protect a role name, and to name an account for a user or a role name pattern', () => {
      const problems = claimableExemptionProblems([
        { where: 'g', pattern: 'arn:aws:sts::*:assumed-role/BreakGlass/*' },
        { where: 'g', pattern: 'arn:aws:iam::*:user/alice' },
        { where: 'g', pattern: 'arn:aws:iam::*:role/*Admin' },
      ], []);
      expect(problems).toEqual([
        claimable('g', 'arn:aws:sts::*:assumed-role/BreakGlass/*')
        + 'add Guardrail.protectAuditSetup({ roleNames: ["BreakGlass"] }) to this same OrgGuardrailScp, so that the same policies protect the name '
        + 'in every target, or name one account in the ARN instead of "*"',
        claimable('g', 'arn:aws:iam::*:user/alice') + 'name one account in the ARN instead of "*" (only role names can be protected)',
        claimable('g', 'arn:aws:iam::*:role/*Admin') + 'name one account in the ARN instead of "*", or exempt literal role names '
        + '(protectAuditSetup protects names, not a pattern such as "*Admin")',
      ]);
    });

    test('never advises protecting a role name with a wildcard anywhere in it, which protectAuditSetup would refuse', () => {
      const [problem] = claimableExemptionProblems([{ where: 'g', pattern: 'arn:aws:iam::*:role/Sec*' }], []);
      expect(problem).toBe(claimable('g', 'arn:aws:iam::*:role/Sec*') + 'name one account in the ARN instead of "*", or exempt literal role names '
        + '(protectAuditSetup protects names, not a pattern such as "Sec*")');
      expect(problem).not.toContain('roleNames: ["Sec*"]');
    });
  });
});
