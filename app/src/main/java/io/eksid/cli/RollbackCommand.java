package io.eksid.cli;

import io.eksid.engine.convert.ClusterSession;
import io.eksid.engine.convert.ExecutorSettings;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.convert.PlanExecutor;
import io.eksid.engine.convert.Rollback;
import io.eksid.engine.convert.RollbackResult;
import io.eksid.model.time.Sleeper;
import io.eksid.model.plan.ConversionPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eksid rollback ID}: undoes a journaled run, refusing to overwrite what changed since. */
@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Undo a journaled conversion run: restore trust documents and annotations, delete the "
                + "associations it created, revert add-on Pod Identity lists.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rolled back", "1:the cluster could not be read, some undo steps failed, or conflicts: "
                + "resources changed since the run wrote them (not overwritten)",
            "2:bad input: unknown run, an unusable journal, or refused (no --yes and no terminal)"})
public final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConversionOptionsMixin flags = new ConversionOptionsMixin();

    @Parameters(index = "0", paramLabel = "ID", description = "Run id printed by apply, a plan id (its latest run) or a journal file.")
    String id;

    @Option(names = "--yes", description = "Roll back without asking.")
    boolean yes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            boolean json = flags.json();
            Path journal = flags.journals().find(id);
            ConversionPlan plan = PlanExecutor.planOf(journal);
            if (!yes && System.console() == null) {
                err.println("eksid rollback: refusing to change anything without --yes: there is no terminal to "
                        + "confirm on.");
                return 2;
            }
            if (!yes) {
                out.print("Roll back run " + JournalFiles.runId(journal) + " of plan " + plan.id() + " on "
                        + plan.cluster().name() + "? [y/N] ");
                out.flush();
                String answer = System.console().readLine();
                if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                    err.println("eksid rollback: not rolled back.");
                    return 2;
                }
            }
            try (ClusterSession session = CliEnvironment.loader().open(flags.connection())) {
                if (!plan.cluster().arn().equals(session.cluster().arn())) {
                    err.println("eksid rollback: run " + id + " belongs to cluster " + plan.cluster().arn()
                            + ", but --context reaches " + session.cluster().arn());
                    return 2;
                }
                RollbackResult r = new Rollback(session.gateways(session.writableAccounts()), ExecutorSettings.DEFAULTS,
                        Clock.systemUTC(), Sleeper.system()).run(journal, e -> { }, null);
                if (json) {
                    ConversionJson.print(out, ConversionJson.rollback(r));
                } else {
                    out.println("Rollback of plan " + r.planId() + " (" + journal + ")");
                    if (!r.journalDamage().isEmpty()) {
                        out.println("The journal is damaged; only what its valid lines prove was rolled back:");
                        r.journalDamage().forEach(d -> out.println("  " + d));
                    }
                    ConversionJson.table(out, "Rolled back", r.rolledBack());
                    ConversionJson.table(out, "Conflicts (not overwritten)", r.conflicts());
                    ConversionJson.table(out, "Failed", r.failed());
                    ConversionJson.table(out, "Kept", r.kept());
                    out.flush();
                }
                // A conflict (not overwritten) is an undo step that needs a decision: a failed step, exit 1.
                return r.conflicts().isEmpty() && r.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        } catch (RuntimeException e) {
            return CliErrors.report(err, "rollback", "cannot roll back run " + id, flags.context, e);
        }
    }
}
