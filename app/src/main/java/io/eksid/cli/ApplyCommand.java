package io.eksid.cli;

import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.CancellationToken;
import io.eksid.engine.convert.ClusterSession;
import io.eksid.engine.convert.ExecutionHook;
import io.eksid.engine.convert.ExecutorSettings;
import io.eksid.engine.convert.JournalFiles;
import io.eksid.engine.convert.PlanExecutor;
import io.eksid.engine.convert.StepEvent;
import io.eksid.model.time.Sleeper;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.PlanFormatter;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid apply}: plans and applies the conversion with a write-ahead journal, or resumes a journaled run.
 * Changes are made only with {@code --yes} or after confirming the shown plan on a terminal.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Convert IRSA service accounts to EKS Pod Identity: journaled, resumable, verified.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step succeeded",
            "1:the cluster could not be read, or some steps failed, were skipped, not run or need a decision "
                + "(a conflict: an association to another role, a role changed meanwhile)",
            "2:bad input: a flag, a selection that names nothing, an unusable journal, or refused (no --yes and "
                + "no terminal to confirm on)"})
public final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConversionOptionsMixin flags = new ConversionOptionsMixin();

    @Option(names = "--yes", description = "Apply without asking.")
    boolean yes;

    @Option(names = "--resume", paramLabel = "ID", description = "Continue the run with this id (or the latest run of this plan id).")
    String resume;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4", description = "Steps run at once. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--iam-rate", paramLabel = "PER_SEC", defaultValue = "5", description = "IAM requests per second. Default: ${DEFAULT-VALUE}.")
    double iamRate;

    @Option(names = "--eks-rate", paramLabel = "PER_SEC", defaultValue = "10", description = "EKS requests per second. Default: ${DEFAULT-VALUE}.")
    double eksRate;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json;
        ExecutorSettings settings;
        JournalFiles journals;
        try {
            json = flags.json();
            settings = ExecutorSettings.DEFAULTS.withWorkers(workers).withRates(iamRate, eksRate);
            journals = flags.journals();
            if (resume == null) {
                flags.selection();
                flags.options();
            }
        } catch (IllegalArgumentException e) {
            return CliErrors.report(err, "apply", "", flags.context, e);
        }
        Path journal;
        ConversionPlan plan;
        try (ClusterSession session = CliEnvironment.loader().open(flags.connection())) {
            if (resume != null) {
                journal = journals.find(resume);
                plan = PlanExecutor.planOf(journal);
                if (!plan.cluster().arn().equals(session.cluster().arn())) {
                    CliErrors.print(err, "apply", io.eksid.model.UserFacingError.badInput("cannot resume run "
                            + resume, "it belongs to cluster " + plan.cluster().arn() + ", but "
                            + flags.contextLabel() + " reaches " + session.cluster().arn(),
                            "Name the run's cluster with --context; nothing was changed."));
                    return ExitCodes.BAD_INPUT;
                }
            } else {
                java.util.Optional<io.eksid.model.UserFacingError> nothing = PlanCommand.namesNothing(session, flags);
                if (nothing.isPresent()) {
                    CliErrors.print(err, "apply", nothing.get());
                    return ExitCodes.BAD_INPUT;
                }
                plan = PlanCommand.plan(session, flags);
                journal = journals.newRun(plan.id(), Instant.now());
            }
            if (!yes) {
                Integer refused = confirm(plan, out, err);
                if (refused != null) {
                    return refused;
                }
            }
            PlanExecutor executor = new PlanExecutor(session.gateways(session.writableAccounts()), settings,
                    new TrustEvaluator(), new TrustRewriter(), Clock.systemUTC(), Sleeper.system());
            Consumer<StepEvent> progress = e -> progress(err, e);
            CancellationToken cancel = new CancellationToken();
            CountDownLatch finished = new CountDownLatch(1);
            Thread onInterrupt = new Thread(() -> {
                cancel.cancel();
                awaitQuietly(finished);
            }, "eksid-apply-cancel");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            ApplyResult result;
            try {
                if (!json) {
                    err.println("Journal: " + journal + " (run id " + JournalFiles.runId(journal) + ")");
                }
                result = resume != null ? executor.resume(journal, progress, cancel, ExecutionHook.NONE)
                        : executor.apply(plan, journal, progress, cancel, ExecutionHook.NONE);
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is exiting because of the interrupt; the hook is running.
                }
            }
            report(result, json, out);
            // A conflict is a step that could not be done until someone decides: a failed step, exit 1.
            return result.outcome() == ApplyResult.Outcome.COMPLETED && !result.hasConflicts() ? ExitCodes.OK
                    : ExitCodes.FAILED;
        } catch (RuntimeException e) {
            return CliErrors.report(err, "apply", resume != null ? "cannot resume run " + resume
                    : "cannot read " + flags.contextLabel(), flags.context, e);
        }
    }

    private Integer confirm(ConversionPlan plan, PrintWriter out, PrintWriter err) {
        if (System.console() == null) {
            err.println("eksid apply: refusing to change anything without --yes: there is no terminal to confirm on. "
                    + "Review the plan with 'eksid plan' and run again with --yes.");
            return 2;
        }
        out.print(new PlanFormatter().format(plan));
        out.print("Apply plan " + plan.id() + " (" + plan.steps().size() + " steps)? [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer != null && (answer.trim().toLowerCase(Locale.ROOT).equals("y")
                    || answer.trim().toLowerCase(Locale.ROOT).equals("yes"))) {
                return null;
            }
        } catch (IOException e) {
            // fall through: no answer is no
        }
        err.println("eksid apply: not applied.");
        return 2;
    }

    private static void progress(PrintWriter err, StepEvent e) {
        String mark = switch (e.type()) {
            case STARTED -> "...";
            case DONE -> "ok ";
            case FAILED -> "ERR";
            case SKIPPED -> "---";
        };
        err.println(mark + " " + e.stepId() + (e.detail().isEmpty() ? "" : ": " + e.detail()));
        err.flush();
    }

    private static void report(ApplyResult r, boolean json, PrintWriter out) {
        if (json) {
            ConversionJson.print(out, ConversionJson.apply(r));
            return;
        }
        out.println("Plan " + r.planId() + ": " + r.outcome() + " (run " + JournalFiles.runId(r.journal()) + ")");
        out.println("  journal: " + r.journal());
        long changed = r.succeeded().stream().filter(ApplyResult.StepOutcome::changed).count();
        out.println("  " + r.succeeded().size() + " succeeded (" + changed + " changed something), "
                + r.failed().size() + " failed, " + r.skipped().size() + " skipped, " + r.notRun().size()
                + " not run; " + r.awsWrites() + " AWS writes, " + r.kubeWrites() + " Kubernetes writes");
        ConversionJson.table(out, "Failed", r.failed());
        ConversionJson.table(out, "Skipped", r.skipped());
        ConversionJson.table(out, "Not run", r.notRun());
        if (!r.failed().isEmpty() || !r.notRun().isEmpty()) {
            out.println("Resume with: eksid apply --resume " + JournalFiles.runId(r.journal()) + " --yes; undo with: "
                    + "eksid rollback " + JournalFiles.runId(r.journal()));
        }
        out.flush();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
