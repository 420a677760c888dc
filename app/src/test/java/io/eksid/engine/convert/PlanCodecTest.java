package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanFixtures;
import io.eksid.model.plan.StepKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan survives the journal unchanged; journal files are named and found by run id or plan id. */
class PlanCodecTest {

    @TempDir
    Path dir;

    @Test
    void plansRoundTripThroughJson() {
        PlanCodec codec = new PlanCodec();
        for (ConversionPlan plan : new ConversionPlan[] {PlanFixtures.richPlan(), PlanFixtures.hostilePlan()}) {
            ConversionPlan back = codec.fromJson(codec.toJson(plan));
            assertThat(back).isEqualTo(plan);
            assertThat(back.id()).isEqualTo(plan.id());
        }
        assertThat(PlanFixtures.richPlan().steps()).extracting(s -> s.kind()).contains(StepKind.UPDATE_ROLE_TRUST);
    }

    @Test
    void aPlanEntryThatIsNotAPlanIsRefused() throws Exception {
        assertThatThrownBy(() -> new PlanCodec().fromJson(RunJournal.JSON.readTree("{\"id\": 3, \"steps\": 4}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PLAN entry");
        Path notAJournal = dir.resolve("x.jsonl");
        Files.writeString(notAJournal, "{\"seq\":1,\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"INTENT\",\"step\":\"s\"}\n");
        assertThatThrownBy(() -> PlanExecutor.planOf(notAJournal)).hasMessageContaining("does not start with its plan");
    }

    @Test
    void journalFilesByRunIdPlanIdOrPath() throws Exception {
        JournalFiles files = new JournalFiles(dir);
        Path first = files.newRun("plan-abc", Instant.parse("2026-11-27T04:00:00Z"));
        Path second = files.newRun("plan-abc", Instant.parse("2026-11-27T05:00:00Z"));
        Files.writeString(first, "");
        Files.writeString(second, "");
        assertThat(JournalFiles.runId(first)).isEqualTo("plan-abc-20261127T040000000Z");
        assertThat(files.find("plan-abc")).isEqualTo(second);
        assertThat(files.find(JournalFiles.runId(first))).isEqualTo(first);
        assertThat(files.find(first.toString())).isEqualTo(first);
        assertThatThrownBy(() -> files.find("plan-zzz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no journal named 'plan-zzz'").hasMessageContaining(dir.toString());
        assertThat(JournalFiles.defaults(Map.of("XDG_STATE_HOME", "/state"), Path.of("/home/me")).directory())
                .isEqualTo(Path.of("/state/eksid/journal"));
        assertThat(JournalFiles.defaults(Map.of(), Path.of("/home/me")).directory())
                .isEqualTo(Path.of("/home/me/.local/state/eksid/journal"));
    }
}
