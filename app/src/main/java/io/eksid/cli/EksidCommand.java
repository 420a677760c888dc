package io.eksid.cli;

import io.eksid.engine.settings.TerminalLogFilter;
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

    /** Debug lines on standard error; the log file ({@code <state folder>/logs/eksid.log}) has them regardless. */
    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print debug output and the details of a failure on standard error.")
    void verbose(boolean on) {
        if (on) {
            System.setProperty(TerminalLogFilter.VERBOSE_PROPERTY, "true");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command tree; subcommands are registered here so each stays a small class. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new EksidCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // Whatever a command did not catch is told in one line with its exit code; the trace goes to the log.
        cl.setExecutionExceptionHandler((e, command, parsed) -> CliErrors.report(command.getErr(),
                command.getCommandName(), "", null, e));
        return cl;
    }

    /** Runs the CLI and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }
}
