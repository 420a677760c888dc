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
 * The mapping part of the view graph: IRSA edges, association diamonds on the path, roles and what they trust,
 * each hop coloured by its own verdict (and nothing coloured before the AWS side was read).
 */
final class MappingEdges {

    private MappingEdges() {
    }

    private static EdgeStyle styleOf(EdgeStatus status) {
        return switch (status) {
            case OK, SHADOWED -> EdgeStyle.POD_IDENTITY;
            case BROKEN -> EdgeStyle.BROKEN;
            case UNPROVABLE -> EdgeStyle.UNPROVABLE;
        };
    }

    /**
     * The service account's mappings as drawn: IRSA straight to its role; an association as a diamond on the
     * path (service account → association → role), each hop coloured by its own verdict. A shadowed IRSA
     * annotation naming the association's role is not drawn a second time on top of the Pod Identity path.
     */
    static void addMappings(IdentityGraph g, ServiceAccountIdentity sa, boolean awsRead,
                                    Set<String> problems, List<ViewNode> nodes, List<ViewEdge> edges,
                                    Set<String> usedRoles) {
        for (GraphEdge e : g.edgesFrom(sa.nodeId())) {
            if (e.kind() == EdgeKind.IRSA) {
                if (e.status() == EdgeStatus.SHADOWED && sa.association() != null
                        && e.to().equals(NodeIds.role(String.valueOf(sa.association().roleArn())))) {
                    continue;
                }
                edges.add(new ViewEdge(sa.nodeId(), e.to(), awsRead ? irsaStyle(e.status()) : EdgeStyle.UNPROVABLE,
                        awsRead ? e.reason() : WAITING));
                usedRoles.add(e.to());
            } else if (e.kind() == EdgeKind.ASSOCIATION) {
                String assocId = e.to();
                boolean broken = e.status() == EdgeStatus.BROKEN;
                List<ViewEdge> out = new ArrayList<>();
                for (GraphEdge r : g.edgesFrom(assocId)) {
                    if (r.kind() == EdgeKind.ASSOCIATION_ROLE) {
                        broken |= r.status() == EdgeStatus.BROKEN;
                        out.add(new ViewEdge(assocId, r.to(), styleOf(r.status()), "association role"
                                + (r.reason().isEmpty() ? "" : ": " + r.reason())));
                        usedRoles.add(r.to());
                    }
                }
                String label = NodeId.tryParse(assocId).orElse(null) instanceof NodeId.Association a ? a.key()
                        : assocId;
                String detail = "Pod Identity association" + (sa.association() == null ? ""
                        : " \u2192 " + shortRole(sa.association().roleArn()));
                nodes.add(new ViewNode(assocId, GraphColumn.MAPPING, sa.ref().namespace(), label, detail,
                        broken ? NodeStyle.ASSOCIATION_BROKEN : NodeStyle.ASSOCIATION,
                        problems.contains(assocId) ? Set.of(NodeBadge.PROBLEM) : Set.of(), false, false));
                edges.add(new ViewEdge(sa.nodeId(), assocId, styleOf(e.status()), e.reason()));
                edges.addAll(out);
            }
        }
    }

    private static final String WAITING = "waiting for the AWS side to be read";

