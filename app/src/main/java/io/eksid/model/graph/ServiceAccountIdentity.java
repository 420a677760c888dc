package io.eksid.model.graph;

import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about one service account's AWS identity: its IRSA annotation, its Pod Identity association, the
 * verdict on each, and what a new pod running as it would get.
 *
 * @param exists            the service account is in the snapshot (an association can name one that is not)
 * @param irsaAnnotation    the {@code eks.amazonaws.com/role-arn} value as written, or null
 * @param irsaRole          the annotation parsed as a role ARN, or null (none, or malformed)
 * @param audience          the token audience the webhook uses ({@code eks.amazonaws.com/audience})
 * @param association       its Pod Identity association, or null
 * @param irsaCheck         verdict on the IRSA mapping, or null without an annotation
 * @param podIdentityCheck  verdict on the association's role, or null without an association
 * @param targetRoleCheck   verdict on the association's target role, or null without one
 */
public record ServiceAccountIdentity(ServiceAccountRef ref, boolean exists, String irsaAnnotation, RoleArn irsaRole,
                                     String audience, PodIdentityAssociation association, MappingCheck irsaCheck,
                                     MappingCheck podIdentityCheck, MappingCheck targetRoleCheck) {

    public ServiceAccountIdentity {
        Objects.requireNonNull(ref, "ref");
    }

    public boolean hasIrsaAnnotation() {
        return irsaAnnotation != null;
    }

    public boolean hasAssociation() {
        return association != null;
    }

    /** Annotated but the annotation is not a role ARN. */
    public boolean irsaAnnotationMalformed() {
        return irsaAnnotation != null && irsaRole == null;
    }

    /** IRSA annotation and association both present: the webhook gives Pod Identity precedence (FACTS.md). */
    public boolean irsaShadowed() {
        return hasIrsaAnnotation() && hasAssociation();
    }

    public Optional<PodIdentityAssociation> associationOpt() {
        return Optional.ofNullable(association);
    }

    /** What a new pod of this service account on an EC2 Linux node would get. */
    public ExpectedIdentity newPod() {
        return expectedFor(false, false);
    }

    /** What a new pod of this service account would get on the given kind of node. */
    public ExpectedIdentity expectedFor(boolean fargate, boolean windows) {
        return NewPodIdentityRules.expected(this, fargate, windows);
    }

    public String nodeId() {
        return NodeIds.serviceAccount(ref);
    }
}
