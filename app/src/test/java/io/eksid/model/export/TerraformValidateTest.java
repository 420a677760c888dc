package io.eksid.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanFixtures;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Terraform exports through {@code terraform init -backend=false} and {@code terraform validate} against the
 * AWS provider of a local filesystem mirror (no network): the version the file declares must be one the provider
 * really has, and every argument must be one that provider knows. Skipped where terraform or the mirror is
 * missing. The mirror is found under {@code TF_PROVIDER_MIRROR} or the usual plugin folders.
 */
class TerraformValidateTest {

    private static final String AWS = "registry.terraform.io/hashicorp/aws";

    @TempDir
    Path tmp;

    /** A filesystem mirror folder holding {@code registry.terraform.io/hashicorp/aws/<version>/}. */
    static Optional<Path> mirror() {
        List<Path> roots = new ArrayList<>();
        String env = System.getenv("TF_PROVIDER_MIRROR");
        if (env != null && !env.isBlank()) {
            roots.add(Path.of(env));
        }
        String home = System.getProperty("user.home");
        roots.addAll(List.of(Path.of("/opt/tf-plugins"), Path.of("/usr/share/terraform/plugins"),
                Path.of("/usr/local/share/terraform/plugins"), Path.of(home, ".terraform.d", "plugins"),
                Path.of(home, ".local", "share", "terraform", "plugins")));
        return roots.stream().filter(r -> Files.isDirectory(r.resolve(AWS))).findFirst();
    }

    /** The newest AWS provider version in the mirror. */
    static AwsProviderVersion mirroredVersion(Path mirror) throws IOException {
        try (Stream<Path> versions = Files.list(mirror.resolve(AWS))) {
            return versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+\\.\\d+\\.\\d+"))
                    .map(AwsProviderVersion::parse).max(AwsProviderVersion::compareTo)
                    .orElseThrow(() -> new IllegalStateException("no provider version under " + mirror));
        }
    }

    record Run(int exit, String output) {
    }

    Run terraform(Path dir, Path cliConfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("terraform"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().remove("TF_PLUGIN_CACHE_DIR");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), output);
    }

    /** init + validate of one exported file in its own folder. */
    Run validate(String hcl, String name) throws Exception {
        Path mirror = mirror().orElseThrow();
        Path cli = tmp.resolve("terraform.rc");
        Files.writeString(cli, """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["%s"]
                  }
                  direct {
                    exclude = ["%s"]
                  }
                }
                """.formatted(mirror.toString().replace("\\", "/"), AWS, AWS));
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("main.tf"), hcl);
        Run init = terraform(dir, cli, "init", "-backend=false", "-input=false", "-no-color");
        if (init.exit() != 0) {
            return init;
        }
        return terraform(dir, cli, "validate", "-no-color");
    }

    void assumeTerraformAndMirror() {
        assumeTrue(TerraformExporterTest.onPath("terraform"), "terraform is not installed");
        assumeTrue(mirror().isPresent(), "no local mirror of " + AWS + " (set TF_PROVIDER_MIRROR)");
    }

    /** The rich plan with session tags disabled and a session policy on its first plain association. */
    static ConversionPlan withSessionPolicy(ConversionPlan plan) {
        List<PlanStep> steps = new ArrayList<>();
        boolean done = false;
        for (PlanStep s : plan.steps()) {
            if (!done && s.action() instanceof StepAction.CreateAssociation c && c.targetRoleArn() == null) {
                s = new PlanStep(s.id(), s.kind(), s.title(), s.dependsOn(), s.preconditions(), s.expectedResults(),
                        new StepAction.CreateAssociation(c.clusterName(), c.namespace(), c.serviceAccount(),
                                c.roleArn(), null, c.tags(), true, "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                                + "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
                done = true;
            }
            steps.add(s);
        }
        return new ConversionPlan(plan.id(), plan.cluster(), plan.selection(), plan.options(), steps, plan.planned(),
                plan.skipped(), plan.alreadyDone(), plan.externalRequests(), plan.notes());
    }

    @Test
    void eachExportDeclaresTheProviderItsArgumentsNeed() {
        assertThat(new TerraformExporter().export(PlanFixtures.hostilePlan()))
                .contains("version = \">= 5.29.0\"", "required_version = \">= 1.5.0\"");
        // the rich plan chains to another account's role: target_role_arn, and add-on associations
        assertThat(new TerraformExporter().export(PlanFixtures.richPlan())).contains("version = \">= 6.2.0\"");
        String policy = new TerraformExporter().export(withSessionPolicy(PlanFixtures.richPlan()));
        assertThat(policy).contains("version = \">= 6.57.1\"", "disable_session_tags = true", "policy = jsonencode(");
    }

    @Test
    void forAnOlderProviderAnAssociationItCannotExpressIsExplainedNotWrittenWithoutItsArguments() {
        String hcl = new TerraformExporter(AwsProviderVersion.parse("5.100.0")).export(PlanFixtures.richPlan());
        assertThat(hcl).contains("version = \">= 5.75.0\"")
                .doesNotContain("target_role_arn =")
                .contains("# Not written as a resource: the association for shop/reports needs target_role_arn,\n"
                        + "# which the AWS provider has from 6.2.0 on (this file is for 5.100.0).")
                .contains("--target-role-arn arn:aws:iam::444455556666:role/data/reader")
                .contains("resource \"aws_eks_pod_identity_association\" \"shop_cart\"");
        assertThat(new TerraformExporter(AwsProviderVersion.parse("5.60.0")).export(PlanFixtures.richPlan()))
                .contains("version = \">= 5.29.0\"", "# Not written as a resource: add-on vpc-cni",
                        "--pod-identity-associations serviceAccount=aws-node,roleArn=");
        assertThatThrownBy(() -> new TerraformExporter(AwsProviderVersion.parse("5.28.0")))
                .hasMessageContaining("needs 5.29.0 or later");
        assertThatThrownBy(() -> AwsProviderVersion.parse("latest")).hasMessageContaining("MAJOR.MINOR.PATCH");
    }

    @Test
    void exportsForTheMirroredProviderPassTerraformValidate() throws Exception {
        assumeTerraformAndMirror();
        AwsProviderVersion mirrored = mirroredVersion(mirror().get());
        TerraformExporter exporter = new TerraformExporter(mirrored);
        List<ConversionPlan> plans = List.of(PlanFixtures.richPlan(), PlanFixtures.hostilePlan(),
                withSessionPolicy(PlanFixtures.richPlan()));
        for (int i = 0; i < plans.size(); i++) {
            Run run = validate(exporter.export(plans.get(i)), "for-mirror-" + i);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("The configuration is valid");
        }
        // what the plan needs, declared, validates wherever the mirror has it
        Run hostile = validate(new TerraformExporter().export(PlanFixtures.hostilePlan()), "needed-hostile");
        assertThat(hostile.exit()).as(hostile.output()).isZero();
    }

    @Test
    void aDeclaredVersionTheMirrorLacksStopsInitInsteadOfFailingOnAnArgument() throws Exception {
        assumeTerraformAndMirror();
        AwsProviderVersion mirrored = mirroredVersion(mirror().get());
        assumeTrue(!mirrored.atLeast(AwsProviderVersion.ASSOCIATION_TARGET_ROLE),
                "the mirror has a provider that knows target_role_arn");
        Run run = validate(new TerraformExporter().export(PlanFixtures.richPlan()), "needs-newer");
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains(">= 6.2.0").doesNotContain("target_role_arn is not expected");
    }
}
