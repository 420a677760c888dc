package io.eksid.cli;

import io.eksid.engine.fleet.ClusterScanStatus;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.Readiness;
import io.eksid.model.ClusterInfo;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.UnreadSources;
import io.eksid.model.findings.Finding;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.ExpectedIdentity;
import io.eksid.model.graph.IdentityCounts;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.MappingCheck;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.model.store.SourceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plain-data form of one scan: what {@code eksid scan --output json} prints and what the table is drawn from.
 * Keys and value shapes are documented in docs/cli.md ("eksid scan"); keep the two in step.
 */
final class ScanReport {

    /** Overall status: every source live, some partial (forbidden or degraded), or some failed or missing. */
    enum Status { OK, DEGRADED, FAILED }

    private ScanReport() {
    }

    /** The engine's rule for a cluster scan's status (the same one fleet scans use). */
    static Status status(IdentityState state, Readiness readiness) {
        return Status.valueOf(ClusterScanStatus.of(state.sources(), readiness).name());
    }

    static Map<String, Object> of(IdentityState state, Readiness readiness) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("context", state.contextName());
        root.put("status", status(state, readiness).name().toLowerCase());
        root.put("ready", readiness.ready());
        root.put("missing", readiness.missing());
        root.put("cluster", cluster(state.graph().cluster()));
        UnreadSources unread = state.snapshot().unread();
        root.put("counts", counts(state.graph().counts(), unread));
        root.put("countsUnknown", countsUnknown(unread));
        root.put("agent", Map.of("state", state.graph().agentStatus().state().name(),
                "reason", state.graph().agentStatus().reason()));
        root.put("sources", state.sources().stream().map(ScanReport::source).toList());
        root.put("serviceAccounts", serviceAccounts(state.graph(), unread));
        root.put("findings", state.findings().stream().map(ScanReport::finding).toList());
        // Findings are computed from what was read; these sources were not, so the list may be incomplete.
        root.put("findingsIncomplete", List.copyOf(unread.describeAll().values()));
        return root;
    }

    static Map<String, Object> cluster(ClusterInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("arn", c.account().isEmpty() ? null : c.arn());
        m.put("account", c.account().isEmpty() ? null : c.account());
        m.put("region", c.region().isEmpty() ? null : c.region());
        m.put("version", c.version());
        m.put("platformVersion", c.platformVersion());
        m.put("oidcIssuer", c.oidcIssuer());
        m.put("autoMode", c.autoMode());
        return m;
    }

    /** Each count, or null when a source it is read from could not be read: unknown, not 0. */
    static Map<String, Object> counts(IdentityCounts c, UnreadSources unread) {
        Map<String, Object> m = new LinkedHashMap<>(c.byName());
        IdentityCounts.unknown(unread).keySet().forEach(key -> m.put(key, null));
        return m;
    }

    /** For each unknown count, why: {@code "pods": "kube/connection could not be read: ..."}. */
    static Map<String, Object> countsUnknown(UnreadSources unread) {
        return new LinkedHashMap<>(IdentityCounts.unknown(unread));
    }

    static Map<String, Object> source(SourceStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("state", s.state().name());
        m.put("reason", s.reason());
        m.put("since", s.since() == null ? null : s.since().toString());
        return m;
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().name());
        m.put("code", f.code());
        m.put("subject", f.subject());
        m.put("message", f.message());
        m.put("fix", f.fix());
        return m;
    }

    static List<Map<String, Object>> serviceAccounts(IdentityGraph graph, UnreadSources unread) {
        List<ServiceAccountIdentity> sas = new ArrayList<>(graph.serviceAccounts());
        sas.sort(Comparator.comparing(ServiceAccountIdentity::ref));
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceAccountIdentity sa : sas) {
            list.add(serviceAccount(graph, sa, unread));
        }
        return list;
    }

    static Map<String, Object> serviceAccount(IdentityGraph graph, ServiceAccountIdentity sa, UnreadSources unread) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", sa.ref().namespace());
        m.put("name", sa.ref().name());
        // A service account only an association names: it does not exist, unless the cluster could not be read.
        m.put("exists", sa.exists() || !unread.unknown(UnreadSources.KUBE_SERVICE_ACCOUNTS)
                ? sa.exists() : null);
        Map<String, Object> irsa = null;
        if (sa.hasIrsaAnnotation()) {
            irsa = new LinkedHashMap<>();
            irsa.put("roleArn", sa.irsaAnnotation());
            irsa.put("malformed", sa.irsaAnnotationMalformed());
            check(irsa, sa.irsaCheck());
        }
        m.put("irsa", irsa);
        Map<String, Object> assoc = null;
        if (sa.hasAssociation()) {
            PodIdentityAssociation a = sa.association();
            assoc = new LinkedHashMap<>();
            assoc.put("associationId", a.associationId());
            assoc.put("roleArn", a.roleArn());
            assoc.put("targetRoleArn", a.targetRoleArn());
            assoc.put("ownerArn", a.ownerArn());
            check(assoc, sa.podIdentityCheck());
            if (sa.targetRoleCheck() != null) {
                assoc.put("targetRoleStatus", sa.targetRoleCheck().status().name());
                assoc.put("targetRoleReason", sa.targetRoleCheck().reason());
            }
        }
        m.put("association", assoc);
        ExpectedIdentity next = sa.newPod();
        Map<String, Object> newPod = new LinkedHashMap<>();
        newPod.put("mechanism", next.mechanism().name());
        newPod.put("roleArn", next.roleArn());
        newPod.put("reason", next.reason());
        m.put("newPod", newPod);
        List<PodInfo> pods = graph.podsOf(sa.ref());
        int stale = 0;
        // Pods grouped by what they really run with, so 500 replicas are one line, not 500.
        Map<String, Map<String, Object>> groups = new TreeMap<>();
        for (PodInfo pod : pods) {
            EffectiveIdentity e = graph.effectiveIdentity(pod).orElse(null);
            if (e == null) {
                continue;
            }
            if (e.stale()) {
                stale++;
            }
            String key = e.mechanism() + "|" + e.roleArn() + "|" + e.stale() + "|" + e.credentials();
            Map<String, Object> g = groups.computeIfAbsent(key, k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("mechanism", e.mechanism().name());
                n.put("roleArn", e.roleArn());
                n.put("stale", e.stale());
                n.put("reason", e.reason());
                // Carrying the variables is half of it: whether the role's trust admits the pod is the other half.
                n.put("credentials", e.credentials().name());
                n.put("credentialsReason", e.credentialsReason());
                n.put("pods", 0);
                return n;
            });
            g.put("pods", (Integer) g.get("pods") + 1);
        }
        m.put("pods", pods.size());
        m.put("stalePods", stale);
        m.put("effectiveIdentities", List.copyOf(groups.values()));
        return m;
    }

    private static void check(Map<String, Object> m, MappingCheck check) {
        m.put("status", check == null ? null : check.status().name());
        m.put("reason", check == null ? null : check.reason());
    }
}
