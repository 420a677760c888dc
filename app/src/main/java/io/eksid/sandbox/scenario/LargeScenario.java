package io.eksid.sandbox.scenario;

import static io.eksid.sandbox.scenario.AcmeScenario.ACCESS_KEY_ID;
import static io.eksid.sandbox.scenario.AcmeScenario.ACCOUNT;
import static io.eksid.sandbox.scenario.AcmeScenario.ISSUER_THUMBPRINT;
import static io.eksid.sandbox.scenario.AcmeScenario.K8S_VERSION;
import static io.eksid.sandbox.scenario.AcmeScenario.LEDGER_ACCESS_KEY_ID;
import static io.eksid.sandbox.scenario.AcmeScenario.LEDGER_ACCOUNT;
import static io.eksid.sandbox.scenario.AcmeScenario.LEDGER_SECRET_KEY;
import static io.eksid.sandbox.scenario.AcmeScenario.PLATFORM_VERSION;
import static io.eksid.sandbox.scenario.AcmeScenario.PROD;
import static io.eksid.sandbox.scenario.AcmeScenario.PROD_ISSUER_URL;
import static io.eksid.sandbox.scenario.AcmeScenario.REGION;
import static io.eksid.sandbox.scenario.AcmeScenario.SECRET_KEY;
import static io.eksid.sandbox.scenario.AcmeScenario.TRUST_POLICY_QUOTA;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated, deterministic world for load and benchmark runs: one cluster ({@code acme-prod}) with
 * {@code pods} application pods spread over about pods/250 namespaces, pods/25 service accounts and pods/100
 * IAM roles (most shared by several service accounts). About a third of the service accounts use a Pod
 * Identity association, about 55% IRSA, the rest nothing; a tenth of the associated ones have stale pods
 * (started before their association). The same {@code pods} and {@code seed} always give the same world.
 */
public final class LargeScenario {

    private static final String[] TEAMS = {"payments", "checkout", "catalog", "search", "orders", "billing",
        "ledger", "fraud", "shipping", "inventory", "pricing", "reviews", "recommendations", "identity",
        "messaging", "analytics", "reporting", "media", "auth", "gateway"};
    private static final String[] PARTS = {"api", "worker", "consumer", "scheduler", "indexer", "exporter", "sync",
        "gateway", "cache", "reconciler", "notifier", "importer"};
    private static final String[] POLICIES = {"AmazonS3ReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess",
        "AmazonSQSFullAccess", "AmazonSNSFullAccess", "CloudWatchAgentServerPolicy", "AmazonSQSReadOnlyAccess"};

    /** Sizes derived from the pod count; exposed so tests and docs state the proportions once. */
    public record Shape(int pods, int namespaces, int serviceAccounts, int roles, int nodes) {
        public static Shape of(int pods) {
            return new Shape(pods, Math.max(1, Math.round(pods / 250f)), Math.max(1, Math.round(pods / 25f)),
                    Math.max(1, Math.round(pods / 100f)), Math.max(3, (pods + 109) / 110));
        }
    }

    /** How one generated service account gets its identity. */
    enum Identity { IRSA, ASSOCIATION, STALE_ASSOCIATION, NONE }

    private record Sa(String namespace, String name, Identity identity, int role, int replicas, boolean stateful,
                      Instant started) {
    }

    private final Shape shape;
    private final long seed;
    private final Instant now;

    public LargeScenario(int pods, long seed, Instant now) {
        if (pods < 1) {
            throw new IllegalArgumentException("pods must be positive, got " + pods);
        }
        this.shape = Shape.of(pods);
        this.seed = seed;
        this.now = now;
    }

    public Shape shape() {
        return shape;
    }

