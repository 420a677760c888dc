package io.eksid.sandbox.scenario;

import static io.eksid.sandbox.scenario.AcmeScenario.PROD;
import static io.eksid.sandbox.scenario.AcmeScenario.STAGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The acme scenario's content, checked from what it writes (the HTTP-level checks live in SandboxAcmeIT). */
class AcmeScenarioContentTest {

    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void seed() {
        new AcmeScenario(Instant.parse("2026-11-27T09:00:00Z")).seed(sink);
    }

    @Test
    void twoAccountsTwoClustersAndAnOidcProviderPerIssuer() {
        assertThat(sink.accounts).containsExactly("111122223333", "444455556666");
        assertThat(sink.clusters).containsExactly(PROD, STAGING);
        assertThat(sink.oidcProviders).hasSize(3)
                .anyMatch(a -> a.startsWith("arn:aws:iam::444455556666:oidc-provider/oidc.eks.us-west-2"));
        assertThat(AcmeScenario.PROD_ISSUER_URL).matches("https://oidc\\.eks\\.us-west-2\\.amazonaws\\.com/id/[0-9A-F]{32}");
        assertThat(AcmeScenario.STAGING_ISSUER_URL).matches("https://oidc\\.eks\\.us-west-2\\.amazonaws\\.com/id/[0-9A-F]{32}");
    }

    @Test
    void sizesAreThoseOfARealTeamAndProdIsBigger() {
        assertThat(sink.namespaces.stream().filter(n -> n.startsWith(PROD + "/"))).hasSize(12);
        // 57 since the permission cases (tenants, exporter, reporting, crossplane) joined acme-staging
        assertThat(sink.serviceAccounts).hasSizeBetween(40, 62);
        int prod = pods(PROD);
        int staging = pods(STAGING);
        assertThat(prod + staging).isBetween(220, 280);
        assertThat(prod).isGreaterThan(2 * staging);
    }

    @Test
    void everyTrustPolicyIsJsonAndWithinTheDefaultQuota() {
        ObjectMapper json = new ObjectMapper();
        for (RecordingSink.Role role : sink.roles.values()) {
            assertThatCode(() -> json.readTree(role.trust())).as(role.name()).doesNotThrowAnyException();
            assertThat(nonWhiteSpace(role.trust())).as(role.name()).isLessThanOrEqualTo(2048);
            assertThat(role.policies()).as(role.name() + " has permissions").isNotEmpty();
        }
        assertThat(sink.roles.values()).anyMatch(r -> !r.trust().contains("\n"))
                .anyMatch(r -> r.trust().contains("\n  "));
    }

    @Test
    void trustNearQuotaIsAboveNinetyPercent() {
        RecordingSink.Role role = role("acme-data-pipeline-etl");
        assertThat(nonWhiteSpace(role.trust())).isBetween((int) (2048 * 0.9) + 1, 2048);
    }

    @Test
    void everyCaseNamesServiceAccountsThatExistOrDeliberatelyDoNot() {
        for (ScenarioCase c : AcmeScenario.cases()) {
            if (c.serviceAccount().equals("-")) {
                continue;
            }
            List<String> clusters = Arrays.asList(c.cluster().split(", "));
            List<String> namespaces = Arrays.asList(c.namespace().split(", "));
            for (String sa : c.serviceAccount().split(", ")) {
                boolean exists = sink.serviceAccounts.stream().anyMatch(s -> clusters.contains(s.cluster())
                        && namespaces.contains(s.namespace()) && s.name().equals(sa));
                assertThat(exists).as(c.id() + " " + sa).isEqualTo(!c.id().equals("association-missing-sa"));
            }
        }
        assertThat(AcmeScenario.cases()).extracting(ScenarioCase::id).doesNotHaveDuplicates().hasSize(25);
    }

    @Test
    void sharedRolePathAndCrossAccountRoles() throws Exception {
        String shared = sink.serviceAccount(PROD, "catalog", "catalog-api").annotations().get(ClusterScript.ROLE_ARN);
        assertThat(sink.serviceAccounts).filteredOn(s -> shared.equals(s.annotations().get(ClusterScript.ROLE_ARN)))
                .extracting(RecordingSink.Sa::name).containsExactlyInAnyOrder("catalog-api", "search-indexer", "orders-api");
        assertThat(sink.serviceAccount(PROD, "payments", "payments-api").annotations().get(ClusterScript.ROLE_ARN))
                .isEqualTo("arn:aws:iam::111122223333:role/teams/payments/payments-api");
        assertThat(sink.serviceAccount(PROD, "payments", "ledger-writer").annotations().get(ClusterScript.ROLE_ARN))
                .startsWith("arn:aws:iam::444455556666:role/");
        assertThat(sink.association(STAGING, "payments", "ledger-writer").targetRoleArn())
                .isEqualTo("arn:aws:iam::444455556666:role/acme-ledger-writer");
        JsonNode twoClusters = new ObjectMapper().readTree(role("acme-external-secrets").trust());
        assertThat(twoClusters.get("Statement")).hasSize(2);
    }

