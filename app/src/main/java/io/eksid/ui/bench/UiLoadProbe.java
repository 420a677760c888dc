package io.eksid.ui.bench;

import io.eksid.engine.live.IdentityState;
import io.eksid.engine.live.LiveSession;
import io.eksid.ui.LatestValueThrottle;
import io.eksid.ui.TaskRunner;
import io.eksid.ui.graph.GraphCanvas;
import io.eksid.ui.graph.GroupedLayout;
import io.eksid.ui.graph.ViewGraphBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Churns the cluster while the real pipeline runs (store → coalescer → derived state → throttled delivery →
 * layout off the FX thread → canvas), and reads the FX thread's CPU time: its busy share of the wall time.
 * The churn is written into the session's store at a fixed event rate — exactly what the informers do with
 * watch events — so the rate does not depend on how fast the simulated API server can replace pods.
 */
final class UiLoadProbe {


    record Result(double eventsPerSecond, double fxBusyShare, long uiUpdates) {
    }

    Result run(LiveSession session, double eventsPerSecond, int seconds) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService layoutPool = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<GraphCanvas> shown = new CompletableFuture<>();
        CompletableFuture<Long> fxThread = new CompletableFuture<>();
        Platform.runLater(() -> {
            GraphCanvas canvas = new GraphCanvas();
            Stage stage = new Stage();
            stage.setScene(new Scene(canvas, 1280, 800));
            stage.show();
            fxThread.complete(Thread.currentThread().getId());
            shown.complete(canvas);
        });
        GraphCanvas canvas = shown.get(30, TimeUnit.SECONDS);
        long fxId = fxThread.get();
        // Deliveries go to the FX thread exactly as in the console (FxTaskRunner.onUiThread).
        TaskRunner ui = new io.eksid.ui.FxTaskRunner(layoutPool);
        AtomicLong updates = new AtomicLong();
        GroupedLayout layout = new GroupedLayout();
        ViewGraphBuilder views = new ViewGraphBuilder();
        LatestValueThrottle<IdentityState> throttle = new LatestValueThrottle<>(timer, ui, 100, s -> {
            if (layoutPool.isShutdown()) {
                return; // the measurement is over
            }
            layoutPool.execute(() -> {
                    var g = layout.layout(views.build(s.graph(), s.findings(), Set.of(), ViewGraphBuilder.Filter.ALL));
                    Platform.runLater(() -> {
                        canvas.setGraph(g);
                        updates.incrementAndGet();
                    });
                });
        });
        long versionBefore = session.store().version();
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        poll.scheduleAtFixedRate(() -> {
            IdentityState s = session.current();
            if (s != null) {
                throttle.offer(s);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StoreChurn churn = new StoreChurn(session.store(), eventsPerSecond);
        churn.start();
        long cpu0 = threads.getThreadCpuTime(fxId);
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long cpu1 = threads.getThreadCpuTime(fxId);
        long t1 = System.nanoTime();
        churn.stop();
        long events = session.store().version() - versionBefore;
        poll.shutdownNow();
        layoutPool.shutdownNow();
        timer.shutdownNow();
        Platform.runLater(() -> canvas.getScene().getWindow().hide());
        double wall = (t1 - t0) / 1e9;
        return new Result(events / wall, (cpu1 - cpu0) / 1e9 / wall, updates.get());
    }
}
