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
 * in-process sandbox: states arrive, the graph is laid out, filters and expansion re-lay it out, search selects.
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
        // States arrive on the session's threads; the synchronous runner hands them straight on, serialised.
        vm = new MainViewModel(workspace, TaskRunner.synchronous(), Clock.systemUTC(),
                onUi -> s -> {
                    synchronized (MainViewModelTest.class) {
                        onUi.accept(s);
                    }
                }, true);
        vm.start(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> vm.stateProperty().get() != null
                && vm.stateProperty().get().lastAwsRefresh() != null
                && vm.stateProperty().get().graph().counts().pods() > 100);
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
    void namespaceFilterAndCollapsingShrinkTheGraph() {
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.graphProperty().get().nodeCount() > 40);
        synchronized (MainViewModelTest.class) {
            int all = vm.graphProperty().get().nodeCount();
            vm.namespaceFilterProperty().set(Set.of("checkout"));
            int checkout = vm.graphProperty().get().nodeCount();
            assertThat(checkout).isLessThan(all).isPositive();
            vm.toggle("ns:checkout");
            assertThat(vm.graphProperty().get().nodeCount()).isLessThan(checkout);
            vm.toggle("ns:checkout");
            vm.namespaceFilterProperty().set(Set.of());
            assertThat(vm.graphProperty().get().nodeCount()).isEqualTo(all);
        }
    }

    @Test
    void searchSelectsTheBestMatchAndOpensItsNamespace() {
        synchronized (MainViewModelTest.class) {
            vm.expanded().remove("ns:checkout");
            assertThat(vm.search("checkout-worker")).contains("sa:checkout/checkout-worker");
            assertThat(vm.selectedNodeIdProperty().get()).isEqualTo("sa:checkout/checkout-worker");
            assertThat(vm.expanded()).contains("ns:checkout");
            assertThat(vm.search("   ")).isEmpty();
            assertThat(vm.search("nothing-is-called-this")).isEmpty();
        }
    }

    @Test
    void unknownContextIsReportedNotThrown() {
        MainViewModel other = new MainViewModel(workspace, TaskRunner.synchronous(), Clock.systemUTC(),
                onUi -> onUi::accept, false);
        other.connect("no-such-context");
        assertThat(other.connectionStateProperty().get()).isEqualTo(SourceState.ERROR);
        assertThat(other.connectionSummaryProperty().get()).contains("no-such-context");
    }
}
