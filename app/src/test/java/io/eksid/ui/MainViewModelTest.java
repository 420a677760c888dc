package io.eksid.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.model.store.SourceState;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's view model with a synchronous task runner (no FX thread), on the real workspace over HTTP to an
 * in-process sandbox: states arrive, are presented off the "UI thread", the graph is laid out, a filter re-lays
 * it out. The view model's rules on hand-made states are in {@link MainViewModelStatesTest}.
 */
class MainViewModelTest {

    @TempDir
    static Path dir;

    private static Sandbox sandbox;
    private static ScheduledExecutorService live;
    private static Workspace workspace;
    private static MainViewModel vm;

    @BeforeAll
    static void connect() {
        sandbox = Sandbox.start(SandboxOptions.acme(dir));
        live = Executors.newScheduledThreadPool(4);
        workspace = new Workspace(Map.of(), dir.resolve("home"), live, Clock.systemUTC());
        workspace.addSource(WorkspaceSource.sandbox(sandbox.kubeconfigPath(), sandbox.awsConfigPath(),
                sandbox.awsCredentialsPath(), "sandbox"));
        // States arrive on the session's threads and are presented there; the "UI thread" is this class's lock.
        vm = new MainViewModel(workspace, TaskRunner.synchronous(), Clock.systemUTC(), new LatestWins.Factory(
                Clock.systemUTC(), (task, delay) -> task.run(), MainViewModelTest::onUi, 0),
                ConsolePreferences.NONE, true);
        vm.start(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> vm.stateProperty().get() != null
                && vm.stateProperty().get().lastAwsRefresh() != null
                && vm.stateProperty().get().graph().counts().pods() > 100);
    }

    private static void onUi(Runnable action) {
        synchronized (MainViewModelTest.class) {
            action.run();
        }
    }

    private static <T> T onUi(java.util.function.Supplier<T> read) {
        synchronized (MainViewModelTest.class) {
            return read.get();
        }
    }

    @AfterAll
    static void close() {
        vm.shutdown();
        workspace.close();
        sandbox.close();
        live.shutdownNow();
    }

    @Test
    void connectsToTheSandboxsCurrentContextAndLaysOutTheGraph() {
        assertThat(vm.currentContextProperty().get()).isEqualTo("acme-prod");
        assertThat(vm.contexts()).extracting(c -> c.name()).contains("acme-prod", "acme-staging");
        // "connecting" until both sides are read, then live (or degraded with a reason)
        await().atMost(Duration.ofSeconds(60)).until(() ->
                vm.connectionStateProperty().get() == SourceState.LIVE
                        || vm.connectionStateProperty().get() == SourceState.DEGRADED);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.graphProperty().get().nodeCount() > 40);
        assertThat(vm.convertibleCountProperty().get())
                .isEqualTo(vm.stateProperty().get().graph().convertibleIrsaMappings().size()).isPositive();
        assertThat(vm.activity()).anyMatch(a -> a.summary().startsWith("Connected to acme-prod"));
    }

    @Test
    void aNamespaceFilterShrinksTheLiveGraph() {
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> vm.graphProperty().get().nodeCount()) > 40);
        int all = onUi(() -> vm.graphProperty().get().nodeCount());
        onUi(() -> vm.namespaceFilterProperty().set(Set.of("checkout")));
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> vm.graphProperty().get().nodeCount()) < all);
        assertThat(onUi(() -> vm.graphProperty().get().nodeCount())).isPositive();
        onUi(() -> vm.namespaceFilterProperty().set(Set.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> vm.graphProperty().get().nodeCount()) >= all);
    }

    @Test
    void unknownContextIsReportedNotThrown() {
        MainViewModel other = new MainViewModel(workspace, TaskRunner.synchronous(), Clock.systemUTC(),
                LatestWins.Factory.synchronous(Clock.systemUTC()), ConsolePreferences.NONE, false);
        other.connect("no-such-context");
        assertThat(other.connectionStateProperty().get()).isEqualTo(SourceState.ERROR);
        assertThat(other.connectionSummaryProperty().get()).contains("no-such-context");
    }
}
