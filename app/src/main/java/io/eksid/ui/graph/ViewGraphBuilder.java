package io.eksid.ui.graph;

import io.eksid.model.PodInfo;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.findings.Finding;
import io.eksid.model.findings.Severity;
import io.eksid.model.graph.EdgeKind;
import io.eksid.model.graph.EdgeStatus;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.GraphEdge;
import io.eksid.model.graph.GraphNode;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.NodeId;
import io.eksid.model.graph.NodeIds;
import io.eksid.model.graph.NodeKind;
import io.eksid.model.graph.ResolvedRole;
import io.eksid.model.graph.RoleAvailability;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.ui.inspector.AccessVerdicts;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the identity graph into what the graph view shows: namespaces as blocks (collapsed ones as a single
 * header), workloads with their pods folded into counts (expanded on demand), service accounts, and one edge per
 * mapping from a service account to the role it reaches — the association node is folded into a Pod Identity
 * edge, its facts live in the inspector.
 */
public final class ViewGraphBuilder {

    /** What the user chose to see. */
    public record Filter(Set<String> namespaces, boolean onlyProblems, boolean onlyIrsa) {
        public static final Filter ALL = new Filter(Set.of(), false, false);

        public Filter {
            namespaces = Set.copyOf(namespaces);
        }
    }

    public ViewGraph build(IdentityGraph g, List<Finding> findings, Set<String> expanded, Filter filter) {
        return build(g, findings, expanded, filter, true);
    }

