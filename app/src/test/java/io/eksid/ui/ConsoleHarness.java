package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.eksid.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The console wired as {@link ConsoleApp} wires it, on an in-process sandbox: real workspace, real live sessions
 * over HTTP, real view model and view. Tests drive it through the window.
 */
public final class ConsoleHarness implements AutoCloseable {

    public final Sandbox sandbox;
    public final ExecutorService background = Executors.newFixedThreadPool(2);
    public final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    public final ScheduledExecutorService live = Executors.newScheduledThreadPool(4);
    public final Workspace workspace;
    public final MainViewModel vm;
    public final ThemeManager theme;
    public final MainView view;
    public final List<String> wizardCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ConsoleHarness(Path dir) {
        sandbox = Sandbox.start(SandboxOptions.acme(dir));
        workspace = new Workspace(Map.of(), dir.resolve("home"), live, Clock.systemUTC());
        workspace.addSource(WorkspaceSource.sandbox(sandbox.kubeconfigPath(), sandbox.awsConfigPath(),
                sandbox.awsCredentialsPath(), "sandbox"));
        TaskRunner tasks = new FxTaskRunner(background);
        MainViewModel.LiveStateSink sink = onUi -> {
            LatestValueThrottle<IdentityState> t = new LatestValueThrottle<>(timer, tasks, 100, onUi);
            return t::offer;
        };
        vm = new MainViewModel(workspace, tasks, Clock.systemUTC(), sink, true);
        theme = new ThemeManager(() -> false);
        view = new MainView(vm, theme, new MainView.Actions() {
            @Override
            public void convert(List<String> subjects) {
                wizardCalls.add("convert " + subjects);
            }

            @Override
            public void newAssociation(String sa) {
                wizardCalls.add("new-association " + sa);
            }

            @Override
            public void openSandbox() {
                wizardCalls.add("open-sandbox");
            }

            @Override
            public void rollback(String journalId) {
                wizardCalls.add("rollback " + journalId);
            }
        });
    }

    @Override
    public void close() {
        vm.shutdown();
        workspace.close();
        sandbox.close();
        background.shutdownNow();
        timer.shutdownNow();
        live.shutdownNow();
    }
}
