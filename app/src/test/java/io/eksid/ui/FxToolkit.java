package io.eksid.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit once per test JVM (headless Monocle in the build, see the surefire settings), and runs
 * work on its thread for the tests.
 */
public final class FxToolkit {

    private static final Object LOCK = new Object();
    private static boolean started;

    private FxToolkit() {
    }

    public static void start() throws InterruptedException {
        synchronized (LOCK) {
            if (started) {
                return;
            }
            CountDownLatch latch = new CountDownLatch(1);
            try {
                Platform.startup(latch::countDown);
            } catch (IllegalStateException alreadyRunning) {
                latch.countDown();
            }
            Platform.setImplicitExit(false);
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("JavaFX toolkit did not start");
            }
            started = true;
        }
    }

    /** Runs {@code work} on the FX thread (at once when already on it) and returns its result, within 30 s. */
    public static <T> T onFx(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
