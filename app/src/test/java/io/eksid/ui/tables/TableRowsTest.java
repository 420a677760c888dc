package io.eksid.ui.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.NamespaceInfo;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.UnreadSources;
import io.eksid.model.findings.FindingsAnalyzer;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustInspector;
import io.eksid.ui.UiFixtures;
import io.eksid.ui.tables.TableRows.AssociationRow;
import io.eksid.ui.tables.TableRows.FindingRow;
import io.eksid.ui.tables.TableRows.RoleRow;
import io.eksid.ui.tables.TableRows.ServiceAccountRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Table rows derived from the hand-built cluster of {@link UiFixtures}: IRSA ok, Pod Identity with a stale pod, a broken trust. */
class TableRowsTest {

    private static final String API_ROLE = "arn:aws:iam::111122223333:role/teams/pay/api";
    private static final String WORKER_ROLE = "arn:aws:iam::111122223333:role/worker";
    private static final String SEARCH_ROLE = "arn:aws:iam::111122223333:role/search";

    @Test
    void serviceAccountRowsShowIrsaPodIdentityAndBrokenTrust() {
        List<ServiceAccountRow> rows = TableRows.serviceAccounts(UiFixtures.state());

        assertThat(rows).containsExactlyInAnyOrder(
                new ServiceAccountRow("sa:pay/api", "pay", "api", API_ROLE, "", "irsa \u2192 api", "ok", 2, 0),
                new ServiceAccountRow("sa:pay/worker", "pay", "worker", "", WORKER_ROLE, "pod identity \u2192 worker",
                        "ok", 1, 1),
                new ServiceAccountRow("sa:search/indexer", "search", "indexer", SEARCH_ROLE, "", "irsa \u2192 search",
                        "IRSA broken", 1, 0));
    }

    @Test
    void aConvertedServiceAccountStillAnnotatedShowsIrsaShadowed() {
        List<ServiceAccountRow> rows = TableRows.serviceAccounts(UiFixtures.convertedState());

        assertThat(rows).filteredOn(r -> r.name().equals("worker")).containsExactly(
                new ServiceAccountRow("sa:pay/worker", "pay", "worker", WORKER_ROLE, WORKER_ROLE,
                        "pod identity \u2192 worker", "IRSA shadowed", 1, 1));
    }

    @Test
    void aServiceAccountNamedOnlyByAnAssociationIsMissing() {
        IdentityState s = stateOf(ghostAssociation(UnreadSources.NONE));

        assertThat(TableRows.serviceAccounts(s)).singleElement()
                .satisfies(r -> {
                    assertThat(r.nodeId()).isEqualTo("sa:pay/ghost");
                    assertThat(r.namespace()).isEqualTo("pay");
                    assertThat(r.name()).isEqualTo("ghost");
                    assertThat(r.irsaRole()).isEmpty();
                    assertThat(r.association()).isEqualTo(WORKER_ROLE);
                    assertThat(r.status()).isEqualTo("missing");
                    assertThat(r.pods()).isZero();
                    assertThat(r.stalePods()).isZero();
                });
    }

    @Test
    void aServiceAccountNamedOnlyByAnAssociationIsUnknownWhenServiceAccountsWereNotRead() {
        UnreadSources unread = new UnreadSources(Map.of(UnreadSources.KUBE_SERVICE_ACCOUNTS, "forbidden"));
        IdentityState s = stateOf(ghostAssociation(unread));

        assertThat(TableRows.serviceAccounts(s)).extracting(ServiceAccountRow::status).containsExactly("unknown");
    }

    @Test
    void associationRowsCarryIdsNamesRoleAndStatus() {
        List<AssociationRow> rows = TableRows.associations(UiFixtures.state());

        assertThat(rows).containsExactly(new AssociationRow("assoc:a-1", "a-1", "pay", "worker", WORKER_ROLE, "", "",
                "ok"));
    }

