package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksid.engine.journal.Journal;
import io.eksid.engine.journal.JournalEntry;
import io.eksid.engine.journal.StepProgress;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.StepKind;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the executor abruptly at every step boundary (after the INTENT, after the change) and resumes, until the
 * plan finishes; the end state equals an uninterrupted run's, with no duplicate association and no lost trust
 * statement. The selection covers every step kind: agent, shared role, role path, cross-account chaining, add-on,
 * restarts, verification and both clean-ups.
 */
class CrashResumeTest {

    /** What a killed process looks like from inside: nothing after this point runs. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    static final Selection SELECTION = Selection.serviceAccounts(List.of(
            ServiceAccountRef.parse("catalog/catalog-api"), ServiceAccountRef.parse("search/search-indexer"),
            ServiceAccountRef.parse("orders/orders-api"), ServiceAccountRef.parse("payments/payments-api"),
            ServiceAccountRef.parse("payments/ledger-writer"), ServiceAccountRef.parse("kube-system/aws-node"),
            ServiceAccountRef.parse("platform-tools/external-secrets")));

    static final ConversionOptions OPTIONS = ConversionOptions.defaults().withRemoveAnnotationAfterVerify(true)
            .withRemoveOidcTrustAfterVerify(true);

    @TempDir
    Path dir;

    @Test
    void crashAtEveryBoundaryThenResumeEndsLikeAnUninterruptedRun() {
        LiveState uninterrupted;
        try (ConvertSandbox sb = new ConvertSandbox(dir.resolve("a")); ClusterSession session = sb.open("acme-prod")) {
            ConversionPlan plan = plan(session);
            ApplyResult r = ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan,
                    dir.resolve("a.jsonl"), e -> { }, new CancellationToken(), ExecutionHook.NONE);
            assertThat(r.failed()).isEmpty();
            uninterrupted = LiveState.read(session.gateways(session.writableAccounts()), plan);
        }
        try (ConvertSandbox sb = new ConvertSandbox(dir.resolve("b")); ClusterSession session = sb.open("acme-prod")) {
            ConversionPlan plan = plan(session);
            // (acme's cross-account target already trusts an existing bridge role: no bridge or target-trust step)
            assertThat(plan.steps()).extracting(s -> s.kind()).contains(StepKind.ENSURE_AGENT_ADDON,
                    StepKind.UPDATE_ROLE_TRUST, StepKind.CREATE_ASSOCIATION, StepKind.UPDATE_ADDON_POD_IDENTITY,
                    StepKind.RESTART_WORKLOAD, StepKind.VERIFY, StepKind.REMOVE_IRSA_ANNOTATION,
                    StepKind.REMOVE_OIDC_TRUST);
            Set<String> crashedAt = new HashSet<>();
            ExecutionHook crashOnce = (step, boundary) -> {
                if (crashedAt.add(step + "@" + boundary)) {
                    throw new SimulatedCrash(step + "@" + boundary);
                }
            };
            Path journal = new JournalFiles(dir.resolve("journal")).newRun(plan.id(), Instant.now());
            int crashes = 0;
            ApplyResult finished = null;
            PlanExecutor executor = ConvertSandbox.executor(session, ConvertSandbox.FAST.withWorkers(2));
            try {
                finished = executor.apply(plan, journal, e -> { }, new CancellationToken(), crashOnce);
            } catch (SimulatedCrash c) {
                crashes++;
            }
            while (finished == null) {
                assertThat(crashes).as("one crash per boundary, at most").isLessThan(4 * plan.steps().size());
                try {
                    finished = executor.resume(journal, e -> { }, new CancellationToken(), crashOnce);
                } catch (SimulatedCrash c) {
                    crashes++;
                }
            }
            assertThat(finished.failed()).isEmpty();
            assertThat(finished.outcome()).isEqualTo(ApplyResult.Outcome.COMPLETED);
            // Every step that changes something was interrupted on both sides of its change at least once.
            Set<String> changing = Journal.readAll(journal, RunJournal.JSON).stream()
                    .filter(e -> e.kind() == JournalEntry.Kind.INTENT).map(JournalEntry::stepId)
                    .collect(Collectors.toSet());
            for (String step : changing) {
                assertThat(crashedAt).contains(step + "@AFTER_INTENT");
            }
            assertThat(crashes).isGreaterThanOrEqualTo(changing.size());
            StepProgress progress = StepProgress.of(Journal.readAll(journal, RunJournal.JSON));
            assertThat(plan.steps()).allSatisfy(s -> assertThat(progress.status(s.id())).isEqualTo(
                    StepProgress.Status.DONE));

            LiveState crashed = LiveState.read(session.gateways(session.writableAccounts()), plan);
            assertThat(crashed).isEqualTo(uninterrupted);
            // No duplicate association: one per service account, as EKS lists them.
            var listed = session.gateways(session.writableAccounts()).cluster();
            for (var p : plan.planned()) {
                assertThat(listed.findAssociation("acme-prod", p.serviceAccount().namespace(),
                        p.serviceAccount().name())).isPresent();
            }
            assertThat(sb.sandbox.awsWorld().podIdentityAssociations("acme-prod").stream()
                    .map(a -> a.namespace() + "/" + a.serviceAccount()).toList()).doesNotHaveDuplicates();

            // The journal of a finished run still rolls back in full.
            RollbackResult rollback = ConvertSandbox.rollback(session).run(journal, e -> { }, null);
            assertThat(rollback.conflicts()).isEmpty();
            assertThat(rollback.failed()).isEmpty();
        }
    }

    @Test
    void anExistingJournalIsNotOverwritten() {
        try (ConvertSandbox sb = new ConvertSandbox(dir); ClusterSession session = sb.open("acme-prod")) {
            ConversionPlan plan = plan(session);
            Path journal = dir.resolve("run.jsonl");
            ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan, journal, e -> { },
                    new CancellationToken(), ExecutionHook.NONE);
            assertThatThrownBy(() -> ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan, journal,
                    e -> { }, new CancellationToken(), ExecutionHook.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resume");
        }
    }

    private static ConversionPlan plan(ClusterSession session) {
        return new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(session.snapshot(), SELECTION,
                OPTIONS.withWritableAccounts(session.writableAccounts()));
    }
}
