package io.eksid.model.graph;

/** How a pod gets its AWS credentials. */
public enum Mechanism {
    /** EKS Pod Identity: the agent hands out credentials of the association's role. */
    POD_IDENTITY,
    /** IRSA: AssumeRoleWithWebIdentity with the projected service-account token. */
    IRSA,
    /** No pod-level identity; the SDK falls back to the EC2 node's instance role through IMDS (unless blocked). */
    NODE_ROLE,
    /** No AWS identity at all (Fargate pods without IRSA: the pod execution role is not given to the app). */
    NONE
}
