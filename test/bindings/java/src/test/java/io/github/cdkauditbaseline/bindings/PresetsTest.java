package io.github.cdkauditbaseline.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkauditbaseline.AriaSecureCloudsOnboarding;
import io.github.cdkauditbaseline.AuditedService;
import io.github.cdkauditbaseline.AuditedServices;
import io.github.cdkauditbaseline.EventForwarder;
import io.github.cdkauditbaseline.EventStreamRule;
import io.github.cdkauditbaseline.SkyFormationConnector;
import io.github.cdkauditbaseline.SkyhighNrtAccountRole;
import io.github.cdkauditbaseline.SkyhighNrtConfigAudit;
import io.github.cdkauditbaseline.SkyhighNrtMode;
import io.github.cdkauditbaseline.SkyhighNrtOrganizationPublisherOptions;
import io.github.cdkauditbaseline.SkyhighNrtPublisherOptions;
import io.github.cdkauditbaseline.SkyhighNrtReceiverOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.jsii.JsiiError;
import software.constructs.IConstruct;

/**
 * The vendor presets (issue 7) through the Java binding, used the way a Java
 * CDK app uses them: the jar built by jsii-pacmak, aws-cdk-lib from Maven
 * Central. What jsii must marshal here and ReadOnlyAuditRole does not
 * exercise: a Stage subclass defined directly in an App, a
 * {@code Map<String, String>} prop keyed by account ID, the union-like class
 * SkyhighNrtMode (static factories taking option structs, one an optional
 * parameter) with its enum SkyhighNrtAccountRole, the enum-like class
 * AuditedServices (a variadic
 * static factory), optional properties that are null, and synth-time errors
 * thrown in TypeScript, which must reach Java with their message.
 * The TypeScript tests in test/presets/ prove the behaviour; these prove a
 * Java app gets the same.
 */
class PresetsTest {
    private static final String VENDOR = "111122223333";
    /** The management account, where the account stack deploys. */
    private static final String ACCOUNT = "123456789012";
    private static final String MEMBER = "444455556666";
    private static final String OTHER_MEMBER = "777788889999";
    private static final String CENTRAL = "999988887777";
    private static final String ORG = "o-a1b2c3d4e5";
    private static final String QUEUE_ACCOUNT = "910887748405";
    private static final String EXTERNAL_ID = "my-tenant-1234";
    /** the management account and two members have their own external ID. */
    private static final Map<String, String> ACCOUNT_EXTERNAL_IDS = Map.of(
            ACCOUNT, "tenant-mgmt-0002",
            MEMBER, "tenant-member-0001",
            OTHER_MEMBER, "tenant-other-0003");
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    // --- helpers ---------------------------------------------------------------

    private static Map<String, Object> templateOf(Stack stack) {
        return Template.fromStack(stack).toJSON();
    }

