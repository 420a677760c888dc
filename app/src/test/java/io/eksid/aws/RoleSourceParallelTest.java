package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.IamRole;
import io.eksid.model.Partition;
import io.eksid.model.concurrent.ParallelReads;
import io.eksid.model.store.ClusterStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;

/**
 * The roles source against the IAM emulator over HTTP with the real SDK client. With ListRoles denied, every
 * referenced role is read by GetRole: many at once within the limit, the same store as one at a time, one request
 * per role and no policy listings (what a role may do is the role permissions source's), and a failed read that
 * costs only its own role.
 */
class RoleSourceParallelTest {

    private static final int ROLES = 24;

    @TempDir
    Path home;

    private SandboxAws sandbox;
    private AwsConnections connections;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<String> arns = new ArrayList<>();

    /** Denies ListRoles, counts requests by operation and in flight, and fails the GetRole of one role when asked. */
    private static final class Probe implements ExecutionInterceptor {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        volatile String failReadOf;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest r = context.request();
            requests.computeIfAbsent(r.getClass().getSimpleName().replace("Request", ""),
                    k -> new AtomicInteger()).incrementAndGet();
            if (r instanceof ListRolesRequest) {
                throw IamException.builder().statusCode(403).message("not allowed to list roles")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build();
            }
            if (r instanceof GetRoleRequest g && g.roleName().equals(failReadOf)) {
                throw SdkClientException.create("connection reset while reading " + g.roleName());
            }
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            inFlight.decrementAndGet();
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            boolean ours = context.exception() instanceof IamException
                    || context.exception() instanceof SdkClientException e
                    && e.getMessage().startsWith("connection reset while reading");
            if (!ours) {
                inFlight.decrementAndGet();
            }
        }

        int count(String operation) {
            AtomicInteger n = requests.get(operation);
            return n == null ? 0 : n.get();
        }
    }

    @BeforeEach
    void start() {
        sandbox = new SandboxAws(home);
        connections = sandbox.connections();
        for (int i = 0; i < ROLES; i++) {
            String arn = sandbox.podIdentityRole("/", "app-" + i);
            sandbox.world.attachRolePolicy(arn, "arn:aws:iam::aws:policy/ReadOnlyAccess");
            arns.add(arn);
        }
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        connections.close();
        sandbox.close();
    }

    private IamClient iam(Probe probe) {
        // Endpoint and region from the sandbox profile, as the console's clients get them.
        ProfileFile config = ProfileFile.builder().content(home.resolve(".aws").resolve("config"))
                .type(ProfileFile.Type.CONFIGURATION).build();
        return IamClient.builder().region(Region.of(SandboxAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(SandboxAws.KEY, SandboxAws.SECRET)))
                .overrideConfiguration(c -> c.defaultProfileFile(config).defaultProfileName("sandbox")
                        .addExecutionInterceptor(probe))
                .build();
    }

    private static ClusterStore store() {
        ClusterStore store = new ClusterStore("ctx", Clock.systemUTC());
        store.setCluster(new ClusterInfo(SandboxAws.CLUSTER, null, SandboxAws.ACCOUNT, Partition.AWS,
                SandboxAws.REGION, SandboxAws.ISSUER, null, null, false));
        return store;
    }

    private RoleSource source(IamClient iam, ClusterStore store, ParallelReads reads) {
        AccountProfiles others = new AccountProfiles(connections, new SsoSessions(
                new SsoTokenCache(sandbox.environment().ssoCacheDirectory()), Clock.systemUTC()), SandboxAws.REGION);
        return new RoleSource(iam, store, () -> Set.copyOf(arns), others, reads);
    }

    private static Map<String, IamRole> roles(ClusterStore store) {
        return store.snapshot(store.cluster().orElseThrow()).roles();
    }

    @Test
    void manyRolesAtOnceWithinTheLimitGiveTheSameStoreAsOneAtATime() {
        Probe parallelProbe = new Probe();
        Probe sequentialProbe = new Probe();
        ClusterStore parallel = store();
        ClusterStore sequential = store();
        try (IamClient a = iam(parallelProbe); IamClient b = iam(sequentialProbe)) {
            assertThat(source(a, parallel, new ParallelReads("iam", pool, 6)).refresh())
                    .startsWith("ListRoles is denied (AccessDenied)");
            assertThat(source(b, sequential, ParallelReads.sequential("iam")).refresh())
                    .startsWith("ListRoles is denied (AccessDenied)");
        }

        assertThat(roles(parallel)).hasSize(ROLES).isEqualTo(roles(sequential));
        assertThat(roles(parallel).get(arns.get(7)).trustPolicyJson()).contains("pods.eks.amazonaws.com");
        assertThat(parallelProbe.peak.get()).isBetween(2, 6);
        assertThat(sequentialProbe.peak.get()).isEqualTo(1);
        // One GetRole per role and nothing else: the policy listings (two per role) are no longer read here.
        for (Probe p : List.of(parallelProbe, sequentialProbe)) {
            assertThat(p.count("GetRole")).isEqualTo(ROLES);
            assertThat(p.count("ListAttachedRolePolicies") + p.count("ListRolePolicies")).isZero();
            assertThat(p.requests.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(ROLES + 1);
        }
    }

    @Test
    void aFailedReadCostsOnlyThatRoleWhichKeepsWhatWasReadBefore() {
        Probe probe = new Probe();
        ClusterStore store = store();
        String changed = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
                + "\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Sid\":\"changed\"}]}";
        try (IamClient iam = iam(probe)) {
            RoleSource source = source(iam, store, new ParallelReads("iam", pool, 6));
            source.refresh();
            sandbox.world.updateAssumeRolePolicy(arns.get(3), changed);
            sandbox.world.updateAssumeRolePolicy(arns.get(4), changed);
            probe.failReadOf = "app-3";

            String partial = source.refresh();

            assertThat(partial).contains("1 IAM read(s) failed, the last known data is kept (")
                    .contains("connection reset while reading app-3");
        }
        Map<String, IamRole> roles = roles(store);
        assertThat(roles).hasSize(ROLES);
        assertThat(roles.get(arns.get(3)).trustPolicyJson()).as("the last read of the failed role")
                .doesNotContain("changed");
        assertThat(roles.get(arns.get(4)).trustPolicyJson()).as("the others are read as usual").contains("changed");
    }
}
