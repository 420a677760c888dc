package io.eksid.ui.bench;

import io.eksid.engine.live.LiveSession;
import io.eksid.ui.ConsoleComponents;
import io.eksid.ui.MainView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Churns the cluster while the window's real pipeline runs (store → coalescer → derived state → presentation off
 * the FX thread → one latest-wins delivery → graph, tables, inspector), and reads the FX thread's CPU time: its
 * busy share of the wall time. The churn is written into the session's store at a fixed event rate — exactly
 * what the informers do with watch events — so the rate does not depend on how fast the simulated API server can
 * replace pods.
 */
final class UiLoadProbe {

    record Result(double eventsPerSecond, double fxBusyShare, long uiUpdates) {
    }

    /** @param console connected (its view model has a session) and not shown yet */
    Result run(ConsoleComponents console, double eventsPerSecond, int seconds) throws Exception {
        CompletableFuture<Long> fxThread = new CompletableFuture<>();
        CompletableFuture<LiveSession> session = new CompletableFuture<>();
        Platform.runLater(() -> {
            MainView view = console.view(new MainView.Actions() {
                @Override
                public void convert(List<String> subjects) {
                }

                @Override
                public void newAssociation(String serviceAccountNodeId) {
                }

                @Override
                public void openSandbox() {
                }

                @Override
                public void rollback(String journalId) {
                }
            });
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            fxThread.complete(Thread.currentThread().getId());
            console.vm().session().ifPresentOrElse(s -> session.complete((LiveSession) s),
                    () -> session.completeExceptionally(new IllegalStateException("the console has no session")));
        });
        long fxId = fxThread.get(30, TimeUnit.SECONDS);
        LiveSession live = session.get(30, TimeUnit.SECONDS);
        long updatesBefore = onFx(() -> console.vm().presentationsDelivered());
        long versionBefore = live.store().version();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StoreChurn churn = new StoreChurn(live.store(), eventsPerSecond);
        churn.start();
        long cpu0 = threads.getThreadCpuTime(fxId);
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long cpu1 = threads.getThreadCpuTime(fxId);
        long t1 = System.nanoTime();
        churn.stop();
        long events = live.store().version() - versionBefore;
        long updates = onFx(() -> console.vm().presentationsDelivered()) - updatesBefore;
        Platform.runLater(() -> console.view(null).getScene().getWindow().hide());
        double wall = (t1 - t0) / 1e9;
        return new Result(events / wall, (cpu1 - cpu0) / 1e9 / wall, updates);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