    /** {logical id: properties} of every resource of the type, partition-free. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(Map<String, Object> template, String type) {
        Map<String, Map<String, Object>> found = new TreeMap<>();
        ((Map<String, Map<String, Object>>) template.get("Resources")).forEach((id, r) -> {
            if (type.equals(r.get("Type"))) {
                Object props = r.get("Properties");
                found.put(id, (Map<String, Object>) Templates.partitionFree(props == null ? Map.of() : props));
            }
        });
        return found;
    }

    private static Map<String, Object> only(Map<String, Object> template, String type) {
        Map<String, Map<String, Object>> found = resources(template, type);
        assertEquals(1, found.size(), "expected one " + type + ": " + found.keySet());
        return found.values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputsByDescription(Map<String, Object> template) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Map<String, Object>> outputs = (Map<String, Map<String, Object>>) template.getOrDefault("Outputs", Map.of());
        outputs.values().forEach(o -> out.put((String) o.get("Description"), o.get("Value")));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object value, Object... path) {
        Object v = value;
        for (Object key : path) {
            v = key instanceof Integer i ? ((List<Object>) v).get(i) : ((Map<String, Object>) v).get(key);
        }
        return (T) v;
    }

    private static Stack concreteStack(String account) {
        return new Stack(new App(), "JavaPresets", StackProps.builder()
                .env(Environment.builder().account(account).region("us-east-1").build())
                .build());
    }

    /**
     * The message of the error a constructor throws, after checking it is the library's error as jsii delivers it.
     *
     * A Java app catches it as RuntimeException. Its class is JsiiError: the
     * jsii kernel (jsii-runtime 1.140) wraps errors of method calls and
     * property reads as "@jsii/kernel.RuntimeError", which Java delivers as a
     * plain RuntimeException, but passes an error thrown by a constructor on
     * with its own name ("AuditBaselineError"), and the Java runtime delivers
     * every name but "@jsii/kernel.RuntimeError" as JsiiError. (Python maps
     * the other way round: everything but a kernel fault is RuntimeError.)
     */
    private static String constructorError(Runnable action) {
        RuntimeException e = assertThrows(RuntimeException.class, action::run);
        assertEquals(JsiiError.class, e.getClass(), e.toString());
        // The message is the error's, then its JavaScript stack, which names the library's error class.
        assertTrue(e.getMessage().contains("\nAuditBaselineError: "), e.getMessage());
        return e.getMessage();
    }

    // --- AriaSecureCloudsOnboarding: organization and central mode ---------------

    private static AriaSecureCloudsOnboarding onboard(App app, Consumer<AriaSecureCloudsOnboarding.Builder> overrides) {
        AriaSecureCloudsOnboarding.Builder builder = AriaSecureCloudsOnboarding.Builder.create(app, "Aria")
                .vendorAccountId(VENDOR)
                .externalId(EXTERNAL_ID)
                .account(ACCOUNT)
                .accountExternalIds(ACCOUNT_EXTERNAL_IDS)
                .organizationalUnitIds(List.of("r-ab12"))
                .eventStreamRegions(REGIONS)
                .eventQueueAccountId(QUEUE_ACCOUNT)
                .centralEventAccountId(CENTRAL)
                .organizationId(ORG);
        overrides.accept(builder);
        return builder.build();
    }

    private static Map<String, Object> stackSet(Map<String, Object> template, String name) {
        List<Map<String, Object>> sets = resources(template, "AWS::CloudFormation::StackSet").values().stream()
                .filter(p -> name.equals(p.get("StackSetName")))
                .collect(Collectors.toList());
        assertEquals(1, sets.size(), "StackSets named " + name);
        return sets.get(0);
    }

    @Test
    void ariaInAnAppDefinesTheAccountCentralAndForwarderStacks() {
        // the stream runs in the central account, the account stack's account forwards to it.
        App app = new App();
        AriaSecureCloudsOnboarding aria = onboard(app, b -> { });
        assertEquals(List.of(
                List.of("Aria", ACCOUNT, "us-east-1"),
                List.of("Aria-event-stream-us-east-1", CENTRAL, "us-east-1"),
                List.of("Aria-event-stream-eu-west-1", CENTRAL, "eu-west-1"),
                List.of("Aria-event-forwarder-us-east-1", ACCOUNT, "us-east-1"),
                List.of("Aria-event-forwarder-eu-west-1", ACCOUNT, "eu-west-1")),
                aria.getStacks().stream().map(s -> List.of(s.getStackName(), s.getAccount(), s.getRegion())).collect(Collectors.toList()));
        assertEquals("Aria", aria.getAccountStack().getStackName());
        assertTrue(App.isApp(aria.getNode().getScope()));
        // A Stage: the App synthesizes its stacks into the preset's nested cloud assembly.
        assertTrue(Stage.isStage(aria));
        app.synth();
        CloudAssembly assembly = aria.synth();
        assertEquals(
                aria.getStacks().stream().map(Stack::getStackName).sorted().collect(Collectors.toList()),
                assembly.getStacks().stream().map(CloudFormationStackArtifact::getStackName).sorted().collect(Collectors.toList()));
    }

