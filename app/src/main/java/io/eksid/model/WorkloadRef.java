package io.eksid.model;

import java.util.Objects;

/**
 * The top-level owner of a pod: Deployment, StatefulSet, DaemonSet, Job, CronJob, or the bare Pod itself.
 * ReplicaSets are resolved to their Deployment where the owner chain allows.
 */
public record WorkloadRef(String kind, String name) {

    public WorkloadRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** Kinds that {@code kubectl rollout restart} supports. */
    public boolean restartable() {
        return kind.equals("Deployment") || kind.equals("StatefulSet") || kind.equals("DaemonSet");
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
