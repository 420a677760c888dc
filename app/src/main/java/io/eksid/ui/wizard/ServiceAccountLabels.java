package io.eksid.ui.wizard;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountInfo;
import java.util.Optional;

/**
 * What identity a service account has today, as the new-association wizard lists it: "IRSA → role",
 * "Pod Identity → role", or nothing. EKS allows one association per service account (a second create fails with
 * ResourceInUseException, FACTS.md), so an associated one is flagged before the user picks it.
 */
final class ServiceAccountLabels {

    private final ClusterSnapshot snapshot;

    ServiceAccountLabels(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** "IRSA → role", "Pod Identity → role" (with IRSA too, Pod Identity wins for new pods), or null. */
    String identity(String ns, String sa) {
        Optional<PodIdentityAssociation> assoc = association(ns, sa);
        Optional<String> irsa = snapshot.serviceAccounts().stream()
                .filter(s -> s.namespace().equals(ns) && s.name().equals(sa)).findFirst()
                .flatMap(ServiceAccountInfo::irsaRoleArn);
        if (assoc.isPresent()) {
            return "Pod Identity \u2192 " + roleName(assoc.get().roleArn())
                    + irsa.map(r -> " (IRSA \u2192 " + roleName(r) + " is shadowed)").orElse("");
        }
        return irsa.map(r -> "IRSA \u2192 " + roleName(r)).orElse(null);
    }

    /** The list's text for one service account: its name, its identity, and the one-association flag. */
    String listText(String ns, String sa) {
        String identity = identity(ns, sa);
        String text = sa + (identity == null ? "" : "   \u00b7 " + identity);
        return associated(ns, sa) ? text + "   \u00b7 already associated: a second association fails" : text;
    }

    boolean associated(String ns, String sa) {
        return association(ns, sa).isPresent();
    }

    /** A note for the picked service account that has IRSA: what the association changes for its pods. */
    String irsaNote(String ns, String sa) {
        if (associated(ns, sa)) {
            return null;
        }
        String identity = identity(ns, sa);
        return identity == null ? null : "Has " + identity + " today; once the association exists, new pods get only "
                + "the Pod Identity credentials (it takes precedence over IRSA)";
    }

    private Optional<PodIdentityAssociation> association(String ns, String sa) {
        return snapshot.associations().stream().filter(a -> a.namespace().equals(ns)
                && a.serviceAccount().equals(sa)).findFirst();
    }

    private static String roleName(String arn) {
        return RoleArn.tryParse(arn).map(RoleArn::name).orElse(arn);
    }
}
