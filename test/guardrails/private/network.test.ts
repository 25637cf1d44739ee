import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { checkCidrs, checkVpcIds } from '../../../src/guardrails/private/network';

const stack = new Stack(new App(), 'S');
const token = new CfnParameter(stack, 'P').valueAsString;
const listToken = new CfnParameter(stack, 'L', { type: 'CommaDelimitedList' }).valueAsList;

describe('network', () => {
  describe('checkCidrs (R-335)', () => {
    test.each([
      ['203.0.113.0/24'], ['198.51.100.7/32'], ['10.0.0.0/8'], ['2001:db8:1234::/48'], ['2001:DB8::/32'],
      ['2001:db8::1/128'], ['::1/128'], ['fe80::/10'], ['2001:db8:0:0:0:0:0:0/64'],
    ])('accepts %s', (cidr) => {
      expect(checkCidrs('allowedCidrs', [cidr])).toEqual([]);
    });

    test.each([
      ['203.0.113.5', 'add the prefix length, e.g. "203.0.113.5/32" for this one address'],
      ['2001:db8::1', 'add the prefix length, e.g. "2001:db8::1/128" for this one address'],
      ['203.0.113.0/33', 'the prefix length after "/" must be 0-32, e.g. "203.0.113.0/24"'],
      ['2001:db8::/129', 'the prefix length after "/" must be 0-128, e.g. "2001:db8:1234::/48"'],
      ['203.0.113/24', 'write the address as four decimal numbers separated by dots'],
      ['203.0.113.256/32', 'each of the four numbers must be 0-255'],
      ['010.0.0.0/8', 'remove the leading zeros (some tools read them as octal)'],
      ['2001:db8::1::/64', 'use "::" at most once'],
      ['2001:db8:g::/48', 'each group must be 1-4 hexadecimal digits'],
      ['2001:db8:1:2:3:4:5/64', 'an IPv6 address has 8 groups (or fewer with "::")'],
      ['::ffff:192.0.2.0/120', 'write the embedded IPv4 part in hexadecimal groups'],
      ['203.0.113.5/24', 'it has host bits set; did you mean "203.0.113.0/24"?'],
      ['2001:db8:1234:5678::/48', 'it has host bits set; did you mean "2001:db8:1234::/48"?'],
      ['0.0.0.0/0', 'it allows every address, so the guardrail would deny nothing; list your networks'],
      ['::/0', 'it allows every address, so the guardrail would deny nothing; list your networks'],
      [' 203.0.113.0/24', 'remove the surrounding whitespace'],
    ])('rejects %j: %s', (cidr, hint) => {
      expect(checkCidrs('allowedCidrs', [cidr])).toEqual([
        `allowedCidrs[0] must be an IPv4 or IPv6 CIDR block (e.g. "203.0.113.0/24" or "2001:db8:1234::/48"), got ${JSON.stringify(cidr)}: ${hint}`,
      ]);
    });

    test('requires a non-empty list without duplicates', () => {
      expect(checkCidrs('allowedCidrs', undefined)).toEqual(['allowedCidrs is required: list the CIDR blocks requests may come from, e.g. ["203.0.113.0/24"]']);
      expect(checkCidrs('allowedCidrs', [])).toEqual(['allowedCidrs must not be empty: list the CIDR blocks requests may come from, e.g. ["203.0.113.0/24"]']);
      expect(checkCidrs('allowedCidrs', ['10.0.0.0/8', '10.0.0.0/8'])).toEqual(['allowedCidrs lists "10.0.0.0/8" more than once: remove the duplicates']);
    });

    test('lets tokens through, element and list', () => {
      expect(checkCidrs('allowedCidrs', [token, '10.0.0.0/8'])).toEqual([]);
      expect(checkCidrs('allowedCidrs', listToken)).toEqual([]);
    });
  });

  describe('checkVpcIds', () => {
    test('accepts 8- and 17-digit IDs and leaving the list out', () => {
      expect(checkVpcIds('allowedVpcIds', ['vpc-0a1b2c3d', 'vpc-0a1b2c3d4e5f67890'])).toEqual([]);
      expect(checkVpcIds('allowedVpcIds', undefined)).toEqual([]);
      expect(checkVpcIds('allowedVpcIds', [token])).toEqual([]);
    });

    test('rejects other strings, an empty list and duplicates', () => {
      expect(checkVpcIds('allowedVpcIds', ['vpc-XYZ'])).toEqual([
        'allowedVpcIds[0] must be a VPC ID "vpc-" and 8 or 17 lowercase hexadecimal digits (e.g. "vpc-0a1b2c3d4e5f67890"), got "vpc-XYZ": copy it from `aws ec2 describe-vpcs`',
      ]);
      expect(checkVpcIds('allowedVpcIds', [])).toEqual(['allowedVpcIds must not be empty: leave it out when no VPC is allowed']);
      expect(checkVpcIds('allowedVpcIds', ['vpc-0a1b2c3d', 'vpc-0a1b2c3d'])).toEqual(['allowedVpcIds lists "vpc-0a1b2c3d" more than once: remove the duplicates']);
    });
  });
});
