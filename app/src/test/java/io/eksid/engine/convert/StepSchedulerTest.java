package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.journal.Journal;
import io.eksid.engine.journal.JournalEntry;
import io.eksid.engine.journal.StepProgress;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanFixtures;
import io.eksid.model.plan.PlanStep;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependency order, failure isolation and the journal lines of the step scheduler, without any I/O but the journal. */
class StepSchedulerTest {

    @TempDir
    Path dir;

    @Test
    void aFailingStepSkipsOnlyWhatDependsOnIt() {
        ConversionPlan plan = PlanFixtures.richPlan();
        PlanStep failing = plan.steps().stream().filter(s -> s.id().startsWith("association:")).findFirst()
                .orElseThrow();
        Set<String> started = ConcurrentHashMap.newKeySet();
        List<StepEvent> events = new ArrayList<>();
        StepScheduler.Outcome out;
        try (RunJournal journal = new RunJournal(Journal.open(dir.resolve("j.jsonl"), RunJournal.JSON,
                Clock.systemUTC()))) {
            out = new StepScheduler(plan, 3, StepProgress.of(List.of()), events::add, new CancellationToken(),
                    (step, prior) -> {
                        for (String dep : step.dependsOn()) {
                            assertThat(started).as(step.id() + " after " + dep).contains(dep);
                        }
                        started.add(step.id());
                        if (step.id().equals(failing.id())) {
                            throw new StepFailure("access denied: the caller needs iam:PassRole", false);
                        }
                        return StepResult.changed(StepContext.object(), "ok");
                    }, journal).run();
        }
        Set<String> dependents = transitiveDependents(plan, failing.id());
        assertThat(dependents).isNotEmpty();
        assertThat(out.failed()).extracting(ApplyResult.StepOutcome::stepId).containsExactly(failing.id());
        assertThat(out.skipped()).extracting(ApplyResult.StepOutcome::stepId)
                .containsExactlyInAnyOrderElementsOf(dependents);
        assertThat(out.skipped()).allSatisfy(s -> assertThat(s.detail()).contains("iam:PassRole"));
        assertThat(out.succeeded()).hasSize(plan.steps().size() - 1 - dependents.size());
        assertThat(events).filteredOn(e -> e.type() == StepEvent.Type.SKIPPED).hasSize(dependents.size());
        List<JournalEntry> lines = Journal.readAll(dir.resolve("j.jsonl"), RunJournal.JSON);
        assertThat(lines).filteredOn(e -> e.kind() == JournalEntry.Kind.FAILED).singleElement()
                .satisfies(e -> assertThat(e.data().path("reason").asText()).contains("iam:PassRole"));
        assertThat(lines).filteredOn(e -> e.kind() == JournalEntry.Kind.DONE).hasSize(out.succeeded().size());
    }

    @Test
    void resumedRunSkipsDoneStepsAndRetriesTheRest() {
        ConversionPlan plan = PlanFixtures.richPlan();
        Path file = dir.resolve("r.jsonl");
        String first = plan.steps().get(0).id();
        try (RunJournal journal = new RunJournal(Journal.open(file, RunJournal.JSON, Clock.systemUTC()))) {
            journal.append(JournalEntry.Kind.INTENT, first, StepContext.object().put("original", "x"));
            journal.append(JournalEntry.Kind.DONE, first, StepContext.object().put("changed", true));
        }
        Set<String> ran = ConcurrentHashMap.newKeySet();
        try (RunJournal journal = new RunJournal(Journal.open(file, RunJournal.JSON, Clock.systemUTC()))) {
            StepScheduler.Outcome out = new StepScheduler(plan, 2, StepProgress.of(journal.entries()), e -> { },
                    new CancellationToken(), (step, prior) -> {
                        ran.add(step.id());
                        return StepResult.unchanged(StepContext.object(), "already");
                    }, journal).run();
            assertThat(out.succeeded()).hasSize(plan.steps().size());
            assertThat(out.succeeded()).filteredOn(s -> s.stepId().equals(first)).singleElement()
                    .satisfies(s -> assertThat(s.changed()).isTrue());
        }
        assertThat(ran).doesNotContain(first).hasSize(plan.steps().size() - 1);
    }

    private static Set<String> transitiveDependents(ConversionPlan plan, String root) {
        Set<String> out = new java.util.HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (PlanStep s : plan.steps()) {
                if (!out.contains(s.id()) && s.dependsOn().stream().anyMatch(d -> d.equals(root) || out.contains(d))) {
                    out.add(s.id());
                    grew = true;
                }
            }
        }
        return out.stream().collect(Collectors.toSet());
    }
}
