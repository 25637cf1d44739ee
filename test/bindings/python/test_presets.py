"""The vendor presets (issue 7) through the Python binding, used the way a Python CDK app uses them.

What jsii must marshal here and ReadOnlyAuditRole does not exercise: a
Stage subclass defined directly in an App (AriaSecureCloudsOnboarding), a map
prop keyed by account ID (account_external_ids), the union-like class
SkyhighNrtMode (static factories whose struct options become keyword
arguments) with its enum SkyhighNrtAccountRole, the enum-like class
AuditedServices (a variadic static factory), optional properties that are
None, and synth-time errors thrown in TypeScript, which must reach Python
as RuntimeError with their message. The TypeScript tests in test/presets/
prove the behaviour; these prove a Python app gets the same.
"""
import json

import aws_cdk as cdk
import cdk_audit_baseline as audit
import pytest
from aws_cdk import assertions
from cab_templates import partition_free
from jsii.errors import JavaScriptError

VENDOR = "111122223333"
ACCOUNT = "123456789012"  # the management account, where the account stack deploys
MEMBER = "444455556666"
OTHER_MEMBER = "777788889999"
CENTRAL = "999988887777"
ORG = "o-a1b2c3d4e5"
QUEUE_ACCOUNT = "910887748405"
EXTERNAL_ID = "my-tenant-1234"
# the management account and two members have their own external ID.
ACCOUNT_EXTERNAL_IDS = {
    ACCOUNT: "tenant-mgmt-0002",
    MEMBER: "tenant-member-0001",
    OTHER_MEMBER: "tenant-other-0003",
}
REGIONS = ["us-east-1", "eu-west-1"]


def resources(template, type_):
    """{logical id: properties} of every resource of type_, partition-free."""
    return {
        rid: partition_free(r.get("Properties", {}))
        for rid, r in template["Resources"].items()
        if r["Type"] == type_
    }


def only(template, type_):
    found = resources(template, type_)
    assert len(found) == 1, f"expected one {type_}: {list(found)}"
    return next(iter(found.values()))


def outputs_by_description(template):
    return {o["Description"]: o["Value"] for o in template.get("Outputs", {}).values()}


def template_of(stack):
    return assertions.Template.from_stack(stack).to_json()


def concrete_stack(account, stack_id="PythonPresets"):
    return cdk.Stack(cdk.App(), stack_id, env=cdk.Environment(account=account, region="us-east-1"))


# --- AriaSecureCloudsOnboarding: organization and central mode ----------------


def onboard(app=None, **overrides):
    props = dict(
        vendor_account_id=VENDOR,
        external_id=EXTERNAL_ID,
        account=ACCOUNT,
        account_external_ids=ACCOUNT_EXTERNAL_IDS,
        organizational_unit_ids=["r-ab12"],
        event_stream_regions=REGIONS,
        event_queue_account_id=QUEUE_ACCOUNT,
        central_event_account_id=CENTRAL,
        organization_id=ORG,
    )
    props.update(overrides)
    return audit.AriaSecureCloudsOnboarding(app or cdk.App(), "Aria", **props)


@pytest.fixture(scope="module")
def aria_app():
    app = cdk.App()
    return app, onboard(app)


def stack_set(template, name):
    sets = [p for p in resources(template, "AWS::CloudFormation::StackSet").values() if p["StackSetName"] == name]
    assert len(sets) == 1, [p["StackSetName"] for p in resources(template, "AWS::CloudFormation::StackSet").values()]
    return sets[0]


