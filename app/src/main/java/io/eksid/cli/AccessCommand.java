package io.eksid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eksid access}: what a pod's role session may do, and who in a cluster may do something. */
@Command(name = "access",
        description = "What may a pod do with its AWS role, and who in the cluster may call an action on a resource.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {AccessCheckCommand.class, AccessWhoCanCommand.class})
public final class AccessCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
