package io.eksid.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanFormatter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcmeProdConversionTest {

    @TempDir
    Path dir;

    @Test
    void convertsAcmeProd() {
        try (ConvertSandbox sb = new ConvertSandbox(dir); ClusterSession session = sb.open(ConvertSandbox.PROD)) {
            ConversionPlan plan = ConvertSandbox.plan(session, ConversionOptions.defaults());
            System.out.println(new PlanFormatter().format(plan));
            List<StepEvent> events = new ArrayList<>();
            ApplyResult result = ConvertSandbox.executor(session, ConvertSandbox.FAST).apply(plan,
                    new JournalFiles(dir.resolve("journal")).newRun(plan.id(), Instant.now()), events::add,
                    new CancellationToken(), ExecutionHook.NONE);
            result.failed().forEach(f -> System.out.println("FAILED " + f));
            result.skipped().forEach(f -> System.out.println("SKIPPED " + f));
            System.out.println(result.outcome() + " writes=" + result.awsWrites() + " kube=" + result.kubeWrites());
            assertThat(result.failed()).isEmpty();
        }
    }
}