    @Test
    void ariaMemberRoleStackSetPicksTheExternalIdByAccount() {
        // one member template, a flat lookup: Fn::Select 0 of the split of a join of one
        // Fn::If per listed account on AWS::AccountId ("<value>|" or ""), the default last.
        AriaSecureCloudsOnboarding aria = onboard(new App(), b -> { });
        Map<String, Object> roleSet = stackSet(templateOf(aria.getAccountStack()), "Aria-read-only-role");
        assertEquals("SERVICE_MANAGED", roleSet.get("PermissionModel"));
        assertEquals(Map.of("OrganizationalUnitIds", List.of("r-ab12")), at(roleSet, "StackInstancesGroup", 0, "DeploymentTargets"));

        Map<String, Object> body = Template.fromString((String) roleSet.get("TemplateBody")).toJSON();
        List<Object> trust = at(only(body, "AWS::IAM::Role"), "AssumeRolePolicyDocument", "Statement");
        assertEquals(1, trust.size());
        assertEquals(Map.of("AWS", "arn:aws:iam::" + VENDOR + ":root"), at(trust, 0, "Principal"));

        Object chosen = at(trust, 0, "Condition", "StringEquals", "sts:ExternalId");
        List<Object> select = at(chosen, "Fn::Select");
        assertEquals(0, ((Number) select.get(0)).intValue());
        List<Object> split = at(select.get(1), "Fn::Split");
        assertEquals("|", split.get(0));
        List<Object> join = at(split.get(1), "Fn::Join");
        assertEquals("", join.get(0));
        List<Object> parts = at(join, 1);
        Map<String, String> listed = new LinkedHashMap<>();
        for (Object pick : parts.subList(0, parts.size() - 1)) {
            List<Object> ifs = at(pick, "Fn::If");
            List<Object> equals = at(body, "Conditions", ifs.get(0), "Fn::Equals");
            assertEquals(Map.of("Ref", "AWS::AccountId"), equals.get(0));
            String value = (String) ifs.get(1);
            assertTrue(value.endsWith("|"));
            assertEquals("", ifs.get(2));
            listed.put((String) equals.get(1), value.substring(0, value.length() - 1));
        }
        // Sorted by account, so the template is stable.
        assertEquals(new ArrayList<>(new TreeMap<>(ACCOUNT_EXTERNAL_IDS).entrySet()), new ArrayList<>(listed.entrySet()));
        assertEquals(EXTERNAL_ID, parts.get(parts.size() - 1));
    }

    @Test
    void ariaManagementAccountGetsItsListedValueAsALiteral() {
        // The account stack's account is known at synth: no condition, its own value in trust and output.
        AriaSecureCloudsOnboarding aria = onboard(new App(), b -> { });
        Map<String, Object> template = templateOf(aria.getAccountStack());
        assertFalse(template.containsKey("Conditions"));
        assertEquals(Map.of("StringEquals", Map.of("sts:ExternalId", ACCOUNT_EXTERNAL_IDS.get(ACCOUNT))),
                at(only(template, "AWS::IAM::Role"), "AssumeRolePolicyDocument", "Statement", 0, "Condition"));
        assertEquals(ACCOUNT_EXTERNAL_IDS.get(ACCOUNT),
                outputsByDescription(template).get("VMware Aria Automation for Secure Clouds: External ID in the role's trust"));
    }

