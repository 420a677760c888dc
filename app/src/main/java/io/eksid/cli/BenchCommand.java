package io.eksid.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eksid bench}: measurements of the console's own performance, against the sandbox. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ingest, memory and recomputation costs against the sandbox.",
        subcommands = {BenchIngestCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
