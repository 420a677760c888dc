package io.eksid.model.access;

import java.util.Objects;

/**
 * How a pod's role session came to be, which decides its principal tags and context keys.
 *
 * <p>IRSA sessions ({@code AssumeRoleWithWebIdentity}) carry no session tags. Pod Identity sessions carry the six
 * EKS session tags (FACTS.md) unless the association disables them: {@code eks-cluster-arn},
 * {@code eks-cluster-name}, {@code kubernetes-namespace}, {@code kubernetes-service-account} always, and
 * {@code kubernetes-pod-name} / {@code kubernetes-pod-uid} of the pod asking; those two are null when the question
 * is asked for the service account as a whole rather than one pod.
 *
 * @param sessionPolicy the association's session policy document (JSON), or null
 */
public record SessionIdentity(Mechanism mechanism, String roleArn, String clusterArn, String namespace,
                              String serviceAccount, String podName, String podUid, boolean sessionTags,
                              String sessionPolicy) {

    public enum Mechanism { IRSA, POD_IDENTITY }

    public SessionIdentity {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        if (mechanism == Mechanism.IRSA && (sessionTags || sessionPolicy != null)) {
            throw new IllegalArgumentException("IRSA sessions carry neither session tags nor a session policy");
        }
    }

    public static SessionIdentity irsa(String roleArn, String namespace, String serviceAccount) {
        return new SessionIdentity(Mechanism.IRSA, roleArn, null, namespace, serviceAccount, null, null, false, null);
    }

    public static SessionIdentity podIdentity(String roleArn, String clusterArn, String namespace,
                                              String serviceAccount, String podName, String podUid,
                                              boolean sessionTags, String sessionPolicy) {
        Objects.requireNonNull(clusterArn, "clusterArn");
        return new SessionIdentity(Mechanism.POD_IDENTITY, roleArn, clusterArn, namespace, serviceAccount, podName,
                podUid, sessionTags, sessionPolicy);
    }

    /** The same session for one pod. */
    public SessionIdentity forPod(String name, String uid) {
        return new SessionIdentity(mechanism, roleArn, clusterArn, namespace, serviceAccount, name, uid, sessionTags,
                sessionPolicy);
    }
}
