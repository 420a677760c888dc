package io.eksid.model.plan;

import io.eksid.model.Addon;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.RoleArn;
import io.eksid.model.ServiceAccountRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises service accounts that belong to an EKS add-on. Those are converted with UpdateAddon's
 * {@code podIdentityAssociations} (FACTS.md, Add-ons), not by hand: the add-on would otherwise fight the change
 * (eksctl issue #7752, managed add-ons broken by migration).
 */
final class AddonServiceAccounts {

    /** The service accounts that AWS-managed add-ons create and annotate with {@code serviceAccountRoleArn}. */
    static final Map<String, List<ServiceAccountRef>> KNOWN = Map.of(
            "vpc-cni", List.of(new ServiceAccountRef("kube-system", "aws-node")),
            "aws-ebs-csi-driver", List.of(new ServiceAccountRef("kube-system", "ebs-csi-controller-sa")),
            "aws-efs-csi-driver", List.of(new ServiceAccountRef("kube-system", "efs-csi-controller-sa")),
            "aws-mountpoint-s3-csi-driver", List.of(new ServiceAccountRef("kube-system", "s3-csi-driver-sa")),
            "amazon-cloudwatch-observability", List.of(new ServiceAccountRef("amazon-cloudwatch", "cloudwatch-agent")));

    private final ClusterSnapshot snapshot;

    AddonServiceAccounts(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * The installed add-on that owns this service account: one whose known service account it is, or (for
     * add-ons not in the table) one whose {@code serviceAccountRoleArn} is the service account's IRSA role.
     */
    Optional<Addon> owner(ServiceAccountRef sa, RoleArn irsaRole) {
        for (Addon addon : snapshot.addons().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            List<ServiceAccountRef> known = KNOWN.get(addon.name());
            if (known != null) {
                if (known.contains(sa)) {
                    return Optional.of(addon);
                }
            } else if (addon.serviceAccountRoleArn() != null
                    && addon.serviceAccountRoleArn().strip().equals(irsaRole.toString())) {
                return Optional.of(addon);
            }
        }
        return Optional.empty();
    }

    /** The associations an add-on owns already (UpdateAddon replaces the whole list, so they must be kept). */
    List<PodIdentityAssociation> ownedBy(Addon addon) {
        String marker = ":addon/" + snapshot.cluster().name() + "/" + addon.name() + "/";
        return snapshot.associations().stream().filter(PodIdentityAssociation::ownedByAddon)
                .filter(a -> addon.podIdentityAssociationArns().contains(a.associationArn())
                        || a.ownerArn().contains(marker))
                .toList();
    }
}
