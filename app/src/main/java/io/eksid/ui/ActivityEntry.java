package io.eksid.ui;

import java.time.Instant;

/** One line of the Activity tab: connections, refreshes, plans applied and rolled back, errors. */
public record ActivityEntry(Instant at, Kind kind, String summary, String details, String journalId) {

    /** What happened. */
    public enum Kind { INFO, WARNING, ERROR, CONVERSION, ROLLBACK }

    public static ActivityEntry info(Instant at, String summary) {
        return new ActivityEntry(at, Kind.INFO, summary, "", null);
    }
}
