package io.eksid.cli;

import io.eksid.engine.convert.ClusterSession;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.PlanFormatter;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import io.eksid.model.UserFacingError;
import io.eksid.model.plan.SelectionCheck;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eksid plan}: what a conversion would do, with trust diffs and every skip's reason. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Plan the conversion of IRSA service accounts to EKS Pod Identity (read-only).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan was made", "1:the cluster or its AWS side could not be read",
            "2:bad input: a flag, or a selection that names nothing in the cluster"})
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConversionOptionsMixin flags = new ConversionOptionsMixin();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json;
        try {
            json = flags.json();
            flags.selection();
            flags.options();
        } catch (IllegalArgumentException e) {
            return CliErrors.report(err, "plan", "", flags.context, e);
        }
        try (ClusterSession session = CliEnvironment.loader().open(flags.connection())) {
            Optional<UserFacingError> nothing = namesNothing(session, flags);
            if (nothing.isPresent()) {
                CliErrors.print(err, "plan", nothing.get());
                return ExitCodes.BAD_INPUT;
            }
            ConversionPlan plan = plan(session, flags);
            if (json) {
                ConversionJson.print(out, ConversionJson.plan(plan));
            } else {
                out.print(new PlanFormatter().format(plan));
                out.flush();
            }
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            return CliErrors.report(err, "plan", "cannot read " + flags.contextLabel(), flags.context, e);
        }
    }

    static ConversionPlan plan(ClusterSession session, ConversionOptionsMixin flags) {
        return new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(session.snapshot(),
                flags.selection(), flags.options().withWritableAccounts(session.writableAccounts()));
    }

    /** A selection naming a service account or namespace the cluster does not have is bad input, not a plan. */
    static Optional<UserFacingError> namesNothing(ClusterSession session, ConversionOptionsMixin flags) {
        return SelectionCheck.problem(session.snapshot(), flags.selection()).map(problem -> UserFacingError.badInput(
                "the selection names nothing to convert", problem,
                "Correct the name (eksid scan --context " + session.kube().context().name()
                        + " lists every service account); nothing was planned or changed."));
    }
}
