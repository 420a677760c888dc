package io.eksid.cli;

import io.eksid.engine.convert.SnapshotLoader;
import java.nio.file.Path;
import java.time.Clock;

/** The process environment the conversion commands read: variables, JVM properties, the home folder. */
final class CliEnvironment {

    private CliEnvironment() {
    }

    static Path home() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    static SnapshotLoader loader() {
        return new SnapshotLoader(System.getenv(), System::getProperty, home(), Clock.systemUTC());
    }
}
