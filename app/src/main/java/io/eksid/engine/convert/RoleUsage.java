package io.eksid.engine.convert;

import io.eksid.aws.IdentityWriteException;
import io.eksid.aws.IdentityWriter;
import io.eksid.model.PodIdentityAssociation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which live Pod Identity associations use a role, apart from one run's own: read once per rollback from every
 * cluster the cluster account's EKS client lists in its region (associations carry no role in list results, so
 * each is described). A rollback removes a role's Pod Identity statement only when this finds no other user and
 * every cluster could be read; otherwise the statement stays and the report says what was checked.
 */
final class RoleUsage {

    /**
     * @param users    associations outside the run that name the role, as {@code cluster ns/sa (id)}
     * @param checked  what was read, in words
     * @param complete whether every listed cluster could be read (if not, absence of users proves nothing)
     */
    record Users(List<String> users, String checked, boolean complete) {
    }

    private final IdentityWriter eks;
    private final CallBudget calls;
    private final Set<String> ownAssociationIds;
    private final String homeCluster;
    private final Set<String> ownAddonServiceAccounts;
    private Map<String, List<String>> byRole;
    private final List<String> readClusters = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private int associations;

    /**
     * @param ownAssociationIds       associations the run created itself
     * @param ownAddonServiceAccounts {@code ns/sa} of {@code homeCluster} the run gave Pod Identity through an
     *                                add-on: the add-on's association for them is the run's too (EKS may still list
     *                                it for a moment after the add-on's list was reverted)
     */
    RoleUsage(IdentityWriter eks, CallBudget calls, Set<String> ownAssociationIds, String homeCluster,
              Set<String> ownAddonServiceAccounts) {
        this.eks = eks;
        this.calls = calls;
        this.ownAssociationIds = Set.copyOf(ownAssociationIds);
        this.homeCluster = homeCluster;
        this.ownAddonServiceAccounts = Set.copyOf(ownAddonServiceAccounts);
    }

    private boolean own(String cluster, PodIdentityAssociation a) {
        return ownAssociationIds.contains(a.associationId()) || cluster.equals(homeCluster) && a.ownedByAddon()
                && ownAddonServiceAccounts.contains(a.namespace() + "/" + a.serviceAccount());
    }

    synchronized Users usersOf(String roleArn) {
        if (byRole == null) {
            byRole = read();
        }
        String checked = associations + " association(s) in " + (readClusters.isEmpty() ? "no cluster"
                : "cluster(s) " + String.join(", ", readClusters)) + " of this account and region"
                + (unreadable.isEmpty() ? "" : "; could not read " + String.join("; ", unreadable))
                + "; other regions were not checked";
        return new Users(byRole.getOrDefault(roleArn, List.of()), checked, unreadable.isEmpty());
    }

    private Map<String, List<String>> read() {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> clusters;
        try {
            clusters = calls.eksRead(eks::listClusters);
        } catch (IdentityWriteException e) {
            unreadable.add("the cluster list (" + e.getMessage() + ")");
            return out;
        }
        for (String cluster : clusters) {
            try {
                List<PodIdentityAssociation> list = calls.eksRead(() -> eks.associations(cluster));
                readClusters.add(cluster);
                for (PodIdentityAssociation a : list) {
                    associations++;
                    if (a.roleArn() != null && !own(cluster, a)) {
                        out.computeIfAbsent(a.roleArn(), k -> new ArrayList<>()).add(cluster + " " + a.namespace()
                                + "/" + a.serviceAccount() + " (" + a.associationId() + ")");
                    }
                }
            } catch (IdentityWriteException e) {
                unreadable.add("cluster " + cluster + " (" + e.getMessage() + ")");
            }
        }
        return out;
    }
}
