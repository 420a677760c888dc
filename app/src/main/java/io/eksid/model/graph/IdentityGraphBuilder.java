package io.eksid.model.graph;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IrsaAnnotations;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.OidcProvider;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.WorkloadInfo;
import io.eksid.model.trust.TrustEvaluator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives an {@link IdentityGraph} from a {@link ClusterSnapshot}. Every step is linear in the snapshot's size:
 * pods are grouped by service account once, each role's trust policy is parsed and evaluated once per mapping.
 */
public final class IdentityGraphBuilder {

    private final TrustEvaluator evaluator;

    public IdentityGraphBuilder(TrustEvaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    public IdentityGraph build(ClusterSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        RoleResolver roles = new RoleResolver(snapshot);
        MappingChecker checker = new MappingChecker(snapshot, evaluator, roles);
        AgentStatus agent = AgentStatus.of(snapshot);
        Set<String> namespaces = new HashSet<>();
        snapshot.namespaces().forEach(n -> namespaces.add(n.name()));

        Map<ServiceAccountRef, ServiceAccountInfo> sas = new HashMap<>();
        snapshot.serviceAccounts().forEach(sa -> sas.put(sa.ref(), sa));
        Map<ServiceAccountRef, PodIdentityAssociation> assocs = new HashMap<>();
        // The API allows one association per namespace and service account; keep the first if a feed repeats one.
        snapshot.associations().forEach(a -> assocs.putIfAbsent(a.serviceAccountRef(), a));
        Map<ServiceAccountRef, List<PodInfo>> podsBySa = new HashMap<>();
        snapshot.pods().forEach(p -> podsBySa.computeIfAbsent(p.serviceAccountRef(), k -> new ArrayList<>()).add(p));

        Set<ServiceAccountRef> refs = new HashSet<>(sas.keySet());
        refs.addAll(assocs.keySet());
        refs.addAll(podsBySa.keySet());
        snapshot.workloads().forEach(w -> refs.add(w.serviceAccountRef()));

        Map<ServiceAccountRef, ServiceAccountIdentity> identities = new TreeMap<>();
        for (ServiceAccountRef ref : refs) {
            identities.put(ref, identity(ref, sas.get(ref), assocs.get(ref), checker));
        }

        GraphAssembly g = new GraphAssembly();
        for (NamespaceInfo ns : snapshot.namespaces()) {
            g.node(NodeIds.namespace(ns.name()), NodeKind.NAMESPACE, ns.name(), true);
        }
        Map<String, EffectiveIdentity> podIdentities = new HashMap<>(snapshot.pods().size() * 2);
        PodCredentialChecks podChecks = new PodCredentialChecks(checker,
                new MappingChecker(snapshot, evaluator, new RoleResolver(snapshot)), agent, namespaces);
        int stale = 0;
        for (ServiceAccountIdentity sa : identities.values()) {
            addServiceAccount(g, sa, namespaces, checker, agent, roles);
        }
        for (WorkloadInfo w : snapshot.workloads()) {
            String id = NodeIds.workload(w.namespace(), w.ref());
            g.node(id, NodeKind.WORKLOAD, w.ref().toString(), true);
            g.structural(EdgeKind.CONTAINS, namespaceNode(g, w.namespace(), namespaces), id);
            g.structural(EdgeKind.RUNS_AS, id, NodeIds.serviceAccount(w.serviceAccountRef()));
        }
        for (PodInfo pod : snapshot.pods()) {
            String id = NodeIds.pod(pod.namespace(), pod.name());
            g.node(id, NodeKind.POD, pod.name(), true);
            g.structural(EdgeKind.RUNS_AS, id, NodeIds.serviceAccount(pod.serviceAccountRef()));
            if (pod.owner() != null) {
                String owner = NodeIds.workload(pod.namespace(), pod.owner());
                g.node(owner, NodeKind.WORKLOAD, pod.owner().toString(), false);
                g.structural(EdgeKind.OWNED_BY, id, owner);
            }
            ServiceAccountIdentity saIdentity = identities.get(pod.serviceAccountRef());
            EffectiveIdentity identity = podChecks.check(pod, EffectiveIdentityRules.of(pod, saIdentity), saIdentity);
            podIdentities.put(id, identity);
            if (identity.stale() && live(pod)) {
                stale++;
            }
        }
        addRoleProviders(g, roles, checker, snapshot);

        Map<ServiceAccountRef, List<PodInfo>> frozenPods = new HashMap<>();
        podsBySa.forEach((k, v) -> frozenPods.put(k, List.copyOf(v)));
        IdentityCounts counts = new IdentityCounts(namespaces.size(), sas.size(), snapshot.pods().size(),
                (int) identities.values().stream().filter(s -> s.exists() && s.hasIrsaAnnotation()).count(),
                snapshot.associations().size(), roles.resolved().size(), stale);
        return g.freeze(snapshot, identities, frozenPods, podIdentities, roles.resolved(), agent, counts);
    }

    /** Succeeded and Failed pods hold no credentials that matter any more. */
    static boolean live(PodInfo pod) {
        return !"Succeeded".equals(pod.phase()) && !"Failed".equals(pod.phase());
    }

    private static ServiceAccountIdentity identity(ServiceAccountRef ref, ServiceAccountInfo info,
                                                   PodIdentityAssociation assoc, MappingChecker checker) {
        String annotation = info == null ? null : info.irsaRoleArn().orElse(null);
        String audience = info == null ? IrsaAnnotations.DEFAULT_AUDIENCE : info.audience();
        RoleArn irsaRole = annotation == null ? null
                : RoleArn.tryParse(annotation).orElse(null);
        MappingCheck irsa = annotation == null ? null : checker.irsa(ref, annotation, audience, assoc);
        MappingCheck pi = assoc == null ? null : checker.associationRole(assoc);
        MappingCheck target = assoc == null || assoc.targetRoleArn() == null || assoc.targetRoleArn().isBlank()
                ? null : checker.targetRole(assoc);
        return new ServiceAccountIdentity(ref, info != null, annotation, irsaRole, audience, assoc, irsa, pi, target);
    }

    private static void addServiceAccount(GraphAssembly g, ServiceAccountIdentity sa, Set<String> namespaces,
                                          MappingChecker checker, AgentStatus agent, RoleResolver roles) {
        String id = sa.nodeId();
        g.node(id, NodeKind.SERVICE_ACCOUNT, sa.ref().toString(), sa.exists());
        g.structural(EdgeKind.CONTAINS, namespaceNode(g, sa.ref().namespace(), namespaces), id);
        if (sa.hasIrsaAnnotation()) {
            ResolvedRole role = roles.resolve(sa.irsaAnnotation());
            g.node(role.nodeId(), NodeKind.ROLE, role.label(), role.availability() == RoleAvailability.READ);
            g.edge(GraphEdge.mapping(EdgeKind.IRSA, id, role.nodeId(), sa.irsaCheck()));
        }
        PodIdentityAssociation assoc = sa.association();
        if (assoc != null) {
            String assocId = NodeIds.association(assoc.associationId(), sa.ref());
            g.node(assocId, NodeKind.ASSOCIATION, (assoc.associationId() == null ? "association"
                    : assoc.associationId()) + " (" + sa.ref() + ")", true);
            g.edge(GraphEdge.mapping(EdgeKind.ASSOCIATION, id, assocId, checker.associationLink(assoc,
                    namespaces.contains(assoc.namespace()), sa.exists(), agent)));
            if (assoc.roleArn() != null && !assoc.roleArn().isBlank()) {
                ResolvedRole role = roles.resolve(assoc.roleArn());
                g.node(role.nodeId(), NodeKind.ROLE, role.label(), role.availability() == RoleAvailability.READ);
                g.edge(GraphEdge.mapping(EdgeKind.ASSOCIATION_ROLE, assocId, role.nodeId(), sa.podIdentityCheck()));
            }
            if (sa.targetRoleCheck() != null) {
                ResolvedRole target = roles.resolve(assoc.targetRoleArn());
                g.node(target.nodeId(), NodeKind.ROLE, target.label(),
                        target.availability() == RoleAvailability.READ);
                g.edge(GraphEdge.mapping(EdgeKind.TARGET_ROLE, assocId, target.nodeId(), sa.targetRoleCheck()));
            }
        }
    }

    private static String namespaceNode(GraphAssembly g, String namespace, Set<String> namespaces) {
        String id = NodeIds.namespace(namespace);
        g.node(id, NodeKind.NAMESPACE, namespace, namespaces.contains(namespace));
        return id;
    }

    private static void addRoleProviders(GraphAssembly g, RoleResolver roles, MappingChecker checker,
                                         ClusterSnapshot snapshot) {
        Map<String, OidcProvider> providers = new HashMap<>();
        snapshot.oidcProviders().forEach(p -> providers.put(p.arn(), p));
        snapshot.cluster().oidcProviderArn().filter(providers::containsKey).ifPresent(arn ->
                g.node(NodeIds.oidcProvider(arn), NodeKind.OIDC_PROVIDER, providerLabel(providers.get(arn).url()),
                        true));
        List<ResolvedRole> sorted = new ArrayList<>(roles.resolved().values());
        sorted.sort((a, b) -> a.arnText().compareTo(b.arnText()));
        for (ResolvedRole role : sorted) {
            if (role.policy() == null) {
                continue;
            }
            for (String providerArn : role.policy().federatedOidcProviderArns()) {
                String pid = NodeIds.oidcProvider(providerArn);
                boolean exists = checker.providerExists(providerArn);
                g.node(pid, NodeKind.OIDC_PROVIDER, providerLabel(providerArn), exists);
                MappingCheck check = exists ? MappingCheck.of(EdgeStatus.OK, "trust names this provider")
                        : checker.providerKnownMissing(providerArn)
                        ? MappingCheck.of(EdgeStatus.BROKEN, "the trust names OIDC provider " + providerArn
                        + ", which does not exist in IAM")
                        : MappingCheck.of(EdgeStatus.UNPROVABLE, "OIDC provider " + providerArn
                        + " is in an account this snapshot did not read");
                g.edge(GraphEdge.mapping(EdgeKind.TRUSTS_OIDC_PROVIDER, role.nodeId(), pid, check));
            }
        }
    }

    /** {@code oidc.eks.<region>.amazonaws.com/id/<ID>} is long; the id part is what tells clusters apart. */
    static String providerLabel(String urlOrArn) {
        int slash = urlOrArn.lastIndexOf('/');
        return slash >= 0 && slash < urlOrArn.length() - 1 ? "OIDC " + urlOrArn.substring(slash + 1) : urlOrArn;
    }

    /** Mutable accumulation of nodes and edges; frozen into the immutable graph at the end. */
    private static final class GraphAssembly {
        private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
        private final Map<String, GraphEdge> edges = new LinkedHashMap<>();

        /** Adds a node; a real node replaces a placeholder of the same id, never the other way round. */
        void node(String id, NodeKind kind, String label, boolean exists) {
            GraphNode old = nodes.get(id);
            if (old == null || (!old.exists() && exists)) {
                nodes.put(id, new GraphNode(id, kind, label, exists));
            }
        }

        void structural(EdgeKind kind, String from, String to) {
            edge(GraphEdge.structural(kind, from, to));
        }

        void edge(GraphEdge e) {
            edges.putIfAbsent(e.id(), e);
        }

        IdentityGraph freeze(ClusterSnapshot snapshot, Map<ServiceAccountRef, ServiceAccountIdentity> identities,
                             Map<ServiceAccountRef, List<PodInfo>> podsBySa,
                             Map<String, EffectiveIdentity> podIdentities, Map<String, ResolvedRole> roles,
                             AgentStatus agent, IdentityCounts counts) {
            Map<String, List<GraphEdge>> out = new HashMap<>();
            Map<String, List<GraphEdge>> in = new HashMap<>();
            for (GraphEdge e : edges.values()) {
                out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
                in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            }
            out.replaceAll((k, v) -> List.copyOf(v));
            in.replaceAll((k, v) -> List.copyOf(v));
            return new IdentityGraph(snapshot.cluster(), Collections.unmodifiableMap(nodes),
                    List.copyOf(edges.values()), Collections.unmodifiableMap(out), Collections.unmodifiableMap(in),
                    Collections.unmodifiableMap(identities), Collections.unmodifiableMap(podsBySa),
                    Collections.unmodifiableMap(podIdentities), Map.copyOf(roles), agent, counts);
        }
    }
}
