package io.eksid.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eksid bench}: measurements against a generated sandbox; the figures go to docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measurements of the console's own performance against the embedded sandbox; figures go to docs/benchmarks.md.",
        subcommands = {CommandLine.HelpCommand.class, BenchConvertCommand.class,
                BenchIngestCommand.class, BenchFleetCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
