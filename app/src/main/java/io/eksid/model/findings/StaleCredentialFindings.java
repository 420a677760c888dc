package io.eksid.model.findings;

import io.eksid.model.PodInfo;
import io.eksid.model.WorkloadRef;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.Mechanism;
import io.eksid.model.graph.NodeIds;
import io.eksid.model.graph.ServiceAccountIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods still running on the credentials they were created with although a new pod would get others (running pods
 * are never changed, FACTS.md): one finding per workload (bare pods: per service account), with counts.
 */
final class StaleCredentialFindings {

    private static final int NAMES_SHOWN = 5;

    /** Stale pods of one workload (or of one service account, for pods without a workload). */
    private static final class Group {
        final String subject;
        final String namespace;
        final WorkloadRef workload;
        final ServiceAccountIdentity sa;
        final List<PodInfo> stale = new ArrayList<>();
        EffectiveIdentity example;
        int total;

        Group(String subject, String namespace, WorkloadRef workload, ServiceAccountIdentity sa) {
            this.subject = subject;
            this.namespace = namespace;
            this.workload = workload;
            this.sa = sa;
        }
    }

    List<Finding> find(AnalysisContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (ServiceAccountIdentity sa : ctx.graph().serviceAccounts()) {
            if (!sa.exists()) {
                continue; // a restart cannot help: no pod can be created for a missing service account
            }
            Map<String, Group> groups = new LinkedHashMap<>();
            for (PodInfo pod : ctx.graph().podsOf(sa.ref())) {
                if (!live(pod)) {
                    continue;
                }
                String subject = pod.owner() == null ? sa.nodeId() : NodeIds.workload(pod.namespace(), pod.owner());
                Group g = groups.computeIfAbsent(subject, s -> new Group(s, pod.namespace(), pod.owner(), sa));
                g.total++;
                EffectiveIdentity id = ctx.graph().effectiveIdentity(pod).orElseThrow();
                // Fargate/Windows pods of an associated SA: a restart would not give them Pod Identity;
                // POD_IDENTITY_UNSUPPORTED_PLACEMENT reports them.
                boolean unsupported = sa.hasAssociation() && (pod.fargate() || pod.windows());
                if (id.stale() && !unsupported) {
                    g.stale.add(pod);
                    if (g.example == null) {
                        g.example = id;
                    }
                }
            }
            groups.values().stream().filter(g -> !g.stale.isEmpty()).forEach(g -> out.add(finding(g)));
        }
        return out;
    }

    private static boolean live(PodInfo pod) {
        return !"Succeeded".equals(pod.phase()) && !"Failed".equals(pod.phase());
    }

    private static Finding finding(Group g) {
        String what = g.workload == null ? "pods of service account " + g.sa.ref() + " without a workload"
                : "pods of " + g.workload.kind() + " " + g.namespace + "/" + g.workload.name();
        String message = g.stale.size() + " of " + g.total + " " + what + " run on stale credentials: "
                + g.example.reason() + ".";
        boolean failing = g.example.mechanism() == Mechanism.POD_IDENTITY && g.example.roleArn() == null;
        return Finding.of(FindingCode.STALE_POD_CREDENTIALS, failing ? Severity.ERROR : Severity.WARNING,
                g.subject, message, fix(g));
    }

    private static String fix(Group g) {
        if (g.workload != null && g.workload.restartable()) {
            return "Recreate the pods so the webhook injects the current identity: "
                    + Fixes.rolloutRestart(g.namespace, g.workload);
        }
        List<String> names = g.stale.stream().limit(NAMES_SHOWN).map(PodInfo::name).toList();
        String more = g.stale.size() > NAMES_SHOWN ? " (and " + (g.stale.size() - NAMES_SHOWN) + " more)" : "";
        String lead = g.workload == null ? "Recreate these bare pods from their manifests: "
                : g.workload.kind() + " pods pick up the current identity on their next run; to switch now, "
                + "delete them: ";
        return lead + "kubectl delete pod -n " + g.namespace + " " + String.join(" ", names) + more;
    }
}
