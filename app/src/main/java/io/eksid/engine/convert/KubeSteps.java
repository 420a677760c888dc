package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.kube.KubeWriteResult;
import io.eksid.kube.KubeWriter;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadRef;
import io.eksid.model.plan.StepAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kubernetes steps: rollout restart (DESIGN §2 step 4) and removing the IRSA annotation (step 5). */
final class KubeSteps {

    /**
     * Restarts unless it is not needed: every current pod already carries the Pod Identity variables, or an
     * interrupted earlier run's restart already changed the template's restartedAt.
     */
    StepResult restart(StepContext ctx, StepAction.RestartWorkload a) {
        WorkloadRef w = new WorkloadRef(a.workloadKind(), a.workloadName());
        KubeWriter kube = ctx.gateways.kube();
        List<PodInfo> pods = ctx.calls.kubeRead(() -> kube.workloadPods(a.namespace(), w));
        Optional<String> stamp = ctx.calls.kubeRead(() -> ctx.gateways.templates().restartedAt(a.namespace(), w));
        var earlier = ctx.earlierOriginal();
        if (earlier != null) {
            String before = earlier.path("restartedAt").isNull() ? null : earlier.path("restartedAt").asText(null);
            if (stamp.isPresent() && !stamp.get().equals(before)) {
                return StepResult.changed(StepContext.object().put("workload", w.toString())
                        .put("restartedAt", stamp.get()), w + " was already restarted by the interrupted run");
            }
        }
        if (!pods.isEmpty() && pods.stream().allMatch(p -> p.credentials().podIdentity())) {
            return StepResult.unchanged(StepContext.object().put("workload", w.toString()),
                    w + " in " + a.namespace() + " already runs only pods with Pod Identity");
        }
        ctx.intent(StepContext.object().put("namespace", a.namespace()).put("workload", w.toString())
                .put("restartedAt", stamp.orElse(null)));
        KubeWriteResult r = ctx.calls.kubeWrite(() -> kube.rolloutRestart(a.namespace(), w));
        ctx.changed();
        return StepResult.changed(StepContext.object().put("workload", w.toString())
                .put("restartedAt", r.annotations().get(KubeWriter.RESTARTED_AT))
                .put("resourceVersion", r.resourceVersion()), "restarted " + w + " in " + a.namespace());
    }

    /** Removes {@code eks.amazonaws.com/role-arn}; the value is journaled first so rollback can restore it. */
    StepResult removeAnnotation(StepContext ctx, StepAction.RemoveIrsaAnnotation a) {
        ServiceAccountRef sa = new ServiceAccountRef(a.namespace(), a.serviceAccount());
        KubeWriter kube = ctx.gateways.kube();
        Map<String, String> now = ctx.calls.kubeRead(() -> kube.serviceAccountAnnotations(sa));
        String value = now.get(a.annotation());
        if (value == null) {
            if (ctx.interruptedEarlier()) {
                return StepResult.changed(StepContext.object().put("serviceAccount", sa.toString()),
                        "removed " + a.annotation() + " from " + sa + " before the earlier run was interrupted");
            }
            return StepResult.unchanged(StepContext.object().put("serviceAccount", sa.toString()),
                    sa + " has no " + a.annotation() + " annotation");
        }
        ObjectNode original = StepContext.object().put("serviceAccount", sa.toString())
                .put("annotation", a.annotation()).put("value", value);
        ctx.intent(original);
        KubeWriteResult r = ctx.calls.kubeWrite(() -> kube.removeServiceAccountAnnotation(sa, a.annotation()));
        ctx.changed();
        return StepResult.changed(StepContext.object().put("serviceAccount", sa.toString())
                .put("resourceVersion", r.resourceVersion()), "removed " + a.annotation() + " from " + sa);
    }
}
