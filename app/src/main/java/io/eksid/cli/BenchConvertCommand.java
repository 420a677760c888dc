package io.eksid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.eksid.model.time.Sleeper;
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
 * the sandbox throttles IAM and EKS server-side, and reports the time against a lower bound derived from the plan
 * alone: the calls any correct conversion must make (per rewritten role one GetRole and one
 * UpdateAssumeRolePolicy, per association one CreatePodIdentityAssociation, per new bridge or association role its
 * CreateRole, per add-on Pod Identity update one UpdateAddon) divided by the server's rates, the slower service
 * deciding. The client's limiter is set on its own ({@code --client-iam-rate}, {@code --client-eks-rate}); what
 * was really sent is counted by the SDK interceptor, retries included, per operation. Each run gets a fresh
 * sandbox; figures are reported as min/median/max.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Convert the large sandbox under IAM and EKS throttles; report time vs. the plan's minimum.",
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
            description = "IAM requests per second the sandbox serves (it throttles the rest). Default: ${DEFAULT-VALUE}.")
    double iamRps;

    @Option(names = "--eks-rps", defaultValue = "20", paramLabel = "N",
            description = "EKS requests per second the sandbox serves (it throttles the rest). Default: ${DEFAULT-VALUE}.")
    double eksRps;

    @Option(names = "--client-iam-rate", defaultValue = "10", paramLabel = "N",
            description = "The executor's own IAM limiter, set independently of the server. Default: ${DEFAULT-VALUE}.")
    double clientIamRate;

    @Option(names = "--client-eks-rate", defaultValue = "20", paramLabel = "N",
            description = "The executor's own EKS limiter. Default: ${DEFAULT-VALUE}.")
    double clientEksRate;

    @Option(names = "--workers", defaultValue = "4", paramLabel = "N", description = "Parallel steps. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "Runs, each on a fresh sandbox. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--output", defaultValue = "table", paramLabel = "json|table", description = "Default: ${DEFAULT-VALUE}.")
    String output;

    /** The calls any correct conversion of {@code plan} must make, by service. */
    record Minimum(long iam, long eks) {
        static Minimum of(ConversionPlan plan) {
            long iam = 2L * plan.actions(StepAction.UpdateRoleTrust.class).size()
                    + 2L * plan.actions(StepAction.UpdateTargetRoleTrust.class).size()
                    + plan.actions(StepAction.CreateBridgeRole.class).size()
                    + plan.actions(StepAction.CreateRole.class).size();
            long eks = plan.actions(StepAction.CreateAssociation.class).size()
                    + plan.actions(StepAction.UpdateAddonPodIdentity.class).size();
            return new Minimum(iam, eks);
        }

        double seconds(double iamRps, double eksRps) {
            return Math.max(iam / iamRps, eks / eksRps);
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs < 1 || !(iamRps > 0) || !(eksRps > 0)) {
            err.println("eksid bench convert: --runs, --iam-rps and --eks-rps must be positive");
            return 2;
        }
        ObjectMapper json = new ObjectMapper();
        ArrayNode all = json.createArrayNode();
        List<Double> ratios = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        boolean ok = true;
        for (int run = 1; run <= runs; run++) {
            ObjectNode o;
            try {
                o = runOnce(err);
            } catch (IllegalArgumentException e) {
                err.println("eksid bench convert: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                err.println("eksid bench convert: " + e.getMessage());
                return 2;
            }
            all.add(o);
            ratios.add(o.path("ratio").asDouble());
            times.add(o.path("seconds").asDouble());
            ok &= o.path("failed").asInt() == 0 && o.path("lostUpdates").asInt() == 0;
            if (!"json".equalsIgnoreCase(output)) {
                print(out, run, o);
            }
        }
        ObjectNode summary = json.createObjectNode();
        summary.set("runs", all);
        summary.set("seconds", spread(json, times));
        summary.set("ratio", spread(json, ratios));
        if ("json".equalsIgnoreCase(output)) {
            out.println(summary.toPrettyString());
        } else {
            out.printf("over %d runs: time %s s, ratio to the plan's minimum %s (min/median/max)%n", runs,
                    text(spread(json, times)), text(spread(json, ratios)));
        }
        out.flush();
        return ok ? 0 : 1;
    }

    private ObjectNode runOnce(PrintWriter err) throws IOException {
        Path dir = Files.createTempDirectory("eksid-bench-convert");
        String faults = "iam.rps=" + iamRps + ",eks.rps=" + eksRps;
        SandboxOptions options = SandboxOptions.large(dir.resolve("sandbox"), pods);
        err.println("Starting the large sandbox with " + pods + " pods...");
        try (Sandbox sandbox = Sandbox.start(options)) {
            Map<String, String> env = Map.of("AWS_CONFIG_FILE", sandbox.awsConfigPath().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", sandbox.awsCredentialsPath().toString());
            SnapshotLoader loader = new SnapshotLoader(env, dir, Clock.systemUTC());
            // Reading the world for the plan is not what is measured: the throttles start with the conversion.
            try (ClusterSession session = loader.open(new ConnectionRequest(List.of(sandbox.kubeconfigPath()),
                    "acme-prod", "sandbox", null))) {
                ConversionPlan plan = new ConversionPlanner(new TrustEvaluator(), new TrustRewriter()).plan(
                        session.snapshot(), Selection.allIrsa(),
                        ConversionOptions.defaults().withWritableAccounts(session.writableAccounts()));
                err.println("Plan " + plan.id() + ": " + plan.summary() + "; server throttle " + faults);
                sandbox.awsWorld().faults().apply(faults);
                ExecutorSettings settings = ExecutorSettings.DEFAULTS.withWorkers(workers)
                        .withRates(clientIamRate, clientEksRate)
                        .withTimeouts(Duration.ofMinutes(2), Duration.ofMillis(200));
                PlanExecutor executor = new PlanExecutor(session.gateways(session.writableAccounts()), settings,
                        new TrustEvaluator(), new TrustRewriter(), Clock.systemUTC(), Sleeper.system());
                long iamSeen = sandbox.awsWorld().requestsReceived("iam");
                long eksSeen = sandbox.awsWorld().requestsReceived("eks");
                ApplyResult r = executor.apply(plan, dir.resolve("journal").resolve(plan.id() + ".jsonl"),
                        e -> { }, new CancellationToken(), ExecutionHook.NONE);
                long iamServer = sandbox.awsWorld().requestsReceived("iam") - iamSeen;
                long eksServer = sandbox.awsWorld().requestsReceived("eks") - eksSeen;
                sandbox.awsWorld().faults().clear();
                List<String> lost = lostStatements(session, plan);
                Minimum min = Minimum.of(plan);
                double lowerBound = min.seconds(iamRps, eksRps);
                double seconds = r.elapsed().toMillis() / 1000.0;
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("pods", pods).put("irsaServiceAccountsConverted", plan.planned().size())
                        .put("roleTrustUpdates", plan.actions(StepAction.UpdateRoleTrust.class).size())
                        .put("sharedRoles", sharedRoles(plan)).put("steps", plan.steps().size())
                        .put("iamRps", iamRps).put("eksRps", eksRps).put("clientIamRate", clientIamRate)
                        .put("clientEksRate", clientEksRate)
                        .put("minimumIamRequests", min.iam()).put("minimumEksRequests", min.eks())
                        .put("iamRequests", r.iamRequests()).put("eksRequests", r.eksRequests())
                        .put("iamRequestsReceivedBySandbox", iamServer).put("eksRequestsReceivedBySandbox", eksServer)
                        .put("retries", r.retries()).put("seconds", seconds)
                        .put("lowerBoundSeconds", lowerBound).put("ratio", seconds / lowerBound)
                        .put("failed", r.failed().size()).put("skipped", r.skipped().size())
                        .put("lostUpdates", lost.size());
                ObjectNode kinds = o.putObject("requestsByOperation");
                r.requestsByOperation().forEach(kinds::put);
                lost.forEach(o.putArray("lost")::add);
                return o;
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void print(PrintWriter out, int run, ObjectNode o) {
        out.printf("run %d: converted %d IRSA service accounts (%d roles rewritten, %d shared) in %.1f s%n", run,
                o.path("irsaServiceAccountsConverted").asInt(), o.path("roleTrustUpdates").asInt(),
                o.path("sharedRoles").asInt(), o.path("seconds").asDouble());
        out.printf("  plan's minimum: IAM %d at %.0f/s, EKS %d at %.0f/s -> %.1f s; ratio %.2f%n",
                o.path("minimumIamRequests").asLong(), o.path("iamRps").asDouble(),
                o.path("minimumEksRequests").asLong(), o.path("eksRps").asDouble(),
                o.path("lowerBoundSeconds").asDouble(), o.path("ratio").asDouble());
        out.printf("  sent (SDK attempts): IAM %d, EKS %d, retries %d; received by the sandbox: IAM %d, EKS %d%n",
                o.path("iamRequests").asInt(), o.path("eksRequests").asInt(), o.path("retries").asInt(),
                o.path("iamRequestsReceivedBySandbox").asLong(), o.path("eksRequestsReceivedBySandbox").asLong());
        o.path("requestsByOperation").fields().forEachRemaining(e -> out.printf("    %-40s %d%n", e.getKey(),
                e.getValue().asLong()));
        out.printf("  failed %d, skipped %d, shared roles with a lost statement: %d%n", o.path("failed").asInt(),
                o.path("skipped").asInt(), o.path("lostUpdates").asInt());
        o.path("lost").forEach(l -> out.println("  LOST " + l.asText()));
        out.flush();
    }

    private static ObjectNode spread(ObjectMapper json, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return json.createObjectNode().put("min", sorted.get(0)).put("median", median).put("max", sorted.get(n - 1));
    }

    private static String text(ObjectNode s) {
        return String.format(java.util.Locale.ROOT, "%.2f / %.2f / %.2f", s.path("min").asDouble(),
                s.path("median").asDouble(), s.path("max").asDouble());
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