    @Test
    void ariaCentralStacksHaveTheCloudcoreoEventsTopicAndAdmitTheOrganization() {
        //
        AriaSecureCloudsOnboarding aria = onboard(new App(), b -> { });
        assertEquals(2, aria.getEventStreams().size());
        for (EventStreamRule stream : aria.getEventStreams()) {
            Stack stack = Stack.of(stream);
            assertEquals(CENTRAL, stack.getAccount());
            Map<String, Object> template = templateOf(stack);
            assertEquals("cloudcoreo-events", only(template, "AWS::SNS::Topic").get("TopicName"));
            Map<String, Object> subscription = only(template, "AWS::SNS::Subscription");
            assertEquals("sqs", subscription.get("Protocol"));
            assertEquals("arn:aws:sqs:us-west-2:" + QUEUE_ACCOUNT + ":cloudcoreo-events-queue", subscription.get("Endpoint"));
            assertEquals(Map.of("StringEquals", Map.of("aws:PrincipalOrgID", ORG)),
                    at(only(template, "AWS::Events::EventBusPolicy"), "Statement", "Condition"));
        }
    }

    @Test
    void ariaForwardersSendToTheCentralBusAndRunNoTopic() {
        AriaSecureCloudsOnboarding aria = onboard(new App(), b -> { });
        assertEquals(2, aria.getEventForwarders().size());
        for (EventForwarder forwarder : aria.getEventForwarders()) {
            Stack stack = Stack.of(forwarder);
            Map<String, Object> template = templateOf(stack);
            assertTrue(resources(template, "AWS::SNS::Topic").isEmpty());
            List<Map<String, Object>> targets = at(only(template, "AWS::Events::Rule"), "Targets");
            assertEquals(List.of("arn:aws:events:" + stack.getRegion() + ":" + CENTRAL + ":event-bus/default"),
                    targets.stream().map(t -> t.get("Arn")).collect(Collectors.toList()));
        }
    }

    @Test
    void ariaBadAccountKeyThrowsWithThePropTheValueAndTheFix() {
        String message = constructorError(() -> onboard(new App(), b -> b.accountExternalIds(Map.of("4444-5555-6666", "tenant-member-0001"))));
        // The construct path, the prop (its TypeScript name), the bad value and the fix.
        assertTrue(message.startsWith("Aria/Account/ReadOnlyRole: "), message);
        assertTrue(message.contains("accountExternalIds key \"4444-5555-6666\" must be a 12-digit AWS account ID"), message);
        assertTrue(message.contains("got \"4444-5555-6666\""), message);
        assertTrue(message.contains("remove the dashes and spaces"), message);
    }

    @Test
    void ariaProblemsOfSeveralPropsReachJavaInOneError() {
        String message = constructorError(() -> onboard(new App(), b -> b.organizationId(null).centralEventAccountId("9999-8888-7777")));
        assertTrue(message.startsWith("Aria: "), message);
        assertTrue(message.contains("centralEventAccountId must be a 12-digit AWS account ID (e.g. \"123456789012\"), got \"9999-8888-7777\""), message);
        assertTrue(message.contains("centralEventAccountId with organizationalUnitIds needs organizationId"), message);
    }

    // --- SkyhighNrtConfigAudit ------------------------------------------------------

    private static final String RECEIVER = ACCOUNT;
    private static final String PUBLISHER = MEMBER;
    private static final String EXECUTION_ROLE = "AWSCloudFormationStackSetExecutionRole";
    private static final String EXECUTION_POLICY = "AWSCloudFormationStackSetExecutionRolePolicy";
    private static final String ADMIN_ROLE = "AWSCloudFormationStackSetAdministrationRole";

    private record Nrt(SkyhighNrtConfigAudit nrt, Map<String, Object> template) {}

    private static Nrt nrtPublisher(boolean selfProvisioned) {
        Stack stack = concreteStack(PUBLISHER);
        SkyhighNrtConfigAudit nrt = SkyhighNrtConfigAudit.Builder.create(stack, "Nrt")
                .mode(SkyhighNrtMode.publisher(SkyhighNrtPublisherOptions.builder().receiverAccountId(RECEIVER).build()))
                .selfProvisioned(selfProvisioned)
                .build();
        return new Nrt(nrt, templateOf(stack));
    }

