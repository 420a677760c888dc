package io.eksid.model;

import java.util.Objects;

/**
 * One permission policy document as IAM or EKS returns it.
 *
 * @param name      the policy ARN for managed policies and boundaries, the policy name for inline ones,
 *                  a short label for a session policy
 * @param versionId the default version of a managed policy ({@code v3}); null for the others
 * @param document  the JSON text, already URL-decoded (IAM returns policy documents RFC 3986 encoded)
 */
public record NamedPolicy(PolicySource source, String name, String versionId, String document) {

    public NamedPolicy {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
