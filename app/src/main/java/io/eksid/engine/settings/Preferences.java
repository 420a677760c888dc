package io.eksid.engine.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the console remembers between runs.
 *
 * @param theme            SYSTEM, LIGHT or DARK
 * @param refreshInterval  how often AWS data is polled (10 s to 1 h)
 * @param profileByContext the AWS profile to use for a kubeconfig context when its exec plugin names none
 * @param clusterByContext the EKS cluster (ARN) the user matched a context to, when it could not be derived
 * @param readOnly         on: no write action is offered anywhere (wizards, apply, rollback)
 * @param journalDir       where conversion journals go, or null for the state folder's {@code journal}
 * @param tourSeen         the guided tour was finished or skipped once: the sandbox no longer opens with it
 */
public record Preferences(String theme, Duration refreshInterval, Map<String, String> profileByContext,
                          Map<String, String> clusterByContext, boolean readOnly, Path journalDir, boolean tourSeen) {

    public static final Duration MIN_REFRESH = Duration.ofSeconds(10);
    public static final Duration MAX_REFRESH = Duration.ofHours(1);

    public Preferences {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        profileByContext = Map.copyOf(profileByContext);
        clusterByContext = Map.copyOf(clusterByContext);
    }

    public static Preferences defaults() {
        return new Preferences("SYSTEM", Duration.ofSeconds(30), Map.of(), Map.of(), false, null, false);
    }

    public Path journalDirOr(AppFolders folders) {
        return journalDir != null ? journalDir : folders.defaultJournalDir();
    }

    public Preferences withTheme(String t) {
        return new Preferences(t, refreshInterval, profileByContext, clusterByContext, readOnly, journalDir, tourSeen);
    }

    public Preferences withReadOnly(boolean ro) {
        return new Preferences(theme, refreshInterval, profileByContext, clusterByContext, ro, journalDir, tourSeen);
    }

    public Preferences withTourSeen(boolean seen) {
        return new Preferences(theme, refreshInterval, profileByContext, clusterByContext, readOnly, journalDir, seen);
    }

    public Preferences withRefreshInterval(Duration d) {
        return new Preferences(theme, d, profileByContext, clusterByContext, readOnly, journalDir, tourSeen);
    }

    public Preferences withProfileForContext(String context, String profile) {
        var m = new java.util.HashMap<>(profileByContext);
        if (profile == null) {
            m.remove(context);
        } else {
            m.put(context, profile);
        }
        return new Preferences(theme, refreshInterval, m, clusterByContext, readOnly, journalDir, tourSeen);
    }

    public Preferences withClusterForContext(String context, String clusterArn) {
        var m = new java.util.HashMap<>(clusterByContext);
        if (clusterArn == null) {
            m.remove(context);
        } else {
            m.put(context, clusterArn);
        }
        return new Preferences(theme, refreshInterval, profileByContext, m, readOnly, journalDir, tourSeen);
    }
}
