package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.journal.Journal;
import io.eksid.engine.journal.JournalEntry;
import io.eksid.model.ServiceAccountRef;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.Selection;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.TrustRewriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone edits a role's trust while our step rewrites it: an editor who read the document before our write saves
 * their version (with a new statement, without ours) right after it. The re-read after the write sees it, the step
 * merges both and reports the edit, and a rollback later keeps the editor's statement.
 */
class TrustEditRaceTest {

    private static final String READER = "arn:aws:iam::111122223333:role/acme-prod-catalog-reader";

    @TempDir
    Path dir;

    @Test
    void anOutsideEditDuringTheRewriteIsDetectedMergedReportedAndKeptByRollback() throws Exception {
        try (ConvertSandbox sb = new ConvertSandbox(dir); ClusterSession session = sb.open(ConvertSandbox.PROD)) {
            var gw = session.gateways(session.writableAccounts());
            TrustPolicy original = LiveState.parse(gw.cluster().getRole("acme-prod-catalog-reader").orElseThrow());
            List<Statement> audit = TrustPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                    + "\"AuditReader\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}").statements();
            List<Statement> edited = new ArrayList<>(original.statements());
            edited.addAll(audit);
            AtomicBoolean once = new AtomicBoolean();
            ExecutionHook editor = (step, boundary) -> {
                if (step.equals("trust:" + READER) && boundary == ExecutionHook.Boundary.AFTER_CHANGE
                        && once.compareAndSet(false, true)) {
                    gw.cluster().updateAssumeRolePolicy("acme-prod-catalog-reader",
                            original.withStatements(edited).toJson());
                }
            };
            ConversionPlan plan = new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(
                    session.snapshot(), Selection.serviceAccounts(List.of(ServiceAccountRef.parse("catalog/catalog-api"))),
                    ConversionOptions.defaults().withWritableAccounts(session.writableAccounts()));
            ApplyResult r = ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan, dir.resolve("race.jsonl"),
                    e -> { }, new CancellationToken(), editor);
            assertThat(once).isTrue();
            assertThat(r.failed()).isEmpty();
            assertThat(r.succeeded()).filteredOn(s -> s.stepId().equals("trust:" + READER)).singleElement()
                    .satisfies(s -> assertThat(s.detail()).contains("edited by someone else during this step")
                            .contains("AuditReader"));
            TrustPolicy after = LiveState.parse(gw.cluster().getRole("acme-prod-catalog-reader").orElseThrow());
            assertThat(after.statements()).containsAll(edited);
            assertThat(new TrustEvaluator().podIdentity(after, plan.cluster()).allowed()).isTrue();
            assertThat(Journal.readAll(dir.resolve("race.jsonl"), RunJournal.JSON)).filteredOn(e -> e.kind()
                    == JournalEntry.Kind.DONE && ("trust:" + READER).equals(e.stepId())).singleElement()
                    .satisfies(e -> assertThat(e.data().path("outsideEdit").asText()).contains("AuditReader"));

            RollbackResult undo = ConvertSandbox.rollback(session).run(dir.resolve("race.jsonl"), e -> { }, null);
            assertThat(undo.conflicts()).isEmpty();
            assertThat(undo.failed()).isEmpty();
            TrustPolicy rolledBack = LiveState.parse(gw.cluster().getRole("acme-prod-catalog-reader").orElseThrow());
            assertThat(rolledBack.statements()).as("the editor's statement survives the rollback")
                    .containsExactlyElementsOf(edited);
        }
    }
}