def test_aria_in_an_app_defines_the_account_central_and_forwarder_stacks(aria_app):
    # the stream runs in the central account, the account stack's account forwards to it.
    app, aria = aria_app
    assert [(s.stack_name, s.account, s.region) for s in aria.stacks] == [
        ("Aria", ACCOUNT, "us-east-1"),
        ("Aria-event-stream-us-east-1", CENTRAL, "us-east-1"),
        ("Aria-event-stream-eu-west-1", CENTRAL, "eu-west-1"),
        ("Aria-event-forwarder-us-east-1", ACCOUNT, "us-east-1"),
        ("Aria-event-forwarder-eu-west-1", ACCOUNT, "eu-west-1"),
    ]
    assert aria.account_stack.stack_name == "Aria"
    assert cdk.App.is_app(aria.node.scope)
    assert aria.node.path == "Aria"
    # A Stage: the App synthesizes its stacks into the preset's nested cloud assembly.
    assert cdk.Stage.is_stage(aria)
    app.synth()
    assert sorted(a.stack_name for a in aria.synth().stacks) == sorted(s.stack_name for s in aria.stacks)


def test_aria_member_role_stack_set_picks_the_external_id_by_account(aria_app):
    # one member template, a flat lookup: Fn::Select 0 of the split of a join of one
    # Fn::If per listed account on AWS::AccountId ("<value>|" or ""), the default last.
    _, aria = aria_app
    role_set = stack_set(template_of(aria.account_stack), "Aria-read-only-role")
    assert role_set["PermissionModel"] == "SERVICE_MANAGED"
    assert role_set["StackInstancesGroup"][0]["DeploymentTargets"] == {"OrganizationalUnitIds": ["r-ab12"]}
    body = json.loads(role_set["TemplateBody"])
    trust = only(body, "AWS::IAM::Role")["AssumeRolePolicyDocument"]["Statement"]
    assert len(trust) == 1
    assert trust[0]["Principal"] == {"AWS": f"arn:aws:iam::{VENDOR}:root"}

    chosen = trust[0]["Condition"]["StringEquals"]["sts:ExternalId"]
    index, split = chosen["Fn::Select"]
    assert index == 0
    separator, joined = split["Fn::Split"]
    assert separator == "|"
    delimiter, parts = joined["Fn::Join"]
    assert delimiter == ""
    *picks, default = parts
    listed = []
    for pick in picks:
        condition, value, otherwise = pick["Fn::If"]
        account_ref, account = body["Conditions"][condition]["Fn::Equals"]
        assert account_ref == {"Ref": "AWS::AccountId"}
        assert value.endswith("|") and otherwise == ""
        listed.append((account, value[:-1]))
    assert listed == sorted(ACCOUNT_EXTERNAL_IDS.items())
    assert default == EXTERNAL_ID


def test_aria_management_account_gets_its_listed_value_as_a_literal(aria_app):
    # The account stack's account is known at synth: no condition, its own value in trust and output.
    _, aria = aria_app
    template = template_of(aria.account_stack)
    assert "Conditions" not in template
    role = only(template, "AWS::IAM::Role")
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Condition"] == {
        "StringEquals": {"sts:ExternalId": ACCOUNT_EXTERNAL_IDS[ACCOUNT]}
    }
    outputs = outputs_by_description(template)
    assert outputs["VMware Aria Automation for Secure Clouds: External ID in the role's trust"] == ACCOUNT_EXTERNAL_IDS[ACCOUNT]


def test_aria_central_stacks_have_the_cloudcoreo_events_topic_and_admit_the_organization(aria_app):
    #
    _, aria = aria_app
    assert len(aria.event_streams) == 2
    for stream in aria.event_streams:
        stack = cdk.Stack.of(stream)
        assert stack.account == CENTRAL
        template = template_of(stack)
        assert only(template, "AWS::SNS::Topic")["TopicName"] == "cloudcoreo-events"
        subscription = only(template, "AWS::SNS::Subscription")
        assert subscription["Protocol"] == "sqs"
        assert subscription["Endpoint"] == f"arn:aws:sqs:us-west-2:{QUEUE_ACCOUNT}:cloudcoreo-events-queue"
        bus = only(template, "AWS::Events::EventBusPolicy")["Statement"]
        assert bus["Condition"] == {"StringEquals": {"aws:PrincipalOrgID": ORG}}


