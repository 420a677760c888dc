package io.eksid.model.findings;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Findings only visible across clusters: one IRSA role used by service accounts of several clusters. */
final class CrossClusterFindings {

    List<Finding> find(List<ClusterSnapshot> snapshots) {
        Map<String, Set<String>> clustersByRole = new TreeMap<>();
        for (ClusterSnapshot s : snapshots) {
            for (ServiceAccountInfo sa : s.serviceAccounts()) {
                sa.irsaRoleArn().flatMap(RoleArn::tryParse).ifPresent(arn -> clustersByRole
                        .computeIfAbsent(arn.toString(), k -> new TreeSet<>()).add(s.cluster().arn()));
            }
        }
        List<Finding> out = new ArrayList<>();
        clustersByRole.forEach((role, clusters) -> {
            if (clusters.size() >= 2) {
                out.add(Finding.of(FindingCode.IRSA_ROLE_MULTI_CLUSTER, role, "Role " + RoleArn.parse(role).name()
                                + " is the IRSA role of service accounts in " + clusters.size() + " clusters ("
                                + String.join(", ", clusters) + "): its trust needs one OIDC statement per cluster.",
                        "Consolidation candidate: with EKS Pod Identity one statement trusting pods.eks.amazonaws.com "
                                + "(" + Fixes.podIdentityStatement() + ") serves all of them; create one association "
                                + "per cluster and service account, then remove the per-cluster OIDC statements."));
            }
        });
        return out;
    }
}
