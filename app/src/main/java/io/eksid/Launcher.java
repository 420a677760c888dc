package io.eksid;

import io.eksid.cli.EksidCommand;

/**
 * Entry point of {@code eksid}. It deliberately does not extend {@code javafx.application.Application}:
 * that keeps {@code java -jar} working with JavaFX on the class path, and keeps the CLI free of any
 * toolkit start-up. No arguments opens the console window; anything else is a CLI subcommand.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            io.eksid.ui.ConsoleApp.launchWindow(args);
            return;
        }
        System.exit(EksidCommand.run(args, System.out, System.err));
    }
}
