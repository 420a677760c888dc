package io.eksid.ui.fleet;

import io.eksid.engine.fleet.FleetScanner;
import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.Workspace;
import io.eksid.engine.live.WorkspaceSource;
import io.eksid.ui.ActivityEntry;
import io.eksid.ui.LatestWins;
import io.eksid.ui.MainView;
import io.eksid.ui.MainViewModel;
import io.eksid.ui.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;

/**
 * Wires the Fleet view into the window: its scans run in a workspace of their own (same kubeconfig and AWS
 * sources as the window's, its own session pool, so a fleet scan never starves the open cluster), a click opens
 * the context in the cluster view, and "Convert IRSA…" opens that cluster's conversion preview once its whole
 * picture is in.
 */
public final class FleetConsole implements AutoCloseable {

    /** Contexts scanned at once from the console. */
    static final int PARALLEL = FleetScanner.Options.DEFAULT_PARALLEL;
    private static final Duration CONTEXT_TIMEOUT = Duration.ofSeconds(60);

    private final java.util.concurrent.ScheduledExecutorService sessions;
    private final Workspace fleetWorkspace;
    private final FleetViewModel model;
    private final FleetView view;

    /**
     * @param clusterByContext the EKS clusters the user matched contexts to, read at each scan
     * @param convert          opens the conversion preview of the window's current cluster
     */
    public FleetConsole(Workspace workspace, Map<String, String> environment, java.nio.file.Path home,
                        MainViewModel vm, MainView window, TaskRunner tasks, LatestWins.Factory delivery, Clock clock,
                        Supplier<Map<String, String>> clusterByContext, Consumer<List<String>> convert) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        // Each session's start-up runs two blocking tasks, then its pollers: three threads per context in flight.
        sessions = java.util.concurrent.Executors.newScheduledThreadPool(3 * PARALLEL + 2, r -> {
            Thread t = new Thread(r, "eksid-fleet-live-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        fleetWorkspace = new Workspace(environment, home, sessions, clock);
        FleetViewModel.Scanner scanner = (targets, progress) -> {
            List<WorkspaceSource> sources = new ArrayList<>(workspace.sources());
            java.util.Collections.reverse(sources); // addSource puts each first: keep the window's order
            sources.forEach(fleetWorkspace::addSource);
            fleetWorkspace.setRememberedClusters(clusterByContext.get());
            return new FleetScanner(fleetWorkspace, new FleetScanner.Options(PARALLEL, CONTEXT_TIMEOUT))
                    .scan(targets, progress);
        };
        model = new FleetViewModel(tasks, workspace::contexts, vm::profileForContext, scanner, clock,
                onUi -> delivery.<FleetViewModel.Progress>create(onUi, e -> { })::offer);
        view = new FleetView(model, context -> {
            window.showCluster();
            vm.connect(context);
        }, context -> {
            window.showCluster();
            convertWhenReady(vm, tasks, context, convert);
            vm.connect(context);
        });
        window.attachFleet(view);
    }

    public FleetViewModel model() {
        return model;
    }

    public FleetView view() {
        return view;
    }

    /** Opens the conversion preview once the context's session has its whole picture (or its timeout ran out). */
    private static void convertWhenReady(MainViewModel vm, TaskRunner tasks, String context,
                                         Consumer<List<String>> convert) {
        ChangeListener<IdentityState> once = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends IdentityState> o, IdentityState a,
                                IdentityState s) {
                if (s == null || !s.contextName().equals(context)) {
                    return;
                }
                // The first states can arrive before the window holds the new session: wait for a later one.
                io.eksid.engine.live.SessionHandle session = vm.session().filter(x -> x.contextName().equals(context)).orElse(null);
                if (session == null) {
                    return;
                }
                vm.stateProperty().removeListener(this);
                tasks.run(() -> session.awaitReady(CONTEXT_TIMEOUT), ready -> {
                    if (!ready.ready()) {
                        vm.log(ActivityEntry.Kind.WARNING, "Context " + context + " is not complete yet ("
                                + String.join("; ", ready.missing()) + "): the preview shows what is known");
                    }
                    if (context.equals(vm.currentContextProperty().get())) {
                        convert.accept(List.of());
                    }
                }, e -> vm.log(ActivityEntry.Kind.ERROR, "Cannot open the conversion of " + context + ": "
                        + e.getMessage()));
            }
        };
        IdentityState now = vm.stateProperty().get();
        vm.stateProperty().addListener(once);
        if (now != null && now.contextName().equals(context)) {
            once.changed(vm.stateProperty(), null, now);
        }
    }

    @Override
    public void close() {
        fleetWorkspace.close();
        sessions.shutdownNow();
    }
}
