package io.eksid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eksid.aws.IdentityWriter;
import io.eksid.engine.convert.ApplyResult;
import io.eksid.engine.convert.CancellationToken;
import io.eksid.engine.convert.ClusterSession;
import io.eksid.engine.convert.ConnectionRequest;
import io.eksid.engine.convert.ExecutionHook;
import io.eksid.engine.convert.ExecutorSettings;
import io.eksid.engine.convert.PlanExecutor;
import io.eksid.engine.convert.SnapshotLoader;
import io.eksid.engine.run.Sleeper;
import io.eksid.model.RoleArn;
import io.eksid.model.plan.ConversionOptions;
import io.eksid.model.plan.ConversionPlan;
import io.eksid.model.plan.ConversionPlanner;
import io.eksid.model.plan.Selection;
import io.eksid.model.plan.StepAction;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import io.eksid.model.trust.TrustRewriter;
import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid bench convert}: converts every IRSA service account of the generated {@code large} sandbox while
 * the sandbox throttles IAM to a fixed rate, and reports the time against the throttle's lower bound (IAM requests
 * divided by the allowed rate) and whether every shared role kept all its statements (no lost update).
 */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Convert the large sandbox under an IAM throttle; report time vs. the throttle's lower bound.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured, nothing lost", "1:steps failed or a shared role lost a statement",
            "2:bad input or the sandbox could not start"})
public final class BenchConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pods", defaultValue = "20000", paramLabel = "N",
            description = "Pods of the large scenario (service accounts = N/25, roles = N/100). Default: ${DEFAULT-VALUE}.")
    int pods;

    @Option(names = "--iam-rps", defaultValue = "10", paramLabel = "N",
            description = "IAM requests per second the sandbox allows (it throttles the rest). Default: ${DEFAULT-VALUE}.")
    double iamRps;

    @Option(names = "--workers", defaultValue = "4", paramLabel = "N", description = "Parallel steps. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--output", defaultValue = "table", paramLabel = "json|table", description = "Default: ${DEFAULT-VALUE}.")
    String output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("eksid-bench-convert");
        SandboxOptions options;
        try {
            options = SandboxOptions.large(dir.resolve("sandbox"), pods).withFaults("iam.rps=" + iamRps);
        } catch (IllegalArgumentException e) {
            err.println("eksid bench convert: " + e.getMessage());
            return 2;
        }
        err.println("Starting the large sandbox with " + pods + " pods, IAM limited to " + iamRps + " requests/s...");
        try (Sandbox sandbox = Sandbox.start(options)) {
            Map<String, String> env = Map.of("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
            SnapshotLoader loader = new SnapshotLoader(env, dir, Clock.systemUTC());
            // Reading the world is not what is measured: lift the throttle while the snapshot is taken.
            sandbox.awsWorld().faults().clear();
            try (ClusterSession session = loader.open(new ConnectionRequest(List.of(sandbox.kubeconfigPath()),
                    "acme-prod", "sandbox", null))) {
                ConversionPlan plan = new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(
                        session.snapshot(), Selection.allIrsa(),
                        ConversionOptions.defaults().withWritableAccounts(session.writableAccounts()));
                err.println("Plan " + plan.id() + ": " + plan.summary());
                sandbox.awsWorld().faults().apply("iam.rps=" + iamRps);
                ExecutorSettings settings = ExecutorSettings.DEFAULTS.withWorkers(workers).withRates(iamRps, 50)
                        .withTimeouts(Duration.ofMinutes(2), Duration.ofMillis(200));
                PlanExecutor executor = new PlanExecutor(session.gateways(session.writableAccounts()), settings,
                        new TrustEvaluator(), new TrustRewriter(), Clock.systemUTC(), Sleeper.system());
                ApplyResult r = executor.apply(plan, dir.resolve("journal").resolve(plan.id() + ".jsonl"),
                        e -> { }, new CancellationToken(), ExecutionHook.NONE);
                sandbox.awsWorld().faults().clear();
                List<String> lost = lostStatements(session, plan);
                double lowerBound = r.iamRequests() / iamRps;
                double seconds = r.elapsed().toMillis() / 1000.0;
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("pods", pods).put("irsaServiceAccountsConverted", plan.planned().size())
                        .put("roleTrustUpdates", plan.actions(StepAction.UpdateRoleTrust.class).size())
                        .put("sharedRoles", sharedRoles(plan)).put("steps", plan.steps().size())
                        .put("iamRequests", r.iamRequests()).put("eksRequests", r.eksRequests())
                        .put("retries", r.retries()).put("iamRps", iamRps).put("seconds", seconds)
                        .put("lowerBoundSeconds", lowerBound).put("ratio", seconds / lowerBound)
                        .put("failed", r.failed().size()).put("skipped", r.skipped().size())
                        .put("lostUpdates", lost.size());
                if ("json".equalsIgnoreCase(output)) {
                    out.println(o.toPrettyString());
                } else {
                    out.printf("converted %d IRSA service accounts (%d roles, %d shared) in %.1f s%n",
                            plan.planned().size(), plan.actions(StepAction.UpdateRoleTrust.class).size(),
                            sharedRoles(plan), seconds);
                    out.printf("IAM requests %d at %.0f/s: lower bound %.1f s, ratio %.2f; EKS requests %d; "
                            + "retries %d%n", r.iamRequests(), iamRps, lowerBound, seconds / lowerBound,
                            r.eksRequests(), r.retries());
                    out.printf("failed %d, skipped %d, shared roles with a lost statement: %d%n", r.failed().size(),
                            r.skipped().size(), lost.size());
                    lost.forEach(l -> out.println("  LOST " + l));
                }
                out.flush();
                return r.failed().isEmpty() && lost.isEmpty() ? 0 : 1;
            }
        } catch (RuntimeException e) {
            err.println("eksid bench convert: " + e.getMessage());
            return 2;
        } finally {
            deleteQuietly(dir);
        }
    }

    private static int sharedRoles(ConversionPlan plan) {
        return (int) plan.actions(StepAction.UpdateRoleTrust.class).stream()
                .filter(t -> t.serviceAccounts().size() > 1).count();
    }

    /** Roles whose final trust lacks a statement it had before, or does not admit Pod Identity. */
    private static List<String> lostStatements(ClusterSession session, ConversionPlan plan) {
        List<String> lost = new ArrayList<>();
        IdentityWriter iam = session.gateways(session.writableAccounts()).cluster();
        TrustEvaluator evaluator = new TrustEvaluator();
        for (StepAction.UpdateRoleTrust t : plan.actions(StepAction.UpdateRoleTrust.class)) {
            try {
                TrustPolicy before = TrustPolicy.parse(t.beforePolicy());
                TrustPolicy after = TrustPolicy.parse(iam.getRole(RoleArn.parse(t.roleArn()).name())
                        .orElseThrow().trustPolicyJson());
                if (!after.statements().containsAll(before.statements())
                        || !evaluator.podIdentity(after, plan.cluster()).allowed()) {
                    lost.add(t.roleArn());
                }
            } catch (PolicyParseException e) {
                lost.add(t.roleArn() + ": " + e.getMessage());
            }
        }
        return lost;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder; the OS cleans it eventually.
        }
    }
}