    /**
     * @param awsRead whether the AWS side (cluster, roles, associations, providers) has been read at least once:
     *                before that, every IRSA check fails for want of data, so nothing is marked broken or
     *                convertible yet and mappings are drawn as "waiting for AWS"
     */
    public ViewGraph build(IdentityGraph g, List<Finding> findings, Set<String> expanded, Filter filter,
                           boolean awsRead) {
        Set<String> problemSubjects = awsRead ? problemSubjects(g, findings) : new HashSet<>();
        Set<String> cleanUp = awsRead ? cleanUpPending(g) : Set.of();
        Set<String> convertible = new HashSet<>();
        if (awsRead) {
            for (ServiceAccountIdentity sa : g.convertibleIrsaMappings()) {
                convertible.add(sa.nodeId());
            }
        }
        // Group what each namespace holds.
        Map<String, List<GraphNode>> workloadsByNs = new LinkedHashMap<>();
        Map<String, List<ServiceAccountIdentity>> sasByNs = new LinkedHashMap<>();
        List<String> namespaces = new ArrayList<>();
        for (GraphNode n : g.nodes()) {
            if (n.kind() == NodeKind.NAMESPACE) {
                namespaces.add(n.label());
            }
        }
        for (ServiceAccountIdentity sa : g.serviceAccounts()) {
            sasByNs.computeIfAbsent(sa.ref().namespace(), k -> new ArrayList<>()).add(sa);
            if (!namespaces.contains(sa.ref().namespace())) {
                namespaces.add(sa.ref().namespace());
            }
        }
        Map<String, List<PodInfo>> podsByWorkload = new HashMap<>();
        Map<String, String> workloadSa = new HashMap<>();
        for (GraphNode n : g.nodes()) {
            if (n.kind() == NodeKind.WORKLOAD) {
                String ns = n.id().substring(3, n.id().indexOf('/'));
                workloadsByNs.computeIfAbsent(ns, k -> new ArrayList<>()).add(n);
                for (GraphEdge e : g.edgesFrom(n.id())) {
                    if (e.kind() == EdgeKind.RUNS_AS) {
                        workloadSa.put(n.id(), e.to());
                    }
                }
            }
        }
        for (ServiceAccountIdentity sa : g.serviceAccounts()) {
            for (PodInfo p : g.podsOf(sa.ref())) {
                String owner = p.owner() == null ? null : NodeIds.workload(p.namespace(), p.owner());
                if (owner != null) {
                    podsByWorkload.computeIfAbsent(owner, k -> new ArrayList<>()).add(p);
                }
            }
        }

        List<ViewNode> nodes = new ArrayList<>();
        List<ViewEdge> edges = new ArrayList<>();
        Set<String> usedRoles = new LinkedHashSet<>();
        java.util.Collections.sort(namespaces);
        for (String ns : namespaces) {
            if (!filter.namespaces().isEmpty() && !filter.namespaces().contains(ns)) {
                continue;
            }
            List<ServiceAccountIdentity> sas = new ArrayList<>();
            int unused = 0;
            for (ServiceAccountIdentity sa : sasByNs.getOrDefault(ns, List.of())) {
                if (unused(sa, g, problemSubjects)) {
                    unused++;
                } else if (keep(sa, g, filter, problemSubjects)) {
                    sas.add(sa);
                }
            }
            Set<String> keptSaIds = new HashSet<>();
            sas.forEach(sa -> keptSaIds.add(sa.nodeId()));
            List<GraphNode> workloads = new ArrayList<>();
            for (GraphNode w : workloadsByNs.getOrDefault(ns, List.of())) {
                if (keptSaIds.contains(workloadSa.get(w.id()))) {
                    workloads.add(w);
                }
            }
            if (sas.isEmpty() && (filter.onlyIrsa() || filter.onlyProblems() || workloads.isEmpty())) {
                continue; // nothing identity-related lives here (kube-public, kube-node-lease, ...)
            }
            String nsId = NodeIds.namespace(ns);
            boolean open = expanded.contains(nsId);
            int podCount = 0;
            for (GraphNode w : workloads) {
                podCount += podsByWorkload.getOrDefault(w.id(), List.of()).size();
            }
            String summary = workloads.size() + " workloads \u00b7 " + sas.size() + " service accounts \u00b7 "
                    + podCount + " pods" + (unused > 0 ? " \u00b7 " + unused + " unused service accounts hidden" : "");
            nodes.add(new ViewNode(nsId, GraphColumn.NAMESPACE, ns, ns, summary, NodeStyle.NAMESPACE,
                    problemSubjects.contains(nsId) ? Set.of(NodeBadge.PROBLEM) : Set.of(), true, open));
            if (!open) {
                // Collapsed: one edge per (role, style) from the header, nothing laid out inside.
                Set<String> seen = new HashSet<>();
                for (ServiceAccountIdentity sa : sas) {
                    for (ViewEdge e : MappingEdges.roleEdges(g, sa, awsRead)) {
                        if (seen.add(e.to() + "|" + e.style())) {
                            edges.add(new ViewEdge(nsId, e.to(), e.style(), e.tooltip()));
                            usedRoles.add(e.to());
                        }
                    }
                }
                continue;
            }
            for (GraphNode w : workloads) {
                List<PodInfo> pods = podsByWorkload.getOrDefault(w.id(), List.of());
                int stale = 0;
                boolean unsupported = false;
                for (PodInfo p : pods) {
                    EffectiveIdentity id = g.effectiveIdentity(p).orElse(null);
                    if (awsRead && id != null && id.stale()) {
                        stale++;
                    }
                    unsupported |= p.fargate() || p.windows();
                }
                EnumSet<NodeBadge> badges = EnumSet.noneOf(NodeBadge.class);
                if (stale > 0) {
                    badges.add(NodeBadge.STALE);
                }
                if (unsupported) {
                    badges.add(NodeBadge.UNSUPPORTED);
                }
                if (problemSubjects.contains(w.id())) {
                    badges.add(NodeBadge.PROBLEM);
                }
                boolean wOpen = expanded.contains(w.id());
                String kind = w.id().substring(w.id().indexOf('/') + 1, w.id().lastIndexOf('/'));
                String detail = kind + " \u00b7 " + pods.size() + (pods.size() == 1 ? " pod" : " pods")
                        + (stale > 0 ? " \u00b7 " + stale + " stale" : "")
                        + (unsupported ? " \u00b7 " + (pods.stream().anyMatch(PodInfo::fargate) ? "Fargate" : "Windows")
                        : "");
                String name = w.label().substring(w.label().lastIndexOf('/') + 1);
                nodes.add(new ViewNode(w.id(), GraphColumn.WORKLOAD, ns, name, detail, NodeStyle.WORKLOAD,
                        badges, !pods.isEmpty(), wOpen));
                String saId = workloadSa.get(w.id());
                edges.add(new ViewEdge(w.id(), saId, EdgeStyle.RUNS_AS, ""));
                if (wOpen) {
                    for (PodInfo p : pods) {
                        EffectiveIdentity id = g.effectiveIdentity(p).orElse(null);
                        String podId = NodeIds.pod(p.namespace(), p.name());
                        String mech = id == null ? "" : id.mechanism().name().replace('_', ' ').toLowerCase();
                        EnumSet<NodeBadge> podBadges = EnumSet.noneOf(NodeBadge.class);
                        if (awsRead && id != null && id.stale()) {
                            podBadges.add(NodeBadge.STALE);
                        }
                        if (awsRead && AccessVerdicts.pod(g, p).tone() == AccessVerdicts.Tone.FAILS) {
                            podBadges.add(NodeBadge.PROBLEM);
                        }
                        nodes.add(new ViewNode(podId, GraphColumn.WORKLOAD, ns, podLabel(p), mech, NodeStyle.POD,
                                podBadges, false, false));
                        edges.add(new ViewEdge(podId, saId, EdgeStyle.RUNS_AS,
                                id == null ? "" : id.reason()));
                    }
                }
            }
            for (ServiceAccountIdentity sa : sas) {
                EnumSet<NodeBadge> badges = EnumSet.noneOf(NodeBadge.class);
                if (convertible.contains(sa.nodeId())) {
                    badges.add(NodeBadge.CONVERTIBLE);
                }
                if (problemSubjects.contains(sa.nodeId())) {
                    badges.add(NodeBadge.PROBLEM);
                }
                if (cleanUp.contains(sa.nodeId())) {
                    badges.add(NodeBadge.CLEAN_UP);
                }
                for (PodInfo p : g.podsOf(sa.ref())) {
                    if (awsRead && g.effectiveIdentity(p).map(EffectiveIdentity::stale).orElse(false)) {
                        badges.add(NodeBadge.STALE);
                        break;
                    }
                }
                nodes.add(new ViewNode(sa.nodeId(), GraphColumn.SERVICE_ACCOUNT, ns, sa.ref().name(),
                        awsRead ? saDetail(g, sa) : "reading AWS\u2026", NodeStyle.SERVICE_ACCOUNT, badges, false,
                        false));
                MappingEdges.addMappings(g, sa, awsRead, problemSubjects, nodes, edges, usedRoles);
            }
        }
        MappingEdges.addRoles(g, usedRoles, nodes, edges, problemSubjects, awsRead);
        return new ViewGraph(nodes, edges);
    }

