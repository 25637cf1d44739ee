import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ACCESS_LOG_BUCKET_REASON, skipCheckov, skipCheckovChecks } from '../../../src/core/private/checkov';
import { AuditTrail } from '../../../src/event-stream';

/** Unit tests of src/core/private/checkov.ts: the Metadata.checkov.skip entries checkov reads. */
describe('checkov', () => {
  function queue(): sqs.CfnQueue {
    return new sqs.Queue(new Stack(new App(), 'S'), 'Q').node.defaultChild as sqs.CfnQueue;
  }

  test('adds skips in order, replaces a second skip of the same check, and keeps other metadata', () => {
    const q = queue();
    q.addMetadata('checkov', { note: 'kept' });
    q.addMetadata('other', 1);
    skipCheckov(q, 'CKV_AWS_27', 'first');
    skipCheckovChecks(q, { CKV_AWS_1: 'one', CKV_AWS_27: 'replaced' });
    expect(q.getMetadata('checkov')).toEqual({ note: 'kept', skip: [{ id: 'CKV_AWS_1', comment: 'one' }, { id: 'CKV_AWS_27', comment: 'replaced' }] });
    expect(q.getMetadata('other')).toBe(1);
  });

  test('ACCESS_LOG_BUCKET_REASON is what AuditTrail writes on its access-log bucket', () => {
    const stack = new Stack(new App(), 'Trail');
    const trail = new AuditTrail(stack, 'Trail');
    const bucket = trail.accessLogsBucket.node.defaultChild as s3.CfnBucket;
    expect((bucket.getMetadata('checkov') as { skip: Array<{ id: string; comment: string }> }).skip)
      .toContainEqual({ id: 'CKV_AWS_18', comment: ACCESS_LOG_BUCKET_REASON });
  });
});
