package io.eksid.model.plan;

import io.eksid.model.ServiceAccountRef;
import java.util.List;
import java.util.Objects;

/**
 * A selected service account the plan converts (or finishes converting), with the steps that concern it.
 *
 * @param irsaRoleArn        the role its IRSA annotation names
 * @param associationRoleArn the role the association uses (the bridge role for cross-account chaining)
 * @param targetRoleArn      the role chained to in another account, or null
 * @param addonName          the add-on that owns the service account, or null when converted by hand
 * @param stepIds            ids of the steps that concern it, in plan order
 */
public record PlannedServiceAccount(ServiceAccountRef serviceAccount, String irsaRoleArn, String associationRoleArn,
                                    String targetRoleArn, String addonName, List<String> stepIds) {

    public PlannedServiceAccount {
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        Objects.requireNonNull(irsaRoleArn, "irsaRoleArn");
        Objects.requireNonNull(associationRoleArn, "associationRoleArn");
        stepIds = List.copyOf(stepIds);
    }
}
