package io.eksid.cli;

import io.eksid.engine.convert.ClusterSession;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.PlanFormatter;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustRewriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eksid plan}: what a conversion would do, with trust diffs and every skip's reason. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Plan the conversion of IRSA service accounts to EKS Pod Identity (read-only).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan was made", "2:bad input, or the cluster could not be read"})
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConversionOptionsMixin flags = new ConversionOptionsMixin();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ClusterSession session = CliEnvironment.loader().open(flags.connection())) {
            ConversionPlan plan = plan(session, flags);
            if (flags.json()) {
                ConversionJson.print(out, ConversionJson.plan(plan));
            } else {
                out.print(new PlanFormatter().format(plan));
                out.flush();
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("eksid plan: " + e.getMessage());
            return 2;
        }
    }

    static ConversionPlan plan(ClusterSession session, ConversionOptionsMixin flags) {
        return new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(session.snapshot(),
                flags.selection(), flags.options().withWritableAccounts(session.writableAccounts()));
    }
}
