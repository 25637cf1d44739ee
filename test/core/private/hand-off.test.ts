import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { defineHandOffOutputs } from '../../../src/core/private/hand-off';

/** Unit tests of src/core/private/hand-off.ts: the values a user pastes into a vendor console, as stack outputs. */
describe('hand-off', () => {
  test('defines one output per value under HandOff, with its description', () => {
    const stack = new Stack(new App(), 'S');
    const handOff = defineHandOffOutputs(stack, [
      { id: 'RoleArn', value: 'arn:aws:iam::111122223333:role/Audit', description: 'Vendor: IAM Role ARN' },
      { id: 'ExternalId', value: 'my-tenant-1234', description: 'Vendor: External ID' },
    ]);
    expect(handOff.node.path).toBe('S/HandOff');
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    expect(Object.values(outputs)).toEqual([
      { Description: 'Vendor: IAM Role ARN', Value: 'arn:aws:iam::111122223333:role/Audit' },
      { Description: 'Vendor: External ID', Value: 'my-tenant-1234' },
    ]);
  });

  test('refuses to print an access key secret, and defines no output then', () => {
    const stack = new Stack(new App(), 'S');
    const key = new iam.AccessKey(stack, 'Key', { user: new iam.User(stack, 'U') });
    expect(() => defineHandOffOutputs(stack, [
      { id: 'Id', value: key.accessKeyId, description: 'id' },
      { id: 'Secret', value: key.secretAccessKey.unsafeUnwrap(), description: 'secret' },
    ])).toThrow('S: hand-off output Secret would print an access key secret: secrets go to Secrets Manager only, output the secret\'s ARN instead');
    expect(stack.node.tryFindChild('HandOff')).toBeUndefined();
  });
});
