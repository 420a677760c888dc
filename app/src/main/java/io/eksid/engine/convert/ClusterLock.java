package io.eksid.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.engine.journal.JournalException;
import io.eksid.engine.journal.OwnerOnlyFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;

/**
 * One writer per cluster across processes: an OS file lock on {@code <journal folder>/cluster-<name>-<hash>.lock},
 * held for a whole apply, resume or rollback. The OS releases it when the process dies (even by SIGKILL), so a
 * crash never leaves a cluster locked. The file names the holder (process, host, run, since when) for the message
 * the next one gets; it is advisory: two eksid runs with different journal folders do not see each other.
 */
final class ClusterLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ClusterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code clusterArn} in {@code folder}.
     *
     * @throws JournalException naming the holder when another run has it
     */
    static ClusterLock acquire(Path folder, String clusterName, String clusterArn, String runId, String action,
                               Clock clock) {
        Path file = folder.resolve("cluster-" + clusterName.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                + hash(clusterArn) + ".lock");
        FileChannel ch = null;
        try {
            OwnerOnlyFiles.folder(folder);
            ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), OwnerOnlyFiles.fileAttributes());
            OwnerOnlyFiles.file(file);
            FileLock held;
            try {
                held = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                String holder = describeHolder(ch);
                ch.close();
                throw new JournalException("cluster " + clusterName + " (" + clusterArn + ") is being changed by "
                        + "another eksid run: " + holder + ". Nothing was changed; wait for it to finish (or stop "
                        + "it), then try again. Lock file: " + file);
            }
            ObjectNode who = RunJournal.object().put("clusterArn", clusterArn).put("pid", ProcessHandle.current().pid())
                    .put("host", host()).put("runId", runId).put("action", action)
                    .put("since", clock.instant().toString());
            byte[] bytes = (who.toString() + "\n").getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(bytes), 0);
            ch.force(true);
            return new ClusterLock(ch, held);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the first error is the one reported
                }
            }
            throw new JournalException("cannot lock cluster " + clusterName + " with " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static String describeHolder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
            ch.read(buf, 0);
            JsonNode n = RunJournal.JSON.readTree(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
            if (n == null || !n.has("pid")) {
                return "a process that has not yet said who it is";
            }
            return n.path("action").asText("a run") + " " + n.path("runId").asText("?") + " by process "
                    + n.path("pid").asText() + " on " + n.path("host").asText("?") + ", since "
                    + n.path("since").asText("?");
        } catch (IOException | RuntimeException e) {
            return "a process whose lock file cannot be read (" + e.getMessage() + ")";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
