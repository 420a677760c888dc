package io.eksid.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TerraformExporterTest {

    private final TerraformExporter exporter = new TerraformExporter();

    @Test
    void richPlanMatchesTheReviewedGoldenFile() throws IOException {
        String hcl = exporter.export(PlanFixtures.richPlan());
        try (InputStream in = getClass().getResourceAsStream("rich-plan.tf")) {
            assertThat(in).as("golden file").isNotNull();
            assertThat(hcl).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void richPlanDeclaresEveryChange() {
        String hcl = exporter.export(PlanFixtures.richPlan());
        assertThat(hcl).contains("resource \"aws_eks_addon\" \"eks-pod-identity-agent\"")
                .contains("resource \"aws_iam_role\" \"app\"").contains("path = \"/teams/payments/\"")
                .contains("import {\n  to = aws_iam_role.app\n  id = \"app\"\n}")
                .contains("resource \"aws_eks_pod_identity_association\" \"shop_cart\"")
                .contains("depends_on = [aws_iam_role.app]")
                .contains("target_role_arn = \"arn:aws:iam::444455556666:role/data/reader\"")
                .contains("provider = aws.account_444455556666")
                .contains("pod_identity_association {\n    role_arn        = \"arn:aws:iam::111122223333:role/vpc-cni\"")
                .contains("#   kubectl -n shop rollout restart deployment/cart");
    }

    @Test
    void policyVariablesAndQuotesStayLiteral() {
        String hcl = exporter.export(PlanFixtures.hostilePlan());
        assertThat(hcl).contains("\"aws:PrincipalTag/team\" = \"it's $(touch PWNED) `id` \\\"q\\\" \\\\ $${aws:username}"
                + " %%{x} # not: yaml\"");
        assertThat(hcl).contains("path = \"/te'am$(touch PWNED)`id`/\"");
    }

    @Test
    void outputIsCanonicalForTerraformFmt() throws Exception {
        assumeTrue(onPath("terraform"), "terraform is not installed");
        for (ConversionPlan plan : new ConversionPlan[] {PlanFixtures.richPlan(), PlanFixtures.hostilePlan()}) {
            Process p = new ProcessBuilder("terraform", "fmt", "-check", "-").redirectErrorStream(true).start();
            p.getOutputStream().write(exporter.export(plan).getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("terraform fmt -check: " + output).isZero();
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
