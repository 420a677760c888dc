package io.eksid.sandbox.aws;

import java.time.Instant;
import java.util.List;

/**
 * An EKS add-on (model shape {@code Addon}). {@code status} is the stored status; an add-on created
 * as CREATING reads as ACTIVE once the world's activation delay has passed.
 */
public record AddonRecord(
        String clusterName,
        String addonName,
        String addonArn,
        String addonVersion,
        String status,
        String serviceAccountRoleArn,
        String namespace,
        Instant createdAt,
        Instant modifiedAt,
        List<String> podIdentityAssociationArns) {

    public AddonRecord {
        podIdentityAssociationArns = List.copyOf(podIdentityAssociationArns);
    }

    AddonRecord with(String version, String newStatus, String roleArn, Instant modified, List<String> associationArns) {
        return new AddonRecord(clusterName, addonName, addonArn, version, newStatus, roleArn, namespace, createdAt,
                modified, associationArns);
    }
}
