package io.eksid.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlannerProperties;
import io.eksid.model.plan.PlanFixtures;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.StepAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** For any plan: the eksctl file is YAML with every association, the script is valid bash, the HCL is canonical. */
class ExportProperties {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Property(tries = 30)
    void everyExportIsWellFormedAndComplete(
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1023) Integer> serviceAccounts,
            @ForAll @IntRange(min = 1, max = 3) int roles, @ForAll boolean cleanUp, @ForAll boolean writable)
            throws Exception {
        ConversionPlan plan = PlanFixtures.planner().plan(
                ConversionPlannerProperties.cluster(serviceAccounts, roles, 0, cleanUp), Selection.allIrsa(),
                ConversionPlannerProperties.options(cleanUp, writable));

        JsonNode config = yaml.readTree(new EksctlConfigExporter().export(plan));
        int associations = plan.actions(StepAction.CreateAssociation.class).size();
        assertThat(config.at("/iam/podIdentityAssociations").size()).isEqualTo(associations);

        assertThat(exit(new ShellScriptExporter().export(plan), "bash", "-n")).isZero();
        String hcl = new TerraformExporter().export(plan);
        assertThat(hcl.split("resource \"aws_eks_pod_identity_association\"", -1)).hasSize(associations + 1);
        if (TerraformExporterTest.onPath("terraform")) {
            assertThat(exit(hcl, "terraform", "fmt", "-check", "-")).isZero();
        }
    }

    private static int exit(String input, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
