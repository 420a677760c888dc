package io.eksid.aws;

import io.eksid.model.Addon;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.store.ClusterStore;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The role ARNs a cluster's identity graph references: IRSA annotations on service accounts, association roles
 * and their target roles, and add-on service-account roles. The role poller reads exactly these (plus the roles
 * that trust the cluster), so the graph never shows a role it could not explain.
 */
public final class ReferencedRoles {

    private ReferencedRoles() {
    }

    public static Set<String> of(ClusterSnapshot s) {
        Set<String> arns = new TreeSet<>();
        for (ServiceAccountInfo sa : s.serviceAccounts()) {
            sa.irsaRoleArn().map(String::strip).filter(a -> !a.isEmpty()).ifPresent(arns::add);
        }
        for (PodIdentityAssociation a : s.associations()) {
            addIfSet(arns, a.roleArn());
            addIfSet(arns, a.targetRoleArn());
        }
        for (Addon a : s.addons()) {
            addIfSet(arns, a.serviceAccountRoleArn());
        }
        return arns;
    }

    /** A supplier reading the store's current state; empty until the cluster has been described. */
    public static Supplier<Set<String>> from(ClusterStore store) {
        return () -> store.cluster().map(c -> of(store.snapshot(c))).orElse(Set.of());
    }

    /** As {@link #from(ClusterStore)}, with a placeholder cluster so the Kubernetes side counts before AWS answers. */
    public static Supplier<Set<String>> from(ClusterStore store, ClusterInfo fallback) {
        return () -> of(store.snapshot(fallback));
    }

    private static void addIfSet(Set<String> arns, String arn) {
        if (arn != null && !arn.isBlank()) {
            arns.add(arn.strip());
        }
    }
}
