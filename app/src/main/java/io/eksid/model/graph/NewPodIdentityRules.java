package io.eksid.model.graph;

import io.eksid.model.PodIdentityAssociation;

/**
 * What the EKS pod identity webhook gives a pod created now (FACTS.md "Pod Identity runtime", "IRSA"):
 * <ol>
 *   <li>an association exists: Pod Identity variables only, even with an IRSA annotation ("container credentials
 *       method takes precedence"); but Pod Identity does not work on Fargate or Windows nodes, so such pods get
 *       no AWS identity from it;</li>
 *   <li>else an IRSA annotation: the IRSA variables with the annotated ARN (verbatim, even when malformed: the
 *       webhook does not validate it, STS rejects it later);</li>
 *   <li>else nothing is injected: an EC2 pod falls back to the node's instance role through IMDS (unless the hop
 *       limit or a network policy blocks it), a Fargate pod has no AWS identity for the application (the pod
 *       execution role only serves image pulls and logging).</li>
 * </ol>
 */
final class NewPodIdentityRules {

    private NewPodIdentityRules() {
    }

    static ExpectedIdentity expected(ServiceAccountIdentity sa, boolean fargate, boolean windows) {
        if (!sa.exists()) {
            return new ExpectedIdentity(Mechanism.NONE, null, "service account " + sa.ref()
                    + " does not exist: Kubernetes refuses to create pods for it");
        }
        PodIdentityAssociation assoc = sa.association();
        if (assoc != null) {
            if (fargate || windows) {
                String where = fargate ? "Fargate" : "Windows nodes";
                return new ExpectedIdentity(Mechanism.NONE, null, "Pod Identity is not supported on " + where
                        + ": association " + assoc.associationId() + " gives these pods no credentials"
                        + (sa.hasIrsaAnnotation() ? ", and it takes precedence over the IRSA annotation" : ""));
            }
            String role = appRole(assoc);
            return new ExpectedIdentity(Mechanism.POD_IDENTITY, role, "Pod Identity association "
                    + assoc.associationId() + (assoc.targetRoleArn() != null && !assoc.targetRoleArn().isBlank()
                    ? " (role " + assoc.roleArn() + " chained to target role " + assoc.targetRoleArn() + ")" : "")
                    + (sa.hasIrsaAnnotation() ? "; it takes precedence over the IRSA annotation" : ""));
        }
        if (sa.hasIrsaAnnotation()) {
            return new ExpectedIdentity(Mechanism.IRSA, sa.irsaAnnotation(), sa.irsaAnnotationMalformed()
                    ? "IRSA annotation with a malformed role ARN: STS will reject it"
                    : "IRSA annotation " + sa.irsaAnnotation());
        }
        if (fargate) {
            return new ExpectedIdentity(Mechanism.NONE, null,
                    "no IRSA annotation and no association: a Fargate pod gets no AWS identity");
        }
        return new ExpectedIdentity(Mechanism.NODE_ROLE, null, "no IRSA annotation and no association: the SDK "
                + "falls back to the node's instance role through IMDS unless IMDS is blocked");
    }

    /** The role the application ends up with: the target role when the association chains to one. */
    static String appRole(PodIdentityAssociation assoc) {
        String target = assoc.targetRoleArn();
        return target != null && !target.isBlank() ? target : assoc.roleArn();
    }
}