def test_aria_forwarders_send_to_the_central_bus_and_run_no_topic(aria_app):
    _, aria = aria_app
    assert len(aria.event_forwarders) == 2
    for forwarder in aria.event_forwarders:
        stack = cdk.Stack.of(forwarder)
        template = template_of(stack)
        assert resources(template, "AWS::SNS::Topic") == {}
        targets = only(template, "AWS::Events::Rule")["Targets"]
        assert [t["Arn"] for t in targets] == [f"arn:aws:events:{stack.region}:{CENTRAL}:event-bus/default"]


def test_aria_bad_account_key_raises_with_the_prop_the_value_and_the_fix():
    with pytest.raises(RuntimeError) as raised:
        onboard(account_external_ids={"4444-5555-6666": "tenant-member-0001"})
    message = str(raised.value)
    # The construct path, the prop (its TypeScript name), the bad value and the fix.
    assert message.startswith("Aria/Account/ReadOnlyRole: "), message
    assert 'accountExternalIds key "4444-5555-6666" must be a 12-digit AWS account ID' in message
    assert 'got "4444-5555-6666"' in message
    assert "remove the dashes and spaces" in message
    # A JavaScript error of the library, not a fault of the jsii kernel (JSIIError).
    assert isinstance(raised.value.__cause__, JavaScriptError)
    assert "AuditBaselineError" in raised.value.__cause__.stack


def test_aria_problems_of_several_props_reach_python_in_one_error():
    with pytest.raises(RuntimeError) as raised:
        onboard(organization_id=None, central_event_account_id="9999-8888-7777")
    message = str(raised.value)
    assert message.startswith("Aria: "), message
    assert 'centralEventAccountId must be a 12-digit AWS account ID (e.g. "123456789012"), got "9999-8888-7777"' in message
    assert "centralEventAccountId with organizationalUnitIds needs organizationId" in message


# --- SkyhighNrtConfigAudit ------------------------------------------------------

RECEIVER = ACCOUNT
PUBLISHER = MEMBER
EXECUTION_ROLE = "AWSCloudFormationStackSetExecutionRole"
EXECUTION_POLICY = "AWSCloudFormationStackSetExecutionRolePolicy"
ADMIN_ROLE = "AWSCloudFormationStackSetAdministrationRole"


def nrt_publisher(**props):
    stack = concrete_stack(PUBLISHER)
    nrt = audit.SkyhighNrtConfigAudit(
        stack, "Nrt", mode=audit.SkyhighNrtMode.publisher(receiver_account_id=RECEIVER), **props
    )
    return nrt, template_of(stack)


def test_skyhigh_publisher_defines_only_the_execution_role_trusted_by_the_receiver():
    # the publisher variant of the execution policy, the receiver account in the trust.
    nrt, template = nrt_publisher()
    assert nrt.receiver_account_id == RECEIVER
    assert [r["RoleName"] for r in resources(template, "AWS::IAM::Role").values()] == [EXECUTION_ROLE]
    policy = only(template, "AWS::IAM::ManagedPolicy")
    assert policy["ManagedPolicyName"] == EXECUTION_POLICY
    [statement] = policy["PolicyDocument"]["Statement"]
    assert statement["Sid"] == "VisualEditor0"
    assert statement["Resource"] == "*"
    assert len(statement["Action"]) == 18
    trust = only(template, "AWS::IAM::Role")["AssumeRolePolicyDocument"]["Statement"]
    assert {"AWS": f"arn:aws:iam::{RECEIVER}:root"} in [s["Principal"] for s in trust]
    assert resources(template, "AWS::CloudFormation::StackSet") == {}
    outputs = outputs_by_description(template)
    assert outputs["Skyhigh NRT: the receiver AWS account to select in Real-Time Monitoring"] == RECEIVER
    # Optional properties of another account role come back as None.
    assert nrt.admin_role is None
    assert nrt.receiver_policies is None
    assert nrt.publisher is None


