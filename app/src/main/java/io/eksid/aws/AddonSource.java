package io.eksid.aws;

import io.eksid.model.Addon;
import io.eksid.model.store.ClusterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * {@code aws/addons}: ListAddons + DescribeAddon. The {@code eks-pod-identity-agent} add-on's status decides
 * whether Pod Identity can work, and add-ons own associations that must not be edited by hand.
 */
public final class AddonSource implements AwsSource {

    public static final String NAME = "aws/addons";

    private final EksClient eks;
    private final String clusterName;
    private final ClusterStore store;

    public AddonSource(EksClient eks, String clusterName, ClusterStore store) {
        this.eks = Objects.requireNonNull(eks, "eks");
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String refresh() {
        List<Addon> all = new ArrayList<>();
        for (String name : eks.listAddonsPaginator(r -> r.clusterName(clusterName).maxResults(100)).addons()) {
            try {
                var a = eks.describeAddon(r -> r.clusterName(clusterName).addonName(name)).addon();
                all.add(new Addon(a.addonName(), a.addonVersion(), a.statusAsString(),
                        a.serviceAccountRoleArn(),
                        a.hasPodIdentityAssociations() ? a.podIdentityAssociations() : List.of()));
            } catch (ResourceNotFoundException e) {
                // Deleted between the list and the describe.
            }
        }
        all.sort(Comparator.comparing(Addon::name));
        store.replaceAddons(all);
        return "";
    }
}
