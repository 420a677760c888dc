package io.eksid.engine.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One open context as the console sees it; {@link LiveSession} is the real one. */
public interface SessionHandle extends AutoCloseable {

    String contextName();

    /** Problems with the context's cached snapshot (unreadable, foreign), one sentence each. */
    List<String> snapshotCacheProblems();

    /** EKS clusters the context may be, when neither its exec plugin nor its server URL says; else empty. */
    List<String> clusterCandidates();

    /** When the AWS side was last read in full, if it was. */
    Optional<Instant> awsReadAt();

    /** Polls every AWS source now. */
    void refreshNow();

    /** Waits until the session shows the whole cluster, or {@code timeout} ran out. */
    Readiness awaitReady(Duration timeout) throws InterruptedException;

    /** Closes the session; may block on the network, so never on the UI thread. */
    @Override
    void close();
}
