package io.eksid.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void entriesSurviveReopen() {
        Path f = dir.resolve("j/plan.jsonl");
        try (Journal j = Journal.open(f, json, clock)) {
            j.append(JournalEntry.Kind.PLAN, null, json.createObjectNode().put("id", "p1"));
            j.append(JournalEntry.Kind.INTENT, "trust:a", TextNode.valueOf("{\"orig\":1}"));
            j.append(JournalEntry.Kind.DONE, "trust:a", null);
        }
        try (Journal j = Journal.open(f, json, clock)) {
            assertThat(j.entries()).extracting(JournalEntry::kind).containsExactly(
                    JournalEntry.Kind.PLAN, JournalEntry.Kind.INTENT, JournalEntry.Kind.DONE);
            assertThat(j.tornTail()).isFalse();
            assertThat(j.append(JournalEntry.Kind.FINISHED, null, null).seq()).isEqualTo(4);
        }
    }

    @Test
    void aTornLastLineIsKeptCopiedAndAcknowledgedAndTheNextEntryStartsClean() throws Exception {
        Path f = dir.resolve("plan.jsonl");
        try (Journal j = Journal.open(f, json, clock)) {
            j.append(JournalEntry.Kind.PLAN, null, null);
            j.append(JournalEntry.Kind.INTENT, "assoc:x", TextNode.valueOf("none"));
        }
        Files.writeString(f, "{\"seq\":3,\"v\":1,\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"DO",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(f);
        try (Journal j = Journal.open(f, json, clock)) {
            assertThat(j.tornTail()).isTrue();
            assertThat(j.damage()).isEmpty();
            assertThat(j.entries()).extracting(JournalEntry::kind).containsExactly(JournalEntry.Kind.PLAN,
                    JournalEntry.Kind.INTENT, JournalEntry.Kind.RECOVERED);
            assertThat(j.append(JournalEntry.Kind.DONE, "assoc:x", null).seq()).isEqualTo(5);
        }
        byte[] after = Files.readAllBytes(f);
        assertThat(Arrays.copyOf(after, before.length)).as("never shortened or rewritten").isEqualTo(before);
        assertThat(copies(f)).singleElement().satisfies(c -> assertThat(Files.readAllBytes(c)).isEqualTo(before));
        JournalReading read = Journal.read(f, json);
        assertThat(read.damage()).as("the torn line is acknowledged by the RECOVERED entry after it").isEmpty();
        assertThat(read.entries()).extracting(JournalEntry::kind).containsExactly(JournalEntry.Kind.PLAN,
                JournalEntry.Kind.INTENT, JournalEntry.Kind.RECOVERED, JournalEntry.Kind.DONE);
        assertThat(read.entries().get(2).data().path("line").asLong()).isEqualTo(3);
        try (Journal j = Journal.open(f, json, clock)) {
            assertThat(j.tornTail()).isFalse();
            assertThat(j.append(JournalEntry.Kind.FINISHED, null, null).seq()).isEqualTo(6);
        }
    }

    @Test
    void aDamagedLineInTheMiddleIsRefusedWithItsNumberAndTheFileIsLeftAsItWas() throws Exception {
        Path f = fiveLines("plan.jsonl");
        String[] lines = Files.readString(f).split("\n");
        lines[2] = lines[2].replace("}}", "}");
        Files.writeString(f, String.join("\n", lines) + "\n");
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> Journal.open(f, json, clock)).isInstanceOf(JournalDamagedException.class)
                .hasMessageContaining("line 3: not a JSON entry").hasMessageContaining("a copy is kept at")
                .hasMessageContaining("cannot be resumed");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(copies(f)).singleElement().satisfies(c -> assertThat(Files.readAllBytes(c)).isEqualTo(before));
        JournalReading read = Journal.read(f, json);
        assertThat(read.damage()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.kind()).isEqualTo(JournalDamage.Kind.MALFORMED);
            assertThat(d.stepId()).as("the step is still named in the damaged text").isEqualTo("trust:b");
        });
        assertThat(read.entries()).as("the lines after the damage are still read").extracting(JournalEntry::seq)
                .containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void garbageAppendedIsDamageNotATornTail() throws Exception {
        Path f = fiveLines("plan.jsonl");
        Files.writeString(f, "hello world\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> Journal.open(f, json, clock)).isInstanceOf(JournalDamagedException.class)
                .hasMessageContaining("line 6: not a JSON entry");
        Path g = fiveLines("g.jsonl");
        Files.writeString(g, "{\"something\": else", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> Journal.open(g, json, clock)).isInstanceOf(JournalDamagedException.class)
                .hasMessageContaining("line 6: text after the last entry that is not a journal entry");
    }

    @Test
    void aJournalFromANewerFormatIsRefusedEvenForRollback() throws Exception {
        Path f = dir.resolve("new.jsonl");
        Files.writeString(f, "{\"seq\":1,\"v\":2,\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"PLAN\"}\n");
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> Journal.openDamaged(f, json, clock)).isInstanceOf(JournalDamagedException.class)
                .hasMessageContaining("line 1: written in journal format 2 by a newer eksid");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    void openDamagedAppendsAfterTheDamageWhichStaysReported() throws Exception {
        Path f = fiveLines("plan.jsonl");
        Files.writeString(f, "garbage", StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(f);
        try (Journal j = Journal.openDamaged(f, json, clock)) {
            assertThat(j.damage()).extracting(JournalDamage::line).containsExactly(6L);
            assertThat(j.append(JournalEntry.Kind.ROLLED_BACK, "trust:a", null).seq()).isEqualTo(7);
        }
        assertThat(Arrays.copyOf(Files.readAllBytes(f), before.length)).isEqualTo(before);
        JournalReading read = Journal.read(f, json);
        assertThat(read.damage()).extracting(JournalDamage::line).containsExactly(6L);
        assertThat(read.entries()).last().satisfies(e -> assertThat(e.seq()).isEqualTo(7));
    }

    @Test
    void journalsAndTheirFolderAreOwnerOnlyAlsoWhenTheFolderExisted() throws Exception {
        Path folder = dir.resolve("existing");
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = folder.resolve("old.jsonl");
        Files.writeString(old, "");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        try (Journal j = Journal.open(folder.resolve("new.jsonl"), json, clock)) {
            j.append(JournalEntry.Kind.PLAN, null, null);
        }
        try (Journal j = Journal.open(old, json, clock)) {
            j.append(JournalEntry.Kind.PLAN, null, null);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("new.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-------");
        Files.writeString(old, "x", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> Journal.open(old, json, clock)).isInstanceOf(JournalDamagedException.class);
        assertThat(copies(old)).singleElement().satisfies(c -> assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(c))).isEqualTo("rw-------"));
    }

    @Test
    void aJournalWithGapsIsRefusedRatherThanGuessed() throws Exception {
        Path f = dir.resolve("plan.jsonl");
        Files.writeString(f, "{\"seq\":1,\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"PLAN\"}\n"
                + "{\"seq\":3,\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"DONE\",\"step\":\"s\"}\n");
        assertThatThrownBy(() -> Journal.open(f, json, clock)).isInstanceOf(JournalException.class)
                .hasMessageContaining("line 2: has seq 3");
    }

    private Path fiveLines(String name) {
        Path f = dir.resolve(name);
        try (Journal j = Journal.open(f, json, clock)) {
            j.append(JournalEntry.Kind.PLAN, null, json.createObjectNode().put("id", "p1"));
            j.append(JournalEntry.Kind.INTENT, "trust:a", json.createObjectNode().put("original", "A"));
            j.append(JournalEntry.Kind.INTENT, "trust:b", json.createObjectNode().put("original", "B"));
            j.append(JournalEntry.Kind.DONE, "trust:a", null);
            j.append(JournalEntry.Kind.DONE, "trust:b", null);
        }
        return f;
    }

    private static List<Path> copies(Path f) throws Exception {
        try (var files = Files.list(f.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(f.getFileName() + ".")
                    && p.toString().endsWith(".damaged")).toList();
        }
    }

    @Test
    void progressKeepsTheFirstOriginalAndFlagsStepsInDoubt() {
        Path f = dir.resolve("plan.jsonl");
        try (Journal j = Journal.open(f, json, clock)) {
            j.append(JournalEntry.Kind.PLAN, null, null);
            j.append(JournalEntry.Kind.INTENT, "trust:a", TextNode.valueOf("original"));
            j.append(JournalEntry.Kind.INTENT, "trust:a", TextNode.valueOf("already-changed"));
            j.append(JournalEntry.Kind.DONE, "trust:a", null);
            j.append(JournalEntry.Kind.INTENT, "assoc:b", TextNode.valueOf("none"));
            StepProgress p = StepProgress.of(j.entries());
            assertThat(p.status("trust:a")).isEqualTo(StepProgress.Status.DONE);
            assertThat(p.step("trust:a").orElseThrow().original().asText()).isEqualTo("original");
            assertThat(p.status("assoc:b")).isEqualTo(StepProgress.Status.IN_DOUBT);
            assertThat(p.status("never")).isEqualTo(StepProgress.Status.PENDING);
            assertThat(p.finished()).isFalse();
        }
    }
}