    /**
     * Subjects of warning-or-worse findings, with an association's findings also on its service account (the
     * association is keyed by it, and an ERROR on {@code assoc:...} must show where people look). A shadowed IRSA
     * annotation next to a working association is a pending clean-up, not a problem.
     */
    static Set<String> problemSubjects(IdentityGraph g, List<Finding> findings) {
        Map<String, String> saOfAssociation = new HashMap<>();
        for (ServiceAccountIdentity sa : g.serviceAccounts()) {
            if (sa.association() != null) {
                saOfAssociation.put(NodeIds.association(sa.association().associationId(), sa.ref()), sa.nodeId());
            }
        }
        Set<String> cleanUp = cleanUpPending(g);
        Set<String> out = new HashSet<>();
        for (Finding f : findings) {
            if (!f.severity().atLeast(Severity.WARNING)) {
                continue;
            }
            if (io.eksid.model.findings.FindingCode.IRSA_SHADOWED_BY_ASSOCIATION.code().equals(f.code())
                    && cleanUp.contains(f.subject())) {
                continue;
            }
            out.add(f.subject());
            String sa = saOfAssociation.get(f.subject());
            if (sa != null) {
                out.add(sa);
            }
        }
        return out;
    }

    /** See {@link AccessVerdicts#cleanUpPending(IdentityGraph)}. */
    public static Set<String> cleanUpPending(IdentityGraph g) {
        return AccessVerdicts.cleanUpPending(g);
    }

