package io.eksid;

import io.eksid.cli.EksidCommand;
import io.eksid.ui.bench.BenchRenderCommand;
import io.eksid.ui.bench.BenchStartupCommand;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/**
 * Entry point of {@code eksid}. It deliberately does not extend {@code javafx.application.Application}:
 * that keeps {@code java -jar} working with JavaFX on the class path, and keeps the CLI free of any
 * toolkit start-up. No arguments opens the console window; anything else is a CLI subcommand.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        // java.util.logging (JavaFX, the JDK's HTTP client) into SLF4J, so ConsoleLogging decides for it too.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // A thread that dies of an uncaught exception leaves its trace in the log file, not on the terminal.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LoggerFactory.getLogger(Launcher.class)
                .error("uncaught exception in thread {}", thread.getName(), e));
        if (args.length == 0) {
            io.eksid.ui.ConsoleApp.launchWindow(args);
            return;
        }
        System.exit(commandLine().execute(args));
    }

    /** The CLI, plus the benchmarks that need the UI toolkit (the cli package may not reach into ui). */
    static CommandLine commandLine() {
        CommandLine cl = EksidCommand.commandLine(System.out, System.err);
        CommandLine bench = cl.getSubcommands().get("bench");
        if (bench != null) {
            bench.addSubcommand(new BenchRenderCommand());
            bench.addSubcommand(new BenchStartupCommand());
        }
        return cl;
    }
}
