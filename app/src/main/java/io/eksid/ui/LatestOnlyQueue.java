package io.eksid.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs at most one background computation at a time and drops superseded requests: while one runs, only the
 * newest request waits. Used for graph layout, where only the latest state is worth laying out.
 * Must be called on the UI thread.
 */
public final class LatestOnlyQueue<T> {

    private final TaskRunner tasks;
    private final Consumer<T> onResult;
    private final Consumer<Throwable> onFailure;
    private boolean running;
    private Callable<T> waiting;

    public LatestOnlyQueue(TaskRunner tasks, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        this.tasks = Objects.requireNonNull(tasks);
        this.onResult = Objects.requireNonNull(onResult);
        this.onFailure = Objects.requireNonNull(onFailure);
    }

    public void submit(Callable<T> work) {
        if (running) {
            waiting = work;
            return;
        }
        running = true;
        tasks.run(work, result -> {
            finished();
            onResult.accept(result);
        }, error -> {
            finished();
            onFailure.accept(error);
        });
    }

    private void finished() {
        running = false;
        Callable<T> next = waiting;
        waiting = null;
        if (next != null) {
            submit(next);
        }
    }
}
