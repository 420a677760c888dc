package io.eksid.sandbox;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How to start a sandbox: where to write its kubeconfig and AWS profile files, which scenario to seed,
 * the ports to listen on (0 = any free port), faults to inject and the rate of workload churn.
 *
 * @param dir         directory that receives {@code kubeconfig}, {@code aws/config} and {@code aws/credentials}
 * @param scenario    the seeded world
 * @param pods        number of pods for the {@link Scenario#LARGE} scenario (ignored by {@link Scenario#ACME})
 * @param k8sPort     port of the Kubernetes API server, 0 for a free one
 * @param awsPort     port of the AWS emulator, 0 for a free one
 * @param faults      fault specification for the AWS emulator (empty for none), see docs/sandbox.md
 * @param churnPodsPerSecond pods replaced per second in every cluster, 0 for a still world
 * @param clusters    number of clusters of the {@link Scenario#FLEET} scenario (ignored by the others); there,
 *                    {@code pods} is the number of pods per cluster
 */
public record SandboxOptions(Path dir, Scenario scenario, int pods, int k8sPort, int awsPort, String faults,
                             double churnPodsPerSecond, int clusters) {

    /** Pods of the large scenario when none are given. */
    public static final int DEFAULT_LARGE_PODS = 50_000;
    /** Clusters of the fleet scenario when none are given. */
    public static final int DEFAULT_FLEET_CLUSTERS = 6;
    /** Pods per cluster of the fleet scenario when none are given. */
    public static final int DEFAULT_FLEET_PODS = 12;
    /** Upper bound of the fleet scenario's clusters: each is a simulated API server's worth of state. */
    public static final int MAX_FLEET_CLUSTERS = 1_000;

    /** The seeded worlds the sandbox knows. */
    public enum Scenario {
        /** Two accounts, two clusters and every case the findings catalogue knows, written by hand. */
        ACME,
        /** A generated world sized by {@code pods}, for load and benchmark runs. */
        LARGE,
        /** Many small generated clusters over two accounts, for fleet scans. */
        FLEET;

        /** Parses {@code acme} or {@code large} (any case); anything else is a clear error. */
        public static Scenario parse(String name) {
            Objects.requireNonNull(name, "scenario");
            for (Scenario s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + name + "': expected acme, large or fleet");
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SandboxOptions {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(scenario, "scenario");
        faults = faults == null ? "" : faults.trim();
        requirePort("--k8s-port", k8sPort);
        requirePort("--aws-port", awsPort);
        if (pods < 1 || pods > 1_000_000) {
            throw new IllegalArgumentException("--pods must be between 1 and 1000000, got " + pods);
        }
        if (!(churnPodsPerSecond >= 0) || churnPodsPerSecond > 10_000) {
            throw new IllegalArgumentException("--churn must be between 0 and 10000 pods per second, got "
                    + churnPodsPerSecond);
        }
        if (clusters < 1 || clusters > MAX_FLEET_CLUSTERS) {
            throw new IllegalArgumentException("--clusters must be between 1 and " + MAX_FLEET_CLUSTERS + ", got "
                    + clusters);
        }
        if (k8sPort != 0 && k8sPort == awsPort) {
            throw new IllegalArgumentException("--k8s-port and --aws-port must differ, both are " + k8sPort);
        }
    }

    /** The options before the fleet scenario existed: one cluster count for the scenarios that ignore it. */
    public SandboxOptions(Path dir, Scenario scenario, int pods, int k8sPort, int awsPort, String faults,
                          double churnPodsPerSecond) {
        this(dir, scenario, pods, k8sPort, awsPort, faults, churnPodsPerSecond, DEFAULT_FLEET_CLUSTERS);
    }

    /** The fleet scenario: {@code clusters} clusters of {@code podsPerCluster} pods each, on free ports. */
    public static SandboxOptions fleet(Path dir, int clusters, int podsPerCluster) {
        return new SandboxOptions(dir, Scenario.FLEET, podsPerCluster, 0, 0, "", 0, clusters);
    }

    /** The acme scenario on free ports, no faults, no churn. */
    public static SandboxOptions acme(Path dir) {
        return new SandboxOptions(dir, Scenario.ACME, DEFAULT_LARGE_PODS, 0, 0, "", 0);
    }

    /** The large scenario with {@code pods} pods on free ports. */
    public static SandboxOptions large(Path dir, int pods) {
        return new SandboxOptions(dir, Scenario.LARGE, pods, 0, 0, "", 0);
    }

    public SandboxOptions withPorts(int k8s, int aws) {
        return new SandboxOptions(dir, scenario, pods, k8s, aws, faults, churnPodsPerSecond, clusters);
    }

    public SandboxOptions withFaults(String spec) {
        return new SandboxOptions(dir, scenario, pods, k8sPort, awsPort, spec, churnPodsPerSecond, clusters);
    }

    public SandboxOptions withChurn(double podsPerSecond) {
        return new SandboxOptions(dir, scenario, pods, k8sPort, awsPort, faults, podsPerSecond, clusters);
    }

    private static void requirePort(String flag, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(flag + " must be between 0 and 65535, got " + port);
        }
    }
}
