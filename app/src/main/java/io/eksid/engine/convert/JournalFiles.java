package io.eksid.engine.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where journals live: {@code $XDG_STATE_HOME/eksid/journal}, else {@code ~/.local/state/eksid/journal}, unless a
 * directory is given. One file per run: {@code <plan-id>-<UTC timestamp>.jsonl}; its name without the extension is
 * the run id that {@code apply --resume} and {@code rollback} take (a plan id alone means its latest run).
 */
public final class JournalFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;

    public JournalFiles(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    }

    /** The default folder, from the process environment and home folder. */
    public static JournalFiles defaults(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home.resolve(".local").resolve("state");
        return new JournalFiles(base.resolve("eksid").resolve("journal"));
    }

    public Path directory() {
        return directory;
    }

    /** A new journal file for a run of {@code planId} starting at {@code now}. */
    public Path newRun(String planId, Instant now) {
        return directory.resolve(planId + "-" + STAMP.format(now) + ".jsonl");
    }

    /** The run id of a journal file: its name without {@code .jsonl}. */
    public static String runId(Path journal) {
        String name = journal.getFileName().toString();
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }

    /**
     * Finds a journal by run id, plan id (its latest run) or path.
     *
     * @throws IllegalArgumentException naming where it looked, when there is none
     */
    public Path find(String id) {
        Objects.requireNonNull(id, "id");
        Path asPath = Path.of(id);
        if (id.endsWith(".jsonl") && Files.isRegularFile(asPath)) {
            return asPath.toAbsolutePath();
        }
        Path exact = directory.resolve(id + ".jsonl");
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        List<Path> runs = list().stream().filter(p -> runId(p).startsWith(id + "-")).toList();
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no journal named '" + id + "' in " + directory
                    + " (give a run id as printed by apply, a plan id, or a journal file; --journal-dir changes "
                    + "the folder)");
        }
        return runs.get(runs.size() - 1);
    }

    /** Every journal in the folder, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }
}
