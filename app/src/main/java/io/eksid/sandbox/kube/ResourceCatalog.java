package io.eksid.sandbox.kube;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The resources every simulated cluster serves: what the console and kubectl touch on EKS. */
public final class ResourceCatalog {

    public static final ResourceType NAMESPACES = core("namespaces", "namespace", "Namespace", false, "ns");
    public static final ResourceType NODES = core("nodes", "node", "Node", false, "no");
    public static final ResourceType PODS = core("pods", "pod", "Pod", true, "po");
    public static final ResourceType SERVICE_ACCOUNTS = core("serviceaccounts", "serviceaccount", "ServiceAccount", true, "sa");
    public static final ResourceType CONFIG_MAPS = core("configmaps", "configmap", "ConfigMap", true, "cm");
    public static final ResourceType SECRETS = core("secrets", "secret", "Secret", true);
    public static final ResourceType SERVICES = core("services", "service", "Service", true, "svc");
    public static final ResourceType EVENTS = core("events", "event", "Event", true, "ev");
    public static final ResourceType DEPLOYMENTS = apps("deployments", "deployment", "Deployment", "deploy");
    public static final ResourceType REPLICA_SETS = apps("replicasets", "replicaset", "ReplicaSet", "rs");
    public static final ResourceType STATEFUL_SETS = apps("statefulsets", "statefulset", "StatefulSet", "sts");
    public static final ResourceType DAEMON_SETS = apps("daemonsets", "daemonset", "DaemonSet", "ds");
    public static final ResourceType CRON_JOBS = new ResourceType("batch", "v1", "cronjobs", "cronjob", "CronJob", true,
            List.of("cj"), ResourceType.ALL_VERBS);
    public static final ResourceType JOBS = new ResourceType("batch", "v1", "jobs", "job", "Job", true, List.of(),
            ResourceType.ALL_VERBS);
    public static final ResourceType CLUSTER_ROLES = rbac("clusterroles", "clusterrole", "ClusterRole", false);
    public static final ResourceType CLUSTER_ROLE_BINDINGS = rbac("clusterrolebindings", "clusterrolebinding",
            "ClusterRoleBinding", false);
    public static final ResourceType ROLES = rbac("roles", "role", "Role", true);
    public static final ResourceType ROLE_BINDINGS = rbac("rolebindings", "rolebinding", "RoleBinding", true);
    public static final ResourceType SELF_SUBJECT_ACCESS_REVIEWS = new ResourceType("authorization.k8s.io", "v1",
            "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", false,
            List.of(), List.of("create"));

    public static final List<ResourceType> ALL = List.of(NAMESPACES, NODES, PODS, SERVICE_ACCOUNTS, CONFIG_MAPS,
            SECRETS, SERVICES, EVENTS, DEPLOYMENTS, REPLICA_SETS, STATEFUL_SETS, DAEMON_SETS, CRON_JOBS, JOBS,
            CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS, SELF_SUBJECT_ACCESS_REVIEWS);

    /** Kinds without a status subresource (discovery must not list one for them). */
    static final java.util.Set<ResourceType> WITHOUT_STATUS = java.util.Set.of(EVENTS, CONFIG_MAPS, SECRETS,
            SERVICE_ACCOUNTS, CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS);

    /** Resources that are stored (everything but review-style virtual resources). */
    public static final List<ResourceType> STORED = ALL.stream().filter(t -> t.supports("get")).toList();

    private static final Map<String, ResourceType> BY_PATH = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(t -> t.group() + "/" + t.version() + "/" + t.plural(), t -> t));

    private ResourceCatalog() {
    }

    /** The resource at {@code /api/v1/<plural>} (group "") or {@code /apis/<group>/<version>/<plural>}. */
    public static Optional<ResourceType> find(String group, String version, String plural) {
        return Optional.ofNullable(BY_PATH.get(group + "/" + version + "/" + plural));
    }

    public static List<ResourceType> inGroupVersion(String group, String version) {
        return ALL.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }

    private static ResourceType core(String plural, String singular, String kind, boolean namespaced, String... shortNames) {
        return new ResourceType("", "v1", plural, singular, kind, namespaced, List.of(shortNames), ResourceType.ALL_VERBS);
    }

    private static ResourceType rbac(String plural, String singular, String kind, boolean namespaced) {
        return new ResourceType("rbac.authorization.k8s.io", "v1", plural, singular, kind, namespaced, List.of(),
                ResourceType.ALL_VERBS);
    }

    private static ResourceType apps(String plural, String singular, String kind, String... shortNames) {
        return new ResourceType("apps", "v1", plural, singular, kind, true, List.of(shortNames), ResourceType.ALL_VERBS);
    }
}
