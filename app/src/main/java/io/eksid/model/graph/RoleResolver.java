package io.eksid.model.graph;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.InvalidArnException;
import io.eksid.model.RoleArn;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.TrustPolicy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves role references against a snapshot and parses each trust policy once, however many service accounts
 * share the role. Not thread-safe; one per graph build.
 */
final class RoleResolver {

    private final ClusterSnapshot snapshot;
    private final Map<String, ResolvedRole> cache = new HashMap<>();

    RoleResolver(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    ResolvedRole resolve(String arnText) {
        return cache.computeIfAbsent(arnText, this::resolveUncached);
    }

    Map<String, ResolvedRole> resolved() {
        return Map.copyOf(cache);
    }

    private ResolvedRole resolveUncached(String text) {
        RoleArn arn;
        try {
            arn = RoleArn.parse(text);
        } catch (InvalidArnException e) {
            return new ResolvedRole(text, null, RoleAvailability.MALFORMED_ARN, null, null, null, e.getMessage());
        }
        IamRole role = snapshot.roles().get(text);
        if (role == null) {
            role = snapshot.roles().get(arn.toString());
        }
        if (role != null) {
            try {
                TrustPolicy policy = TrustPolicy.parse(role.trustPolicyJson());
                return new ResolvedRole(text, arn, RoleAvailability.READ, role, policy, null, "");
            } catch (PolicyParseException e) {
                return new ResolvedRole(text, arn, RoleAvailability.READ, role, null, e, "");
            }
        }
        String unreadable = snapshot.unreadableRoles().get(text);
        if (unreadable == null) {
            unreadable = snapshot.unreadableRoles().get(arn.toString());
        }
        if (unreadable == null) {
            return new ResolvedRole(text, arn, RoleAvailability.NOT_READ, null, null, null,
                    "role " + arn.name() + " was not read in this snapshot");
        }
        if (meansMissing(unreadable)) {
            return new ResolvedRole(text, arn, RoleAvailability.MISSING, null, null, null,
                    "role " + arn.name() + " does not exist in account " + arn.account() + " (" + unreadable + ")");
        }
        return new ResolvedRole(text, arn, RoleAvailability.UNREADABLE, null, null, null,
                "role " + arn.name() + " could not be read: " + unreadable);
    }

    /** GetRole answers NoSuchEntity (HTTP 404) for a role that does not exist (FACTS.md, IAM errors). */
    static boolean meansMissing(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("nosuchentity") || r.contains("cannot be found") || r.contains("does not exist");
    }
}
