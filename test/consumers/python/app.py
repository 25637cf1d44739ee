"""A Python CDK app that uses cdk-audit-baseline the way a user does.

test/consumers/run.sh installs the wheel into a fresh virtualenv outside the
repository and synthesizes this app with the aws-cdk CLI. With CAB_BAD_INPUT=1
it passes an account ID with dashes, which must fail `cdk synth` with the
construct path.
"""
import os

import aws_cdk as cdk
import cdk_audit_baseline as audit

app = cdk.App()
stack = cdk.Stack(app, "Consumer")

audit.ReadOnlyAuditRole(
    stack,
    "AuditRole",
    trusted_account_id="1111-2222-3333" if os.environ.get("CAB_BAD_INPUT") == "1" else "111122223333",
    external_id="consumer-tenant-1234",
    permissions=[audit.AuditPermissions.BUDGETS_READ],
    hand_off_outputs=True,
)

audit.EventStreamRule(
    stack,
    "EventStream",
    queue_arn=f"arn:{cdk.Aws.PARTITION}:sqs:us-west-2:111122223333:vendor-events-queue",
)

app.synth()
