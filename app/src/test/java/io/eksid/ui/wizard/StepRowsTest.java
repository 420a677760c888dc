package io.eksid.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.convert.StepEvent;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import io.eksid.model.plan.StepKind;
import io.eksid.ui.TaskRunner;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Step events reach the rows in batches: the test runs the background and the UI thread's queues by hand. */
class StepRowsTest {

    final Deque<Runnable> background = new ArrayDeque<>();
    final Deque<Runnable> ui = new ArrayDeque<>();
    final TaskRunner tasks = new TaskRunner() {
        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            throw new AssertionError("step rows only execute and post to the UI thread");
        }

        @Override
        public void execute(Runnable work) {
            background.add(work);
        }

        @Override
        public void onUiThread(Runnable action) {
            ui.add(action);
        }
    };

    static PlanStep step(String id) {
        return PlanStep.of(id, "agent " + id, List.of(), List.of(), List.of(), new StepAction.EnsureAgentAddon("prod",
                "eks-pod-identity-agent", StepAction.AgentOperation.CREATE, null));
    }

    static StepEvent event(StepEvent.Type type, String id, String detail) {
        return new StepEvent(type, id, StepKind.ENSURE_AGENT_ADDON, "agent " + id, detail);
    }

    @Test
    void aBurstOfEventsIsOneUiUpdateAndNoEventIsLost() {
        StepRows rows = new StepRows(tasks, Clock.systemUTC());
        rows.reset(List.of(step("s1"), step("s2"), step("s3")));
        rows.offer(event(StepEvent.Type.STARTED, "s1", ""));
        rows.offer(event(StepEvent.Type.DONE, "s1", "created"));
        rows.offer(event(StepEvent.Type.STARTED, "s2", ""));
        rows.offer(event(StepEvent.Type.FAILED, "s2", "AccessDenied"));
        assertThat(background).hasSize(1);
        background.poll().run();
        assertThat(ui).as("one UI update for the whole burst").hasSize(1);
        rows.offer(event(StepEvent.Type.STARTED, "s3", "")); // arrives while the update is queued
        ui.poll().run();
        assertThat(rows.rows()).extracting(StepRow::state)
                .containsExactly(StepRow.State.DONE, StepRow.State.FAILED, StepRow.State.PENDING);
        assertThat(rows.rows().get(1).detailProperty().get()).isEqualTo("AccessDenied");
        background.poll().run();
        ui.poll().run();
        assertThat(rows.rows().get(2).state()).isEqualTo(StepRow.State.RUNNING);
        assertThat(background).isEmpty();
        assertThat(ui).isEmpty();
    }
}