    @Test
    void anAssociationWhoseRolesWereNotReadShowsTheEdgeStatusAndReason() {
        IdentityState s = stateOf(ghostAssociation(UnreadSources.NONE));

        assertThat(TableRows.associations(s)).singleElement().satisfies(r -> {
            assertThat(r.nodeId()).isEqualTo("assoc:g-1");
            assertThat(r.associationId()).isEqualTo("g-1");
            assertThat(r.namespace()).isEqualTo("pay");
            assertThat(r.serviceAccount()).isEqualTo("ghost");
            assertThat(r.roleArn()).isEqualTo(WORKER_ROLE);
            assertThat(r.targetRoleArn()).isEqualTo("arn:aws:iam::444455556666:role/far");
            assertThat(r.owner()).isEqualTo("arn:aws:iam::111122223333:role/owner");
            // the last edge that is not ok gives the status, lower-cased, with its reason
            assertThat(r.status()).isEqualTo("unprovable: role far was not read in this snapshot");
        });
    }

    @Test
    void roleRowsShowNamePathAccountAvailabilityUseAndTrustSize() {
        List<RoleRow> rows = TableRows.roles(UiFixtures.state());

        assertThat(rows).containsExactlyInAnyOrder(
                new RoleRow("role:" + SEARCH_ROLE, "search", "/", "111122223333", "read", 1, "432 / 2048"),
                new RoleRow("role:" + WORKER_ROLE, "worker", "/", "111122223333", "read", 1, "151 / 2048"),
                new RoleRow("role:" + API_ROLE, "api", "/teams/pay/", "111122223333", "read", 1, "420 / 2048"));
    }

    @Test
    void findingRowsPointAtTheirNodes() {
        List<FindingRow> rows = TableRows.findings(UiFixtures.state());

        assertThat(rows).extracting(FindingRow::nodeId, FindingRow::severity, FindingRow::code, FindingRow::subject)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("sa:search/indexer", "ERROR", "IRSA_TRUST_DENIES",
                                "sa:search/indexer"),
                        org.assertj.core.groups.Tuple.tuple("wl:pay/Deployment/worker", "WARNING",
                                "STALE_POD_CREDENTIALS", "wl:pay/Deployment/worker"));
        FindingRow stale = rows.stream().filter(r -> r.code().equals("STALE_POD_CREDENTIALS")).findFirst().orElseThrow();
        assertThat(stale.message()).startsWith("1 of 1 pods of Deployment pay/worker run on stale credentials");
        assertThat(stale.fix()).isEqualTo(
                "Recreate the pods so the webhook injects the current identity: kubectl rollout restart deployment/worker -n pay");
        FindingRow denies = rows.stream().filter(r -> r.code().equals("IRSA_TRUST_DENIES")).findFirst().orElseThrow();
        assertThat(denies.message()).startsWith("Role search does not trust service account search/indexer");
    }

    @Test
    void findingSubjectsThatAreArnsMapToTheRoleOrProviderNode() {
        IdentityState s = UiFixtures.state();
        String oidcArn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABCDEF0123456789";

        assertThat(TableRows.nodeIdFor(s, "sa:pay/api")).isEqualTo("sa:pay/api");
        assertThat(TableRows.nodeIdFor(s, API_ROLE)).isEqualTo("role:" + API_ROLE);
        assertThat(TableRows.nodeIdFor(s, oidcArn)).isEqualTo("oidc:" + oidcArn);
        assertThat(TableRows.nodeIdFor(s, "arn:aws:iam::111122223333:role/nobody"))
                .isEqualTo("arn:aws:iam::111122223333:role/nobody");
    }

    /** One association for a service account that does not exist, naming a role that was not read. */
    private static ClusterSnapshot ghostAssociation(UnreadSources unread) {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder(UiFixtures.CLUSTER)
                .namespace(NamespaceInfo.of("pay"))
                .association(new PodIdentityAssociation("prod", "pay", "ghost", WORKER_ROLE,
                        "arn:aws:eks:us-west-2:111122223333:podidentityassociation/prod/g-1", "g-1", Map.of(),
                        Instant.EPOCH, Instant.EPOCH, "arn:aws:iam::111122223333:role/owner", false,
                        "arn:aws:iam::444455556666:role/far", null, null))
                .agentDaemonSetReady(true);
        return b.unread(unread).build();
    }

    private static IdentityState stateOf(ClusterSnapshot s) {
        IdentityGraph g = IdentityGraph.build(s, new TrustEvaluator());
        return new IdentityState("prod", s, g, new FindingsAnalyzer(new TrustEvaluator(), new TrustInspector())
                .analyze(s, g), List.of(), 1, Instant.EPOCH, null);
    }
}
