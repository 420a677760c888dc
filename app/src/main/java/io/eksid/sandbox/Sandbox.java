package io.eksid.sandbox;

import io.eksid.sandbox.aws.AddonListener;
import io.eksid.sandbox.aws.AwsEmulator;
import io.eksid.sandbox.aws.AwsWorld;
import io.eksid.sandbox.aws.PodIdentityAgent;
import io.eksid.sandbox.kube.KubeApiServer;
import io.eksid.sandbox.kube.SimulatedCluster;
import io.eksid.sandbox.scenario.AcmeScenario;
import io.eksid.sandbox.scenario.FleetScenario;
import io.eksid.sandbox.scenario.LargeScenario;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running sandbox: an AWS world served by the AWS emulator and a Kubernetes API server with one simulated
 * cluster per EKS cluster, seeded with a scenario and wired together the way EKS wires them: the pod-identity
 * webhook asks the AWS world whether an association exists, and installing the {@code eks-pod-identity-agent}
 * add-on makes its DaemonSet appear in the cluster. {@link #close()} stops both servers.
 */
public final class Sandbox implements AutoCloseable {

    /** Seed of the large scenario's generator: the same --pods always gives the same world. */
    static final long LARGE_SEED = 20_231_126L;

    private final AwsWorld world;
    private final AwsEmulator emulator;
    private final KubeApiServer kube;
    private final WorldSeeder seeder;
    private final SandboxFiles files;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PodIdentityAgent agent;

    private Sandbox(AwsWorld world, AwsEmulator emulator, KubeApiServer kube, WorldSeeder seeder, SandboxFiles files,
                    PodIdentityAgent agent) {
        this.agent = agent;
        this.world = world;
        this.emulator = emulator;
        this.kube = kube;
        this.seeder = seeder;
        this.files = files;
    }

    /**
     * Starts, seeds and writes the files. Bad options (fault spec, ports in use, unwritable directory) fail with
     * a {@link SandboxStartException} naming the problem, and nothing is left running.
     */
    public static Sandbox start(SandboxOptions options) {
        SandboxFaults faults;
        try {
            faults = SandboxFaults.parse(options.faults());
        } catch (IllegalArgumentException e) {
            throw new SandboxStartException(e.getMessage(), e);
        }
        requireFree(options.k8sPort(), "--k8s-port");
        requireFree(options.awsPort(), "--aws-port");

        Clock clock = Clock.systemUTC();
        AwsWorld world = new AwsWorld(clock);
        KubeApiServer kube = new KubeApiServer(world::hasPodIdentityAssociation, clock);
        AwsEmulator emulator = new AwsEmulator(world);
        PodIdentityAgent podIdentityAgent = new PodIdentityAgent(world, clock);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            podIdentityAgent.start(0);
            started.add(podIdentityAgent);
            kube.start(options.k8sPort());
            started.add(kube);
            emulator.start(options.awsPort());
            started.add(emulator);

            boolean bulk = options.scenario() == SandboxOptions.Scenario.LARGE;
            WorldSeeder seeder = new WorldSeeder(world, kube, bulk);
            AgentAddonBridge agent = new AgentAddonBridge(seeder, bulk);
            world.addAddonListener(agent);
            if (bulk) {
                new LargeScenario(options.pods(), LARGE_SEED, clock.instant()).seed(seeder);
            } else if (options.scenario() == SandboxOptions.Scenario.FLEET) {
                new FleetScenario(options.clusters(), options.pods(), clock.instant()).seed(seeder);
            } else {
                new AcmeScenario(clock.instant()).seed(seeder);
            }
            seeder.commit();
            agent.seedingDone();

            if (!faults.awsSpec().isEmpty()) {
                world.faults().apply(faults.awsSpec());
            }
            if (faults.dropWatches() != null) {
                kube.dropWatchesEvery(faults.dropWatches());
            }
            if (faults.kubeLatency() != null) {
                kube.answerAfter(faults.kubeLatency());
            }
            if (options.churnPodsPerSecond() > 0) {
                seeder.clusterNames().forEach(c -> seeder.cluster(c).startChurn(options.churnPodsPerSecond()));
            }
            Sandbox sandbox = new Sandbox(world, emulator, kube, seeder, new SandboxFiles(options.dir()),
                    podIdentityAgent);
            sandbox.writeFiles();
            return sandbox;
        } catch (RuntimeException e) {
            closeAll(started);
            if (e instanceof SandboxStartException s) {
                throw s;
            }
            throw new SandboxStartException("cannot start the sandbox: " + e.getMessage(), e);
        }
    }

    private void writeFiles() {
        List<SandboxFiles.KubeContext> contexts = new ArrayList<>();
        for (String cluster : seeder.clusterNames()) {
            contexts.add(new SandboxFiles.KubeContext(cluster, kube.serverUrl(cluster), "sandbox-token-" + cluster));
        }
        List<String> names = seeder.clusterNames();
        files.writeKubeconfig(contexts, names.contains(AcmeScenario.PROD) ? AcmeScenario.PROD : names.get(0));
        String endpoint = awsEndpoint();
        files.writeAwsProfiles(List.of(
                new SandboxFiles.AwsProfile("sandbox", AcmeScenario.REGION, endpoint, AcmeScenario.ACCESS_KEY_ID,
                        AcmeScenario.SECRET_KEY),
                new SandboxFiles.AwsProfile("sandbox-" + AcmeScenario.LEDGER_ACCOUNT, AcmeScenario.REGION, endpoint,
                        AcmeScenario.LEDGER_ACCESS_KEY_ID, AcmeScenario.LEDGER_SECRET_KEY)));
    }

    public Path kubeconfigPath() {
        return files.kubeconfigPath();
    }

    public Path awsConfigPath() {
        return files.awsConfigPath();
    }

    public Path awsCredentialsPath() {
        return files.awsCredentialsPath();
    }

    /** The AWS emulator's base URL (EKS, IAM and STS all answer there). */
    public String awsEndpoint() {
        return emulator.endpoint().toString();
    }

    /** The Kubernetes API base URL of one cluster. */
    public String kubeServerUrl(String cluster) {
        seeder.cluster(cluster);
        return kube.serverUrl(cluster);
    }

    /** EKS cluster names, in scenario order. */
    public List<String> clusters() {
        return seeder.clusterNames();
    }

    /** The AWS side, for tests that seed or inspect directly. */
    public AwsWorld awsWorld() {
        return world;
    }

    /** The Kubernetes side, for tests that seed or inspect directly. */
    public KubeApiServer kube() {
        return kube;
    }

    /** The emulated {@code eks-pod-identity-agent} (with EKS Auth behind it), for tests that read its grants. */
    public PodIdentityAgent podIdentityAgent() {
        return agent;
    }

    /**
     * Writes, under {@code dir}, what the kubelet mounts into a pod running as {@code namespace/serviceAccount}
     * in {@code cluster} (service account token, {@code ca.crt}, namespace, the Pod Identity token) and returns
     * the pod's variables: the in-cluster API server ({@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, HTTPS) and
     * the Pod Identity agent ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI},
     * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}). The service account must exist in the cluster.
     */
    public PodEnvironment podEnvironment(String cluster, String namespace, String serviceAccount, Path dir) {
        return PodEnvironments.write(this, cluster, namespace, serviceAccount, dir);
    }

    public SimulatedCluster cluster(String name) {
        return seeder.cluster(name);
    }

    /** Stops churn and both servers; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (String c : seeder.clusterNames()) {
            seeder.cluster(c).stopChurn();
        }
        closeAll(List.of(emulator, kube, agent));
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                // Keep closing the rest: a half-stopped sandbox would hold its ports.
            }
        }
    }

    /** Fails early with the flag's name, rather than after half the world is up. */
    private static void requireFree(int port, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (BindException e) {
            throw new SandboxStartException("port " + port + " (" + flag + ") is already in use", e);
        } catch (IOException e) {
            throw new SandboxStartException("cannot use port " + port + " (" + flag + "): " + e.getMessage(), e);
        }
    }

    /**
     * Makes the agent add-on's DaemonSet follow the add-on: created with it, removed with it. While a bulk
     * scenario is still queued, installation waits until its nodes exist.
     */
    private static final class AgentAddonBridge implements AddonListener {
        private final WorldSeeder seeder;
        private final Set<String> deferred = ConcurrentHashMap.newKeySet();
        private volatile boolean deferring;

        AgentAddonBridge(WorldSeeder seeder, boolean deferUntilSeeded) {
            this.seeder = seeder;
            this.deferring = deferUntilSeeded;
        }

        @Override
        public void addonCreated(String cluster, String addon) {
            if (!AcmeScenario.AGENT_ADDON.equals(addon)) {
                return;
            }
            if (deferring) {
                deferred.add(cluster);
            } else {
                seeder.cluster(cluster).installPodIdentityAgent();
            }
        }

        @Override
        public void addonDeleted(String cluster, String addon) {
            if (AcmeScenario.AGENT_ADDON.equals(addon)) {
                deferred.remove(cluster);
                seeder.cluster(cluster).removePodIdentityAgent();
            }
        }

        void seedingDone() {
            deferring = false;
            deferred.forEach(c -> seeder.cluster(c).installPodIdentityAgent());
            deferred.clear();
        }
    }
}
