package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.StepKind;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.TrustRewriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling back one run must not take away the Pod Identity trust that another run's associations (in the same
 * cluster or another one) still need: run A adds the statement to two shared roles, run B (same cluster) and run S
 * (acme-staging) then only create associations to them; rolling back A keeps both statements and says who uses them.
 */
class SharedRoleRollbackTest {

    private static final String READER = "arn:aws:iam::111122223333:role/acme-prod-catalog-reader";
    private static final String SECRETS = "arn:aws:iam::111122223333:role/acme-external-secrets";

    @TempDir
    Path dir;

    @Test
    void rollbackKeepsTheStatementOtherRunsAssociationsUse() {
        JournalFiles journals = new JournalFiles(dir.resolve("journal"));
        try (ConvertSandbox sb = new ConvertSandbox(dir); ClusterSession prod = sb.open(ConvertSandbox.PROD)) {
            ConversionPlan a = plan(prod, "catalog/catalog-api", "platform-tools/external-secrets");
            assertThat(a.steps()).filteredOn(s -> s.kind() == StepKind.UPDATE_ROLE_TRUST)
                    .extracting(s -> s.id()).containsExactlyInAnyOrder("trust:" + READER, "trust:" + SECRETS);
            ApplyResult runA = ConvertSandbox.executor(prod, ConvertSandbox.FAST).apply(a,
                    journals.newRun(a.id(), Instant.now()), e -> { }, new CancellationToken(), ExecutionHook.NONE);
            assertThat(runA.failed()).isEmpty();

            ConversionPlan b = plan(prod.refreshed(), "search/search-indexer");
            assertThat(b.steps()).noneMatch(s -> s.kind() == StepKind.UPDATE_ROLE_TRUST);
            ApplyResult runB = ConvertSandbox.executor(prod, ConvertSandbox.FAST).apply(b,
                    journals.newRun(b.id(), Instant.now()), e -> { }, new CancellationToken(), ExecutionHook.NONE);
            assertThat(runB.failed()).isEmpty();

            try (ClusterSession staging = sb.open("acme-staging")) {
                ConversionPlan s = plan(staging, "platform-tools/external-secrets");
                assertThat(s.steps()).noneMatch(x -> x.kind() == StepKind.UPDATE_ROLE_TRUST);
                ApplyResult runS = ConvertSandbox.executor(staging, ConvertSandbox.FAST).apply(s,
                        journals.newRun(s.id(), Instant.now()), e -> { }, new CancellationToken(),
                        ExecutionHook.NONE);
                assertThat(runS.failed()).isEmpty();
            }

            RollbackResult undo = ConvertSandbox.rollback(prod).run(runA.journal(), e -> { }, null);
            assertThat(undo.failed()).isEmpty();
            assertThat(undo.conflicts()).isEmpty();
            assertThat(undo.kept()).filteredOn(k -> k.stepId().equals("trust:" + READER)).singleElement()
                    .satisfies(k -> assertThat(k.detail()).contains("acme-prod search/search-indexer")
                            .contains("checked").contains("acme-staging"));
            assertThat(undo.kept()).filteredOn(k -> k.stepId().equals("trust:" + SECRETS)).singleElement()
                    .satisfies(k -> assertThat(k.detail()).contains("acme-staging platform-tools/external-secrets"));
            assertThat(undo.rolledBack()).extracting(ApplyResult.StepOutcome::stepId)
                    .contains("association:catalog/catalog-api", "association:platform-tools/external-secrets");

            var gw = prod.gateways(prod.writableAccounts());
            TrustEvaluator evaluator = new TrustEvaluator();
            for (String role : List.of("acme-prod-catalog-reader", "acme-external-secrets")) {
                TrustPolicy now = LiveState.parse(gw.cluster().getRole(role).orElseThrow());
                assertThat(evaluator.podIdentity(now, a.cluster()).allowed()).as(role).isTrue();
            }
            assertThat(gw.cluster().findAssociation("acme-prod", "catalog", "catalog-api")).isEmpty();
            assertThat(gw.cluster().findAssociation("acme-prod", "search", "search-indexer")).isPresent();
            assertThat(gw.cluster().findAssociation("acme-staging", "platform-tools", "external-secrets"))
                    .isPresent();
        }
    }

    private static ConversionPlan plan(ClusterSession session, String... serviceAccounts) {
        return new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(session.snapshot(),
                Selection.serviceAccounts(java.util.Arrays.stream(serviceAccounts).map(ServiceAccountRef::parse)
                        .toList()), ConversionOptions.defaults().withWritableAccounts(session.writableAccounts()));
    }
}
