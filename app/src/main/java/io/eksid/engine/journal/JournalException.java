package io.eksid.engine.journal;

/** The journal cannot be written or read; nothing may be changed without it. */
public class JournalException extends RuntimeException {

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
