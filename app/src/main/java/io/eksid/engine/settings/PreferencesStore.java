package io.eksid.engine.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the preferences file. A file that cannot be read is never fatal and never silently lost:
 * it is moved aside ({@code preferences.json.corrupt-<time>}), defaults are used, and {@link Loaded#problems()}
 * says what happened. Unknown keys are reported and ignored; bad values fall back to their default one by one.
 * Writes go to a temporary file first and replace the old one atomically. Journals live elsewhere and are
 * never touched here.
 */
public final class PreferencesStore {

    static final Set<String> KNOWN = Set.of("version", "theme", "refreshIntervalSeconds", "profileByContext",
            "clusterByContext", "readOnly", "journalDir", "tourSeen");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;

    /** The preferences and every problem met reading them. */
    public record Loaded(Preferences preferences, List<String> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    public PreferencesStore(Path file, ObjectMapper json, Clock clock) {
        this.file = file;
        this.json = json;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Loaded(Preferences.defaults(), problems);
        }
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            Path aside = moveAside();
            problems.add("Preferences file " + file + " could not be read (" + firstLine(e.getMessage())
                    + "); using defaults. The old file was kept as " + aside + ".");
            return new Loaded(Preferences.defaults(), problems);
        }
        if (root == null || !root.isObject()) {
            Path aside = moveAside();
            problems.add("Preferences file " + file + " is not a JSON object; using defaults. The old file was kept as "
                    + aside + ".");
            return new Loaded(Preferences.defaults(), problems);
        }
        Preferences d = Preferences.defaults();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KNOWN.contains(k)) {
                problems.add("Unknown preference '" + k + "' ignored.");
            }
        }
        String theme = d.theme();
        if (root.has("theme")) {
            String t = root.get("theme").asText("").toUpperCase(Locale.ROOT);
            if (Set.of("SYSTEM", "LIGHT", "DARK").contains(t)) {
                theme = t;
            } else {
                problems.add("Preference 'theme' must be system, light or dark, not '" + root.get("theme").asText()
                        + "'; using system.");
            }
        }
        Duration refresh = d.refreshInterval();
        if (root.has("refreshIntervalSeconds")) {
            JsonNode n = root.get("refreshIntervalSeconds");
            Duration v = n.canConvertToLong() ? Duration.ofSeconds(n.asLong()) : null;
            if (v != null && v.compareTo(Preferences.MIN_REFRESH) >= 0 && v.compareTo(Preferences.MAX_REFRESH) <= 0) {
                refresh = v;
            } else {
                problems.add("Preference 'refreshIntervalSeconds' must be a number from 10 to 3600, not '" + n
                        + "'; using " + d.refreshInterval().toSeconds() + ".");
            }
        }
        Map<String, String> profiles = stringMap(root, "profileByContext", problems);
        Map<String, String> clusters = stringMap(root, "clusterByContext", problems);
        boolean readOnly = bool(root, "readOnly", d.readOnly(), "using false", problems);
        Path journal = null;
        if (root.hasNonNull("journalDir")) {
            try {
                journal = Path.of(root.get("journalDir").asText());
            } catch (RuntimeException e) {
                problems.add("Preference 'journalDir' is not a valid path; using the default journal folder.");
            }
        }
        boolean tourSeen = bool(root, "tourSeen", d.tourSeen(), "the guided tour will show again", problems);
        return new Loaded(new Preferences(theme, refresh, profiles, clusters, readOnly, journal, tourSeen), problems);
    }

    /** A true/false preference; anything else is reported with what happens instead, and the default holds. */
    private static boolean bool(JsonNode root, String key, boolean fallback, String instead, List<String> problems) {
        if (!root.has(key)) {
            return fallback;
        }
        if (root.get(key).isBoolean()) {
            return root.get(key).asBoolean();
        }
        problems.add("Preference '" + key + "' must be true or false; " + instead + ".");
        return fallback;
    }

    private static Map<String, String> stringMap(JsonNode root, String key, List<String> problems) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!root.has(key)) {
            return m;
        }
        JsonNode n = root.get(key);
        if (!n.isObject()) {
            problems.add("Preference '" + key + "' must be an object of names to strings; ignored.");
            return m;
        }
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                m.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add("Preference '" + key + "." + e.getKey() + "' is not a string; ignored.");
            }
        });
        return m;
    }

    public void save(Preferences p) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("version", 1);
        root.put("theme", p.theme().toLowerCase(Locale.ROOT));
        root.put("refreshIntervalSeconds", p.refreshInterval().toSeconds());
        ObjectNode profiles = root.putObject("profileByContext");
        p.profileByContext().forEach(profiles::put);
        ObjectNode clusters = root.putObject("clusterByContext");
        p.clusterByContext().forEach(clusters::put);
        root.put("readOnly", p.readOnly());
        root.put("tourSeen", p.tourSeen());
        if (p.journalDir() != null) {
            root.put("journalDir", p.journalDir().toString());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path moveAside() {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-"
                + STAMP.format(clock.instant().atZone(clock.getZone())));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return aside;
        } catch (IOException e) {
            return file;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
