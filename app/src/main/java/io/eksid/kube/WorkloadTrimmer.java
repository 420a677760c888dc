package io.eksid.kube;

import io.eksid.kube.lean.LeanJob;
import io.eksid.kube.lean.LeanPod;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.Map;

/** Trims the workload kinds that own pods into {@link WorkloadInfo} records. */
public final class WorkloadTrimmer {

    static final String COMPUTE_TYPE_LABEL = "eks.amazonaws.com/compute-type";

    private WorkloadTrimmer() {
    }

    public static WorkloadInfo deployment(Deployment d) {
        int replicas = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return of(d.getMetadata().getNamespace(), "Deployment", d.getMetadata().getName(),
                d.getSpec() == null ? null : d.getSpec().getTemplate(), replicas);
    }

    public static WorkloadInfo statefulSet(StatefulSet s) {
        int replicas = s.getSpec() == null || s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        return of(s.getMetadata().getNamespace(), "StatefulSet", s.getMetadata().getName(),
                s.getSpec() == null ? null : s.getSpec().getTemplate(), replicas);
    }

    public static WorkloadInfo daemonSet(DaemonSet d) {
        Integer desired = d.getStatus() == null ? null : d.getStatus().getDesiredNumberScheduled();
        return of(d.getMetadata().getNamespace(), "DaemonSet", d.getMetadata().getName(),
                d.getSpec() == null ? null : d.getSpec().getTemplate(), desired == null ? 0 : desired);
    }

    public static WorkloadInfo cronJob(CronJob c) {
        PodTemplateSpec template = c.getSpec() == null || c.getSpec().getJobTemplate() == null
                || c.getSpec().getJobTemplate().getSpec() == null ? null
                : c.getSpec().getJobTemplate().getSpec().getTemplate();
        int active = c.getStatus() == null || c.getStatus().getActive() == null ? 0 : c.getStatus().getActive().size();
        return of(c.getMetadata().getNamespace(), "CronJob", c.getMetadata().getName(), template, active);
    }

    /** A Job that no CronJob owns is a workload of its own. */
    public static WorkloadInfo job(LeanJob j) {
        LeanPod.Spec spec = j.getSpec() == null || j.getSpec().template == null ? null : j.getSpec().template.spec;
        String sa = spec == null ? null : spec.serviceAccountName != null ? spec.serviceAccountName
                : spec.serviceAccount;
        boolean fargate = spec != null && (PodTrimmer.FARGATE_SCHEDULER.equals(spec.schedulerName)
                || fargateSelector(spec.nodeSelector));
        boolean windows = spec != null && PodTrimmer.windows(spec.nodeSelector);
        return new WorkloadInfo(j.getMetadata().getNamespace(), new WorkloadRef("Job", j.getMetadata().getName()),
                sa, 1, fargate, windows);
    }

    private static WorkloadInfo of(String namespace, String kind, String name, PodTemplateSpec template,
                                   int replicas) {
        PodSpec spec = template == null ? null : template.getSpec();
        String sa = spec == null ? null : spec.getServiceAccountName() != null ? spec.getServiceAccountName()
                : spec.getServiceAccount();
        Map<String, String> selector = spec == null ? null : spec.getNodeSelector();
        Map<String, String> labels = template == null || template.getMetadata() == null ? null
                : template.getMetadata().getLabels();
        boolean fargate = spec != null && (PodTrimmer.FARGATE_SCHEDULER.equals(spec.getSchedulerName())
                || fargateSelector(selector)
                || (labels != null && labels.containsKey(PodTrimmer.FARGATE_PROFILE_LABEL)));
        return new WorkloadInfo(namespace, new WorkloadRef(kind, name), sa, replicas, fargate,
                PodTrimmer.windows(selector));
    }

    private static boolean fargateSelector(Map<String, String> selector) {
        return selector != null && "fargate".equalsIgnoreCase(selector.get(COMPUTE_TYPE_LABEL));
    }
}
