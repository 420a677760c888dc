package io.eksid.ui.tables;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.PodInfo;
import io.eksid.model.findings.Finding;
import io.eksid.model.graph.EffectiveIdentity;
import io.eksid.model.graph.GraphEdge;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.graph.NodeIds;
import io.eksid.model.graph.ResolvedRole;
import io.eksid.model.graph.ServiceAccountIdentity;
import io.eksid.model.trust.PolicySize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Row records of the console's tables, derived from an identity state. Pure, so it is tested without FX. */
public final class TableRows {

    private TableRows() {
    }

    /** A service account row. */
    public record ServiceAccountRow(String nodeId, String namespace, String name, String irsaRole, String association,
                                    String newPodsGet, String status, int pods, int stalePods) {
    }

    /** An association row. */
    public record AssociationRow(String nodeId, String associationId, String namespace, String serviceAccount,
                                 String roleArn, String targetRoleArn, String owner, String status) {
    }

    /** A role row. */
    public record RoleRow(String nodeId, String name, String path, String account, String availability, int usedBy,
                          String trustSize) {
    }

    /** A finding row. */
    public record FindingRow(String nodeId, String severity, String code, String subject, String message,
                             String fix) {
    }

    public static List<ServiceAccountRow> serviceAccounts(IdentityState s) {
        IdentityGraph g = s.graph();
        List<ServiceAccountRow> rows = new ArrayList<>();
        for (ServiceAccountIdentity sa : g.serviceAccounts()) {
            int pods = 0;
            int stale = 0;
            for (PodInfo p : g.podsOf(sa.ref())) {
                pods++;
                if (g.effectiveIdentity(p).map(EffectiveIdentity::stale).orElse(false)) {
                    stale++;
                }
            }
            String status = sa.irsaCheck() != null && !sa.irsaCheck().ok() ? "IRSA " + lower(sa.irsaCheck().status().name())
                    : sa.podIdentityCheck() != null && !sa.podIdentityCheck().ok()
                    ? "Pod Identity " + lower(sa.podIdentityCheck().status().name()) : "ok";
            if (!sa.exists()) {
                // Only an association names it: missing, unless the cluster's service accounts could not be read.
                status = s.snapshot().unread().unknown(io.eksid.model.UnreadSources.KUBE_SERVICE_ACCOUNTS)
                        ? "unknown" : "missing";
            }
            var np = sa.newPod();
            rows.add(new ServiceAccountRow(sa.nodeId(), sa.ref().namespace(), sa.ref().name(),
                    sa.irsaAnnotation() == null ? "" : sa.irsaAnnotation(),
                    sa.association() == null ? "" : sa.association().roleArn(),
                    lower(np.mechanism().name()).replace('_', ' ') + (np.roleArn() == null ? ""
                            : " \u2192 " + np.roleArn().substring(np.roleArn().lastIndexOf('/') + 1)),
                    status, pods, stale));
        }
        return rows;
    }

    public static List<AssociationRow> associations(IdentityState s) {
        List<AssociationRow> rows = new ArrayList<>();
        for (PodIdentityAssociation a : s.snapshot().associations()) {
            String id = NodeIds.association(a.associationId(), a.serviceAccountRef());
            String status = "ok";
            for (GraphEdge e : s.graph().edgesFrom(id)) {
                if (!e.status().name().equals("OK")) {
                    status = lower(e.status().name()) + (e.reason().isEmpty() ? "" : ": " + e.reason());
                }
            }
            rows.add(new AssociationRow(id, a.associationId(), a.namespace(), a.serviceAccount(), a.roleArn(),
                    a.targetRoleArn() == null ? "" : a.targetRoleArn(), a.ownerArn() == null ? "" : a.ownerArn(),
                    status));
        }
        return rows;
    }

    public static List<RoleRow> roles(IdentityState s) {
        List<RoleRow> rows = new ArrayList<>();
        for (ResolvedRole r : s.graph().roles().values()) {
            String size = "";
            if (r.role() != null) {
                PolicySize ps = PolicySize.measure(r.role().trustPolicyJson(), s.snapshot().trustPolicyQuota());
                size = ps.characters() + " / " + ps.quota();
            }
            rows.add(new RoleRow(r.nodeId(), r.label(), r.arn() == null ? "" : r.arn().path(),
                    r.arn() == null ? "" : r.arn().account(), lower(r.availability().name()).replace('_', ' '),
                    s.graph().edgesTo(r.nodeId()).size(), size));
        }
        return rows;
    }

    public static List<FindingRow> findings(IdentityState s) {
        List<FindingRow> rows = new ArrayList<>();
        for (Finding f : s.findings()) {
            rows.add(new FindingRow(nodeIdFor(s, f.subject()), f.severity().name(), f.code(), f.subject(),
                    f.message(), f.fix()));
        }
        return rows;
    }

    /** Findings name a node id or an ARN; map ARNs of roles to their node. */
    static String nodeIdFor(IdentityState s, String subject) {
        if (s.graph().node(subject).isPresent()) {
            return subject;
        }
        String role = NodeIds.role(subject);
        if (s.graph().node(role).isPresent()) {
            return role;
        }
        String oidc = NodeIds.oidcProvider(subject);
        return s.graph().node(oidc).isPresent() ? oidc : subject;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
