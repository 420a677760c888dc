package io.eksid.engine.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tables' column choices (order, widths, which are shown, the sort), per table, in their own file next to the
 * preferences: a damaged file costs the column choices, never the preferences.
 */
public final class TableLayoutStore {

    /** One column: its title (the key), width, whether it is shown, and its sort direction when it sorts. */
    public record Column(String title, double width, boolean visible, String sort) {
        public Column {
            Objects.requireNonNull(title, "title");
        }
    }

    /** A table's columns in display order, and the titles of the sort columns, first key first. */
    public record Layout(List<Column> columns, List<String> sortOrder) {
        public Layout {
            columns = List.copyOf(columns);
            sortOrder = List.copyOf(sortOrder);
        }
    }

    private final Path file;
    private final ObjectMapper json;

    public TableLayoutStore(Path file, ObjectMapper json) {
        this.file = Objects.requireNonNull(file);
        this.json = Objects.requireNonNull(json);
    }

    /** Every table's layout; an absent file is none, an unreadable one throws with the file's name. */
    public Map<String, Layout> load() throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return new LinkedHashMap<>(json.readValue(file.toFile(), new TypeReference<Map<String, Layout>>() { }));
        } catch (IOException e) {
            throw new IOException("Could not read the table layouts in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Saves one table's layout, keeping the others (written to a temporary file, then moved into place). */
    public synchronized void save(String table, Layout layout) throws IOException {
        Map<String, Layout> all;
        try {
            all = new LinkedHashMap<>(load());
        } catch (IOException unreadable) {
            all = new LinkedHashMap<>();
        }
        all.put(table, layout);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
