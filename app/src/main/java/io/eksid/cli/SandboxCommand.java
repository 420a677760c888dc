package io.eksid.cli;

import io.eksid.sandbox.Sandbox;
import io.eksid.sandbox.SandboxOptions;
import io.eksid.sandbox.SandboxStartException;
import io.eksid.sandbox.SandboxStateDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eksid sandbox}: runs an embedded EKS account (Kubernetes API + AWS emulator) in the foreground until
 * interrupted, and writes the kubeconfig and AWS profile that point {@code kubectl}, the {@code aws} CLI and the
 * console at it.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run a local EKS sandbox (Kubernetes API server + AWS emulator) until interrupted.",
            "Writes <dir>/kubeconfig and <dir>/aws/{config,credentials} (profile 'sandbox')."})
public final class SandboxCommand implements Callable<Integer> {

    /** Exit code for bad flags or a sandbox that cannot start (picocli's usage-error code). */
    static final int USAGE_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Directory for kubeconfig and aws/ files (default: the user's state folder, eksid/sandbox).")
    Path dir;

    @Option(names = "--scenario", paramLabel = "acme|large|fleet", defaultValue = "acme",
            description = "World to seed: acme (two clusters, every finding), large (generated) or fleet (many small "
                    + "clusters over two accounts). Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--pods", paramLabel = "N",
            description = "Pods of the large scenario (default 50000), or per cluster of the fleet scenario "
                    + "(default 12).")
    String pods;

    @Option(names = "--clusters", paramLabel = "N", defaultValue = "6",
            description = "Clusters of the fleet scenario. Default: ${DEFAULT-VALUE}.")
    String clusters;

    @Option(names = "--k8s-port", paramLabel = "PORT", defaultValue = "0",
            description = "Kubernetes API port (0 = any free port).")
    String k8sPort;

    @Option(names = "--aws-port", paramLabel = "PORT", defaultValue = "0",
            description = "AWS emulator port (0 = any free port).")
    String awsPort;

    @Option(names = "--faults", paramLabel = "SPEC", defaultValue = "",
            description = "Faults to inject, e.g. iam.throttle=0.2,eks.latency=200ms,k8s.dropWatches=30s.")
    String faults;

    @Option(names = "--churn", paramLabel = "PODS_PER_SEC", defaultValue = "0",
            description = "Pods replaced per second in every cluster (0 = none).")
    String churn;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SandboxOptions options;
        try {
            Path target = dir != null ? dir : SandboxStateDirectory.forCurrentUser();
            SandboxOptions.Scenario world = SandboxOptions.Scenario.parse(scenario);
            int podCount = pods != null ? whole("--pods", pods) : world == SandboxOptions.Scenario.FLEET
                    ? SandboxOptions.DEFAULT_FLEET_PODS : SandboxOptions.DEFAULT_LARGE_PODS;
            options = new SandboxOptions(target.toAbsolutePath(), world, podCount, whole("--k8s-port", k8sPort),
                    whole("--aws-port", awsPort), faults, decimal("--churn", churn), whole("--clusters", clusters));
        } catch (IllegalArgumentException e) {
            err.println("eksid sandbox: " + e.getMessage());
            return USAGE_ERROR;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options);
        } catch (SandboxStartException | IllegalArgumentException e) {
            err.println("eksid sandbox: " + e.getMessage());
            return USAGE_ERROR;
        }
        Thread hook = new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "eksid-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printReady(out, sandbox);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (stopped.getCount() > 0) {
                // Interrupted in-process rather than by a signal: close here and drop the hook.
                sandbox.close();
                removeHook(hook);
            }
        }
        return 0;
    }

    /** Numbers are parsed here, not by picocli, so a typo gets the same one-line error as any bad flag. */
    private static int whole(String flag, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
        }
    }

    private static double decimal(String flag, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
        }
    }

    private static void printReady(PrintWriter out, Sandbox sandbox) {
        out.println("ready kubeconfig=" + sandbox.kubeconfigPath() + " aws-config=" + sandbox.awsConfigPath()
                + " profile=sandbox");
        out.println("  export KUBECONFIG=" + sandbox.kubeconfigPath());
        out.println("  export AWS_CONFIG_FILE=" + sandbox.awsConfigPath()
                + " AWS_SHARED_CREDENTIALS_FILE=" + sandbox.awsCredentialsPath());
        out.println("  kubectl get pods -A                      # contexts: " + String.join(", ", sandbox.clusters()));
        out.println("  aws --profile sandbox eks list-clusters  # AWS endpoint " + sandbox.awsEndpoint());
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already shutting down; the hook runs anyway and close() is idempotent.
        }
    }
}