    public void seed(ScenarioSink sink) {
        Random rnd = new Random(seed);
        sink.account(ACCOUNT, ACCESS_KEY_ID, SECRET_KEY, TRUST_POLICY_QUOTA);
        sink.account(LEDGER_ACCOUNT, LEDGER_ACCESS_KEY_ID, LEDGER_SECRET_KEY, TRUST_POLICY_QUOTA);
        sink.cluster(ACCOUNT, REGION, PROD, K8S_VERSION, PLATFORM_VERSION, PROD_ISSUER_URL, false);
        sink.oidcProvider(ACCOUNT, PROD_ISSUER_URL, List.of("sts.amazonaws.com"), List.of(ISSUER_THUMBPRINT));
        String[] zones = {"us-west-2a", "us-west-2b", "us-west-2c"};
        for (int i = 0; i < shape.nodes(); i++) {
            sink.node(PROD, "ip-10-%d-%d-%d.us-west-2.compute.internal".formatted(64 + i / 65_536, i / 256 % 256,
                    i % 256), Map.of("kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64",
                    "node.kubernetes.io/instance-type", "m6i.4xlarge", "topology.kubernetes.io/zone", zones[i % 3],
                    "eks.amazonaws.com/nodegroup", "large-general-" + (i % 4)));
        }
        sink.addon(PROD, AcmeScenario.AGENT_ADDON, "v1.3.4-eksbuild.1", "ACTIVE", null);

        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < shape.namespaces(); i++) {
            String ns = TEAMS[i % TEAMS.length] + "-" + (i / TEAMS.length + 1);
            namespaces.add(ns);
            sink.namespace(PROD, ns, Map.of("team", TEAMS[i % TEAMS.length], "environment", "prod"));
        }
        List<Sa> sas = serviceAccounts(rnd, namespaces);
        List<String> roleArns = roles(sink, sas);
        for (Sa sa : sas) {
            seedServiceAccount(sink, sa, roleArns);
        }
    }

    private List<Sa> serviceAccounts(Random rnd, List<String> namespaces) {
        int count = shape.serviceAccounts();
        int[] replicas = spread(rnd, shape.pods(), count);
        List<Sa> sas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String ns = namespaces.get(i % namespaces.size());
            String name = ns.substring(0, ns.lastIndexOf('-')) + "-" + PARTS[rnd.nextInt(PARTS.length)] + "-" + i;
            int roll = rnd.nextInt(100);
            Identity identity = roll < 30 ? Identity.ASSOCIATION : roll < 33 ? Identity.STALE_ASSOCIATION
                    : roll < 88 ? Identity.IRSA : Identity.NONE;
            sas.add(new Sa(ns, name, identity, rnd.nextInt(shape.roles()), replicas[i], rnd.nextInt(10) == 0,
                    now.minus(Duration.ofMinutes(10 + rnd.nextInt(60 * 24 * 60)))));
        }
        return sas;
    }

    /** Splits {@code total} into {@code parts} positive shares that vary like real replica counts. */
    static int[] spread(Random rnd, int total, int parts) {
        int[] shares = new int[parts];
        for (int i = 0; i < parts; i++) {
            shares[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        for (int i = 0; i < parts; i++) {
            int j = rnd.nextInt(parts);
            if (shares[i] > 1 && i != j) {
                int moved = rnd.nextInt(shares[i] / 2 + 1);
                shares[i] -= moved;
                shares[j] += moved;
            }
        }
        return shares;
    }

    /** One role per index; each trusts exactly the service accounts that use it, by the mechanism they use. */
    private List<String> roles(ScenarioSink sink, List<Sa> sas) {
        String issuer = AcmeScenario.host(PROD_ISSUER_URL);
        List<String> arns = new ArrayList<>(shape.roles());
        for (int r = 0; r < shape.roles(); r++) {
            List<String> subjects = new ArrayList<>();
            boolean podIdentity = false;
            for (Sa sa : sas) {
                if (sa.role() == r && sa.identity() == Identity.IRSA) {
                    subjects.add("\"system:serviceaccount:" + sa.namespace() + ":" + sa.name() + "\"");
                }
                podIdentity |= sa.role() == r
                        && (sa.identity() == Identity.ASSOCIATION || sa.identity() == Identity.STALE_ASSOCIATION);
            }
            List<String> statements = new ArrayList<>();
            if (!subjects.isEmpty()) {
                statements.add("{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::" + ACCOUNT
                        + ":oidc-provider/" + issuer + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                        + "\"Condition\":{\"StringEquals\":{\"" + issuer + ":aud\":\"sts.amazonaws.com\",\""
                        + issuer + ":sub\":[" + String.join(",", subjects) + "]}}}");
            }
            if (podIdentity || subjects.isEmpty()) {
                statements.add("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}");
            }
            String arn = sink.role(ACCOUNT, "/", "large-app-role-" + r,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}",
                    "Generated application role " + r);
            sink.attachRolePolicy(arn, "arn:aws:iam::aws:policy/" + POLICIES[r % POLICIES.length]);
            arns.add(arn);
        }
        return arns;
    }

    private static void seedServiceAccount(ScenarioSink sink, Sa sa, List<String> roleArns) {
        String role = roleArns.get(sa.role());
        sink.serviceAccount(PROD, sa.namespace(), sa.name(), sa.identity() == Identity.IRSA
                ? Map.of(ClusterScript.ROLE_ARN, role, ClusterScript.STS_REGIONAL, "true") : Map.of());
        if (sa.identity() == Identity.ASSOCIATION) {
            sink.association(PROD, sa.namespace(), sa.name(), role, null, false, null);
        }
        PodTemplate template = PodTemplate.linux(
                ACCOUNT + ".dkr.ecr.us-west-2.amazonaws.com/" + sa.name().replaceAll("-\\d+$", "") + ":1."
                        + (sa.name().hashCode() & 31) + ".0", sa.started());
        sink.workload(PROD, sa.stateful() ? WorkloadKind.STATEFUL_SET : WorkloadKind.DEPLOYMENT, sa.namespace(),
                sa.name(), sa.name(), sa.replicas(), template);
        if (sa.identity() == Identity.STALE_ASSOCIATION) {
            sink.association(PROD, sa.namespace(), sa.name(), role, null, false, null);
        }
    }
}
