package io.eksid.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An EKS Pod Identity association: (cluster, namespace, service account) to a role. Every field of
 * DescribePodIdentityAssociation (FACTS.md). There is no per-pod association.
 *
 * @param ownerArn      set when an add-on owns the association: do not edit it by hand
 * @param targetRoleArn cross-account chaining: EKS assumes {@code roleArn}, then this role
 * @param policy        session policy; only valid with {@code disableSessionTags}
 */
public record PodIdentityAssociation(String clusterName, String namespace, String serviceAccount, String roleArn,
                                     String associationArn, String associationId, Map<String, String> tags,
                                     Instant createdAt, Instant modifiedAt, String ownerArn,
                                     boolean disableSessionTags, String targetRoleArn, String externalId,
                                     String policy) {

    public PodIdentityAssociation {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public ServiceAccountRef serviceAccountRef() {
        return new ServiceAccountRef(namespace, serviceAccount);
    }

    public boolean ownedByAddon() {
        return ownerArn != null && !ownerArn.isBlank();
    }
}