    @Test
    void skyhighPublisherDefinesOnlyTheExecutionRoleTrustedByTheReceiver() {
        // the publisher variant of the execution policy, the receiver account in the trust.
        Nrt n = nrtPublisher(false);
        assertEquals(RECEIVER, n.nrt().getReceiverAccountId());
        assertEquals(List.of(EXECUTION_ROLE),
                resources(n.template(), "AWS::IAM::Role").values().stream().map(r -> r.get("RoleName")).collect(Collectors.toList()));
        Map<String, Object> policy = only(n.template(), "AWS::IAM::ManagedPolicy");
        assertEquals(EXECUTION_POLICY, policy.get("ManagedPolicyName"));
        List<Map<String, Object>> statements = at(policy, "PolicyDocument", "Statement");
        assertEquals(1, statements.size());
        assertEquals("VisualEditor0", statements.get(0).get("Sid"));
        assertEquals("*", statements.get(0).get("Resource"));
        assertEquals(18, ((List<?>) statements.get(0).get("Action")).size());
        List<Map<String, Object>> trust = at(only(n.template(), "AWS::IAM::Role"), "AssumeRolePolicyDocument", "Statement");
        assertTrue(trust.stream().anyMatch(s -> Map.of("AWS", "arn:aws:iam::" + RECEIVER + ":root").equals(s.get("Principal"))), trust.toString());
        assertTrue(resources(n.template(), "AWS::CloudFormation::StackSet").isEmpty());
        assertEquals(RECEIVER, outputsByDescription(n.template()).get("Skyhigh NRT: the receiver AWS account to select in Real-Time Monitoring"));
        // Optional properties of another account role come back as null.
        assertNull(n.nrt().getAdminRole());
        assertNull(n.nrt().getReceiverPolicies());
        assertNull(n.nrt().getPublisher());
    }

    @Test
    void skyhighPublisherSelfProvisionedGetsTheTemplatePermissionsAndANarrowedTrust() {
        // a second policy sized from the publisher template; A-28: trust narrowed to the admin role by default.
        Nrt n = nrtPublisher(true);
        List<Map<String, Object>> policies = new ArrayList<>(resources(n.template(), "AWS::IAM::ManagedPolicy").values());
        // The template-derived permissions come with the boundary their template roles must carry.
        assertEquals(List.of("<generated>", EXECUTION_POLICY, "AuditBaselineStackSetBoundary"),
                policies.stream().map(p -> (String) p.getOrDefault("ManagedPolicyName", "<generated>")).sorted().collect(Collectors.toList()));
        Map<String, Object> derived = policies.stream().filter(p -> !p.containsKey("ManagedPolicyName")).findFirst().orElseThrow();
        List<Map<String, Object>> statements = at(derived, "PolicyDocument", "Statement");
        Set<Object> actions = statements.stream()
                .flatMap(s -> s.get("Action") instanceof List ? ((List<?>) s.get("Action")).stream() : java.util.stream.Stream.of(s.get("Action")))
                .collect(Collectors.toSet());
        assertTrue(actions.containsAll(List.of("events:PutRule", "events:PutTargets", "iam:CreateRole", "iam:PassRole", "sqs:CreateQueue")), actions.toString());
        List<Map<String, Object>> trust = at(only(n.template(), "AWS::IAM::Role"), "AssumeRolePolicyDocument", "Statement");
        Map<String, Object> receiverTrust = trust.stream()
                .filter(s -> Map.of("AWS", "arn:aws:iam::" + RECEIVER + ":root").equals(s.get("Principal")))
                .findFirst().orElseThrow();
        assertEquals(Map.of("ArnEquals", Map.of("aws:PrincipalArn", "arn:aws:iam::" + RECEIVER + ":role/" + ADMIN_ROLE)), receiverTrust.get("Condition"));
        // The receiver's StackSet deploys the publisher template: none here.
        assertTrue(resources(n.template(), "AWS::CloudFormation::StackSet").isEmpty());
        assertNotNull(n.nrt().getPublisher());
        assertNull(n.nrt().getReceiver());
        assertNull(n.nrt().getPublisherRulesRollout());
    }

