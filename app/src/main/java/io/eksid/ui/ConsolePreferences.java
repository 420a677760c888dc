package io.eksid.ui;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the window reads from and writes to the preferences, given at construction.
 *
 * @param profileForContext the AWS profile to use for a context, or null to follow the context and the defaults
 * @param rememberCluster   remembers the EKS cluster the user picked for a context; may throw
 *                          {@link java.io.UncheckedIOException} when the preferences cannot be written
 * @param readOnly          no write action is offered
 */
public record ConsolePreferences(Function<String, String> profileForContext,
                                 BiConsumer<String, String> rememberCluster, boolean readOnly) {

    public ConsolePreferences {
        Objects.requireNonNull(profileForContext);
        Objects.requireNonNull(rememberCluster);
    }

    /** No preferences: every context follows its own settings, nothing is remembered, writes are offered. */
    public static final ConsolePreferences NONE = new ConsolePreferences(c -> null, (c, k) -> { }, false);
}
