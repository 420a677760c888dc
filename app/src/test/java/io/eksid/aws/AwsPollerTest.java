package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eksid.model.Addon;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import io.eksid.model.OidcProvider;
import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import io.eksid.model.time.Backoff;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pollers fill a real store from the emulator over HTTP, back off under throttling and converge. */
class AwsPollerTest {

    private static final ClusterInfo FALLBACK = new ClusterInfo("prod", null, SandboxAws.ACCOUNT,
            io.eksid.model.Partition.AWS, SandboxAws.REGION, null, null, null, false);
    private static final String NO_PROFILE_ACCOUNT = "999988887777";

    @TempDir
    Path home;

    private SandboxAws sandbox;
    private AwsConnections connections;
    private ScheduledExecutorService executor;
    private ClusterStore store;
    private ClusterAwsSync sync;
    private final Set<String> referenced = new CopyOnWriteArraySet<>();

    @BeforeEach
    void start() {
        sandbox = new SandboxAws(home);
        executor = Executors.newScheduledThreadPool(2);
        store = new ClusterStore("ctx", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.close();
        }
        executor.shutdownNow();
        if (connections != null) {
            connections.close();
        }
        sandbox.close();
    }

    private void startSync() {
        connections = sandbox.connections();
        AwsClients clients = connections.clients("sandbox", null);
        AwsFailures failures = sandbox.failures();
        AccountProfiles others = new AccountProfiles(connections,
                new SsoSessions(new SsoTokenCache(sandbox.environment().ssoCacheDirectory()), Clock.systemUTC()),
                SandboxAws.REGION);
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400),
                () -> ThreadLocalRandom.current().nextDouble());
        sync = new ClusterAwsSync(store, clients, SandboxAws.CLUSTER, others, () -> Set.copyOf(referenced), executor,
                Clock.systemUTC(), backoff, failures, Duration.ofMillis(300));
        sync.start();
    }

    private ClusterSnapshot snapshot() {
        return store.snapshot(FALLBACK);
    }

    private SourceStatus source(String name) {
        return store.sources().stream().filter(s -> s.source().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fillsTheStoreWithTheClusterAssociationsAddonsProvidersAndRoles() {
        String piRole = sandbox.podIdentityRole("/teams/payments/", "cart");
        String irsaRole = sandbox.world.createRole(SandboxAws.ACCOUNT, "/", "irsa-reports",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                        + SandboxAws.PROVIDER_ARN + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
                        + "{\"StringLike\":{\"" + SandboxAws.ISSUER_HOST_PATH + ":sub\":\"system:serviceaccount:"
                        + "reports:*\",\"aws:RequestTag/team\":\"a+b c%\"}}}]}", null);
        sandbox.world.createRole(SandboxAws.ACCOUNT, "/", "ec2-only", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}", null);
        String target = sandbox.world.createRole(SandboxAws.OTHER_ACCOUNT, "/", "data-reader",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                        + piRole + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}", null);
        String id = sandbox.world.createPodIdentityAssociation(SandboxAws.CLUSTER, "shop", "cart", piRole, target,
                false, null);
        sandbox.world.attachRolePolicy(piRole, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        sandbox.world.putRolePolicy(piRole, "carts-table", "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}");
        sandbox.world.createAddon(SandboxAws.CLUSTER, Addon.POD_IDENTITY_AGENT, "v1.3.4-eksbuild.1", "ACTIVE", null);
        sandbox.world.createAddon(SandboxAws.CLUSTER, "vpc-cni", "v1.19.0-eksbuild.1", "DEGRADED", irsaRole);
        String provider = sandbox.world.addOidcProvider(SandboxAws.ACCOUNT, SandboxAws.ISSUER,
                List.of("sts.amazonaws.com"), List.of("9e99a48a9960b14926bb7f3b02e22da2b0ab7280"));
        String missing = "arn:aws:iam::" + SandboxAws.ACCOUNT + ":role/was-deleted";
        String elsewhere = "arn:aws:iam::" + NO_PROFILE_ACCOUNT + ":role/somewhere";
        referenced.addAll(List.of(piRole, target, missing, elsewhere));

        startSync();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ClusterSnapshot s = snapshot();
            assertThat(s.cluster().oidcIssuer()).isEqualTo(SandboxAws.ISSUER);
            assertThat(s.associations()).hasSize(1);
            assertThat(s.roles()).containsKeys(piRole, irsaRole, target);
            assertThat(s.unreadableRoles()).containsKeys(missing, elsewhere);
            assertThat(s.addons()).hasSize(2);
            assertThat(s.oidcProviders()).hasSize(1);
            // The deleted role and the one in an account without a profile have no permissions to read: kept with
            // their reasons, as the roles source keeps them, without degrading a source that read all it could.
            assertThat(store.sources()).extracting(SourceStatus::state).containsOnly(SourceState.LIVE);
            assertThat(s.unreadablePermissions()).containsKeys(missing, elsewhere);
            assertThat(s.rolePermissions(piRole)).isPresent();
        });
        ClusterSnapshot s = snapshot();
        assertThat(s.cluster().arn()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/prod");
        PodIdentityAssociation a = s.associations().get(0);
        assertThat(a.associationId()).isEqualTo(id);
        assertThat(a.roleArn()).as("roleArn comes from Describe, not the list").isEqualTo(piRole);
        assertThat(a.targetRoleArn()).isEqualTo(target);
        assertThat(a.serviceAccountRef().toString()).contains("cart");
        assertThat(a.modifiedAt()).isNotNull();
        IamRole pi = s.roles().get(piRole);
        assertThat(pi.path()).isEqualTo("/teams/payments/");
        // What the role may do is read once, by the role permissions source, not listed again with the role.
        assertThat(s.rolePermissions(piRole).orElseThrow().identityPolicies())
                .extracting(p -> p.source() + " " + p.name())
                .containsExactlyInAnyOrder("MANAGED arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "INLINE carts-table");
        assertThat(pi.trustPolicyJson()).contains("\"pods.eks.amazonaws.com\"").doesNotContain("%22");
        assertThat(s.roles().get(irsaRole).trustPolicyJson()).as("decoded, '+' kept as '+'")
                .contains("a+b c%").contains(SandboxAws.PROVIDER_ARN);
        assertThat(s.roles()).as("a role that trusts neither the cluster nor Pod Identity is left out")
                .doesNotContainKey("arn:aws:iam::" + SandboxAws.ACCOUNT + ":role/ec2-only");
        assertThat(s.roles().get(target).account()).isEqualTo(SandboxAws.OTHER_ACCOUNT);
        assertThat(s.unreadableRoles().get(missing)).isEqualTo("the role does not exist in account "
                + SandboxAws.ACCOUNT);
        assertThat(s.unreadableRoles().get(elsewhere)).isEqualTo("in account " + NO_PROFILE_ACCOUNT
                + "; no profile for that account");
        assertThat(s.addon(Addon.POD_IDENTITY_AGENT)).hasValueSatisfying(ad -> assertThat(ad.active()).isTrue());
        assertThat(s.addon("vpc-cni")).hasValueSatisfying(ad -> {
            assertThat(ad.status()).isEqualTo("DEGRADED");
            assertThat(ad.serviceAccountRoleArn()).isEqualTo(irsaRole);
        });
        assertThat(s.oidcProviders()).singleElement().isEqualTo(new OidcProvider(provider, SandboxAws.ISSUER,
                List.of("sts.amazonaws.com"), List.of("9e99a48a9960b14926bb7f3b02e22da2b0ab7280")));
    }

    @Test
    void followsCreatesUpdatesAndDeletesMadeElsewhere() {
        String first = sandbox.podIdentityRole("/", "first");
        String second = sandbox.podIdentityRole("/", "second");
        String id = sandbox.world.createPodIdentityAssociation(SandboxAws.CLUSTER, "shop", "cart", first, null,
                false, null);
        startSync();
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot().associations().size() == 1);

        AwsClients admin = connections.clients("sandbox", null);
        admin.eks().updatePodIdentityAssociation(r -> r.clusterName(SandboxAws.CLUSTER).associationId(id)
                .roleArn(second));
        String added = sandbox.world.createPodIdentityAssociation(SandboxAws.CLUSTER, "billing", "invoices", first,
                null, false, null);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(snapshot().associations())
                .extracting(PodIdentityAssociation::associationId, PodIdentityAssociation::roleArn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(added, first),
                        org.assertj.core.groups.Tuple.tuple(id, second)));

        admin.eks().deletePodIdentityAssociation(r -> r.clusterName(SandboxAws.CLUSTER).associationId(added));
        sync.refreshNow();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(snapshot().associations())
                .extracting(PodIdentityAssociation::associationId).containsExactly(id));
    }

    @Test
    void throttlingDegradesTheSourceBacksOffAndConvergesOnceItStops() {
        String role = sandbox.podIdentityRole("/", "app");
        sandbox.world.createPodIdentityAssociation(SandboxAws.CLUSTER, "shop", "cart", role, null, false, null);
        startSync();
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot().associations().size() == 1
                && snapshot().roles().containsKey(role)
                && store.sources().stream().allMatch(st -> st.state() == SourceState.LIVE));

        sandbox.world.faults().apply("eks.throttle=1.0,iam.throttle=1.0");
        String added = sandbox.world.createPodIdentityAssociation(SandboxAws.CLUSTER, "shop", "checkout", role, null,
                false, null);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(source(AssociationSource.NAME).state()).isEqualTo(SourceState.DEGRADED);
            assertThat(source(AssociationSource.NAME).reason()).contains("Throttl");
            assertThat(source(RoleSource.NAME).state()).isEqualTo(SourceState.DEGRADED);
            assertThat(sync.poller().consecutiveFailures(AssociationSource.NAME)).isGreaterThanOrEqualTo(2);
        });
        assertThat(snapshot().associations()).as("the last good data stays while throttled").hasSize(1);
        assertThat(snapshot().roles()).containsKey(role);

        sandbox.world.faults().clear();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(snapshot().associations()).extracting(PodIdentityAssociation::associationId).contains(added);
            assertThat(store.sources()).extracting(SourceStatus::state).containsOnly(SourceState.LIVE);
            assertThat(sync.poller().consecutiveFailures(AssociationSource.NAME)).isZero();
        });
    }

    @Test
    void aRoleInAnotherAccountIsReadWithThatAccountsProfileOrMarkedUnreadable() {
        String target = sandbox.world.createRole(SandboxAws.OTHER_ACCOUNT, "/cross/", "reader",
                SandboxAws.POD_IDENTITY_TRUST, null);
        referenced.add(target);
        sandbox.writeProfiles(false);
        startSync();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(snapshot().unreadableRoles())
                .containsEntry(target, "in account " + SandboxAws.OTHER_ACCOUNT + "; no profile for that account"));

        sync.close();
        connections.close();
        sandbox.writeProfiles(true);
        store = new ClusterStore("ctx", Clock.systemUTC());
        startSync();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(snapshot().roles()).containsKey(target);
            assertThat(snapshot().unreadableRoles()).doesNotContainKey(target);
        });
        assertThat(snapshot().roles().get(target).path()).isEqualTo("/cross/");
    }

    @Test
    void anExpiredSsoSessionIsReportedWithWhatToDo() throws Exception {
        java.time.Instant expired = java.time.Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        new SsoTokenCache(sandbox.environment().ssoCacheDirectory()).write("corp", new SsoToken(
                "https://corp.awsapps.com/start", "us-east-1", "stale-token", expired, null, null, null, null));
        sandbox.write("[profile corp-dev]\nsso_session = corp\nsso_account_id = " + SandboxAws.ACCOUNT
                        + "\nsso_role_name = Admin\nregion = us-west-2\nendpoint_url = " + sandbox.endpoint()
                        + "\nmax_attempts = 1\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                        + "sso_region = us-east-1\n", "");
        connections = sandbox.connections();
        AwsClients clients = connections.clients("corp-dev", null);
        AwsFailures failures = sandbox.failures();
        AwsPoller poller = new AwsPoller(store, List.of(new ClusterSource(clients.eks(), SandboxAws.CLUSTER,
                SandboxAws.REGION, store)), executor, Backoff.standard(() -> 0.5), failures, clients.profile(),
                Duration.ofSeconds(30));
        try {
            poller.start();
            String at = expired.atZone(java.time.ZoneOffset.UTC).toLocalTime().toString().substring(0, 5);
            String day = expired.atZone(java.time.ZoneOffset.UTC).toLocalDate()
                    .equals(java.time.LocalDate.now(java.time.ZoneOffset.UTC)) ? "" : expired.atZone(
                    java.time.ZoneOffset.UTC).toLocalDate() + " ";
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                SourceStatus st = source(ClusterSource.NAME);
                assertThat(st.state()).isEqualTo(SourceState.ERROR);
                assertThat(st.reason()).isEqualTo("The SSO session 'corp' expired at " + day + at
                        + "; sign in again with `aws sso login --sso-session corp` or the console's Sign in button.");
            });
            assertThat(store.cluster()).isEmpty();
        } finally {
            poller.close();
        }
    }

    @Test
    void rejectedKeysAreAnErrorOnEachSourceNotAThrottle() {
        sandbox.write("[profile stranger]\nregion = us-west-2\nendpoint_url = " + sandbox.endpoint()
                + "\nmax_attempts = 1\n", "[stranger]\naws_access_key_id = AKIAUNKNOWNUNKNOWN99\n"
                + "aws_secret_access_key = x\n");
        connections = sandbox.connections();
        AwsClients clients = connections.clients("stranger", null);
        AwsPoller poller = new AwsPoller(store, List.of(new ClusterSource(clients.eks(), SandboxAws.CLUSTER,
                SandboxAws.REGION, store), new OidcProviderSource(clients.iam(), store, 1)), executor,
                Backoff.standard(() -> 0.5), sandbox.failures(), clients.profile(), Duration.ofSeconds(30));
        try {
            poller.start();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(source(ClusterSource.NAME).state()).isEqualTo(SourceState.ERROR);
                assertThat(source(ClusterSource.NAME).reason())
                        .startsWith("The credentials of AWS profile 'stranger' were rejected (UnrecognizedClientException)");
                assertThat(source(OidcProviderSource.NAME).state()).isEqualTo(SourceState.ERROR);
                assertThat(source(OidcProviderSource.NAME).reason()).contains("(InvalidClientTokenId)");
            });
        } finally {
            poller.close();
        }
    }

    @Test
    void aRoleInAnotherAccountIsReadThroughAnAssumeRoleProfile() {
        String deployer = sandbox.world.createRole(SandboxAws.OTHER_ACCOUNT, "/ops/", "deployer",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::" + SandboxAws.ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}", null);
        String target = sandbox.world.createRole(SandboxAws.OTHER_ACCOUNT, "/", "reader",
                SandboxAws.POD_IDENTITY_TRUST, null);
        referenced.add(target);
        sandbox.write("[profile sandbox]\nregion = us-west-2\nendpoint_url = " + sandbox.endpoint()
                        + "\nmax_attempts = 1\n\n[profile data-account]\nrole_arn = " + deployer
                        + "\nsource_profile = sandbox\nregion = us-west-2\nendpoint_url = " + sandbox.endpoint() + "\n",
                "[sandbox]\naws_access_key_id = " + SandboxAws.KEY + "\naws_secret_access_key = "
                        + SandboxAws.SECRET + "\n");
        startSync();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(snapshot().roles()).containsKey(target));
        assertThat(connections.listing().profile("data-account").orElseThrow().kind())
                .isEqualTo(ProfileKind.ASSUME_ROLE);
    }
}
