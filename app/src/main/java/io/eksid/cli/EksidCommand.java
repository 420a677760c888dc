package io.eksid.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line: {@code eksid <subcommand>}. */
@Command(name = "eksid",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "EKS Identity Console: which AWS role each pod really gets, and IRSA to Pod Identity conversion.",
        subcommands = {CommandLine.HelpCommand.class,
                TrustCommand.class,
                AccessCommand.class,
                SandboxCommand.class,
                PlanCommand.class,
                ApplyCommand.class,
                RollbackCommand.class,
                ExportCommand.class,
                ScanCommand.class,
                LoginCommand.class,
                BenchCommand.class})
public final class EksidCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command tree; subcommands are registered here so each stays a small class. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new EksidCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    /** Runs the CLI and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }
}
