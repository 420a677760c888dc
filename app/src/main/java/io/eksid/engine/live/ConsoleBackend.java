package io.eksid.engine.live;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What the console window needs from the engine: the contexts it can connect to, a live session per context, and
 * IAM Identity Center sign-in. {@link Workspace} is the real one; view-model tests hand-feed states through their
 * own, with no network.
 */
public interface ConsoleBackend {

    List<ContextInfo> contexts();

    /** Problems found reading the kubeconfig files, one sentence each. */
    List<String> kubeconfigProblems();

    /** The current-context the kubeconfig names, if any. */
    Optional<String> currentContext();

    /**
     * Opens a live session on a context; its states go to {@code listener} from a background thread, coalesced.
     *
     * @param profileOverride the AWS profile to use, or null to follow the context and the defaults
     */
    SessionHandle open(String contextName, String profileOverride, Consumer<IdentityState> listener);

    /**
     * As {@link #open(String, String, Consumer)}, but the session shows the context's last snapshot at once and
     * connects only when {@code goLive} completes (at once if there is no snapshot to show).
     */
    default SessionHandle open(String contextName, String profileOverride, Consumer<IdentityState> listener,
                               CompletionStage<?> goLive) {
        return open(contextName, profileOverride, listener);
    }

    /**
     * Signs the context's AWS profile in to IAM Identity Center; {@code show} receives what the user must do.
     *
     * @return when the new session expires
     */
    Instant signIn(String contextName, String profileOverride, Consumer<String> show, BooleanSupplier cancelled)
            throws InterruptedException;
}
