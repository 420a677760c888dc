package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.aws.SdkAttempts;
import io.eksid.engine.journal.Journal;
import io.eksid.engine.journal.JournalEntry;
import io.eksid.engine.journal.JournalException;
import io.eksid.engine.journal.JournalReading;
import io.eksid.engine.journal.StepProgress;
import io.eksid.model.time.Sleeper;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Applies a {@link ConversionPlan} with a write-ahead journal: the PLAN first, then for every change an INTENT with
 * the original state read fresh from the server, forced to disk, then the change, then DONE with the server's
 * answer. Nothing is changed that was not journaled first. Steps run on a bounded pool under per-service rate
 * limits; a failing service account does not stop the others. A resumed run skips DONE steps and re-examines
 * IN_DOUBT ones against live state, which every step's idempotency makes safe.
 */
public final class PlanExecutor {

    private final ConversionGateways gateways;
    private final ExecutorSettings settings;
    private final StepDispatcher dispatcher;
    private final PlanCodec codec = new PlanCodec();
    private final Clock clock;
    private final Sleeper sleeper;

    public PlanExecutor(ConversionGateways gateways, ExecutorSettings settings, TrustEvaluator evaluator,
                        TrustRewriter rewriter, Clock clock, Sleeper sleeper) {
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dispatcher = new StepDispatcher(evaluator, rewriter);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Starts a new run of {@code plan}, journaled in {@code journalFile} (which must not exist yet). */
    public ApplyResult apply(ConversionPlan plan, Path journalFile, Consumer<StepEvent> events,
                             CancellationToken cancel, ExecutionHook hook) {
        if (journalFile.toFile().exists()) {
            throw new IllegalArgumentException("journal " + journalFile + " already exists; resume it instead");
        }
        try (ClusterLock lock = lock(plan, journalFile, "apply")) {
            RunJournal journal = new RunJournal(Journal.open(journalFile, RunJournal.JSON, clock));
            ObjectNode data = RunJournal.object().put("planId", plan.id()).put("cluster", plan.cluster().name())
                    .put("clusterArn", plan.cluster().arn());
            data.set("plan", codec.toJson(plan));
            try {
                journal.append(JournalEntry.Kind.PLAN, null, data);
            } catch (RuntimeException e) {
                journal.close();
                throw e;
            }
            return run(plan, journal, events, cancel, hook);
        }
    }

    /** Continues the run journaled in {@code journalFile}: DONE steps are kept, the rest finished. */
    public ApplyResult resume(Path journalFile, Consumer<StepEvent> events, CancellationToken cancel,
                              ExecutionHook hook) {
        ConversionPlan plan = planOf(journalFile, codec);
        try (ClusterLock lock = lock(plan, journalFile, "resume")) {
            return run(plan, new RunJournal(Journal.open(journalFile, RunJournal.JSON, clock)), events, cancel,
                    hook);
        }
    }

    /** The cluster's cross-process lock, in the journal's folder, for the whole run. */
    private ClusterLock lock(ConversionPlan plan, Path journalFile, String action) {
        return ClusterLock.acquire(journalFile.toAbsolutePath().getParent(), plan.cluster().name(),
                plan.cluster().arn(), JournalFiles.runId(journalFile), action, clock);
    }

    /** The plan a journal's PLAN entry holds. */
    public static ConversionPlan planOf(Path journalFile) {
        return planOf(journalFile, new PlanCodec());
    }

    static ConversionPlan planOf(Path journalFile, PlanCodec codec) {
        if (!journalFile.toFile().isFile()) {
            throw new IllegalArgumentException("no journal at " + journalFile);
        }
        JournalReading read = Journal.read(journalFile, RunJournal.JSON);
        List<JournalEntry> entries = read.entries();
        if (entries.isEmpty() || entries.get(0).seq() != 1 || entries.get(0).kind() != JournalEntry.Kind.PLAN
                || entries.get(0).data() == null) {
            String why = read.damage().stream().filter(d -> d.line() == 1).findFirst()
                    .map(d -> "its first line, the plan, cannot be used (" + d.describe() + ")")
                    .orElse("it does not start with its plan");
            throw new JournalException("journal " + journalFile + " cannot be resumed or rolled back: " + why
                    + "; without the plan nothing in it can be proved. The file is left as it is");
        }
        return codec.fromJson(entries.get(0).data().path("plan"));
    }

    private ApplyResult run(ConversionPlan plan, RunJournal journal, Consumer<StepEvent> events,
                            CancellationToken cancel, ExecutionHook hook) {
        Instant start = clock.instant();
        SdkAttempts.Counts before = gateways.attempts();
        CallBudget calls = new CallBudget(settings, sleeper);
        StepProgress progress = StepProgress.of(journal.entries());
        RunFacts facts = new RunFacts();
        // Associations an earlier run of this journal created are verified by their id, like this run's own.
        progress.steps().values().forEach(p -> {
            if (p.status() == StepProgress.Status.DONE && p.lastData() != null
                    && p.lastData().hasNonNull("associationId") && p.stepId().startsWith("association:")) {
                facts.association(p.stepId().substring("association:".length()),
                        p.lastData().path("associationId").asText());
            }
        });
        StepContext.Shared shared = new StepContext.Shared(hook, new RoleLocks(), sleeper, clock,
                JournalFiles.runId(journal.file()), facts);
        StepScheduler scheduler = new StepScheduler(plan, settings.workers(), progress, events, cancel,
                (step, prior) -> dispatcher.run(new StepContext(plan, step, gateways, calls, settings, shared, journal,
                        prior)), journal);
        try {
            StepScheduler.Outcome out = scheduler.run();
            ApplyResult.Outcome outcome = out.cancelled() ? ApplyResult.Outcome.CANCELLED
                    : out.failed().isEmpty() && out.skipped().isEmpty() ? ApplyResult.Outcome.COMPLETED
                    : ApplyResult.Outcome.COMPLETED_WITH_FAILURES;
            SdkAttempts.Counts sent = gateways.attempts().minus(before);
            ApplyResult result = new ApplyResult(plan.id(), journal.file(), outcome, out.succeeded(), out.failed(),
                    out.skipped(), out.notRun(), calls.awsWrites(), calls.kubeWrites(), (int) sent.attempts("iam"),
                    (int) sent.attempts("eks"), (int) sent.retries(), Duration.between(start, clock.instant()),
                    sent.attempts());
            journal.append(JournalEntry.Kind.FINISHED, null, RunJournal.object().put("outcome", outcome.name())
                    .put("succeeded", out.succeeded().size()).put("failed", out.failed().size())
                    .put("skipped", out.skipped().size()).put("notRun", out.notRun().size())
                    .put("awsWrites", calls.awsWrites()).put("kubeWrites", calls.kubeWrites()));
            return result;
        } finally {
            journal.close();
        }
    }
}