    @Test
    void brokenAndWildcardTrusts() {
        assertThat(role("acme-prod-checkout-worker").trust()).contains("system:serviceaccount:checkout:checkout-worker-v1")
                .doesNotContain("checkout-worker\"");
        assertThat(role("acme-prod-monitoring-readers").trust()).contains("StringLike")
                .contains("system:serviceaccount:monitoring:*");
        assertThat(role("acme-prod-orders-fulfillment").trust()).contains("pods.eks.amazonaws.com")
                .doesNotContain("TagSession");
        assertThat(role("acme-staging-catalog-api").trust()).doesNotContain("pods.eks.amazonaws.com");
    }

    @Test
    void stalePodsStartBeforeTheirAssociationAndOthersAfter() {
        assertStale(PROD, "data-pipeline", "etl-runner");
        assertStale(STAGING, "search", "search-api");
        assertThat(sink.serviceAccount(PROD, "data-pipeline", "etl-runner").annotations())
                .containsKey(ClusterScript.ROLE_ARN);
        for (RecordingSink.Association a : sink.associations) {
            boolean stale = a.serviceAccount().equals("etl-runner") && a.cluster().equals(PROD)
                    || a.serviceAccount().equals("search-api");
            sink.workloads.stream().filter(w -> w.cluster().equals(a.cluster()) && w.namespace().equals(a.namespace())
                            && w.serviceAccount().equals(a.serviceAccount()))
                    .forEach(w -> assertThat(w.order() < a.order()).as(a.serviceAccount()).isEqualTo(stale));
        }
    }

    @Test
    void addOnsAgentFargateAndWindows() {
        assertThat(sink.addons).filteredOn(a -> a.name().equals(AcmeScenario.AGENT_ADDON))
                .extracting(RecordingSink.Addon::cluster).containsExactly(STAGING);
        assertThat(sink.addons).filteredOn(a -> a.cluster().equals(PROD) && a.roleArn() != null)
                .extracting(RecordingSink.Addon::name).containsExactlyInAnyOrder("vpc-cni", "aws-ebs-csi-driver");
        assertThat(sink.association(STAGING, "kube-system", "ebs-csi-controller-sa").ownerArn())
                .contains(":addon/acme-staging/aws-ebs-csi-driver/");
        assertThat(sink.workload(PROD, "batch-fargate", "report-generator").template().fargate()).isTrue();
        assertThat(sink.workload(PROD, "orders", "legacy-invoicing").template().windows()).isTrue();
        assertThat(sink.nodeLabels.values()).anyMatch(l -> "windows".equals(l.get("kubernetes.io/os")));
    }

    @Test
    void permissionCasesShareAnAbacRoleAndDefeatItOnce() {
        RecordingSink.Role tenants = role("acme-staging-tenant-data");
        assertThat(sink.associations).filteredOn(a -> a.roleArn().equals(tenants.arn()))
                .extracting(RecordingSink.Association::namespace).containsExactly("tenant-a", "tenant-b");
        String abac = "arn:aws:iam::111122223333:policy/abac/acme-tenant-data-abac";
        assertThat(tenants.policies()).containsExactly(abac);
        assertThat(sink.managedPolicies).filteredOn(p -> p.arn().equals(abac)).singleElement()
                .satisfies(p -> assertThat(p.document()).contains("${aws:PrincipalTag/kubernetes-namespace}")
                        .contains("aws:PrincipalTag/kubernetes-pod-name"));
        assertThat(sink.boundaries.get(tenants.arn())).endsWith(":policy/boundaries/acme-workload-boundary");
        assertThat(sink.roleTags.get(tenants.arn())).containsEntry("team", "tenancy");
        RecordingSink.Association exporter = sink.association(STAGING, "tenant-exports", "exporter");
        assertThat(exporter.disableSessionTags()).isTrue();
        assertThat(role("acme-staging-tenant-exporter").policies()).containsExactly(abac);
        RecordingSink.Association reporting = sink.association(STAGING, "reporting", "report-reader");
        assertThat(reporting.disableSessionTags()).isTrue();
        assertThat(reporting.sessionPolicy()).contains("arn:aws:s3:::acme-reports/*");
        // pods of the shared service account: tenant-api-* may write, tenant-migrate-* may not
        assertThat(sink.workloads).filteredOn(w -> w.cluster().equals(STAGING) && w.namespace().equals("tenant-a"))
                .extracting(RecordingSink.Workload::name).containsExactly("tenant-api", "tenant-migrate");
        assertThat(sink.association(STAGING, "tenant-a", "tenant-api").order())
                .isLessThan(sink.workload(STAGING, "tenant-a", "tenant-api").order());
    }

    @Test
    void healthyIrsaMappingsAreTheMajority() {
        long irsa = sink.serviceAccounts.stream().filter(s -> s.annotations().containsKey(ClusterScript.ROLE_ARN)).count();
        assertThat(irsa).isGreaterThan(sink.associations.size() * 2L);
    }

    private void assertStale(String cluster, String ns, String sa) {
        assertThat(sink.workload(cluster, ns, sa).order()).isLessThan(sink.association(cluster, ns, sa).order());
    }

    private RecordingSink.Role role(String name) {
        return sink.roles.values().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private int pods(String cluster) {
        return sink.workloads.stream().filter(w -> w.cluster().equals(cluster)).mapToInt(sink::pods).sum();
    }

    static int nonWhiteSpace(String s) {
        return s.replaceAll("\\s", "").length();
    }
}
