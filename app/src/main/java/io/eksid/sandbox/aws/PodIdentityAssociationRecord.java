package io.eksid.sandbox.aws;

import java.time.Instant;
import java.util.Map;

/**
 * An EKS Pod Identity association (model shape {@code PodIdentityAssociation}). Immutable: updates
 * replace it. {@code ownerArn} is the add-on ARN when an add-on created it.
 */
public record PodIdentityAssociationRecord(
        String clusterName,
        String namespace,
        String serviceAccount,
        String roleArn,
        String associationArn,
        String associationId,
        Map<String, String> tags,
        Instant createdAt,
        Instant modifiedAt,
        String ownerArn,
        boolean disableSessionTags,
        String targetRoleArn,
        String externalId,
        String policy) {

    public PodIdentityAssociationRecord {
        tags = Map.copyOf(tags);
    }
}
