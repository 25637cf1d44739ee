import { Token } from 'aws-cdk-lib';

/**
 * An encoded number token written into a string: `${Token.asNumber(x)}`
 * gives a negative double whose exponent is always `e+289`.
 */
const NUMBER_TOKEN_IN_STRING = /-1\.\d{10,16}e\+289/g;

/**
 * Whether a value holds a token that resolves only at synthesis or deploy
 * time. The one check every validator in the library uses, so a token is
 * handled the same way whichever aws-cdk-lib release the user has:
 *
 * - a string with no `Token[` marker and no `e+289` exponent is a plain
 *   string, answered without a scan (lists of thousands of account IDs are
 *   checked element by element, and the full scan dominated that cost);
 * - a number token written into a string is unresolved. `Token.isUnresolved`
 *   reports such a string as resolved in aws-cdk-lib 2.278 (it looks for
 *   `Token[` first), although synthesis still resolves the number inside it,
 *   and as unresolved in 2.257 even when the number is not a token; each
 *   candidate number is checked here with the number-token test instead;
 * - everything else is `Token.isUnresolved`.
 */
export function isUnresolved(value: unknown): boolean {
  if (typeof value !== 'string') return Token.isUnresolved(value);
  if (value.includes('Token[') && Token.isUnresolved(value)) return true;
  if (!value.includes('e+289')) return false;
  return (value.match(NUMBER_TOKEN_IN_STRING) ?? []).some((n) => Token.isUnresolved(Number(n)));
}
