package io.eksid.model.plan;

import io.eksid.model.ClusterInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Names and documents of the bridge roles that carry cross-account chaining: an association's role must be in
 * the cluster's account and may chain to {@code targetRoleArn} in another (FACTS.md, Pod Identity runtime,
 * cross-account).
 */
final class BridgeRoles {

    static final String PATH = "/eksid/";
    static final String PREFIX = "eksid-bridge-";
    static final String PERMISSION_POLICY_NAME = "eksid-assume-target-role";
    private static final int MAX_NAME = 64;

    private BridgeRoles() {
    }

    /**
     * The bridge role for a target, in the cluster's account, under path {@code /eksid/}:
     * {@code eksid-bridge-<target name>-<8 hex digits of SHA-256(target ARN)>}, the name part truncated so the
     * whole fits IAM's 64 characters. It depends on the target ARN alone, so every plan names the same bridge;
     * the hash keeps targets apart that share a name in different accounts or paths (a common pattern).
     */
    static RoleArn bridgeFor(RoleArn target, ClusterInfo cluster) {
        String plain = PREFIX + target.name();
        String suffix = "-" + shortHash(target.toString());
        String name = plain.substring(0, Math.min(plain.length(), MAX_NAME - suffix.length())) + suffix;
        return RoleArn.of(cluster.partition(), cluster.account(), PATH, name);
    }

    /** The bridge's trust policy: the Pod Identity statement, limited to the cluster's account. */
    static String trustPolicy(ClusterInfo cluster) {
        return pretty("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":" + Json.quote(cluster.account()) + "}}}]}");
    }

    /** The bridge's inline permission policy: assume the target, passing the session tags. */
    static String permissionPolicy(RoleArn target) {
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n"
                + "      \"Action\": [\n        \"sts:AssumeRole\",\n        \"sts:TagSession\"\n      ],\n"
                + "      \"Resource\": " + Json.quote(target.toString()) + "\n    }\n  ]\n}";
    }

    /**
     * The statement the target role's trust needs: the cluster account as principal, narrowed to the bridge role by
     * {@code ArnEquals aws:PrincipalArn} (FACTS.md). The condition form works before the bridge exists, so the
     * target's owner can add it first, and it survives the bridge being re-created.
     */
    static Statement targetTrustStatement(RoleArn bridge) {
        String root = "arn:" + bridge.partition().id() + ":iam::" + bridge.account() + ":root";
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":" + Json.quote(root) + "},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Condition\":{\"ArnEquals\":{\"aws:PrincipalArn\":" + Json.quote(bridge.toString()) + "}}}]}";
        return parse(json).statements().get(0);
    }

    /** The target statement alone, pretty-printed, for an {@link ExternalRequest}. */
    static String targetTrustStatementJson(RoleArn bridge) {
        String pretty = new TrustPolicy(null, null, List.of(targetTrustStatement(bridge)), false).toPrettyJson();
        // Strip the enclosing {"Statement": ...} so the owner gets exactly the statement to add.
        int start = pretty.indexOf('{', 1);
        int end = pretty.lastIndexOf('}');
        String body = pretty.substring(start, end).stripTrailing();
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            out.append(line.startsWith("  ") ? line.substring(2) : line).append('\n');
        }
        return out.toString().stripTrailing();
    }

    static TrustPolicy withStatement(TrustPolicy policy, Statement statement) {
        List<Statement> statements = new ArrayList<>(policy.statements());
        statements.add(statement);
        return policy.withStatements(statements);
    }

    private static String pretty(String json) {
        return parse(json).toPrettyJson();
    }

    private static TrustPolicy parse(String json) {
        try {
            return TrustPolicy.parse(json);
        } catch (PolicyParseException e) {
            throw new IllegalStateException("built an invalid policy: " + e.getMessage(), e);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
