import { isUnresolved } from '../../core/private/tokens';
import { duplicateProblems, quote } from '../../core/private/validators';

/**
 * Checks of the network values the source-IP guardrail takes:
 * IPv4 and IPv6 CIDR blocks for `aws:SourceIp` and VPC IDs for
 * `aws:SourceVpc`. Pure functions returning problem sentences (empty when
 * valid); unresolved tokens pass, a list token as a whole and each element.
 */

/** One parsed CIDR block: the address as a number, its width in bits, the prefix length. */
interface Cidr {
  readonly address: bigint;
  readonly bits: 32 | 128;
  readonly prefix: number;
}

const IPV4_EXAMPLE = '203.0.113.0/24';
const IPV6_EXAMPLE = '2001:db8:1234::/48';
const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** The IPv4 address as a number, or a hint why it is not one. */
function parseIpv4(text: string): bigint | string {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) {
    return 'write the address as four decimal numbers separated by dots';
  }
  if (parts.some((p) => p.length > 1 && p.startsWith('0'))) {
    return 'remove the leading zeros (some tools read them as octal)';
  }
  if (parts.some((p) => Number(p) > 255)) {
    return 'each of the four numbers must be 0-255';
  }
  return parts.reduce((acc, p) => acc * 256n + BigInt(Number(p)), 0n);
}

/** The IPv6 address as a number, or a hint why it is not one. Hexadecimal groups only. */
function parseIpv6(text: string): bigint | string {
  const halves = text.split('::');
  if (halves.length > 2) return 'use "::" at most once';
  const groupsOf = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const all = [...head, ...tail];
  if (all.some((g) => g.includes('.'))) return 'write the embedded IPv4 part in hexadecimal groups';
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return 'each group must be 1-4 hexadecimal digits';
  const missing = 8 - all.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return 'an IPv6 address has 8 groups (or fewer with "::")';
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return groups.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n);
}

/** The canonical text of an IPv6 address: lowercase, no leading zeros, the longest run of zero groups as "::". */
function formatIpv6(address: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((address / 65536n ** BigInt(7 - i)) % 65536n).toString(16));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

function formatIpv4(address: bigint): string {
  return [3n, 2n, 1n, 0n].map((octet) => Number((address / 256n ** octet) % 256n)).join('.');
}

/** The CIDR block, or a hint why it is not one. */
function parseCidr(value: string): Cidr | string {
  const slash = value.indexOf('/');
  const v6 = value.includes(':');
  const example = v6 ? IPV6_EXAMPLE : IPV4_EXAMPLE;
  if (slash < 0) {
    return `add the prefix length, e.g. "${value}/${v6 ? 128 : 32}" for this one address`;
  }
  const addressText = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  const bits = v6 ? 128 : 32;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    return `the prefix length after "/" must be 0-${bits}, e.g. ${JSON.stringify(example)}`;
  }
  const address = v6 ? parseIpv6(addressText) : parseIpv4(addressText);
  if (typeof address === 'string') return address;
  return { address, bits, prefix: Number(prefixText) };
}

/**
 * Each element must be an IPv4 or IPv6 CIDR block (`203.0.113.0/24`,
 * `2001:db8::/32`) without host bits set, and not `/0` (which allows every
 * address and makes the guardrail a no-op). The list must not be empty.
 */
export function checkCidrs(prop: string, values: ReadonlyArray<string> | undefined): string[] {
  if (values === undefined) {
    return [`${prop} is required: list the CIDR blocks requests may come from, e.g. [${JSON.stringify(IPV4_EXAMPLE)}]`];
  }
  if (isUnresolved(values)) return [];
  const problems: string[] = [];
  if (values.length === 0) {
    problems.push(`${prop} must not be empty: list the CIDR blocks requests may come from, e.g. [${JSON.stringify(IPV4_EXAMPLE)}]`);
  }
  values.forEach((value, i) => {
    if (isUnresolved(value)) return;
    const where = `${prop}[${i}] must be an IPv4 or IPv6 CIDR block (e.g. ${JSON.stringify(IPV4_EXAMPLE)} or ${JSON.stringify(IPV6_EXAMPLE)}), got ${quote(value)}`;
    if (value.trim() !== value) {
      problems.push(`${where}: remove the surrounding whitespace`);
      return;
    }
    const cidr = parseCidr(value);
    if (typeof cidr === 'string') {
      problems.push(`${where}: ${cidr}`);
      return;
    }
    if (cidr.prefix === 0) {
      problems.push(`${where}: it allows every address, so the guardrail would deny nothing; list your networks`);
      return;
    }
    // Arithmetic rather than bit operators (the lint rules forbid those): the host part is the remainder.
    const hostBits = cidr.address % 2n ** BigInt(cidr.bits - cidr.prefix);
    if (hostBits !== 0n) {
      const network = cidr.address - hostBits;
      const text = cidr.bits === 32 ? formatIpv4(network) : formatIpv6(network);
      problems.push(`${where}: it has host bits set; did you mean "${text}/${cidr.prefix}"?`);
    }
  });
  problems.push(...duplicateProblems(prop, values));
  return problems;
}

/** Each element must be a VPC ID (`vpc-` and 8 or 17 hexadecimal digits); duplicates are refused. */
export function checkVpcIds(prop: string, values: ReadonlyArray<string> | undefined): string[] {
  if (values === undefined || isUnresolved(values)) return [];
  const problems: string[] = [];
  if (values.length === 0) {
    problems.push(`${prop} must not be empty: leave it out when no VPC is allowed`);
  }
  values.forEach((value, i) => {
    if (isUnresolved(value) || VPC_ID.test(value)) return;
    problems.push(`${prop}[${i}] must be a VPC ID "vpc-" and 8 or 17 lowercase hexadecimal digits (e.g. "vpc-0a1b2c3d4e5f67890"), got ${quote(value)}: `
      + 'copy it from `aws ec2 describe-vpcs`');
  });
  problems.push(...duplicateProblems(prop, values));
  return problems;
}
