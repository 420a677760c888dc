package io.eksid.model;

import java.util.List;
import java.util.Objects;

/**
 * An EKS add-on (DescribeAddon).
 *
 * @param status                     ACTIVE, CREATING, DEGRADED, CREATE_FAILED, UPDATING, DELETING, ...
 * @param serviceAccountRoleArn      the IRSA role the add-on's service account uses, or null
 * @param podIdentityAssociationArns associations the add-on owns
 */
public record Addon(String name, String version, String status, String serviceAccountRoleArn,
                    List<String> podIdentityAssociationArns) {

    public static final String POD_IDENTITY_AGENT = "eks-pod-identity-agent";

    public Addon {
        Objects.requireNonNull(name, "name");
        podIdentityAssociationArns = podIdentityAssociationArns == null ? List.of()
                : List.copyOf(podIdentityAssociationArns);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
