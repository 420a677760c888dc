package io.eksid.ui;

import io.eksid.engine.convert.ExecutorSettings;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.live.Workspace;
import io.eksid.ui.fleet.FleetConsole;
import io.eksid.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Stage;

/**
 * The one composition root of the window, used by {@link ConsoleApp}, the window tests and the benchmarks alike:
 * the executors, the task runner, the latest-wins delivery, the workspace, the view models and the views. What
 * differs between them (environment, preferences, journal folder) comes in through {@link Settings}.
 */
public final class ConsoleComponents implements AutoCloseable {

    /** At most this many presentations reach the UI thread a second (latest wins). */
    static final long UI_INTERVAL_MILLIS = 100;

    /**
     * @param sandbox     the window shows the embedded sandbox account (its banner is on)
     * @param prefersDark whether the operating system prefers a dark theme
     */
    public record Settings(Map<String, String> environment, Path home, Clock clock, boolean sandbox,
                           ConsolePreferences preferences, JournalFiles journals, ExecutorSettings executor,
                           BooleanSupplier prefersDark) {

        public Settings {
            environment = Map.copyOf(environment);
            Objects.requireNonNull(home);
            Objects.requireNonNull(clock);
            Objects.requireNonNull(preferences);
            Objects.requireNonNull(journals);
            Objects.requireNonNull(executor);
            Objects.requireNonNull(prefersDark);
        }

        /** A window on {@code home} with no preferences, journals under {@code home}, light theme. */
        public static Settings forTests(Path home, boolean sandbox) {
            return new Settings(Map.of(), home, Clock.systemUTC(), sandbox, ConsolePreferences.NONE,
                    new JournalFiles(home.resolve("journal")), ExecutorSettings.DEFAULTS, () -> false);
        }

        public Settings withExecutor(ExecutorSettings settings) {
            return new Settings(environment, home, clock, sandbox, preferences, journals, settings, prefersDark);
        }
    }

    private final Settings settings;
    private final ExecutorService background;
    private final ScheduledExecutorService timer;
    private final ScheduledExecutorService live;
    private final TaskRunner tasks;
    private final LatestWins.Factory delivery;
    private final Workspace workspace;
    private final MainViewModel vm;
    private final ThemeManager theme;
    private MainView view;
    private WizardLauncher wizards;
    private FleetConsole fleet;

    public ConsoleComponents(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
        background = Executors.newFixedThreadPool(3, daemonThreads("eksid-background"));
        timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("eksid-timer"));
        // The live sessions own their pool: connecting blocks on the network, and must not delay UI delivery.
        live = Executors.newScheduledThreadPool(4, daemonThreads("eksid-live"));
        tasks = new FxTaskRunner(background);
        delivery = new LatestWins.Factory(settings.clock(), LatestWins.Scheduler.of(timer, background),
                tasks::onUiThread, UI_INTERVAL_MILLIS);
        workspace = new Workspace(settings.environment(), settings.home(), live, settings.clock());
        vm = new MainViewModel(workspace, tasks, settings.clock(), delivery, settings.preferences(),
                settings.sandbox());
        theme = new ThemeManager(settings.prefersDark());
    }

    /** The window's content; built once, on the FX thread. */
    public MainView view(MainView.Actions actions) {
        if (view == null) {
            view = new MainView(vm, theme, actions);
        }
        return view;
    }

    /**
     * The window's scene around {@code view}: the console's stylesheet and the theme attached. The window and the
     * tests that drive it build it here, so both look the same. On the FX thread.
     */
    public javafx.scene.Scene scene(MainView view, double width, double height) {
        javafx.scene.Scene scene = new javafx.scene.Scene(view, width, height);
        scene.getStylesheets().add(ConsoleComponents.class.getResource("/io/eksid/ui/console.css").toExternalForm());
        theme.attach(view);
        return scene;
    }

    /** The wizards, owned by {@code owner}; built once, on the FX thread. */
    public WizardLauncher wizards(Stage owner) {
        if (wizards == null) {
            wizards = new WizardLauncher(owner, vm, workspace, settings.journals(), settings.executor(),
                    vm.readOnlyProperty());
        }
        return wizards;
    }

    /** The window's actions opening the real wizards; {@code openSandbox} starts the embedded account. */
    public MainView.Actions wizardActions(Stage owner, Runnable openSandbox) {
        return new MainView.Actions() {
            @Override
            public void convert(List<String> subjects) {
                wizards(owner).convert(subjects);
            }

            @Override
            public void newAssociation(String serviceAccountNodeId) {
                wizards(owner).newAssociation(serviceAccountNodeId);
            }

            @Override
            public void openSandbox() {
                openSandbox.run();
            }

            @Override
            public void rollback(String journalId) {
                wizards(owner).rollback(journalId);
            }
        };
    }

    /** Adds the Fleet view to the window (after {@link #view}). */
    public FleetConsole attachFleet(Supplier<Map<String, String>> clusterByContext, Consumer<List<String>> convert) {
        if (fleet == null) {
            fleet = new FleetConsole(workspace, settings.environment(), settings.home(), vm,
                    Objects.requireNonNull(view, "the view is built first"), tasks, delivery, settings.clock(),
                    clusterByContext, convert);
        }
        return fleet;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public LatestWins.Factory delivery() {
        return delivery;
    }

    public Workspace workspace() {
        return workspace;
    }

    public MainViewModel vm() {
        return vm;
    }

    public ThemeManager theme() {
        return theme;
    }

    public Settings settings() {
        return settings;
    }

    /** Closes the sessions, the fleet's workspace and the executors; waits briefly for background work to end. */
    @Override
    public void close() {
        vm.shutdown();
        if (fleet != null) {
            fleet.close();
        }
        workspace.close();
        background.shutdown();
        try {
            if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        live.shutdownNow();
    }

    static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
