package io.eksid.engine.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The write-ahead journal of one plan run: append-only JSON lines, each forced to disk before {@link #append}
 * returns, so that after a crash at any point the journal tells what was changed and what the original was.
 * A torn last line (the process died mid-write) is ignored when reading and reported by {@link #tornTail()}.
 */
public final class Journal implements AutoCloseable {

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;
    private final FileChannel channel;
    private final List<JournalEntry> entries = new ArrayList<>();
    private final boolean tornTail;

    private Journal(Path file, ObjectMapper json, Clock clock, FileChannel channel, List<JournalEntry> existing,
                    boolean tornTail) {
        this.file = file;
        this.json = json;
        this.clock = clock;
        this.channel = channel;
        this.entries.addAll(existing);
        this.tornTail = tornTail;
    }

    /** Opens (creating if needed) the journal at {@code file}, reading what it already holds. */
    public static Journal open(Path file, ObjectMapper json, Clock clock) {
        Objects.requireNonNull(file, "file");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ReadResult read = read(file, json);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            // One writer per journal: two runs appending to the same file would interleave their sequence numbers.
            if (!lock(ch)) {
                ch.close();
                throw new JournalException("journal " + file + " is in use by another eksid run; wait for it to "
                        + "finish (or stop it) before resuming or rolling back");
            }
            // Cut a torn tail so the next entry starts on a clean line.
            ch.truncate(read.validBytes);
            ch.position(read.validBytes);
            return new Journal(file, json, clock, ch, read.entries, read.torn);
        } catch (IOException e) {
            throw new JournalException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean lock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }

    /** Reads a journal without opening it for writing (for listings and rollback previews). */
    public static List<JournalEntry> readAll(Path file, ObjectMapper json) {
        try {
            return read(file, json).entries;
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    private record ReadResult(List<JournalEntry> entries, long validBytes, boolean torn) {
    }

    private static ReadResult read(Path file, ObjectMapper json) throws IOException {
        if (!Files.exists(file)) {
            return new ReadResult(List.of(), 0, false);
        }
        byte[] bytes = Files.readAllBytes(file);
        List<JournalEntry> list = new ArrayList<>();
        int start = 0;
        long valid = 0;
        boolean torn = false;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            JournalEntry e = parseLine(line, json, list.size() + 1);
            if (e == null) {
                torn = true;
                break;
            }
            list.add(e);
            start = i + 1;
            valid = start;
        }
        if (!torn && start < bytes.length) {
            torn = true; // a last line without its newline never finished writing
        }
        return new ReadResult(list, valid, torn);
    }

    private static JournalEntry parseLine(String line, ObjectMapper json, long expectedSeq) {
        try {
            JsonNode n = json.readTree(line);
            if (n == null || !n.hasNonNull("seq") || !n.hasNonNull("kind") || !n.hasNonNull("at")) {
                return null;
            }
            long seq = n.get("seq").asLong();
            if (seq != expectedSeq) {
                throw new JournalException("journal line " + expectedSeq + " has seq " + seq
                        + ": the file was edited or two runs wrote it at once");
            }
            return new JournalEntry(seq, Instant.parse(n.get("at").asText()),
                    JournalEntry.Kind.valueOf(n.get("kind").asText()),
                    n.hasNonNull("step") ? n.get("step").asText() : null, n.get("data"));
        } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
            return null;
        }
    }

    /** Appends one entry and forces it to disk before returning. */
    public synchronized JournalEntry append(JournalEntry.Kind kind, String stepId, JsonNode data) {
        long seq = entries.size() + 1L;
        JournalEntry entry = new JournalEntry(seq, clock.instant(), kind, stepId, data);
        ObjectNode line = json.createObjectNode();
        line.put("seq", seq);
        line.put("at", entry.at().toString());
        line.put("kind", kind.name());
        if (stepId != null) {
            line.put("step", stepId);
        }
        if (data != null) {
            line.set("data", data);
        }
        try {
            byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new JournalException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
        entries.add(entry);
        return entry;
    }

    public synchronized List<JournalEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /** True when the file ended in a half-written line (the process died while writing it). */
    public boolean tornTail() {
        return tornTail;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new JournalException("cannot close journal " + file + ": " + e.getMessage(), e);
        }
    }
}
