import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AUDIT_POLICY_PATH, AUDIT_TAG_KEY, AUDIT_TAG_VALUE, markAuditSetup } from '../../../src/core/private/audit-tag';

/** Unit tests of src/core/private/audit-tag.ts: the tag and policy path the protectAuditSetup guardrail keys on. */
describe('audit-tag', () => {
  function marked(): { stack: Stack; inside: Construct } {
    const stack = new Stack(new App(), 'S');
    const inside = new Construct(stack, 'Audit');
    markAuditSetup(inside);
    return { stack, inside };
  }

  test('tags every taggable resource under the marked scope, and nothing outside it', () => {
    const { stack, inside } = marked();
    new sqs.Queue(inside, 'In');
    new sqs.Queue(stack, 'Out');
    const queues = Template.fromStack(stack).findResources('AWS::SQS::Queue');
    const tags = Object.fromEntries(Object.entries(queues).map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), r.Properties?.Tags ?? []]));
    expect(tags).toEqual({ AuditIn: [{ Key: AUDIT_TAG_KEY, Value: AUDIT_TAG_VALUE }], Out: [] });
  });

  test('moves managed policies at the root path under the audit path, and leaves a chosen path alone', () => {
    const { stack, inside } = marked();
    new iam.ManagedPolicy(inside, 'AtRoot', { statements: [new iam.PolicyStatement({ actions: ['sqs:GetQueueUrl'], resources: ['*'] })] });
    new iam.ManagedPolicy(inside, 'Chosen', { path: '/mine/', statements: [new iam.PolicyStatement({ actions: ['sqs:GetQueueUrl'], resources: ['*'] })] });
    new iam.ManagedPolicy(stack, 'Outside', { statements: [new iam.PolicyStatement({ actions: ['sqs:GetQueueUrl'], resources: ['*'] })] });
    const paths = Object.entries(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))
      .map(([id, r]) => `${id.replace(/[0-9A-F]{8}$/, '')}=${r.Properties.Path ?? '(none)'}`).sort();
    expect(paths).toEqual(['AuditAtRoot=/audit-baseline/', 'AuditChosen=/mine/', 'Outside=/']);
    expect(AUDIT_POLICY_PATH).toBe('/audit-baseline/');
  });
});
