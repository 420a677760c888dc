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
    void tornLastLineIsDroppedAndTheNextEntryStartsClean() throws Exception {
        Path f = dir.resolve("plan.jsonl");
        try (Journal j = Journal.open(f, json, clock)) {
            j.append(JournalEntry.Kind.PLAN, null, null);
            j.append(JournalEntry.Kind.INTENT, "assoc:x", TextNode.valueOf("none"));
        }
        Files.writeString(f, "{\"seq\":3,\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"DO", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (Journal j = Journal.open(f, json, clock)) {
            assertThat(j.tornTail()).isTrue();
            assertThat(j.entries()).hasSize(2);
            j.append(JournalEntry.Kind.DONE, "assoc:x", null);
        }
        assertThat(Journal.readAll(f, json)).extracting(JournalEntry::kind).containsExactly(
                JournalEntry.Kind.PLAN, JournalEntry.Kind.INTENT, JournalEntry.Kind.DONE);
    }

    @Test
    void aJournalWithGapsIsRefusedRatherThanGuessed() throws Exception {
        Path f = dir.resolve("plan.jsonl");
        Files.writeString(f, "{\"seq\":1,\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"PLAN\"}\n"
                + "{\"seq\":3,\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"DONE\",\"step\":\"s\"}\n");
        assertThatThrownBy(() -> Journal.open(f, json, clock)).isInstanceOf(JournalException.class)
                .hasMessageContaining("line 2 has seq 3");
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
