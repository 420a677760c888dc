package io.eksid.model.plan;

import io.eksid.model.ClusterInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.trust.ConditionValues;
import io.eksid.model.trust.Effect;
import io.eksid.model.trust.PermissionPolicy;
import io.eksid.model.trust.PermissionStatement;
import io.eksid.model.trust.Principal;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.StringValues;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
    private static final String VERSION = "2012-10-17";
    private static final StringValues ASSUME_AND_TAG = StringValues.list(List.of("sts:AssumeRole", "sts:TagSession"));

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
        Statement podIdentity = new Statement(null, Effect.ALLOW,
                Principal.of("Service", TrustEvaluator.POD_IDENTITY_SERVICE), false, ASSUME_AND_TAG, false,
                Map.of("StringEquals", Map.of("aws:SourceAccount", ConditionValues.strings(List.of(cluster.account())))));
        return new TrustPolicy(VERSION, null, List.of(podIdentity), true).toPrettyJson();
    }

    /** The bridge's inline permission policy: assume the target, passing the session tags. */
    static String permissionPolicy(RoleArn target) {
        PermissionStatement assume = new PermissionStatement(null, Effect.ALLOW, ASSUME_AND_TAG, false,
                StringValues.of(target.toString()), false, null);
        return new PermissionPolicy(VERSION, List.of(assume)).toPrettyJson();
    }

    /**
     * The statement the target role's trust needs: the cluster account as principal, narrowed to the bridge role by
     * {@code ArnEquals aws:PrincipalArn} (FACTS.md). The condition form works before the bridge exists, so the
     * target's owner can add it first, and it survives the bridge being re-created.
     */
    static Statement targetTrustStatement(RoleArn bridge) {
        String root = "arn:" + bridge.partition().id() + ":iam::" + bridge.account() + ":root";
        return new Statement(null, Effect.ALLOW, Principal.of("AWS", root), false, ASSUME_AND_TAG, false,
                Map.of("ArnEquals", Map.of("aws:PrincipalArn", ConditionValues.strings(List.of(bridge.toString())))));
    }

    /** The target statement alone, pretty-printed, for an {@link ExternalRequest}: exactly the statement to add. */
    static String targetTrustStatementJson(RoleArn bridge) {
        return targetTrustStatement(bridge).toPrettyJson();
    }

    static TrustPolicy withStatement(TrustPolicy policy, Statement statement) {
        List<Statement> statements = new ArrayList<>(policy.statements());
        statements.add(statement);
        return policy.withStatements(statements);
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
