package io.eksid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code eksid access}: what a pod's role session may do. Subcommands are registered here, one small class each
 * ({@code explain} works offline on policy files).
 */
@Command(name = "access",
        description = "What may a pod's role session do? Evaluate permission policies the way IAM does.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {AccessExplainCommand.class})
public final class AccessCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
