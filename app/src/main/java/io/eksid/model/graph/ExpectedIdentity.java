package io.eksid.model.graph;

import java.util.Objects;

/**
 * What a pod created now would get.
 *
 * @param roleArn the role the application ends up with (for Pod Identity with a target role: the target role),
 *                or null for node role / none; for a malformed IRSA annotation, the annotation text
 */
public record ExpectedIdentity(Mechanism mechanism, String roleArn, String reason) {

    public ExpectedIdentity {
        Objects.requireNonNull(mechanism, "mechanism");
        reason = reason == null ? "" : reason;
    }
}
