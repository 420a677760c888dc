package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.store.SourceState;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * At start the context is opened in the background, before the UI thread has switched to it (the window is still
 * being built): the states it delivers meanwhile are held, presented ahead without being shown, and shown once the
 * UI thread has switched; nothing is lost and nothing of it shows early.
 */
class ConsoleStartHeldStatesTest {

    /** Runs background work at once and keeps the UI thread's part until {@link #runUi()}, as a busy UI thread. */
    static final class UiLater implements TaskRunner {
        final List<Runnable> ui = new ArrayList<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            try {
                T result = work.call();
                ui.add(() -> onSuccess.accept(result));
            } catch (Exception e) {
                ui.add(() -> onFailure.accept(e));
            }
        }

        @Override
        public void onUiThread(Runnable action) {
            ui.add(action);
        }

        void runUi() {
            while (!ui.isEmpty()) {
                ui.remove(0).run();
            }
        }
    }

    final FakeBackend backend = new FakeBackend("prod", "staging");
    final UiLater tasks = new UiLater();
    final Clock clock = Clock.fixed(MainViewModelStatesTest.NOW, ZoneOffset.UTC);
    final MainViewModel vm = new MainViewModel(backend, tasks, clock, LatestWins.Factory.on(tasks, clock),
            new ConsolePreferences(c -> c.equals("prod") ? "prod-admin" : null, (c, k) -> { }, false), false);

    @Test
    void theContextIsOpenedBeforeTheUiThreadRunsAndItsFirstStateIsShownOnceItHas() {
        vm.start(null);
        // opened in the background with the preferences' profile, while the UI thread has not run yet
        assertThat(backend.session("prod")).isNotNull();
        assertThat(backend.session("prod").profile).isEqualTo("prod-admin");
        IdentityState cached = MainViewModelStatesTest.live();
        backend.push(cached);
        assertThat(vm.currentContextProperty().get()).isNull();
        assertThat(vm.stateProperty().get()).isNull();

        tasks.runUi();

        assertThat(vm.currentContextProperty().get()).isEqualTo("prod");
        assertThat(vm.stateProperty().get()).isSameAs(cached);
        assertThat(vm.presentationProperty().get().state()).isSameAs(cached);
        assertThat(vm.presentationsDelivered()).isEqualTo(1);
        assertThat(vm.contexts()).extracting(c -> c.name()).containsExactly("prod", "staging");
    }

    @Test
    void onlyTheLatestHeldStateIsShownAndLaterStatesGoStraightThrough() {
        vm.start(null);
        IdentityState first = MainViewModelStatesTest.live();
        IdentityState second = MainViewModelStatesTest.withSources(first, first.sources().toArray(
                new io.eksid.model.store.SourceStatus[0]));
        backend.push(first);
        backend.push(second);
        tasks.runUi();
        assertThat(vm.stateProperty().get()).isSameAs(second);

        IdentityState third = MainViewModelStatesTest.withSources(second, second.sources().toArray(
                new io.eksid.model.store.SourceStatus[0]));
        backend.push(third);
        tasks.runUi();
        assertThat(vm.stateProperty().get()).isSameAs(third);
    }

    @Test
    void aContextThatCannotBeOpenedAtStartIsReportedWithTheContextsStillListed() {
        vm.start("gone");
        tasks.runUi();

        assertThat(vm.contexts()).extracting(c -> c.name()).containsExactly("prod", "staging");
        assertThat(vm.connectionStateProperty().get()).isEqualTo(SourceState.ERROR);
        assertThat(vm.connectionSummaryProperty().get()).startsWith("gone: ").contains("no context named gone");
        assertThat(vm.activity()).extracting(ActivityEntry::summary)
                .anyMatch(s -> s.startsWith("Cannot connect to gone"));
    }

    @Test
    void aSecondStartSwitchesToItsContextAndClosesTheFirst() {
        vm.start(null);
        tasks.runUi();
        vm.start("staging");
        tasks.runUi();

        assertThat(vm.currentContextProperty().get()).isEqualTo("staging");
        assertThat(backend.session("prod").closed).isTrue();
    }
}
