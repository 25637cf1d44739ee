import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { checkActions, checkResources } from '../../../src/guardrails/private/validate';

const token = new CfnParameter(new Stack(new App(), 'S'), 'P').valueAsString;

describe('validate', () => {
  describe('checkActions', () => {
    test.each([['s3:*'], ['s3:GetObject'], ['s3:Get*'], ['route53-recovery-cluster:Get?ontrol*']])('accepts %s', (a) => {
      expect(checkActions('actions', [a], true)).toEqual([]);
    });

    test('rejects a missing service prefix with the exact message', () => {
      expect(checkActions('actions', ['GetObject'], true)).toEqual([
        'actions[0] must be an IAM action "<service>:<action>" (wildcards * and ? allowed in the action) (e.g. "s3:GetObject"), got "GetObject": '
        + 'add the service prefix (e.g. "s3:"); check the spelling in the service authorization reference',
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

  // Principal ARN patterns, Sids and policy targets are core rules: their table tests are in
  // test/core/private/validators.test.ts (principalArnPattern, sid, validateOrgTarget).

  describe('checkResources', () => {
    test('accepts * and ARNs, rejects other strings and empty lists', () => {
      expect(checkResources('r', ['*', 'arn:aws:s3:::b/*'])).toEqual([]);
      expect(checkResources('r', ['bucket'])[0]).toMatch(/^r\[0\] must be "\*" or a resource ARN/);
      expect(checkResources('r', [])[0]).toMatch(/^r must not be empty/);
    });
  });
});
