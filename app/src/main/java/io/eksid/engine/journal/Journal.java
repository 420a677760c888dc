package io.eksid.engine.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The write-ahead journal of one plan run: append-only JSON lines, each forced to disk before {@link #append}
 * returns, so that after a crash at any point the journal tells what was changed and what the original was.
 *
 * <p>A journal is never rewritten or shortened. A damaged line (see {@link JournalDamage}) is reported with its
 * line number and a copy of the file is kept before anything is appended. A torn last line (the process died
 * while writing it) is the one damage a run can continue past: nothing depended on that entry, because
 * {@link #append} had not returned; the line is kept, ended with a newline and acknowledged by a RECOVERED entry
 * carrying its hash. Every other damage refuses {@link #open}; {@link #openDamaged} appends after it (for a
 * rollback of what the valid lines prove), and the damage is reported again on every read.
 */
public final class Journal implements AutoCloseable {

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;
    private final FileChannel channel;
    private final List<JournalEntry> entries = new ArrayList<>();
    private final List<JournalDamage> damage;
    private final boolean tornTail;
    private long lines;

    private Journal(Path file, ObjectMapper json, Clock clock, FileChannel channel, JournalReader.Reading read,
                    List<JournalDamage> damage, boolean tornTail) {
        this.file = file;
        this.json = json;
        this.clock = clock;
        this.channel = channel;
        this.entries.addAll(read.entries());
        this.damage = List.copyOf(damage);
        this.lines = read.lines();
        this.tornTail = tornTail;
    }

    /**
     * Opens (creating if needed) the journal at {@code file} to continue it.
     *
     * @throws JournalDamagedException when a line other than a torn last one is damaged (a copy is kept)
     * @throws JournalException        when another process holds it, or it cannot be read or written
     */
    public static Journal open(Path file, ObjectMapper json, Clock clock) {
        return open(file, json, clock, false);
    }

    /**
     * Opens a journal that may be damaged, to append a rollback after its last line. Refused only for lines of a
     * newer format (this version cannot know what they mean). {@link #damage()} lists what is damaged.
     */
    public static Journal openDamaged(Path file, ObjectMapper json, Clock clock) {
        return open(file, json, clock, true);
    }

    private static Journal open(Path file, ObjectMapper json, Clock clock, boolean tolerant) {
        Objects.requireNonNull(file, "file");
        FileChannel ch = null;
        try {
            OwnerOnlyFiles.folder(file.toAbsolutePath().getParent());
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            ch = FileChannel.open(file, options, OwnerOnlyFiles.fileAttributes());
            OwnerOnlyFiles.file(file);
            // One writer per journal: two runs appending to the same file would interleave their sequence numbers.
            if (!lock(ch)) {
                throw new JournalException("journal " + file + " is in use by another eksid run; wait for it to "
                        + "finish (or stop it) before resuming or rolling back");
            }
            JournalReader.Reading read = JournalReader.read(readAll(ch), json);
            List<JournalDamage> torn = read.damage().stream()
                    .filter(d -> d.kind() == JournalDamage.Kind.TORN_TAIL).toList();
            List<JournalDamage> other = read.damage().stream()
                    .filter(d -> d.kind() != JournalDamage.Kind.TORN_TAIL).toList();
            Path copy = read.damage().isEmpty() ? null : keepCopy(file, ch);
            if (other.stream().anyMatch(d -> d.kind() == JournalDamage.Kind.NEWER_FORMAT)) {
                throw new JournalDamagedException(file, other, copy, "Nothing was changed; use the eksid that wrote "
                        + "it to resume or roll it back");
            }
            if (!other.isEmpty() && !tolerant) {
                throw new JournalDamagedException(file, other, copy, "It cannot be resumed: its valid lines may not "
                        + "tell the whole story. Nothing was changed and the file is left as it was; 'eksid rollback' "
                        + "undoes what its valid lines prove and lists what it cannot");
            }
            ch.position(ch.size());
            Journal journal = new Journal(file, json, clock, ch, read, other, !torn.isEmpty());
            if (!read.endsWithNewline()) {
                journal.write("\n".getBytes(StandardCharsets.UTF_8));
            }
            if (!torn.isEmpty()) {
                JournalDamage t = torn.get(0);
                ObjectNode ack = json.createObjectNode().put("line", t.line()).put("sha256", read.lastLineSha256())
                        .put("problem", t.problem()).put("copy", copy.toString());
                journal.append(JournalEntry.Kind.RECOVERED, null, ack);
            }
            return journal;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new JournalException("cannot open journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static byte[] readAll(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("the file is " + size + " bytes; no journal is that large");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        ch.position(0);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // read to the end
        }
        return buf.array();
    }

    /** Copies the journal as it is now next to it, once per distinct content, owner-only. */
    private static Path keepCopy(Path file, FileChannel ch) throws IOException {
        byte[] bytes = readAll(ch);
        String hash = JournalReader.sha256(new String(bytes, StandardCharsets.ISO_8859_1)).substring(0, 12);
        Path copy = file.resolveSibling(file.getFileName() + "." + hash + ".damaged");
        if (!Files.exists(copy)) {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".copy", ".tmp",
                    OwnerOnlyFiles.fileAttributes());
            Files.write(tmp, bytes);
            Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
            OwnerOnlyFiles.file(copy);
        }
        return copy;
    }

    private static boolean lock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    /** The valid entries of a journal, read without opening it for writing (listings, plans, previews). */
    public static List<JournalEntry> readAll(Path file, ObjectMapper json) {
        return read(file, json).entries();
    }

    /** A journal's valid entries and its damaged lines, read without opening it for writing. */
    public static JournalReading read(Path file, ObjectMapper json) {
        if (!Files.exists(file)) {
            return new JournalReading(List.of(), List.of());
        }
        try {
            JournalReader.Reading r = JournalReader.read(Files.readAllBytes(file), json);
            return new JournalReading(r.entries(), r.damage());
        } catch (IOException e) {
            throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one entry and forces it to disk before returning. */
    public synchronized JournalEntry append(JournalEntry.Kind kind, String stepId, JsonNode data) {
        long seq = lines + 1;
        JournalEntry entry = new JournalEntry(seq, clock.instant(), kind, stepId, data);
        ObjectNode line = json.createObjectNode();
        line.put("seq", seq);
        line.put("v", JournalReader.FORMAT);
        line.put("at", entry.at().toString());
        line.put("kind", kind.name());
        if (stepId != null) {
            line.put("step", stepId);
        }
        if (data != null) {
            line.set("data", data);
        }
        try {
            write((json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new JournalException("cannot write journal " + file + ": " + e.getMessage(), e);
        }
        lines = seq;
        entries.add(entry);
        return entry;
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(true);
    }

    public synchronized List<JournalEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /** Damaged lines found when the journal was opened (empty for {@link #open}, which refuses them). */
    public List<JournalDamage> damage() {
        return damage;
    }

    /** True when the file ended in a half-written line, now kept and acknowledged by a RECOVERED entry. */
    public boolean tornTail() {
        return tornTail;
    }

    public Path file() {
        return file;
    }

    /** When the journal's first entry was written, or null for an empty journal. */
    public synchronized Instant started() {
        return entries.isEmpty() ? null : entries.get(0).at();
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
