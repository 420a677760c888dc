package io.eksid.model.findings;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.IdentityGraphBuilder;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes the findings catalogue ({@link FindingCode}) for a cluster from its snapshot and identity graph, and the
 * cross-cluster ones for a set of snapshots. Pure and stateless: safe to call from any thread. Findings come
 * most severe first.
 */
public final class FindingsAnalyzer {

    private final IdentityGraphBuilder graphs;
    private final IrsaFindings irsa = new IrsaFindings();
    private final PodIdentityFindings podIdentity;
    private final StaleCredentialFindings stale = new StaleCredentialFindings();
    private final TrustPolicyFindings trustPolicies;
    private final CrossClusterFindings crossCluster = new CrossClusterFindings();
    private final PermissionFindings permissions = new PermissionFindings();

    public FindingsAnalyzer(TrustEvaluator evaluator, TrustInspector inspector) {
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(inspector, "inspector");
        this.graphs = new IdentityGraphBuilder(evaluator);
        this.podIdentity = new PodIdentityFindings(new PodIdentityTrustGap(evaluator));
        this.trustPolicies = new TrustPolicyFindings(inspector);
    }

    /** Findings of one cluster; {@code graph} must be derived from {@code snapshot}. */
    public List<Finding> analyze(ClusterSnapshot snapshot, IdentityGraph graph) {
        AnalysisContext ctx = new AnalysisContext(Objects.requireNonNull(snapshot, "snapshot"),
                Objects.requireNonNull(graph, "graph"));
        List<Finding> out = new ArrayList<>();
        out.addAll(irsa.find(ctx));
        out.addAll(podIdentity.find(ctx));
        out.addAll(stale.find(ctx));
        out.addAll(trustPolicies.find(ctx));
        out.addAll(permissions.find(ctx));
        out.sort(Finding.ORDER);
        return List.copyOf(out);
    }

    /** Findings of one cluster, building its graph first. */
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        return analyze(snapshot, graphs.build(snapshot));
    }

    /**
     * Findings that only show across clusters (one IRSA role used by several clusters). Per-cluster findings are
     * not repeated here: call {@link #analyze(ClusterSnapshot)} for each snapshot.
     */
    public List<Finding> analyzeAcrossClusters(List<ClusterSnapshot> snapshots) {
        List<Finding> out = new ArrayList<>(crossCluster.find(List.copyOf(snapshots)));
        out.sort(Finding.ORDER);
        return List.copyOf(out);
    }
}
