package io.eksid.cli;

import io.eksid.engine.convert.ClusterSession;
import io.eksid.model.export.AwsProviderVersion;
import io.eksid.model.export.EksctlConfigExporter;
import io.eksid.model.export.ShellScriptExporter;
import io.eksid.model.export.TerraformExporter;
import io.eksid.model.plan.ConversionPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eksid export}: the plan as Terraform, an eksctl ClusterConfig or an aws/kubectl script. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Export the conversion plan as Terraform, an eksctl ClusterConfig or a shell script.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:exported", "1:the cluster or its AWS side could not be read",
            "2:bad input: a flag, a selection that names nothing, or an --out file that cannot be written"})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConversionOptionsMixin flags = new ConversionOptionsMixin();

    @Option(names = "--format", required = true, paramLabel = "terraform|eksctl|script",
            description = "terraform (HCL), eksctl (ClusterConfig YAML) or script (bash with aws and kubectl).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Option(names = "--aws-provider-version", paramLabel = "VERSION",
            description = "Terraform: the hashicorp/aws version you run (e.g. 5.100.0). What it cannot express is "
                    + "explained instead of written. Default: declare the version the plan needs.")
    String awsProviderVersion;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String f = format.toLowerCase(Locale.ROOT);
        try {
            if (!f.equals("terraform") && !f.equals("eksctl") && !f.equals("script")) {
                throw new IllegalArgumentException("--format must be terraform, eksctl or script, not '" + format
                        + "'");
            }
            flags.selection();
            flags.options();
        } catch (IllegalArgumentException e) {
            return CliErrors.report(err, "export", "", flags.context, e);
        }
        TerraformExporter terraform;
        try {
            terraform = awsProviderVersion == null ? new TerraformExporter()
                    : new TerraformExporter(AwsProviderVersion.parse(awsProviderVersion));
        } catch (IllegalArgumentException e) {
            err.println("eksid export: --aws-provider-version: " + e.getMessage());
            return 2;
        }
        try (ClusterSession session = CliEnvironment.loader().open(flags.connection())) {
            java.util.Optional<io.eksid.model.UserFacingError> nothing = PlanCommand.namesNothing(session, flags);
            if (nothing.isPresent()) {
                CliErrors.print(err, "export", nothing.get());
                return ExitCodes.BAD_INPUT;
            }
            ConversionPlan plan = PlanCommand.plan(session, flags);
            String text = switch (f) {
                case "terraform" -> terraform.export(plan);
                case "eksctl" -> new EksctlConfigExporter().export(plan);
                default -> new ShellScriptExporter().export(plan);
            };
            if (out == null) {
                stdout.print(text);
                stdout.flush();
            } else {
                Files.writeString(out, text);
                if (f.equals("script")) {
                    out.toFile().setExecutable(true, true);
                }
                err.println("Wrote " + f + " for plan " + plan.id() + " to " + out);
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            CliErrors.print(err, "export", io.eksid.model.UserFacingError.badInput("cannot write " + out,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "Choose a file in a folder you can write to with --out, or leave --out out for standard output."));
            return ExitCodes.BAD_INPUT;
        } catch (RuntimeException e) {
            return CliErrors.report(err, "export", "cannot read " + flags.contextLabel(), flags.context, e);
        }
    }
}
