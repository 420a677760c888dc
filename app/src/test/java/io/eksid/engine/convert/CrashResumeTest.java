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
        long changedUninterrupted;
        try (ConvertSandbox sb = new ConvertSandbox(dir.resolve("a")); ClusterSession session = sb.open("acme-prod")) {
            ConversionPlan plan = plan(session);
            ApplyResult r = ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan,
                    dir.resolve("a.jsonl"), e -> { }, new CancellationToken(), ExecutionHook.NONE);
            assertThat(r.failed()).isEmpty();
            changedUninterrupted = r.succeeded().stream().filter(ApplyResult.StepOutcome::changed).count();
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
            // Steps whose change landed before a crash are journaled as changed: the summary counts them all.
            assertThat(finished.succeeded().stream().filter(ApplyResult.StepOutcome::changed).count())
                    .isEqualTo(changedUninterrupted);
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
    void cancelThenResumeKeepsTheJournalAndRollbackRefusesToOverwriteAConcurrentChange() throws Exception {
        try (ConvertSandbox sb = new ConvertSandbox(dir); ClusterSession session = sb.open("acme-prod")) {
            ConversionPlan plan = plan(session);
            Path journal = dir.resolve("run.jsonl");
            // Cancelled after a few steps: the rest is not started, the journal says so, and resume finishes it.
            CancellationToken cancel = new CancellationToken();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            ApplyResult cancelled = ConvertSandbox.executor(session, ConvertSandbox.FAST.withWorkers(1)).apply(plan,
                    journal, e -> {
                        if (e.type() == StepEvent.Type.DONE && done.incrementAndGet() == 5) {
                            cancel.cancel();
                        }
                    }, cancel, ExecutionHook.NONE);
            assertThat(cancelled.outcome()).isEqualTo(ApplyResult.Outcome.CANCELLED);
            assertThat(cancelled.succeeded()).hasSize(5);
            assertThat(cancelled.notRun()).hasSize(plan.steps().size() - 5);
            assertThat(Journal.readAll(journal, RunJournal.JSON)).last()
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(JournalEntry.Kind.FINISHED));
            ApplyResult r = ConvertSandbox.executor(session, ConvertSandbox.FAST).resume(journal, e -> { },
                    new CancellationToken(), ExecutionHook.NONE);
            assertThat(r.failed()).isEmpty();
            assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.COMPLETED);
            assertThat(r.succeeded()).filteredOn(s -> s.detail().equals("done in an earlier run")).hasSize(5);
            // A journal in use by another run cannot be opened for writing.
            try (Journal held = Journal.open(journal, RunJournal.JSON, java.time.Clock.systemUTC())) {
                assertThatThrownBy(() -> ConvertSandbox.executor(session, ConvertSandbox.FAST).resume(journal,
                        e -> { }, new CancellationToken(), ExecutionHook.NONE))
                        .hasMessageContaining("in use by another eksid run");
            }
            assertThatThrownBy(() -> ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan, journal,
                    e -> { }, new CancellationToken(), ExecutionHook.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resume");

            // Someone edits the shared role's trust after the run: rollback must not overwrite it.
            var gw = session.gateways(session.writableAccounts());
            var role = gw.cluster().getRole("acme-prod-catalog-reader").orElseThrow();
            var edited = io.eksid.model.trust.TrustPolicy.parse(role.trustPolicyJson());
            var extra = io.eksid.model.trust.TrustPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                    + "\"Sid\":\"AuditReader\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                    + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}").statements();
            var statements = new java.util.ArrayList<>(edited.statements());
            statements.addAll(extra);
            gw.cluster().updateAssumeRolePolicy("acme-prod-catalog-reader", edited.withStatements(statements).toJson());

            RollbackResult rollback = ConvertSandbox.rollback(session).run(journal, e -> { }, null);
            assertThat(rollback.conflicts()).extracting(ApplyResult.StepOutcome::stepId)
                    .containsExactlyInAnyOrder("trust:arn:aws:iam::111122223333:role/acme-prod-catalog-reader",
                            "remove-oidc-trust:arn:aws:iam::111122223333:role/acme-prod-catalog-reader");
            assertThat(rollback.conflicts().get(0).detail()).contains("AuditReader");
            var after = io.eksid.model.trust.TrustPolicy.parse(gw.cluster().getRole("acme-prod-catalog-reader")
                    .orElseThrow().trustPolicyJson());
            assertThat(after.statements()).containsAll(extra);
            assertThat(rollback.failed()).isEmpty();
            assertThat(Journal.readAll(journal, RunJournal.JSON)).anyMatch(e -> e.kind()
                    == JournalEntry.Kind.ROLLBACK_CONFLICT);
        }
    }

    private static ConversionPlan plan(ClusterSession session) {
        return new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(session.snapshot(), SELECTION,
                OPTIONS.withWritableAccounts(session.writableAccounts()));
    }
}
