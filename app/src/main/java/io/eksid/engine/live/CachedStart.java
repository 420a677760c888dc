package io.eksid.engine.live;

import io.eksid.model.ClusterSnapshot;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's use of the {@link SnapshotCache}: at the start, the last complete snapshot of the context is shown
 * at once, marked as such with its age, and live states are held back until the live picture is complete (so the
 * window never falls back from the whole cached graph to a half-listed live one); afterwards each complete live
 * snapshot is saved, at most once per {@link #SAVE_EVERY}.
 */
final class CachedStart {

    private static final Logger LOG = LoggerFactory.getLogger(CachedStart.class);

    /** The pseudo-source that marks a state painted from the cache. */
    static final String SOURCE = SnapshotCache.SHOWN_SOURCE;
    static final Duration SAVE_EVERY = Duration.ofSeconds(60);
    /** Live states are shown after this even if the live side is still incomplete. */
    static final Duration HOLD_AT_MOST = Duration.ofSeconds(60);

    private final SnapshotCache cache;
    private final String key;
    private final Clock clock;
    private final Executor executor;
    private final List<String> problems = new ArrayList<>();
    private volatile boolean holding;
    private volatile long holdUntilNanos;
    private Instant lastSaved;
    private boolean saving;

    CachedStart(SnapshotCache cache, String key, Clock clock, Executor executor) {
        this.cache = cache;
        this.key = key;
        this.clock = clock;
        this.executor = executor;
    }

    /** Reads the cached snapshot; when there is one, live states are held back from now on. */
    Optional<SnapshotCache.Cached> load() {
        SnapshotCache.Loaded loaded = cache.load(key);
        problems.addAll(loaded.problems());
        loaded.problems().forEach(p -> LOG.warn("{}", p));
        if (loaded.cached().isPresent()) {
            holding = true;
            holdUntilNanos = System.nanoTime() + HOLD_AT_MOST.toNanos();
        }
        return loaded.cached();
    }

    /** Why a cached file was not used, for the window's activity log. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The sources to show with the cached snapshot: the mark with its age first, then the live ones. */
    List<SourceStatus> markedSources(SnapshotCache.Cached cached, List<SourceStatus> live) {
        List<SourceStatus> all = new ArrayList<>();
        all.add(new SourceStatus(SOURCE, SourceState.DEGRADED, "showing the snapshot saved "
                + describeAge(cached.savedAt(), clock.instant()) + " until the live data is complete",
                cached.savedAt()));
        all.addAll(live);
        return all;
    }

    /** True while live states are held back; stops holding once {@code liveComplete} or the time cap is reached. */
    boolean holding(boolean liveComplete) {
        if (holding && (liveComplete || System.nanoTime() - holdUntilNanos >= 0)) {
            holding = false;
        }
        return holding;
    }

    boolean holding() {
        return holding;
    }

    /** Saves {@code snapshot} in the background when it is complete and the last save is old enough. */
    synchronized void offer(ClusterSnapshot snapshot, boolean complete) {
        Instant now = clock.instant();
        if (!complete || saving || lastSaved != null && Duration.between(lastSaved, now).compareTo(SAVE_EVERY) < 0) {
            return;
        }
        saving = true;
        lastSaved = now;
        executor.execute(() -> {
            try {
                cache.save(key, snapshot, now);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not save the snapshot of {} in {}: {}", key, cache.folder(), e.toString());
            } finally {
                synchronized (this) {
                    saving = false;
                }
            }
        });
    }

    /** "at 14:02 (12 min ago)", "on 3 Mar 09:15 (2 days ago)": the age a person needs to judge it. */
    static String describeAge(Instant savedAt, Instant now) {
        Duration age = Duration.between(savedAt, now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        LocalDateTime local = LocalDateTime.ofInstant(savedAt, ZoneId.systemDefault());
        String when = age.toHours() < 20 ? "at " + local.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT))
                : "on " + local.format(DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT));
        String ago;
        if (age.toMinutes() < 1) {
            ago = "less than a minute ago";
        } else if (age.toHours() < 1) {
            ago = age.toMinutes() + " min ago";
        } else if (age.toDays() < 1) {
            ago = age.toHours() + (age.toHours() == 1 ? " hour ago" : " hours ago");
        } else {
            ago = age.toDays() + (age.toDays() == 1 ? " day ago" : " days ago");
        }
        return when + " (" + ago + ")";
    }
}
