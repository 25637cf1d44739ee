import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { checkActions, checkPrincipalArnPatterns, checkResources, checkSid, checkTargetId } from '../../../src/guardrails/private/validate';

const token = new CfnParameter(new Stack(new App(), 'S'), 'P').valueAsString;

describe('validate', () => {
  describe('checkActions', () => {
    test.each([['s3:*'], ['s3:GetObject'], ['s3:Get*'], ['route53-recovery-cluster:Get?ontrol*']])('accepts %s', (a) => {
      expect(checkActions('actions', [a], true)).toEqual([]);
    });

    test('rejects a missing service prefix with the exact message', () => {
      expect(checkActions('actions', ['GetObject'], true)).toEqual([
        'actions[0] must be an IAM action "<service>:<action>" (wildcards * and ? allowed, e.g. "s3:*"), got "GetObject": check the spelling in the service authorization reference',
      ]);
    });

    test('rejects duplicates', () => {
      expect(checkActions('actions', ['s3:*', 's3:*'], true)).toEqual(['actions lists "s3:*" more than once: remove the duplicates']);
    });

    test('requires the list when asked to, and allows its absence otherwise', () => {
      expect(checkActions('actions', undefined, true)).toEqual(['actions is required: list the actions to deny, e.g. ["s3:*"]']);
      expect(checkActions('exemptActions', undefined, false)).toEqual([]);
    });

    test('lets a token through', () => {
      expect(checkActions('actions', [token], true)).toEqual([]);
    });
  });

  describe('checkPrincipalArnPatterns', () => {
    test.each([
      ['arn:aws:iam::123456789012:role/Admin'],
      ['arn:aws:iam::*:role/Admin'],
      ['arn:*:iam::*:role/stacksets-exec-*'],
      ['arn:aws-us-gov:iam::123456789012:user/ops'],
      ['arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*'],
    ])('accepts %s', (arn) => {
      expect(checkPrincipalArnPatterns('p', [arn])).toEqual([]);
    });

    test.each([['*'], ['arn:aws:s3:::bucket'], ['arn:aws:iam::12345:role/X'], ['role/Admin']])('rejects %s', (arn) => {
      expect(checkPrincipalArnPatterns('p', [arn])[0]).toMatch(/^p\[0\] must be an IAM principal ARN or pattern/);
    });

    test('lets a token through', () => {
      expect(checkPrincipalArnPatterns('p', [token])).toEqual([]);
    });
  });

  describe('checkSid', () => {
    test('accepts letters and digits, rejects the rest', () => {
      expect(checkSid('sid', 'Deny1')).toEqual([]);
      expect(checkSid('sid', 'Deny-1')).toEqual(['sid must be 1-100 letters or digits (IAM accepts nothing else in a Sid), got "Deny-1": remove spaces and punctuation']);
    });
  });

  describe('checkTargetId', () => {
    test.each([['r-ab12'], ['ou-ab12-11111111'], ['123456789012']])('accepts %s', (id) => {
      expect(checkTargetId('t', id)).toBeUndefined();
    });

    test('dispatches to the rule of the kind the prefix names', () => {
      expect(checkTargetId('t', 'r-A')).toMatch(/^t must be an organization root ID/);
      expect(checkTargetId('t', 'ou-x')).toMatch(/^t must be an organizational unit ID/);
      expect(checkTargetId('t', '1234')).toMatch(/^t must be a 12-digit AWS account ID/);
    });

    test('lets a token through', () => {
      expect(checkTargetId('t', token)).toBeUndefined();
    });
  });

  describe('checkResources', () => {
    test('accepts * and ARNs, rejects other strings and empty lists', () => {
      expect(checkResources('r', ['*', 'arn:aws:s3:::b/*'])).toEqual([]);
      expect(checkResources('r', ['bucket'])[0]).toMatch(/^r\[0\] must be "\*" or a resource ARN/);
      expect(checkResources('r', [])[0]).toMatch(/^r must not be empty/);
    });
  });
});
