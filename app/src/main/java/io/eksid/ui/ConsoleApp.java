package io.eksid.ui;

import io.eksid.engine.live.SnapshotCache;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.eksid.ui.theme.OsThemeDetector;
import io.eksid.ui.theme.ThemeManager;
import io.eksid.ui.theme.ThemeMode;
import io.eksid.engine.convert.ExecutorSettings;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.settings.AppFolders;
import io.eksid.engine.settings.PreferencesStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the window: builds the services once and injects them. With no kubeconfig on the
 * machine it starts the embedded sandbox account and connects to it, and the banner says so.
 */
public final class ConsoleApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

    private ConsoleComponents components;
    private Workspace workspace;
    private MainViewModel vm;
    private volatile Sandbox sandbox;

    /** Set by the shutdown hook: from then on the toolkit's own threads may fail as they are torn down. */
    private static volatile boolean shuttingDown;

    public static void launchWindow(String[] args) {
        quietStart();
        Application.launch(ConsoleApp.class, args);
    }

    /**
     * The runnable jar puts JavaFX on the class path, for which the toolkit prints "Unsupported JavaFX
     * configuration" on every start although it runs as built and tested; that warning is dropped. Killed with
     * SIGTERM, the JVM stops the render thread while a pulse is still being painted, and the toolkit's thread
     * dies with a RejectedExecutionException: that one stack trace is expected during shutdown and not printed.
     */
    static void quietStart() {
        for (String name : new String[] {"javafx", "com.sun.javafx.application.PlatformImpl"}) {
            java.util.logging.Logger.getLogger(name).setLevel(java.util.logging.Level.SEVERE);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shuttingDown = true, "eksid-shutdown-flag"));
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (shuttingDown && e instanceof java.util.concurrent.RejectedExecutionException) {
                LOG.debug("toolkit thread {} stopped during shutdown: {}", t.getName(), e.toString());
                return;
            }
            if (previous != null) {
                previous.uncaughtException(t, e);
            } else {
                LOG.error("uncaught exception in thread {}", t.getName(), e);
            }
        });
    }

    @Override
    public void start(Stage stage) {
        Map<String, String> env = System.getenv();
        Path home = Path.of(System.getProperty("user.home"));
        boolean forceSandbox = Boolean.getBoolean("eksid.sandbox") || "1".equals(env.get("EKSID_SANDBOX"));
        boolean useSandbox = forceSandbox || !hasKubeconfig(env, home);
        Clock clock = Clock.systemDefaultZone();
        AppFolders folders = AppFolders.system();
        PreferencesStore prefsStore = new PreferencesStore(folders.preferencesFile(), new ObjectMapper(), clock);
        PreferencesStore.Loaded prefs = prefsStore.load();
        // Workspace is set below, before any context can be connected: the callback only runs on a user's choice.
        java.util.concurrent.atomic.AtomicReference<Workspace> ws = new java.util.concurrent.atomic.AtomicReference<>();
        ConsolePreferences preferences = new ConsolePreferences(prefs.preferences().profileByContext()::get,
                (context, cluster) -> {
                    try {
                        var updated = prefsStore.load().preferences().withClusterForContext(context, cluster);
                        prefsStore.save(updated);
                        ws.get().setRememberedClusters(updated.clusterByContext());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, prefs.preferences().readOnly());
        components = new ConsoleComponents(new ConsoleComponents.Settings(env, home, clock, useSandbox, preferences,
                new JournalFiles(prefs.preferences().journalDirOr(folders)), ExecutorSettings.DEFAULTS,
                new OsThemeDetector(System.getProperty("os.name"))::prefersDark));
        workspace = components.workspace();
        ws.set(workspace);
        vm = components.vm();
        vm.warmUpLayout();
        TaskRunner tasks = components.tasks();
        ThemeManager theme = components.theme();
        prefs.problems().forEach(p -> vm.log(ActivityEntry.Kind.WARNING, p));
        workspace.setRefreshInterval(prefs.preferences().refreshInterval());
        workspace.setSnapshotCache(new SnapshotCache(folders.snapshotsDir()));
        workspace.setRememberedClusters(prefs.preferences().clusterByContext());
        theme.modeProperty().set(ThemeMode.valueOf(prefs.preferences().theme()));
        theme.modeProperty().addListener((o, a, mode) -> tasks.run(() -> {
            prefsStore.save(prefsStore.load().preferences().withTheme(mode.name()));
            return Boolean.TRUE;
        }, ok -> { }, e -> vm.log(ActivityEntry.Kind.WARNING, "Could not save preferences: " + e.getMessage())));
        // Reading the kubeconfig (or starting the sandbox), then the context's last snapshot, run in the background
        // while the window is built: the first graph waits for whichever ends last, not for both in turn. Their
        // results reach the UI thread after this method returns, when the view exists.
        if (useSandbox) {
            vm.log(ActivityEntry.Kind.INFO, forceSandbox ? "Opening the sandbox as asked"
                    : "No kubeconfig found: opening the embedded sandbox EKS account");
            openSandbox(tasks, "acme-prod");
        } else {
            workspace.addSource(WorkspaceSource.defaults());
            vm.start(null);
        }
        MainView view = components.view(components.wizardActions(stage, () -> openSandbox(tasks, "acme-prod")));
        io.eksid.ui.tables.ColumnChoices columns = new io.eksid.ui.tables.ColumnChoices(
                new io.eksid.engine.settings.TableLayoutStore(folders.tableLayoutsFile(), new ObjectMapper()),
                tasks::execute, msg -> tasks.onUiThread(() -> vm.log(ActivityEntry.Kind.WARNING, msg)));
        columns.attach(view.tables(), columns.load());
        components.attachFleet(() -> prefsStore.load().preferences().clusterByContext(),
                subjects -> components.wizards(stage).convert(subjects));
        Scene scene = components.scene(view, 1500, 940);
        stage.setTitle("EKS Identity Console");
        stage.getIcons().add(new javafx.scene.image.Image(
                ConsoleApp.class.getResource("/io/eksid/ui/eksid.png").toExternalForm()));
        if (Boolean.getBoolean("eksid.bench.startup")) {
            reportWhenInteractive(vm.tasks());
        }
        stage.setScene(scene);
        stage.show();
        if (useSandbox && !prefs.preferences().tourSeen()) {
            view.offerTour(() -> tasks.run(() -> {
                prefsStore.save(prefsStore.load().preferences().withTourSeen(true));
                return Boolean.TRUE;
            }, ok -> { }, e -> vm.log(ActivityEntry.Kind.WARNING, "Could not save preferences: " + e.getMessage())));
        }
    }

    /**
     * For {@code bench startup}: says when the window first shows a graph and when it shows the settled live
     * graph, after the frame that shows it.
     */
    private void reportWhenInteractive(TaskRunner tasks) {
        io.eksid.ui.bench.StartupMarkers markers = new io.eksid.ui.bench.StartupMarkers();
        vm.graphProperty().addListener((o, a, g) -> {
            IdentityState s = vm.stateProperty().get();
            if (g.nodeCount() == 0 || s == null) {
                return;
            }
            boolean cached = s.sources().stream().anyMatch(x -> x.source().equals(SnapshotCache.SHOWN_SOURCE));
            boolean settled = !cached && s.sources().stream()
                    .noneMatch(x -> x.state() == io.eksid.model.store.SourceState.CONNECTING);
            tasks.later(() -> markers.graphShown(cached, settled));
        });
    }

    /** Starts the sandbox in the background and adds its contexts; connects to {@code context} when ready. */
    void openSandbox(TaskRunner tasks, String context) {
        if (sandbox != null) {
            vm.connect(context);
            return;
        }
        vm.log(ActivityEntry.Kind.INFO, "Starting the sandbox\u2026");
        tasks.run(() -> {
            Path dir = Files.createTempDirectory("eksid-sandbox");
            Sandbox sb = Sandbox.start(SandboxOptions.acme(dir).withChurn(0.5));
            return sb;
        }, sb -> {
            sandbox = sb;
            vm.sandboxProperty().set(true);
            workspace.addSource(WorkspaceSource.sandbox(sb.kubeconfigPath(), sb.awsConfigPath(),
                    sb.awsCredentialsPath(), "sandbox"));
            vm.start(context);
        }, e -> vm.log(ActivityEntry.Kind.ERROR, "The sandbox could not start: " + e.getMessage()));
    }

    Workspace workspace() {
        return workspace;
    }

    private static boolean hasKubeconfig(Map<String, String> env, Path home) {
        String kc = env.get("KUBECONFIG");
        if (kc != null && !kc.isBlank()) {
            for (String p : kc.split(java.io.File.pathSeparator)) {
                if (!p.isBlank() && Files.isRegularFile(Path.of(p))) {
                    return true;
                }
            }
            return false;
        }
        return Files.isRegularFile(home.resolve(".kube").resolve("config"));
    }

    @Override
    public void stop() {
        if (components != null) {
            components.close();
        }
        Sandbox sb = sandbox;
        if (sb != null) {
            try {
                sb.close();
            } catch (Exception e) {
                LOG.warn("sandbox did not stop cleanly", e);
            }
        }
    }
}