def test_skyhigh_publisher_self_provisioned_gets_the_template_permissions_and_a_narrowed_trust():
    # a second policy sized from the publisher template; A-28: trust narrowed to the admin role by default.
    nrt, template = nrt_publisher(self_provisioned=True)
    policies = list(resources(template, "AWS::IAM::ManagedPolicy").values())
    # The template-derived permissions come with the boundary their template roles must carry.
    assert sorted(p.get("ManagedPolicyName", "<generated>") for p in policies) == ["<generated>", EXECUTION_POLICY, "AuditBaselineStackSetBoundary"]
    derived = next(p for p in policies if "ManagedPolicyName" not in p)
    actions = {a for s in derived["PolicyDocument"]["Statement"] for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])}
    assert {"events:PutRule", "events:PutTargets", "iam:CreateRole", "iam:PassRole", "sqs:CreateQueue"} <= actions
    trust = only(template, "AWS::IAM::Role")["AssumeRolePolicyDocument"]["Statement"]
    receiver_trust = next(s for s in trust if s["Principal"] == {"AWS": f"arn:aws:iam::{RECEIVER}:root"})
    assert receiver_trust["Condition"] == {"ArnEquals": {"aws:PrincipalArn": f"arn:aws:iam::{RECEIVER}:role/{ADMIN_ROLE}"}}
    # The receiver's StackSet deploys the publisher template: none here.
    assert resources(template, "AWS::CloudFormation::StackSet") == {}
    assert nrt.publisher is not None
    assert nrt.receiver is None
    assert nrt.publisher_rules_rollout is None


def test_skyhigh_receiver_self_provisioned_deploys_the_receiver_with_the_chosen_services():
    # AuditedServices.of(...) narrows the rule of the receiver template.
    stack = concrete_stack(RECEIVER)
    nrt = audit.SkyhighNrtConfigAudit(
        stack, "Nrt",
        mode=audit.SkyhighNrtMode.receiver_and_publisher(
            services=audit.AuditedServices.of(audit.AuditedService.IAM, audit.AuditedService.S3),
        ),
        self_provisioned=True,
        regions=REGIONS,
    )
    template = template_of(stack)
    names = sorted(r["RoleName"] for r in resources(template, "AWS::IAM::Role").values())
    assert names == [ADMIN_ROLE, EXECUTION_ROLE]
    [rollout] = resources(template, "AWS::CloudFormation::StackSet").values()
    assert rollout["PermissionModel"] == "SELF_MANAGED"
    assert rollout["ExecutionRoleName"] == EXECUTION_ROLE
    assert rollout["StackInstancesGroup"] == [{"DeploymentTargets": {"Accounts": [RECEIVER]}, "Regions": REGIONS}]
    body = json.loads(rollout["TemplateBody"])
    pattern = only(body, "AWS::Events::Rule")["EventPattern"]
    assert pattern["detail"]["eventSource"] == ["iam.amazonaws.com", "s3.amazonaws.com"]
    queues = [r for r in body["Resources"].values() if r["Type"] == "AWS::SQS::Queue"]
    assert len(queues) == 2
    assert all(q["DeletionPolicy"] == "Retain" for q in queues)
    assert nrt.receiver is not None
    assert nrt.receiver_queues_rollout is not None
    outputs = outputs_by_description(template)
    assert outputs["Skyhigh NRT: the regions to select for monitoring"] == "us-east-1,eu-west-1"


def test_skyhigh_modes_say_what_the_account_is():
    assert audit.SkyhighNrtMode.receiver_and_publisher().account_role == audit.SkyhighNrtAccountRole.RECEIVER_AND_PUBLISHER
    assert audit.SkyhighNrtMode.receiver().account_role == audit.SkyhighNrtAccountRole.RECEIVER
    assert audit.SkyhighNrtMode.publisher(receiver_account_id=RECEIVER).account_role == audit.SkyhighNrtAccountRole.PUBLISHER
    organization = audit.SkyhighNrtMode.organization_publisher(receiver_account_id=RECEIVER, organizational_unit_ids=["r-ab12"])
    assert organization.account_role == audit.SkyhighNrtAccountRole.PUBLISHER
    assert audit.SkyhighNrtMode.is_skyhigh_nrt_mode(organization)


