package io.eksid.ui;

import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.eksid.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.util.List;

/**
 * The console built by the same composition root as {@link ConsoleApp} ({@link ConsoleComponents}), on an
 * in-process sandbox: real workspace, real live sessions over HTTP, real view models and views. The window's
 * actions are recorded instead of opening wizards. Tests drive it through the window. Build it on the FX thread.
 */
public final class ConsoleHarness implements AutoCloseable {

    public final Sandbox sandbox;
    public final ConsoleComponents components;
    public final Workspace workspace;
    public final MainViewModel vm;
    public final ThemeManager theme;
    public final MainView view;
    public final List<String> wizardCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ConsoleHarness(Path dir) {
        sandbox = Sandbox.start(SandboxOptions.acme(dir));
        components = new ConsoleComponents(ConsoleComponents.Settings.forTests(dir.resolve("home"), true));
        workspace = components.workspace();
        workspace.addSource(WorkspaceSource.sandbox(sandbox.kubeconfigPath(), sandbox.awsConfigPath(),
                sandbox.awsCredentialsPath(), "sandbox"));
        vm = components.vm();
        theme = components.theme();
        view = components.view(new MainView.Actions() {
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
        components.close();
        sandbox.close();
    }
}
