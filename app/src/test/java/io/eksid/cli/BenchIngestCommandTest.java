package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code eksid bench ingest} on a small world: the report's structure, never its timings. */
class BenchIngestCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EksidCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void smallWorldReportsAllFourMeasurements() throws Exception {
        assertThat(run("bench", "ingest", "--pods", "2000", "--output", "json"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        // the application pods plus the Pod Identity agent's DaemonSet pods, one per node
        assertThat(r.get("pods").asInt()).isBetween(2000, 2000 + 2000 / 100);
        assertThat(r.get("rawTransfer").get("bytes").asLong()).isPositive();
        assertThat(r.get("ingest").get("totalMillis").asLong()).isNotNegative();
        assertThat(r.get("ingest").has("ratioToSandboxGet")).isTrue();
        JsonNode base = r.get("inMemoryBaseline");
        assertThat(base.get("pods").asInt()).isEqualTo(r.get("pods").asInt());
        assertThat(base.get("pages").asInt()).isEqualTo((base.get("pods").asInt() + 499) / 500);
        assertThat(base.get("runs")).hasSize(3);
        assertThat(base.get("runs").get(0).get("ingestRequests").asInt()).isEqualTo(base.get("pages").asInt());
        assertThat(base.get("transferMillis").get("min").asLong())
                .isLessThanOrEqualTo(base.get("transferMillis").get("median").asLong());
        assertThat(r.get("heap").has("storeBytesPerPod")).isTrue();
        assertThat(r.get("heap").has("jvmRetainedBytesPerPod")).isTrue();
        assertThat(r.get("heap").has("rawGetRetainedBytesPerPod")).isTrue();
        assertThat(r.get("recomputations").get("events").asLong()).isGreaterThanOrEqualTo(10_000);
        // coalescing: far fewer derivations than events (at least one ran)
        assertThat(r.get("recomputations").get("recomputations").asLong()).isPositive().isLessThan(10_000);
    }

    @Test
    void badPodCountIsAUsageError() {
        assertThat(run("bench", "ingest", "--pods", "many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--pods must be a whole number");
        err.reset();
        assertThat(run("bench", "ingest", "--pods", "10")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("between 1000 and 500000");
    }
}
