package io.eksid.engine.convert;

import io.eksid.engine.journal.JournalEntry;
import io.eksid.engine.journal.StepProgress;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs a plan's steps in dependency order on a bounded pool. A step starts when every step it depends on succeeded;
 * when one of them failed or was skipped, it is skipped with that reason, so one failing service account leaves
 * the others running. An {@link Error} from a step (an abrupt stop) halts the journal and is rethrown once the
 * steps in flight have returned.
 */
final class StepScheduler {

    private enum State { PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED }

    record Outcome(List<ApplyResult.StepOutcome> succeeded, List<ApplyResult.StepOutcome> failed,
                   List<ApplyResult.StepOutcome> skipped, List<ApplyResult.StepOutcome> notRun, boolean cancelled) {
    }

    private record Finished(PlanStep step, StepResult result, Throwable error) {
    }

    private final ConversionPlan plan;
    private final int workers;
    private final StepProgress progress;
    private final Consumer<StepEvent> events;
    private final CancellationToken cancel;
    private final BiFunction<PlanStep, StepProgress.Step, StepResult> runner;
    private final RunJournal journal;
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();
    private final List<ApplyResult.StepOutcome> succeeded = new ArrayList<>();
    private final List<ApplyResult.StepOutcome> failed = new ArrayList<>();
    private final List<ApplyResult.StepOutcome> skipped = new ArrayList<>();
    private final List<ApplyResult.StepOutcome> notRun = new ArrayList<>();

    StepScheduler(ConversionPlan plan, int workers, StepProgress progress, Consumer<StepEvent> events,
                  CancellationToken cancel, BiFunction<PlanStep, StepProgress.Step, StepResult> runner,
                  RunJournal journal) {
        this.plan = plan;
        this.workers = workers;
        this.progress = progress;
        this.events = events == null ? e -> { } : events;
        this.cancel = cancel == null ? new CancellationToken() : cancel;
        this.runner = runner;
        this.journal = journal;
    }

    Outcome run() {
        List<PlanStep> pending = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            if (progress.status(s.id()) == StepProgress.Status.DONE) {
                states.put(s.id(), State.SUCCEEDED);
                boolean changed = progress.step(s.id()).map(p -> p.lastData() != null
                        && p.lastData().path("changed").asBoolean(false)).orElse(false);
                succeeded.add(outcome(s, "done in an earlier run", changed, false));
            } else {
                states.put(s.id(), State.PENDING);
                pending.add(s);
            }
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "eksid-apply-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Finished> done = new ExecutorCompletionService<>(pool);
        int running = 0;
        Error fatal = null;
        try {
            while (true) {
                if (fatal == null && !cancel.cancelled()) {
                    running += startReady(pending, done, running);
                }
                if (running == 0) {
                    break;
                }
                Finished f = take(done);
                running--;
                if (f.error() instanceof Error e) {
                    if (fatal == null) {
                        fatal = e;
                        journal.halt();
                    }
                } else if (fatal == null && !(f.error() instanceof RunJournal.HaltedException)) {
                    record(f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (fatal != null) {
            throw fatal;
        }
        for (PlanStep s : pending) {
            notRun.add(outcome(s, "not started: the run was cancelled", false, false));
        }
        return new Outcome(succeeded, failed, skipped, notRun, !notRun.isEmpty());
    }

    /**
     * Starts what is ready, latest plan position first: a service account's restart and verification start as soon
     * as its association exists, so the throttled IAM reads of verification spread over the whole run instead of
     * queueing at its end. Skips (a dependency failed) are decided in plan order, so they cascade in one pass.
     */
    private int startReady(List<PlanStep> pending, ExecutorCompletionService<Finished> done, int running) {
        skipBlocked(pending);
        int started = 0;
        for (java.util.ListIterator<PlanStep> it = pending.listIterator(pending.size()); it.hasPrevious(); ) {
            PlanStep s = it.previous();
            boolean ready = s.dependsOn().stream().allMatch(d -> states.getOrDefault(d, State.SUCCEEDED)
                    == State.SUCCEEDED);
            if (!ready || running + started >= workers) {
                continue;
            }
            it.remove();
            states.put(s.id(), State.RUNNING);
            events.accept(new StepEvent(StepEvent.Type.STARTED, s.id(), s.kind(), s.title(), ""));
            StepProgress.Step prior = progress.step(s.id()).orElse(null);
            done.submit(() -> {
                try {
                    return new Finished(s, runner.apply(s, prior), null);
                } catch (Throwable t) {
                    return new Finished(s, null, t);
                }
            });
            started++;
        }
        return started;
    }

    private void skipBlocked(List<PlanStep> pending) {
        for (Iterator<PlanStep> it = pending.iterator(); it.hasNext(); ) {
            PlanStep s = it.next();
            String blocked = null;
            for (String dep : s.dependsOn()) {
                State st = states.getOrDefault(dep, State.SUCCEEDED);
                if (st == State.FAILED || st == State.SKIPPED) {
                    blocked = dep;
                    break;
                }
            }
            if (blocked != null) {
                it.remove();
                String reason = "depends on " + blocked + ", which " + (states.get(blocked) == State.FAILED
                        ? "failed" : "was skipped") + ": " + reasons.getOrDefault(blocked, "");
                states.put(s.id(), State.SKIPPED);
                reasons.put(s.id(), reasons.getOrDefault(blocked, ""));
                journal.append(JournalEntry.Kind.SKIPPED, s.id(), RunJournal.object().put("reason", reason));
                skipped.add(outcome(s, reason, false, false));
                events.accept(new StepEvent(StepEvent.Type.SKIPPED, s.id(), s.kind(), s.title(), reason));
            }
        }
    }

    private void record(Finished f) {
        PlanStep s = f.step();
        if (f.error() == null) {
            journal.append(JournalEntry.Kind.DONE, s.id(), f.result().data());
            states.put(s.id(), State.SUCCEEDED);
            succeeded.add(outcome(s, f.result().summary(), f.result().changed(), false));
            events.accept(new StepEvent(StepEvent.Type.DONE, s.id(), s.kind(), s.title(), f.result().summary()));
            return;
        }
        boolean conflict = f.error() instanceof StepFailure sf && sf.conflict();
        String reason = f.error().getMessage() == null ? f.error().toString() : f.error().getMessage();
        journal.append(JournalEntry.Kind.FAILED, s.id(), RunJournal.object().put("reason", reason)
                .put("conflict", conflict).put("error", f.error().getClass().getSimpleName()));
        states.put(s.id(), State.FAILED);
        reasons.put(s.id(), reason);
        failed.add(outcome(s, reason, false, conflict));
        events.accept(new StepEvent(StepEvent.Type.FAILED, s.id(), s.kind(), s.title(), reason));
    }

    private static Finished take(ExecutorCompletionService<Finished> done) {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying the plan", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ApplyResult.StepOutcome outcome(PlanStep s, String detail, boolean changed, boolean conflict) {
        return new ApplyResult.StepOutcome(s.id(), s.kind(), s.title(), detail, changed, conflict);
    }
}
