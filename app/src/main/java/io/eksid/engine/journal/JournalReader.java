package io.eksid.engine.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a journal's bytes without trusting them: every line is checked and every damaged one reported with its line
 * number, and the valid lines after a damaged one are still read. Nothing is dropped silently and nothing is
 * written here.
 */
final class JournalReader {

    /** The journal format this version writes and reads; a line with a higher {@code v} is from a newer eksid. */
    static final int FORMAT = 1;

    private static final Pattern STEP = Pattern.compile("\"step\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * @param entries         the valid entries, in file order
     * @param damage          damaged lines not acknowledged by a RECOVERED entry
     * @param lines           lines in the file, a last line without newline included
     * @param endsWithNewline whether the file ends cleanly (an empty file does)
     */
    record Reading(List<JournalEntry> entries, List<JournalDamage> damage, long lines, boolean endsWithNewline,
                   String lastLineSha256) {
    }

    private JournalReader() {
    }

    static Reading read(byte[] bytes, ObjectMapper json) {
        List<JournalEntry> entries = new ArrayList<>();
        List<JournalDamage> damage = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        long line = 0;
        int start = 0;
        boolean endsWithNewline = true;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            line++;
            boolean terminated = end < bytes.length;
            String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            hashes.add(sha256(text));
            if (!terminated) {
                endsWithNewline = false;
                damage.add(unterminated(text, line));
            } else {
                Object parsed = parse(text, json, line);
                if (parsed instanceof JournalEntry e) {
                    entries.add(e);
                } else {
                    damage.add((JournalDamage) parsed);
                }
            }
            start = end + 1;
        }
        List<JournalDamage> open = new ArrayList<>();
        for (JournalDamage d : damage) {
            if (!acknowledged(d, entries, hashes)) {
                open.add(d);
            }
        }
        return new Reading(entries, open, line, endsWithNewline, hashes.isEmpty() ? null : hashes.get(hashes.size() - 1));
    }

    /** A damaged line is acknowledged by a RECOVERED entry right after it that carries the line's hash. */
    private static boolean acknowledged(JournalDamage d, List<JournalEntry> entries, List<String> hashes) {
        if (d.kind() == JournalDamage.Kind.TORN_TAIL || d.kind() == JournalDamage.Kind.NEWER_FORMAT) {
            return false;
        }
        for (JournalEntry e : entries) {
            if (e.kind() == JournalEntry.Kind.RECOVERED && e.seq() == d.line() + 1 && e.data() != null
                    && e.data().path("line").asLong() == d.line()
                    && e.data().path("sha256").asText("").equals(hashes.get((int) d.line() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static JournalDamage unterminated(String text, long line) {
        if (text.startsWith("{\"seq\":" + line + ",")) {
            return new JournalDamage(line, JournalDamage.Kind.TORN_TAIL, "the last entry stops after "
                    + text.length() + " characters without its end: the run was stopped while writing it", step(text));
        }
        return new JournalDamage(line, JournalDamage.Kind.MALFORMED, "text after the last entry that is not a "
                + "journal entry: \"" + excerpt(text) + "\"", step(text));
    }

    /** The entry, or the damage that makes the line unusable. */
    private static Object parse(String text, ObjectMapper json, long line) {
        if (text.isBlank()) {
            return new JournalDamage(line, JournalDamage.Kind.MALFORMED, "an empty line", null);
        }
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (JsonProcessingException e) {
            return new JournalDamage(line, JournalDamage.Kind.MALFORMED, "not a JSON entry ("
                    + e.getOriginalMessage() + "): \"" + excerpt(text) + "\"", step(text));
        }
        if (n == null || !n.isObject()) {
            return new JournalDamage(line, JournalDamage.Kind.MALFORMED, "not a JSON object: \"" + excerpt(text)
                    + "\"", step(text));
        }
        String stepId = n.hasNonNull("step") ? n.get("step").asText() : step(text);
        int version = n.path("v").asInt(FORMAT);
        if (version > FORMAT) {
            return new JournalDamage(line, JournalDamage.Kind.NEWER_FORMAT, "written in journal format " + version
                    + " by a newer eksid; this version reads format " + FORMAT + ": use the newer eksid", stepId);
        }
        for (String field : List.of("seq", "at", "kind")) {
            if (!n.hasNonNull(field)) {
                return new JournalDamage(line, JournalDamage.Kind.MALFORMED, "the field '" + field
                        + "' is missing", stepId);
            }
        }
        JournalEntry.Kind kind;
        Instant at;
        try {
            kind = JournalEntry.Kind.valueOf(n.get("kind").asText());
        } catch (IllegalArgumentException e) {
            return new JournalDamage(line, JournalDamage.Kind.MALFORMED, "unknown entry kind '"
                    + n.get("kind").asText() + "'", stepId);
        }
        try {
            at = Instant.parse(n.get("at").asText());
        } catch (DateTimeException e) {
            return new JournalDamage(line, JournalDamage.Kind.MALFORMED, "the time '" + n.get("at").asText()
                    + "' is not an ISO-8601 instant", stepId);
        }
        if (!n.get("seq").canConvertToLong() || n.get("seq").asLong() != line) {
            return new JournalDamage(line, JournalDamage.Kind.OUT_OF_SEQUENCE, "has seq " + n.get("seq").asText()
                    + ": the file was edited, or two runs wrote it at once", stepId);
        }
        return new JournalEntry(line, at, kind, n.hasNonNull("step") ? n.get("step").asText() : null, n.get("data"));
    }

    private static String step(String text) {
        Matcher m = STEP.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String excerpt(String text) {
        String s = text.replaceAll("\\p{Cntrl}", "?");
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
