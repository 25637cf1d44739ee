// A TypeScript CDK app that uses cdk-audit-baseline the way a user does:
// installed from the npm tarball, compiled with strict tsc, synthesized with
// the aws-cdk CLI (test/consumers/run.sh copies it outside the repository).
// With CAB_BAD_INPUT=1 it passes an account ID with dashes, which must fail
// `cdk synth` with the construct path.
import { App, Aws, Stack } from 'aws-cdk-lib';
import * as audit from 'cdk-audit-baseline';

const app = new App();
const stack = new Stack(app, 'Consumer');

const role: audit.ReadOnlyAuditRole = new audit.ReadOnlyAuditRole(stack, 'AuditRole', {
  trustedAccountId: process.env.CAB_BAD_INPUT === '1' ? '1111-2222-3333' : '111122223333',
  externalId: 'consumer-tenant-1234',
  permissions: [audit.AuditPermissions.BUDGETS_READ],
  handOffOutputs: true,
});

new audit.EventStreamRule(stack, 'EventStream', {
  queueArn: `arn:${Aws.PARTITION}:sqs:us-west-2:111122223333:vendor-events-queue`,
});

// The public attributes are typed for TypeScript users.
const arn: string = role.roleArn;
void arn;

app.synth();
