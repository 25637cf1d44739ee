"""The Python binding of cdk-audit-baseline, used the way a Python CDK app uses it.

Built by jsii-pacmak from this repository (test/bindings/run.sh installs the
wheel); aws-cdk-lib comes from PyPI. Each test synthesizes a stack with
ReadOnlyAuditRole and asserts on the template with aws_cdk.assertions.
"""
import aws_cdk as cdk
import cdk_audit_baseline as audit
import pytest
from aws_cdk import assertions
from cab_templates import partition_free

VENDOR_ACCOUNT = "111122223333"
EXTERNAL_ID = "python-binding-ext-0123"


def synth_role(**props):
    app = cdk.App()
    stack = cdk.Stack(app, "PythonBinding")
    construct = audit.ReadOnlyAuditRole(stack, "AuditRole", **props)
    return stack, construct, assertions.Template.from_stack(stack)


def only_role(template):
    roles = template.find_resources("AWS::IAM::Role")
    assert len(roles) == 1, roles
    return partition_free(next(iter(roles.values()))["Properties"])


def test_trust_names_the_vendor_account_and_requires_the_external_id():
    _, _, template = synth_role(trusted_account_id=VENDOR_ACCOUNT, external_id=EXTERNAL_ID)
    statements = only_role(template)["AssumeRolePolicyDocument"]["Statement"]
    assert len(statements) == 1
    st = statements[0]
    assert st["Effect"] == "Allow"
    assert st["Action"] == "sts:AssumeRole"
    assert st["Principal"] == {"AWS": f"arn:aws:iam::{VENDOR_ACCOUNT}:root"}
    assert st["Condition"]["StringEquals"]["sts:ExternalId"] == EXTERNAL_ID


def test_role_carries_the_security_audit_managed_policy():
    _, _, template = synth_role(trusted_account_id=VENDOR_ACCOUNT, external_id=EXTERNAL_ID)
    assert "arn:aws:iam::aws:policy/SecurityAudit" in only_role(template)["ManagedPolicyArns"]


def test_construct_exposes_role_and_role_arn():
    stack, construct, _ = synth_role(trusted_account_id=VENDOR_ACCOUNT, external_id=EXTERNAL_ID)
    assert cdk.Token.is_unresolved(construct.role_arn)
    assert stack.resolve(construct.role_arn) == stack.resolve(construct.role.role_arn)


def test_invalid_external_id_fails_at_synth_with_the_construct_path():
    with pytest.raises(Exception, match="PythonBinding/AuditRole"):
        synth_role(trusted_account_id=VENDOR_ACCOUNT, external_id="has spaces, not allowed")
