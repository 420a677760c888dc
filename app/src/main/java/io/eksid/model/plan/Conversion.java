package io.eksid.model.plan;

import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import io.eksid.model.ServiceAccountRef;
import java.util.ArrayList;
import java.util.List;

/** The planner's working state for one selected IRSA service account. Mutable, confined to one planning run. */
final class Conversion {

    final ServiceAccountInfo serviceAccount;
    final String annotation;
    final RoleArn irsaRole;
    /** The add-on that owns this service account, or null. */
    String addonName;
    /** The association the snapshot already has for this service account, or null. */
    PodIdentityAssociation existing;
    /** The existing association is exactly what the conversion would create. */
    boolean associationDone;
    /** The role of the association: the IRSA role, or the bridge role when chaining to another account. */
    RoleArn associationRole;
    /** Set when chaining: the original (other-account) IRSA role. */
    RoleArn targetRole;
    /** Steps that must succeed before the association may be created (trust, bridge, target trust). */
    final List<String> prerequisites = new ArrayList<>();
    /** Every step of the plan that concerns this service account. */
    final List<String> stepIds = new ArrayList<>();
    boolean skipped;

    Conversion(ServiceAccountInfo serviceAccount, String annotation, RoleArn irsaRole) {
        this.serviceAccount = serviceAccount;
        this.annotation = annotation;
        this.irsaRole = irsaRole;
    }

    ServiceAccountRef ref() {
        return serviceAccount.ref();
    }

    boolean crossAccount(String clusterAccount) {
        return !irsaRole.account().equals(clusterAccount);
    }

    void addStep(String id) {
        if (!stepIds.contains(id)) {
            stepIds.add(id);
        }
    }

    void addPrerequisite(String id) {
        if (!prerequisites.contains(id)) {
            prerequisites.add(id);
        }
        addStep(id);
    }
}
