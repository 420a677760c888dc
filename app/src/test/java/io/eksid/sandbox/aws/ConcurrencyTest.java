package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;

class ConcurrencyTest {

    private final EmulatorFixture f = new EmulatorFixture();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() throws Exception {
        pool.shutdownNow();
        f.close();
    }

    private static String trust(String sid) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
    }

    @Test
    void parallelUpdateAssumeRolePolicyNeverLosesOrTearsState() throws Exception {
        var iam = f.iam();
        for (int t = 0; t < 8; t++) {
            f.world.createRole(EmulatorFixture.ACCOUNT, "/", "own-" + t, trust("start"), null);
        }
        f.world.createRole(EmulatorFixture.ACCOUNT, "/", "shared", trust("start"), null);
        Set<String> writtenToShared = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    String own = trust("t" + thread + "i" + i);
                    iam.updateAssumeRolePolicy(r -> r.roleName("own-" + thread).policyDocument(own));
                    String shared = trust("s" + thread + "i" + i);
                    writtenToShared.add(shared);
                    iam.updateAssumeRolePolicy(r -> r.roleName("shared").policyDocument(shared));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        for (int t = 0; t < 8; t++) {
            int thread = t;
            String doc = iam.getRole(r -> r.roleName("own-" + thread)).role().assumeRolePolicyDocument();
            assertThat(URLDecoder.decode(doc, StandardCharsets.UTF_8)).isEqualTo(trust("t" + thread + "i11"));
        }
        String shared = URLDecoder.decode(iam.getRole(r -> r.roleName("shared")).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8);
        assertThat(writtenToShared).contains(shared);
    }

    @Test
    void racingCreatesForOneServiceAccountYieldExactlyOneAssociation() throws Exception {
        String role = f.podIdentityRole("app");
        var eks = f.eks();
        AtomicInteger inUse = new AtomicInteger();
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            racers.add(() -> {
                try {
                    return eks.createPodIdentityAssociation(r -> r.clusterName(CLUSTER).namespace("web").serviceAccount("frontend")
                            .roleArn(role)).association().associationId();
                } catch (ResourceInUseException e) {
                    inUse.incrementAndGet();
                    return null;
                }
            });
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> future : pool.invokeAll(racers)) {
            if (future.get() != null) {
                ids.add(future.get());
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(inUse.get()).isEqualTo(15);
        assertThat(f.world.podIdentityAssociations(CLUSTER)).hasSize(1);
    }
}
