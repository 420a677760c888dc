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

    /** The window's scene, as {@link ConsoleApp} builds it. On the FX thread. */
    public javafx.scene.Scene scene(double width, double height) {
        return components.scene(view, width, height);
    }

    /**
     * Writes {@code lightName} and its dark twin ({@code -light.png} → {@code -dark.png}) of {@code scene} when
     * {@code eksid.screenshots} names a folder, and leaves the theme light. Documentation pictures, not checks.
     */
    public void screenshots(org.testfx.api.FxRobot robot, javafx.scene.Scene scene, String lightName,
                            long settleMillis) throws java.io.IOException {
        String target = System.getProperty("eksid.screenshots");
        if (target == null || target.isBlank()) {
            return;
        }
        Path out = java.nio.file.Files.createDirectories(Path.of(target).toAbsolutePath());
        for (io.eksid.ui.theme.ThemeMode mode : new io.eksid.ui.theme.ThemeMode[] {
                io.eksid.ui.theme.ThemeMode.LIGHT, io.eksid.ui.theme.ThemeMode.DARK}) {
            robot.interact(() -> theme.modeProperty().set(mode));
            robot.sleep(settleMillis);
            javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
            robot.interact(() -> img[0] = scene.snapshot(null));
            String file = mode == io.eksid.ui.theme.ThemeMode.LIGHT ? lightName
                    : lightName.replace("-light.png", "-dark.png");
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img[0], null), "png",
                    out.resolve(file).toFile());
        }
        robot.interact(() -> theme.modeProperty().set(io.eksid.ui.theme.ThemeMode.LIGHT));
    }

    @Override
    public void close() {
        components.close();
        sandbox.close();
    }
}
