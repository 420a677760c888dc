package io.eksid.engine.live;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.ServiceAccountInfo;
import java.util.LinkedHashSet;
import java.util.Set;

/** The role ARNs a snapshot refers to: IRSA annotations, association roles and their target roles. */
final class ReferencedRoles {

    private ReferencedRoles() {
    }

    static Set<String> of(ClusterSnapshot s) {
        Set<String> arns = new LinkedHashSet<>();
        for (ServiceAccountInfo sa : s.serviceAccounts()) {
            sa.irsaRoleArn().ifPresent(arns::add);
        }
        for (PodIdentityAssociation a : s.associations()) {
            if (a.roleArn() != null) {
                arns.add(a.roleArn());
            }
            if (a.targetRoleArn() != null) {
                arns.add(a.targetRoleArn());
            }
        }
        for (var addon : s.addons()) {
            if (addon.serviceAccountRoleArn() != null) {
                arns.add(addon.serviceAccountRoleArn());
            }
        }
        return arns;
    }
}