def test_skyhigh_organization_publisher_gives_member_accounts_the_publisher_role():
    stack = concrete_stack(PUBLISHER)
    nrt = audit.SkyhighNrtConfigAudit(stack, "Nrt", mode=audit.SkyhighNrtMode.organization_publisher(
        receiver_account_id=RECEIVER, organizational_unit_ids=["r-ab12"], stack_set_region="eu-west-1",
    ))
    [rollout] = resources(template_of(stack), "AWS::CloudFormation::StackSet").values()
    assert rollout["PermissionModel"] == "SERVICE_MANAGED"
    assert rollout["StackInstancesGroup"][0]["Regions"] == ["eu-west-1"]
    assert nrt.member_execution_role is not None


def test_skyhigh_publisher_without_receiver_account_id_is_a_type_error():
    # The factory's struct makes receiverAccountId a required keyword argument.
    with pytest.raises(TypeError):
        audit.SkyhighNrtMode.publisher()


def test_skyhigh_publisher_naming_its_own_account_as_the_receiver_raises():
    stack = concrete_stack(PUBLISHER)
    with pytest.raises(RuntimeError, match=rf"^PythonPresets/Nrt: mode.receiverAccountId {PUBLISHER} is this stack's account: use SkyhighNrtMode.receiverAndPublisher\(\)"):
        audit.SkyhighNrtConfigAudit(stack, "Nrt", mode=audit.SkyhighNrtMode.publisher(receiver_account_id=PUBLISHER))


# --- SkyFormationConnector --------------------------------------------------------

SKYFORMATION_MANAGED_POLICIES = [
    # R-204; deviation 1: AWSCloudTrail_ReadOnlyAccess replaces the retired name.
    "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess",
    "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
    "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess",
    "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess",
    "arn:aws:iam::aws:policy/AmazonGuardDutyReadOnlyAccess",
]


@pytest.fixture(scope="module")
def sky_formation():
    stack = concrete_stack(ACCOUNT)
    connector = audit.SkyFormationConnector(stack, "SkyFormation", connector_user_name="skyformation-connector", shield=True)
    return stack, connector, template_of(stack)


def test_sky_formation_role_has_the_guide_managed_policies_and_shield(sky_formation):
    #
    _, _, template = sky_formation
    role = only(template, "AWS::IAM::Role")
    assert role["ManagedPolicyArns"] == SKYFORMATION_MANAGED_POLICIES
    statements = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
    assert statements == [{"Sid": "ShieldAttacks", "Effect": "Allow", "Action": "shield:ListAttacks", "Resource": "*"}]
    assert only(template, "AWS::IAM::User")["UserName"] == "skyformation-connector"


def test_sky_formation_hand_off_outputs_fill_the_connector_form(sky_formation):
    # deviation 6: the key only in the secret.
    stack, connector, template = sky_formation
    assert [c.node.id for c in connector.node.find_child("HandOff").node.children] == [
        "AccountId", "RoleArn", "RoleSessionName", "Region", "AccessKeyId", "SecretArn",
    ]
    outputs = outputs_by_description(template)
    role_id = next(iter(resources(template, "AWS::IAM::Role")))
    secret_id = next(iter(resources(template, "AWS::SecretsManager::Secret")))
    assert outputs["SkyFormation connector form: Account ID"] == ACCOUNT
    assert outputs["SkyFormation connector form: Role ARN"] == {"Fn::GetAtt": [role_id, "Arn"]}
    assert outputs["SkyFormation connector form: Role session name"] == "SkyFormation"
    assert outputs["SkyFormation connector form: Region (where the CloudTrail trail is configured)"] == "us-east-1"
    assert outputs[
        "SkyFormation connector form: Secret-Key is in this secret (aws secretsmanager get-secret-value --secret-id <ARN>)"
    ] == {"Ref": secret_id}
    assert "SecretAccessKey" not in json.dumps(template.get("Outputs"))
    assert stack.resolve(connector.role_arn) == {"Fn::GetAtt": [role_id, "Arn"]}
    assert connector.trail_region == "us-east-1"