    private static String shortRole(String arn) {
        return arn == null ? "?" : arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static EdgeStyle irsaStyle(EdgeStatus status) {
        return switch (status) {
            case OK -> EdgeStyle.IRSA;
            case SHADOWED -> EdgeStyle.BOTH;
            case BROKEN -> EdgeStyle.BROKEN;
            case UNPROVABLE -> EdgeStyle.UNPROVABLE;
        };
    }

    /**
     * Edges from a service account straight to each role its mappings reach (collapsed namespaces): the worst
     * hop decides the colour, so an orphaned association with a healthy role still reads broken.
     */
    static List<ViewEdge> roleEdges(IdentityGraph g, ServiceAccountIdentity sa, boolean awsRead) {
        List<ViewEdge> out = new ArrayList<>();
        String assocRole = sa.association() == null ? null : NodeIds.role(String.valueOf(sa.association().roleArn()));
        for (ViewEdge e : mappingEdges(g, sa)) {
            if (e.style() == EdgeStyle.BOTH && e.to().equals(assocRole)) {
                continue; // the Pod Identity edge to the same role says it
            }
            out.add(awsRead ? e : new ViewEdge(e.from(), e.to(), EdgeStyle.UNPROVABLE, WAITING));
        }
        return out;
    }

    /** Edges from a service account straight to the role each mapping reaches. */
    private static List<ViewEdge> mappingEdges(IdentityGraph g, ServiceAccountIdentity sa) {
        List<ViewEdge> out = new ArrayList<>();
        for (GraphEdge e : g.edgesFrom(sa.nodeId())) {
            if (e.kind() == EdgeKind.IRSA) {
                EdgeStyle style = switch (e.status()) {
                    case OK -> EdgeStyle.IRSA;
                    case SHADOWED -> EdgeStyle.BOTH;
                    case BROKEN -> EdgeStyle.BROKEN;
                    case UNPROVABLE -> EdgeStyle.UNPROVABLE;
                };
                out.add(new ViewEdge(sa.nodeId(), e.to(), style, e.reason()));
            } else if (e.kind() == EdgeKind.ASSOCIATION) {
                for (GraphEdge r : g.edgesFrom(e.to())) {
                    if (r.kind() == EdgeKind.ASSOCIATION_ROLE) {
                        EdgeStyle style = e.status() == EdgeStatus.BROKEN ? EdgeStyle.BROKEN : styleOf(r.status());
                        String why = (NodeId.tryParse(e.to()).orElse(null) instanceof NodeId.Association a
                                ? "association " + a.key() : "")
                                + (e.status() == EdgeStatus.BROKEN ? ": " + e.reason()
                                : r.reason().isEmpty() ? "" : ": " + r.reason());
                        out.add(new ViewEdge(sa.nodeId(), r.to(), style, why));
                    }
                }
            }
        }
        return out;
    }

    static void addRoles(IdentityGraph g, Set<String> usedRoles, List<ViewNode> nodes, List<ViewEdge> edges,
                                 Set<String> problems, boolean awsRead) {
        Set<String> trustTargets = new LinkedHashSet<>();
        for (String roleId : usedRoles) {
            GraphNode n = g.node(roleId).orElse(null);
            String arnText = ((NodeId.Role) NodeId.parse(roleId)).arn();
            ResolvedRole rr = g.role(arnText).orElse(null);
            boolean missing = awsRead && rr != null && rr.availability() != RoleAvailability.READ;
            String detail = rr != null && rr.arn() != null
                    ? (rr.arn().path().equals("/") ? "" : rr.arn().path() + " ") + rr.arn().account()
                    + (missing ? " \u00b7 " + rr.problem() : "")
                    : (missing ? rr.problem() : "");
            if (!awsRead) {
                detail = "reading IAM\u2026";
            }
            nodes.add(new ViewNode(roleId, GraphColumn.ROLE, null, n != null ? n.label()
                    : (rr != null ? rr.label() : arnText), detail, missing ? NodeStyle.ROLE_MISSING : NodeStyle.ROLE,
                    problems.contains(roleId) || problems.contains(arnText) ? Set.of(NodeBadge.PROBLEM) : Set.of(),
                    false, false));
            for (GraphEdge e : g.edgesFrom(roleId)) {
                if (e.kind() == EdgeKind.TRUSTS_OIDC_PROVIDER) {
                    trustTargets.add(e.to());
                    boolean providerMissing = awsRead && providerKnownMissing(g, e.to());
                    edges.add(new ViewEdge(roleId, e.to(), providerMissing ? EdgeStyle.BROKEN : EdgeStyle.TRUSTS,
                            providerMissing ? "the trusted IAM OIDC provider does not exist: STS cannot validate "
                            + "the token" : e.reason()));
                }
            }
        }
        // Target roles of associations whose role is shown.
        for (GraphEdge e : g.edges()) {
            if (e.kind() == EdgeKind.TARGET_ROLE) {
                for (GraphEdge r : g.edgesFrom(e.from())) {
                    if (r.kind() == EdgeKind.ASSOCIATION_ROLE && usedRoles.contains(r.to())) {
                        trustTargets.add(e.to());
                        edges.add(new ViewEdge(r.to(), e.to(), EdgeStyle.TARGET, e.reason()));
                    }
                }
            }
        }
        for (String id : trustTargets) {
            GraphNode n = g.node(id).orElse(null);
            boolean oidc = NodeId.tryParse(id).orElse(null) instanceof NodeId.OidcProvider;
            String label = n != null ? n.label() : id;
            boolean missing = oidc && awsRead && providerKnownMissing(g, id);
            String detail = !oidc ? "target role" : !awsRead ? "OIDC provider \u00b7 reading IAM\u2026"
                    : missing ? "OIDC provider \u00b7 missing"
                    : n != null && !n.exists() ? "OIDC provider \u00b7 in account " + account(id) + ", not listed"
                    : "OIDC provider";
            nodes.add(new ViewNode(id, GraphColumn.TRUST_TARGET, null, label, detail,
                    missing ? NodeStyle.OIDC_PROVIDER_MISSING : oidc ? NodeStyle.OIDC_PROVIDER : NodeStyle.TARGET_ROLE,
                    missing ? Set.of(NodeBadge.PROBLEM) : Set.of(), false, false));
        }
    }

    /**
     * A provider node that does not exist in an account whose providers were listed (the cluster's own): it is
     * known missing. One in another account was simply not listed from here, which proves nothing.
     */
    private static boolean providerKnownMissing(IdentityGraph g, String providerId) {
        GraphNode n = g.node(providerId).orElse(null);
        return n != null && !n.exists() && account(providerId).equals(g.cluster().account());
    }

    private static String account(String providerId) {
        String arn = providerId.substring(providerId.indexOf(':') + 1);
        return io.eksid.model.Arn.tryParse(arn).map(io.eksid.model.Arn::account).orElse("?");
    }
}
