package io.eksid.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxOptionsTest {

    private static final Path DIR = Path.of("/tmp/sbx");

    @Test
    void scenarioNamesParseInAnyCaseAndUnknownOnesAreNamed() {
        assertThat(SandboxOptions.Scenario.parse("ACME")).isEqualTo(SandboxOptions.Scenario.ACME);
        assertThat(SandboxOptions.Scenario.parse(" large ")).isEqualTo(SandboxOptions.Scenario.LARGE);
        assertThatThrownBy(() -> SandboxOptions.Scenario.parse("huge"))
                .hasMessage("unknown scenario 'huge': expected acme, large or fleet");
    }

    @Test
    void badNumbersAreRejectedWithTheFlagName() {
        SandboxOptions ok = SandboxOptions.acme(DIR);
        assertThatThrownBy(() -> ok.withPorts(70_000, 0)).hasMessageContaining("--k8s-port");
        assertThatThrownBy(() -> ok.withPorts(0, -1)).hasMessageContaining("--aws-port");
        assertThatThrownBy(() -> ok.withPorts(8443, 8443)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> SandboxOptions.large(DIR, 0)).hasMessageContaining("--pods");
        assertThatThrownBy(() -> ok.withChurn(-1)).hasMessageContaining("--churn");
        assertThatThrownBy(() -> ok.withChurn(Double.NaN)).hasMessageContaining("--churn");
    }

    @Test
    void faultsAreTrimmedAndNullMeansNone() {
        assertThat(SandboxOptions.acme(DIR).withFaults(null).faults()).isEmpty();
        assertThat(SandboxOptions.acme(DIR).withFaults(" iam.throttle=0.2 ").faults()).isEqualTo("iam.throttle=0.2");
    }
}
