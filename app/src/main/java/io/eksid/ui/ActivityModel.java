package io.eksid.ui;

import java.time.Clock;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The window's activity log, newest first, bounded. UI thread only. */
public final class ActivityModel {

    static final int LIMIT = 500;

    private final Clock clock;
    private final ObservableList<ActivityEntry> entries = FXCollections.observableArrayList();

    public ActivityModel(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    public void log(ActivityEntry.Kind kind, String summary) {
        log(new ActivityEntry(clock.instant(), kind, summary, "", null));
    }

    public void log(ActivityEntry entry) {
        entries.add(0, entry);
        if (entries.size() > LIMIT) {
            entries.remove(LIMIT, entries.size());
        }
    }

    public ObservableList<ActivityEntry> entries() {
        return entries;
    }
}
