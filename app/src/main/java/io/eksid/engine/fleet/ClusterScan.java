package io.eksid.engine.fleet;

import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.Readiness;
import io.eksid.model.ClusterInfo;
import io.eksid.model.findings.Finding;
import io.eksid.model.findings.Severity;
import io.eksid.model.graph.AgentStatus;
import io.eksid.model.graph.IdentityCounts;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fleet keeps of one finished cluster scan: its headline numbers and findings, never its pods or graph,
 * so a scan of hundreds of clusters holds hundreds of summaries, not hundreds of clusters.
 *
 * @param cluster     the EKS cluster as DescribeCluster reported it, or null when the context never got that far
 * @param counts      the identity graph's headline numbers, or null when nothing was derived
 * @param convertible existing service accounts with an IRSA mapping a conversion can take on
 * @param agent       the Pod Identity agent's state, or null when nothing was derived
 * @param reason      why the scan is not OK (failed sources, what was still missing), empty when it is
 * @param profile     the AWS profile the scan was asked to use, or null for the context's own
 * @param elapsed     from opening the context to its last derived state
 */
public record ClusterScan(String context, ClusterScanStatus status, String reason, ClusterInfo cluster,
                          IdentityCounts counts, int convertible, AgentStatus agent, List<Finding> findings,
                          List<SourceStatus> sources, boolean ready, List<String> missing, String profile,
                          Duration elapsed) {

    public ClusterScan {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        findings = List.copyOf(findings);
        sources = List.copyOf(sources);
        missing = List.copyOf(missing);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The summary of a session's last state, taken before the session (and its pods) is let go. */
    public static ClusterScan of(IdentityState state, Readiness readiness, String profile, Duration elapsed) {
        ClusterScanStatus status = ClusterScanStatus.of(state.sources(), readiness);
        ClusterInfo cluster = state.graph().cluster();
        boolean matched = !cluster.account().isEmpty();
        return new ClusterScan(state.contextName(), status, reason(status, state.sources(), readiness),
                matched ? cluster : null, state.graph().counts(), state.graph().convertibleIrsaMappings().size(),
                state.graph().agentStatus(), state.findings(), state.sources(), readiness.ready(),
                readiness.missing(), profile, elapsed);
    }

    /** A context that produced nothing at all: the connection could not even start, or nothing was derived. */
    public static ClusterScan failed(String context, String reason, List<SourceStatus> sources, List<String> missing,
                                     String profile, Duration elapsed) {
        return new ClusterScan(context, ClusterScanStatus.FAILED, reason, null, null, 0, null, List.of(), sources,
                false, missing, profile, elapsed);
    }

    private static String reason(ClusterScanStatus status, List<SourceStatus> sources, Readiness readiness) {
        if (status == ClusterScanStatus.OK) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        SourceState worst = status == ClusterScanStatus.FAILED ? SourceState.ERROR : null;
        for (SourceStatus s : sources) {
            boolean counts = worst == null ? s.state() != SourceState.LIVE : s.state() == SourceState.ERROR;
            if (counts) {
                parts.add(s.source() + ": " + s.reason());
            }
        }
        parts.addAll(readiness.missing());
        return String.join("; ", parts);
    }

    /** The account of the cluster, or null when the context could not be matched to one. */
    public String account() {
        return cluster == null ? null : cluster.account();
    }

    public String region() {
        return cluster == null ? null : cluster.region();
    }

    public String version() {
        return cluster == null ? null : cluster.version();
    }

    /** Findings per severity, every severity present (zero when none). */
    public Map<Severity, Integer> findingsBySeverity() {
        Map<Severity, Integer> m = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            m.put(s, 0);
        }
        for (Finding f : findings) {
            m.merge(f.severity(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(m);
    }

    public int stalePods() {
        return counts == null ? 0 : counts.stalePods();
    }
}