    /** Expanded pods of one workload share the workload's name: show what tells them apart. */
    static String podLabel(PodInfo p) {
        if (p.owner() != null && p.name().startsWith(p.owner().name() + "-")
                && p.name().length() > p.owner().name().length() + 1) {
            return "\u2026" + p.name().substring(p.owner().name().length());
        }
        return p.name();
    }

    /** A service account nothing runs as and nothing maps (the per-namespace {@code default}, mostly). */
    private static boolean unused(ServiceAccountIdentity sa, IdentityGraph g, Set<String> problems) {
        return sa.exists() && !sa.hasIrsaAnnotation() && !sa.hasAssociation() && g.podsOf(sa.ref()).isEmpty()
                && g.edgesTo(sa.nodeId()).stream().noneMatch(e -> e.kind() == EdgeKind.RUNS_AS)
                && !problems.contains(sa.nodeId());
    }

    private static boolean keep(ServiceAccountIdentity sa, IdentityGraph g, Filter filter, Set<String> problems) {
        if (filter.onlyIrsa() && !sa.hasIrsaAnnotation()) {
            return false;
        }
        if (filter.onlyProblems()) {
            // a role-level finding (trust near its quota, wildcard trust) is a problem of whoever maps to it
            boolean roleProblem = false;
            for (GraphEdge e : g.edgesFrom(sa.nodeId())) {
                roleProblem |= problems.contains(e.to()) || roleArnIn(e.to(), problems);
                for (GraphEdge r : e.kind() == EdgeKind.ASSOCIATION ? g.edgesFrom(e.to()) : List.<GraphEdge>of()) {
                    roleProblem |= problems.contains(r.to()) || roleArnIn(r.to(), problems);
                }
            }
            boolean problem = roleProblem || problems.contains(sa.nodeId())
                    || (sa.irsaCheck() != null && sa.irsaCheck().status() == EdgeStatus.BROKEN)
                    || (sa.podIdentityCheck() != null && sa.podIdentityCheck().status() == EdgeStatus.BROKEN)
                    || g.podsOf(sa.ref()).stream().anyMatch(p -> g.effectiveIdentity(p)
                    .map(EffectiveIdentity::stale).orElse(false));
            return problem;
        }
        return true;
    }

    /** Whether a role node's ARN is a problem subject (role-level findings name the ARN, not the node). */
    private static boolean roleArnIn(String nodeId, Set<String> problems) {
        return NodeId.tryParse(nodeId).orElse(null) instanceof NodeId.Role r && problems.contains(r.arn());
    }

    static String saDetail(IdentityGraph g, ServiceAccountIdentity sa) {
        String verdict = switch (AccessVerdicts.newPods(g, sa).tone()) {
            case FAILS -> sa.exists() ? " (broken)" : "";
            case UNPROVEN -> " (unproven)";
            case WORKS, NEUTRAL -> "";
        };
        String role = sa.newPod().roleArn();
        String name = role == null ? "" : role.substring(role.lastIndexOf('/') + 1);
        return switch (sa.newPod().mechanism()) {
            case POD_IDENTITY -> "Pod Identity" + verdict + " \u2192 " + name
                    + (sa.irsaShadowed() ? " \u00b7 IRSA annotation left" : "");
            case IRSA -> "IRSA" + verdict + " \u2192 " + name;
            case NODE_ROLE -> sa.exists() ? "node role (no pod identity)" : "missing service account";
            case NONE -> "no AWS identity";
        };
    }

    static ServiceAccountRef saRef(String saId) {
        return ServiceAccountRef.parse(saId.substring(3));
    }
}
