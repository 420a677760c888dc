package io.eksid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eksid trust}: questions about IAM role trust policies. */
@Command(name = "trust",
        description = "Explain IAM role trust policies: who may assume a role, and by which statement.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {TrustExplainCommand.class})
public final class TrustCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
