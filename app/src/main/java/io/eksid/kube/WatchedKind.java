package io.eksid.kube;

/** The Kubernetes resources the console reads, with their API group. */
public enum WatchedKind {
    NAMESPACES("", "namespaces", false),
    SERVICE_ACCOUNTS("", "serviceaccounts", true),
    PODS("", "pods", true),
    REPLICA_SETS("apps", "replicasets", true),
    DEPLOYMENTS("apps", "deployments", true),
    STATEFUL_SETS("apps", "statefulsets", true),
    DAEMON_SETS("apps", "daemonsets", true),
    JOBS("batch", "jobs", true),
    CRON_JOBS("batch", "cronjobs", true);

    private final String group;
    private final String resource;
    private final boolean namespaced;

    WatchedKind(String group, String resource, boolean namespaced) {
        this.group = group;
        this.resource = resource;
        this.namespaced = namespaced;
    }

    public String group() {
        return group;
    }

    public String resource() {
        return resource;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** The source name the store reports, e.g. {@code kube/pods}. */
    public String source() {
        return "kube/" + resource;
    }
}
