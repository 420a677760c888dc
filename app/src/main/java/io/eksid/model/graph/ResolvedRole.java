package io.eksid.model.graph;

import io.eksid.model.IamRole;
import io.eksid.model.RoleArn;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.TrustPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * A role reference resolved against the snapshot, with its trust policy parsed once.
 *
 * @param arnText     the reference as written (annotation, association)
 * @param arn         the parsed ARN, or null when {@code arnText} is not a role ARN
 * @param role        the role as read, or null
 * @param policy      the parsed trust policy, or null (not read, or it did not parse)
 * @param parseError  why the trust policy did not parse, or null
 * @param problem     for MISSING/UNREADABLE/NOT_READ/MALFORMED_ARN: the reason, in words; else empty
 */
public record ResolvedRole(String arnText, RoleArn arn, RoleAvailability availability, IamRole role,
                           TrustPolicy policy, PolicyParseException parseError, String problem) {

    public ResolvedRole {
        Objects.requireNonNull(arnText, "arnText");
        Objects.requireNonNull(availability, "availability");
        problem = problem == null ? "" : problem;
    }

    public Optional<TrustPolicy> trustPolicy() {
        return Optional.ofNullable(policy);
    }

    /** The graph node id of this role. */
    public String nodeId() {
        return NodeIds.role(arnText);
    }

    public String label() {
        return arn != null ? arn.name() : arnText;
    }

    /** A parse error in words; the message starts with where it happened. */
    public String parseErrorText() {
        if (parseError == null) {
            return "";
        }
        return parseError.getMessage();
    }
}
