package io.eksid.sandbox;

/** The sandbox could not start (port in use, bad fault spec, unwritable directory); the message says which. */
public final class SandboxStartException extends RuntimeException {

    public SandboxStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
