package io.eksid.engine.convert;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running apply or rollback to stop between steps. Steps already started finish (a half-made change is worse
 * than a finished one); the journal then says exactly what was done, so {@code --resume} or rollback can continue.
 */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelled() {
        return cancelled.get();
    }
}
