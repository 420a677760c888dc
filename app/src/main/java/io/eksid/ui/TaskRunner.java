package io.eksid.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the UI runs background work: the work runs off the FX thread, its result or failure comes back
 * on the FX thread. Tests inject {@link #synchronous()} so view models are tested without threads.
 */
public interface TaskRunner {

    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code work} in the background, with no result for the UI thread. */
    default void execute(Runnable work) {
        run(() -> {
            work.run();
            return Boolean.TRUE;
        }, ok -> { }, e -> { });
    }

    /** Runs {@code action} on the UI thread (FX thread in the app, the caller's thread in tests). */
    void onUiThread(Runnable action);

    /**
     * Runs {@code action} on the UI thread after the event being handled (a focus request once a scene is shown,
     * a dialog after the change that asks for it); at once in tests.
     */
    default void later(Runnable action) {
        onUiThread(action);
    }

    /** Runs everything on the calling thread. */
    static TaskRunner synchronous() {
        return new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }

            @Override
            public void onUiThread(Runnable action) {
                action.run();
            }
        };
    }
}
