package io.eksid.model.trust;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ServiceAccountRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The session tags EKS Pod Identity sends with its sts:AssumeRole (FACTS.md "Pod Identity runtime"; UG
 * pod-id-abac): {@code eks-cluster-arn}, {@code eks-cluster-name}, {@code kubernetes-namespace} and {@code
 * kubernetes-service-account} of the association, {@code kubernetes-pod-name} and {@code kubernetes-pod-uid} of
 * the pod asking, all transitive; none at all when the association has {@code disableSessionTags}.
 *
 * <p>A null pod name or uid means the question is for the association as a whole: those tags are sent, but their
 * values differ per pod, so a condition on them is decided per pod.
 *
 * @param enabled false when the association disables session tags
 */
public record SessionTags(boolean enabled, String clusterArn, String clusterName, String namespace,
                          String serviceAccount, String podName, String podUid) {

    public static final String CLUSTER_ARN = "eks-cluster-arn";
    public static final String CLUSTER_NAME = "eks-cluster-name";
    public static final String NAMESPACE = "kubernetes-namespace";
    public static final String SERVICE_ACCOUNT = "kubernetes-service-account";
    public static final String POD_NAME = "kubernetes-pod-name";
    public static final String POD_UID = "kubernetes-pod-uid";
    public static final List<String> KEYS = List.of(CLUSTER_ARN, CLUSTER_NAME, NAMESPACE, SERVICE_ACCOUNT,
            POD_NAME, POD_UID);

    public SessionTags {
        Objects.requireNonNull(clusterArn, "clusterArn");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
    }

    /** The tags of an association's sessions, pod unknown; {@code enabled = !disableSessionTags}. */
    public static SessionTags forAssociation(ClusterInfo cluster, ServiceAccountRef sa, boolean enabled) {
        return new SessionTags(enabled, cluster.arn(), cluster.name(), sa.namespace(), sa.name(), null, null);
    }

    /** The same tags for one pod. */
    public SessionTags forPod(String name, String uid) {
        return new SessionTags(enabled, clusterArn, clusterName, namespace, serviceAccount, name, uid);
    }

    /** Whether the pod is known, so every tag value is. */
    public boolean podKnown() {
        return podName != null && podUid != null;
    }

    /** Tag key → value as sent; a null value is a pod tag whose value differs per pod. Empty when disabled. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!enabled) {
            return out;
        }
        out.put(CLUSTER_ARN, clusterArn);
        out.put(CLUSTER_NAME, clusterName);
        out.put(NAMESPACE, namespace);
        out.put(SERVICE_ACCOUNT, serviceAccount);
        out.put(POD_NAME, podName);
        out.put(POD_UID, podUid);
        return out;
    }

    /**
     * The external ID EKS passes when it chains to a target role with session tags disabled (FACTS.md
     * "Cross-account"): {@code region/account/cluster/namespace/serviceaccount}.
     */
    public String externalId(ClusterInfo cluster) {
        return cluster.region() + "/" + cluster.account() + "/" + clusterName + "/" + namespace + "/"
                + serviceAccount;
    }
}