    @Test
    void skyhighReceiverSelfProvisionedDeploysTheReceiverWithTheChosenServices() {
        // AuditedServices.of(...) narrows the rule of the receiver template.
        Stack stack = concreteStack(RECEIVER);
        SkyhighNrtConfigAudit nrt = SkyhighNrtConfigAudit.Builder.create(stack, "Nrt")
                .mode(SkyhighNrtMode.receiverAndPublisher(SkyhighNrtReceiverOptions.builder()
                        .services(AuditedServices.of(AuditedService.IAM, AuditedService.S3))
                        .build()))
                .selfProvisioned(true)
                .regions(REGIONS)
                .build();
        Map<String, Object> template = templateOf(stack);
        assertEquals(List.of(ADMIN_ROLE, EXECUTION_ROLE),
                resources(template, "AWS::IAM::Role").values().stream().map(r -> (String) r.get("RoleName")).sorted().collect(Collectors.toList()));
        Map<String, Object> rollout = only(template, "AWS::CloudFormation::StackSet");
        assertEquals("SELF_MANAGED", rollout.get("PermissionModel"));
        assertEquals(EXECUTION_ROLE, rollout.get("ExecutionRoleName"));
        assertEquals(List.of(Map.of("DeploymentTargets", Map.of("Accounts", List.of(RECEIVER)), "Regions", REGIONS)), rollout.get("StackInstancesGroup"));
        Map<String, Object> body = Template.fromString((String) rollout.get("TemplateBody")).toJSON();
        assertEquals(List.of("iam.amazonaws.com", "s3.amazonaws.com"), at(only(body, "AWS::Events::Rule"), "EventPattern", "detail", "eventSource"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queues = ((Map<String, Map<String, Object>>) body.get("Resources")).values().stream()
                .filter(r -> "AWS::SQS::Queue".equals(r.get("Type")))
                .collect(Collectors.toList());
        assertEquals(2, queues.size());
        queues.forEach(q -> assertEquals("Retain", q.get("DeletionPolicy")));
        assertNotNull(nrt.getReceiver());
        assertNotNull(nrt.getReceiverQueuesRollout());
        assertEquals("us-east-1,eu-west-1", outputsByDescription(template).get("Skyhigh NRT: the regions to select for monitoring"));
    }

    @Test
    void skyhighModesSayWhatTheAccountIs() {
        assertEquals(SkyhighNrtAccountRole.RECEIVER_AND_PUBLISHER, SkyhighNrtMode.receiverAndPublisher().getAccountRole());
        assertEquals(SkyhighNrtAccountRole.RECEIVER, SkyhighNrtMode.receiver().getAccountRole());
        SkyhighNrtMode organization = SkyhighNrtMode.organizationPublisher(SkyhighNrtOrganizationPublisherOptions.builder()
                .receiverAccountId(RECEIVER).organizationalUnitIds(List.of("r-ab12")).build());
        assertEquals(SkyhighNrtAccountRole.PUBLISHER, organization.getAccountRole());
        assertTrue(SkyhighNrtMode.isSkyhighNrtMode(organization));
    }

    @Test
    void skyhighPublisherOptionsWithoutReceiverAccountIdDoNotBuild() {
        // The struct makes receiverAccountId required: its builder refuses to build without it.
        assertThrows(NullPointerException.class, () -> SkyhighNrtPublisherOptions.builder().build());
    }

    @Test
    void skyhighPublisherNamingItsOwnAccountAsTheReceiverThrows() {
        Stack stack = concreteStack(PUBLISHER);
        String message = constructorError(() -> SkyhighNrtConfigAudit.Builder.create(stack, "Nrt")
                .mode(SkyhighNrtMode.publisher(SkyhighNrtPublisherOptions.builder().receiverAccountId(PUBLISHER).build()))
                .build());
        assertTrue(message.startsWith("JavaPresets/Nrt: mode.receiverAccountId " + PUBLISHER + " is this stack's account: use SkyhighNrtMode.receiverAndPublisher()"), message);
    }

    // --- SkyFormationConnector --------------------------------------------------------

    /** R-204; deviation 1: AWSCloudTrail_ReadOnlyAccess replaces the retired name. */
    private static final List<String> SKYFORMATION_MANAGED_POLICIES = List.of(
            "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess",
            "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
            "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess",
            "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess",
            "arn:aws:iam::aws:policy/AmazonGuardDutyReadOnlyAccess");

    private record Sky(Stack stack, SkyFormationConnector connector, Map<String, Object> template) {}

    private static Sky skyFormation() {
        Stack stack = concreteStack(ACCOUNT);
        SkyFormationConnector connector = SkyFormationConnector.Builder.create(stack, "SkyFormation")
                .connectorUserName("skyformation-connector")
                .shield(true)
                .build();
        return new Sky(stack, connector, templateOf(stack));
    }

    @Test
    void skyFormationRoleHasTheGuideManagedPoliciesAndShield() {
        //
        Map<String, Object> template = skyFormation().template();
        Map<String, Object> role = only(template, "AWS::IAM::Role");
        assertEquals(SKYFORMATION_MANAGED_POLICIES, role.get("ManagedPolicyArns"));
        List<Map<String, Object>> policies = at(role, "Policies");
        List<Object> statements = policies.stream()
                .flatMap(p -> ((List<?>) at(p, "PolicyDocument", "Statement")).stream())
                .collect(Collectors.toList());
        assertEquals(List.of(Map.of("Sid", "ShieldAttacks", "Effect", "Allow", "Action", "shield:ListAttacks", "Resource", "*")), statements);
        assertEquals("skyformation-connector", only(template, "AWS::IAM::User").get("UserName"));
    }

    @Test
    void skyFormationHandOffOutputsFillTheConnectorForm() {
        // deviation 6: the key only in the secret.
        Sky s = skyFormation();
        IConstruct handOff = s.connector().getNode().findChild("HandOff");
        assertEquals(List.of("AccountId", "RoleArn", "RoleSessionName", "Region", "AccessKeyId", "SecretArn"),
                handOff.getNode().getChildren().stream().map(c -> c.getNode().getId()).collect(Collectors.toList()));
        Map<String, Object> outputs = outputsByDescription(s.template());
        String roleId = resources(s.template(), "AWS::IAM::Role").keySet().iterator().next();
        String secretId = resources(s.template(), "AWS::SecretsManager::Secret").keySet().iterator().next();
        assertEquals(ACCOUNT, outputs.get("SkyFormation connector form: Account ID"));
        assertEquals(Map.of("Fn::GetAtt", List.of(roleId, "Arn")), outputs.get("SkyFormation connector form: Role ARN"));
        assertEquals("SkyFormation", outputs.get("SkyFormation connector form: Role session name"));
        assertEquals("us-east-1", outputs.get("SkyFormation connector form: Region (where the CloudTrail trail is configured)"));
        assertEquals(Map.of("Ref", secretId),
                outputs.get("SkyFormation connector form: Secret-Key is in this secret (aws secretsmanager get-secret-value --secret-id <ARN>)"));
        assertFalse(String.valueOf(s.template().get("Outputs")).contains("SecretAccessKey"));
        assertEquals(Map.of("Fn::GetAtt", List.of(roleId, "Arn")), s.stack().resolve(s.connector().getRoleArn()));
        assertEquals("us-east-1", s.connector().getTrailRegion());
    }
}
