package io.eksid.model.graph;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.trust.TrustEvaluator;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who gets which AWS role in one cluster: namespaces, workloads, pods, service accounts, associations, roles and
 * OIDC providers, with typed edges whose status says whether each mapping works. Immutable; derived from a
 * {@link ClusterSnapshot} by {@link IdentityGraphBuilder}. Lookups are indexed (no scans per query), so graphs of
 * tens of thousands of pods stay cheap to query.
 */
public final class IdentityGraph {

    private final ClusterInfo cluster;
    private final Map<String, GraphNode> nodes;
    private final List<GraphEdge> edges;
    private final Map<String, List<GraphEdge>> outgoing;
    private final Map<String, List<GraphEdge>> incoming;
    private final Map<ServiceAccountRef, ServiceAccountIdentity> identities;
    private final Map<ServiceAccountRef, List<PodInfo>> podsBySa;
    private final Map<String, EffectiveIdentity> podIdentities;
    private final Map<String, ResolvedRole> roles;
    private final AgentStatus agentStatus;
    private final IdentityCounts counts;

    IdentityGraph(ClusterInfo cluster, Map<String, GraphNode> nodes, List<GraphEdge> edges,
                  Map<String, List<GraphEdge>> outgoing, Map<String, List<GraphEdge>> incoming,
                  Map<ServiceAccountRef, ServiceAccountIdentity> identities,
                  Map<ServiceAccountRef, List<PodInfo>> podsBySa, Map<String, EffectiveIdentity> podIdentities,
                  Map<String, ResolvedRole> roles, AgentStatus agentStatus, IdentityCounts counts) {
        this.cluster = cluster;
        this.nodes = nodes;
        this.edges = edges;
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.identities = identities;
        this.podsBySa = podsBySa;
        this.podIdentities = podIdentities;
        this.roles = roles;
        this.agentStatus = agentStatus;
        this.counts = counts;
    }

    /** Builds the graph of a snapshot, judging trust with the given evaluator. */
    public static IdentityGraph build(ClusterSnapshot snapshot, TrustEvaluator evaluator) {
        return new IdentityGraphBuilder(evaluator).build(snapshot);
    }

    public ClusterInfo cluster() {
        return cluster;
    }

    /** All nodes, in a stable order (namespaces, then by kind and id as built). */
    public Collection<GraphNode> nodes() {
        return nodes.values();
    }

    public List<GraphEdge> edges() {
        return edges;
    }

    public Optional<GraphNode> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public List<GraphEdge> edgesFrom(String nodeId) {
        return outgoing.getOrDefault(nodeId, List.of());
    }

    public List<GraphEdge> edgesTo(String nodeId) {
        return incoming.getOrDefault(nodeId, List.of());
    }

    /** Every service account that exists or is referenced (by a pod, workload or association), sorted. */
    public Collection<ServiceAccountIdentity> serviceAccounts() {
        return identities.values();
    }

    public Optional<ServiceAccountIdentity> serviceAccount(ServiceAccountRef ref) {
        return Optional.ofNullable(identities.get(ref));
    }

    /** The pods running as a service account (empty when none). */
    public List<PodInfo> podsOf(ServiceAccountRef ref) {
        return podsBySa.getOrDefault(ref, List.of());
    }

    public Optional<EffectiveIdentity> effectiveIdentity(PodInfo pod) {
        return effectiveIdentity(NodeIds.pod(pod.namespace(), pod.name()));
    }

    public Optional<EffectiveIdentity> effectiveIdentity(String podNodeId) {
        return Optional.ofNullable(podIdentities.get(podNodeId));
    }

    /** Roles referenced by annotations and associations (and target roles), resolved, by ARN as written. */
    public Map<String, ResolvedRole> roles() {
        return roles;
    }

    public Optional<ResolvedRole> role(String arn) {
        return Optional.ofNullable(roles.get(arn));
    }

    public AgentStatus agentStatus() {
        return agentStatus;
    }

    public IdentityCounts counts() {
        return counts;
    }

    /**
     * Existing service accounts with a well-formed IRSA annotation and no association: what a conversion to Pod
     * Identity can take on. Malformed annotations are left out: there is no role to associate.
     */
    public List<ServiceAccountIdentity> convertibleIrsaMappings() {
        return identities.values().stream()
                .filter(sa -> sa.exists() && sa.irsaRole() != null && !sa.hasAssociation())
                .toList();
    }
}
