package io.eksid.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service accounts and pods found by key; the keyed lists still behave as the plain lists they replace. */
class ClusterSnapshotLookupTest {

    private static final ClusterInfo CLUSTER = new ClusterInfo("prod", null, "111122223333", Partition.AWS,
            "eu-west-1", null, "1.30", "eks.1", false);

    private static ServiceAccountInfo sa(String ns, String name, String uid) {
        return new ServiceAccountInfo(ns, name, uid, Map.of());
    }

    private static PodInfo pod(String ns, String name, String sa) {
        return new PodInfo(ns, name, "uid-" + name, sa, null, null, "Running", null, PodCredentials.NONE, false, false,
                false);
    }

    @Test
    void findsServiceAccountsAndPodsByNamespaceAndName() {
        ClusterSnapshot s = ClusterSnapshot.builder(CLUSTER).serviceAccount(sa("shop", "cart", "1"))
                .serviceAccount(sa("pay", "cart", "2")).serviceAccount(sa("shop", "cart", "3"))
                .pod(pod("shop", "cart-1", "cart")).pod(pod("pay", "cart-1", "cart")).build();

        assertThat(s.serviceAccount(new ServiceAccountRef("pay", "cart"))).map(ServiceAccountInfo::uid).contains("2");
        assertThat(s.serviceAccount(new ServiceAccountRef("shop", "cart"))).map(ServiceAccountInfo::uid)
                .as("the first of a repeated key").contains("1");
        assertThat(s.serviceAccount(new ServiceAccountRef("shop", "orders"))).isEmpty();
        assertThat(s.pod("pay", "cart-1")).map(PodInfo::namespace).contains("pay");
        assertThat(s.pod("shop", "cart-2")).isEmpty();
        assertThat(s.pod("shop/cart-1", "")).isEmpty();
    }

    @Test
    void keyedListsEqualPlainListsAndSurviveJson() throws Exception {
        List<ServiceAccountInfo> plain = List.of(sa("shop", "cart", "1"), sa("pay", "api", "2"));
        ClusterSnapshot s = ClusterSnapshot.builder(CLUSTER).serviceAccount(plain.get(0))
                .serviceAccount(plain.get(1)).build();
        assertThat(s.serviceAccounts()).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(plain).isEqualTo(s.serviceAccounts());

        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ClusterSnapshot back = json.readValue(json.writeValueAsString(s), ClusterSnapshot.class);
        assertThat(back.serviceAccounts()).isEqualTo(plain);
        assertThat(back.serviceAccount(new ServiceAccountRef("pay", "api"))).map(ServiceAccountInfo::uid).contains("2");
    }
}
