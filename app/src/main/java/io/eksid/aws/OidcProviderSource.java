package io.eksid.aws;

import io.eksid.model.OidcProvider;
import io.eksid.model.store.ClusterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * {@code aws/oidc-providers}: the account's IAM OIDC identity providers. ListOpenIDConnectProviders returns ARNs
 * only (FACTS.md); a provider's URL never changes, so each is read with GetOpenIDConnectProvider when it first
 * appears and then every {@code fullRefreshEvery} polls (client IDs and thumbprints can change).
 */
public final class OidcProviderSource implements AwsSource {

    public static final String NAME = "aws/oidc-providers";

    private final IamClient iam;
    private final ClusterStore store;
    private final int fullRefreshEvery;
    private final Map<String, OidcProvider> known = new ConcurrentHashMap<>();
    private int polls;

    public OidcProviderSource(IamClient iam, ClusterStore store, int fullRefreshEvery) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.store = Objects.requireNonNull(store, "store");
        if (fullRefreshEvery < 1) {
            throw new IllegalArgumentException("fullRefreshEvery must be >= 1");
        }
        this.fullRefreshEvery = fullRefreshEvery;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized String refresh() {
        boolean full = polls++ % fullRefreshEvery == 0;
        List<String> arns = iam.listOpenIDConnectProviders().openIDConnectProviderList().stream()
                .map(p -> p.arn()).toList();
        known.keySet().retainAll(arns);
        for (String arn : arns) {
            if (full || !known.containsKey(arn)) {
                try {
                    var p = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
                    known.put(arn, new OidcProvider(arn, p.url(), p.clientIDList(), p.thumbprintList()));
                } catch (NoSuchEntityException e) {
                    known.remove(arn);
                }
            }
        }
        List<OidcProvider> all = new ArrayList<>(known.values());
        all.sort(Comparator.comparing(OidcProvider::arn));
        store.replaceOidcProviders(all);
        return "";
    }
}
