package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.kube.WatchedKind;
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
        // one full list per kind the sandbox serves; a failed or repeated list would show here
        assertThat(r.get("ingest").get("relists").asInt()).isBetween(WatchedKind.values().length - 2,
                WatchedKind.values().length);
        assertThat(r.get("ingest").has("ratioToSandboxGet")).isTrue();
        JsonNode base = r.get("inMemoryBaseline");
        assertThat(base.get("pods").asInt()).isEqualTo(r.get("pods").asInt());
        assertThat(base.get("pages").asInt()).isEqualTo((base.get("pods").asInt() + 499) / 500);
        assertThat(base.get("runs")).hasSize(3);
        assertThat(base.get("runs").get(0).get("ingestRequests").asInt()).isEqualTo(base.get("pages").asInt());
        // the summary is of these runs: its minimum is the fastest run's transfer
        assertThat(base.get("transferMillis").get("min").asLong()).isEqualTo(java.util.stream.StreamSupport
                .stream(base.get("runs").spliterator(), false).mapToLong(x -> x.get("transferMillis").asLong())
                .min().orElseThrow());
        assertThat(r.get("heap").has("storeBytesPerPod")).isTrue();
        assertThat(r.get("heap").has("jvmRetainedBytesPerPod")).isTrue();
        assertThat(r.get("heap").has("rawGetRetainedBytesPerPod")).isTrue();
        assertThat(r.get("recomputations").get("events").asLong()).isGreaterThanOrEqualTo(10_000);
        // coalescing: far fewer derivations than events (at least one ran)
        assertThat(r.get("recomputations").get("recomputations").asLong()).isPositive().isLessThan(10_000);
    }

    @Test
    void informerComparisonMeasuresBothPathsOnTheSamePodsInAlternatingOrder() throws Exception {
        assertThat(run("bench", "ingest", "--informer", "--pods", "1000", "--runs", "2", "--output", "json"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(r.get("pods").asInt()).isBetween(1000, 1000 + 1000 / 100);
        assertThat(r.get("runs")).hasSize(2);
        assertThat(r.get("runs").get(0).get("first").asText()).isEqualTo("reflector");
        assertThat(r.get("runs").get(1).get("first").asText()).isEqualTo("informer");
        for (JsonNode one : r.get("runs")) {
            assertThat(one.get("reflectorPods").asInt()).isEqualTo(r.get("pods").asInt());
            assertThat(one.get("informerPods").asInt()).isEqualTo(r.get("pods").asInt());
            // the ratio is of the exact times; the reported milliseconds are each within 1 ms of those
            long informer = one.get("informerMillis").asLong();
            long reflector = one.get("reflectorMillis").asLong();
            double low = (informer - 1.0) / (reflector + 1.0) - 0.01;
            double high = reflector > 1 ? (informer + 1.0) / (reflector - 1.0) + 0.01 : Double.MAX_VALUE;
            assertThat(one.get("timeRatio").asDouble()).as("informer %d ms, reflector %d ms", informer, reflector)
                    .isBetween(low, high);
        }
    }

    @Test
    void runsOutOfRangeAreAUsageError() {
        assertThat(run("bench", "ingest", "--informer", "--runs", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--runs must be between 1 and 20, got 0");
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
