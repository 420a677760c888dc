package io.eksid.kube;

/** The exec credential plugin failed: its exit code and what it printed on stderr are in the message. */
public final class ExecPluginException extends RuntimeException {

    public ExecPluginException(String message) {
        super(message);
    }

    public ExecPluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
