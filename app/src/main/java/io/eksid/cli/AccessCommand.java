package io.eksid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code eksid access}: what a pod's role session may do, and who in a cluster may do something. Subcommands are
 * registered here, one small class each ({@code explain} works offline on policy files, {@code check} and
 * {@code who-can} on a live cluster).
 */
@Command(name = "access",
        description = "What may a pod's role session do, and who in the cluster may call an action on a resource? "
                + "Evaluate permission policies the way IAM does.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {AccessExplainCommand.class, AccessCheckCommand.class, AccessWhoCanCommand.class})
public final class AccessCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
