package io.eksid.engine.convert;

import io.eksid.kube.KubeException;
import io.eksid.kube.KubeFailure;
import io.eksid.kube.KubeWriter;
import io.eksid.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a workload's pod-template {@code restartedAt} annotation, which tells whether a rollout restart this run
 * journaled has already happened (resume after a crash between the patch and its DONE). Rollback restarts with a
 * millisecond timestamp so that a restart in the same second as the apply's still changes the template.
 */
public final class WorkloadTemplates {

    private final KubernetesClient client;

    public WorkloadTemplates(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The template's restartedAt annotation; empty when it has none. Throws NOT_FOUND when the workload is gone. */
    public Optional<String> restartedAt(String namespace, WorkloadRef workload) {
        HasMetadata w = switch (workload.kind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(workload.name()).get();
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(workload.name()).get();
            case "DaemonSet" -> client.apps().daemonSets().inNamespace(namespace).withName(workload.name()).get();
            default -> throw new IllegalArgumentException(workload + " has no pod template to restart");
        };
        if (w == null) {
            throw new KubeException(KubeFailure.NOT_FOUND, workload + " in " + namespace + " not found", 404, null);
        }
        PodTemplateSpec t = w instanceof Deployment d ? d.getSpec().getTemplate()
                : w instanceof StatefulSet s ? s.getSpec().getTemplate() : ((DaemonSet) w).getSpec().getTemplate();
        if (t == null || t.getMetadata() == null || t.getMetadata().getAnnotations() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(t.getMetadata().getAnnotations().get(KubeWriter.RESTARTED_AT));
    }

    /** A rollout restart stamped with {@code at} to the millisecond. */
    public void restart(String namespace, WorkloadRef workload, Instant at) {
        String patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + KubeWriter.RESTARTED_AT
                + "\":\"" + at + "\"}}}}}";
        PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
        switch (workload.kind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(workload.name())
                    .patch(merge, patch);
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(workload.name())
                    .patch(merge, patch);
            case "DaemonSet" -> client.apps().daemonSets().inNamespace(namespace).withName(workload.name())
                    .patch(merge, patch);
            default -> throw new IllegalArgumentException(workload + " cannot be restarted");
        }
    }
}
