package io.eksid.model.store;

/** Health of one data source (an informer, a poller) as the status bar and {@code scan} report it. */
public enum SourceState {
    /** Not started or still listing for the first time. */
    CONNECTING,
    /** Synced and watching / polling normally. */
    LIVE,
    /** Working, but partially: some namespaces forbidden, retries under throttling, a watch being re-established. */
    DEGRADED,
    /** The credentials in use may not read this resource at all. */
    FORBIDDEN,
    /** Failing: unreachable, unauthorized, exec plugin failed, certificate problem, expired SSO session. */
    ERROR
}
