package io.github.cdkauditbaseline.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkauditbaseline.ReadOnlyAuditRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Template;

/**
 * The Java binding of cdk-audit-baseline, used the way a Java CDK app uses it:
 * the jar built by jsii-pacmak, aws-cdk-lib from Maven Central. Each test
 * synthesizes a stack with ReadOnlyAuditRole and asserts on the template.
 */
class ReadOnlyAuditRoleTest {
    private static final String VENDOR_ACCOUNT = "111122223333";
    private static final String EXTERNAL_ID = "java-binding-ext-0123";

    private record Synth(Stack stack, ReadOnlyAuditRole construct, Template template) {}

    private static Synth synth(String externalId) {
        App app = new App();
        Stack stack = new Stack(app, "JavaBinding");
        ReadOnlyAuditRole role = ReadOnlyAuditRole.Builder.create(stack, "AuditRole")
                .trustedAccountId(VENDOR_ACCOUNT)
                .externalId(externalId)
                .build();
        return new Synth(stack, role, Template.fromStack(stack));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyRoleProperties(Template template) {
        Map<String, Map<String, Object>> roles = template.findResources("AWS::IAM::Role");
        assertEquals(1, roles.size(), roles.toString());
        Map<String, Object> role = roles.values().iterator().next();
        return (Map<String, Object>) Templates.partitionFree(role.get("Properties"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void trustNamesTheVendorAccountAndRequiresTheExternalId() {
        Map<String, Object> props = onlyRoleProperties(synth(EXTERNAL_ID).template());
        List<Map<String, Object>> statements =
                (List<Map<String, Object>>) ((Map<String, Object>) props.get("AssumeRolePolicyDocument")).get("Statement");
        assertEquals(1, statements.size());
        Map<String, Object> st = statements.get(0);
        assertEquals("Allow", st.get("Effect"));
        assertEquals("sts:AssumeRole", st.get("Action"));
        assertEquals(Map.of("AWS", "arn:aws:iam::" + VENDOR_ACCOUNT + ":root"), st.get("Principal"));
        Map<String, Object> condition = (Map<String, Object>) st.get("Condition");
        assertEquals(Map.of("sts:ExternalId", EXTERNAL_ID), condition.get("StringEquals"));
    }

    @Test
    void roleCarriesTheSecurityAuditManagedPolicy() {
        Map<String, Object> props = onlyRoleProperties(synth(EXTERNAL_ID).template());
        assertTrue(((List<?>) props.get("ManagedPolicyArns")).contains("arn:aws:iam::aws:policy/SecurityAudit"),
                String.valueOf(props.get("ManagedPolicyArns")));
    }

    @Test
    void constructExposesRoleAndRoleArn() {
        Synth s = synth(EXTERNAL_ID);
        assertTrue(Token.isUnresolved(s.construct().getRoleArn()));
        assertEquals(s.stack().resolve(s.construct().getRole().getRoleArn()), s.stack().resolve(s.construct().getRoleArn()));
    }

    @Test
    void invalidExternalIdFailsAtSynthWithTheConstructPath() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> synth("has spaces, not allowed"));
        assertTrue(e.getMessage().contains("JavaBinding/AuditRole"), e.getMessage());
    }
}
