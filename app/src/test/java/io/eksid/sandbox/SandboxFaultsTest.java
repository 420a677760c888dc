package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxFaultsTest {

    @Test
    void splitsKubernetesFromAwsEntries() {
        SandboxFaults f = SandboxFaults.parse(" iam.throttle=0.2, k8s.dropWatches=30s ,eks.latency=200ms ");
        assertThat(f.awsSpec()).isEqualTo("iam.throttle=0.2,eks.latency=200ms");
        assertThat(f.dropWatches()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theApiServersLatencyIsAKubernetesFault() {
        SandboxFaults f = SandboxFaults.parse("k8s.latency=25ms,eks.latency=200ms");
        assertThat(f.kubeLatency()).isEqualTo(Duration.ofMillis(25));
        assertThat(f.dropWatches()).isNull();
        assertThat(f.awsSpec()).isEqualTo("eks.latency=200ms");
    }

    @Test
    void durationsTakeUnitsOrPlainMilliseconds() {
        assertThat(SandboxFaults.parse("k8s.dropWatches=500ms").dropWatches()).isEqualTo(Duration.ofMillis(500));
        assertThat(SandboxFaults.parse("k8s.dropwatches=2m").dropWatches()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SandboxFaults.parse("k8s.dropWatches=750").dropWatches()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void emptyMeansNone() {
        assertThat(SandboxFaults.parse("")).isEqualTo(SandboxFaults.NONE);
        assertThat(SandboxFaults.parse(" , ")).isEqualTo(new SandboxFaults("", null, null));
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> SandboxFaults.parse("k8s.dropWatches=0s")).hasMessageContaining("positive duration");
        assertThatThrownBy(() -> SandboxFaults.parse("k8s.slowness=1s")).hasMessageContaining("k8s.slowness=1s")
                .hasMessageContaining("k8s.dropWatches").hasMessageContaining("k8s.latency");
        assertThatThrownBy(() -> SandboxFaults.parse("k8s.latency=fast")).hasMessageContaining("positive duration");
        assertThatThrownBy(() -> SandboxFaults.parse("k8s.dropWatches")).hasMessageContaining("k8s.dropWatches");
        assertThatThrownBy(() -> SandboxFaults.parse("sqs.throttle=1")).hasMessageStartingWith("bad fault spec: ")
                .hasMessageContaining("sqs");
    }
}
