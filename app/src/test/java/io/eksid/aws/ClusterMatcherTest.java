package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.ClusterInfo;
import io.eksid.model.ExecHints;
import io.eksid.model.Partition;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterMatcherTest {

    @TempDir
    Path home;

    private SandboxAws sandbox;
    private AwsConnections connections;
    private ClusterMatcher matcher;

    @BeforeEach
    void start() {
        sandbox = new SandboxAws(home);
        sandbox.world.addCluster(SandboxAws.ACCOUNT, SandboxAws.REGION, "staging", "1.30", "eks.20", null,
                "https://127.0.0.1:7443", true);
        connections = sandbox.connections();
        matcher = new ClusterMatcher(connections, sandbox.failures());
    }

    @AfterEach
    void stop() {
        connections.close();
        sandbox.close();
    }

    @Test
    void matchesByTheExecPluginsClusterNameRegionAndProfile() {
        ExecHints hints = new ExecHints("ctx", "https://unrelated.example:443", "prod", SandboxAws.REGION, "sandbox",
                null);

        ClusterMatch m = matcher.match(hints, null);

        assertThat(m).isInstanceOfSatisfying(ClusterMatch.Matched.class, matched -> {
            assertThat(matched.how()).isEqualTo("the exec plugin's cluster name");
            assertThat(matched.profile()).isEqualTo("sandbox");
            assertThat(matched.region()).isEqualTo(SandboxAws.REGION);
            ClusterInfo c = matched.cluster();
            assertThat(c.name()).isEqualTo("prod");
            assertThat(c.account()).isEqualTo(SandboxAws.ACCOUNT);
            assertThat(c.partition()).isEqualTo(Partition.AWS);
            assertThat(c.arn()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/prod");
            assertThat(c.oidcIssuer()).isEqualTo(SandboxAws.ISSUER);
            assertThat(c.oidcProviderArn()).contains(SandboxAws.PROVIDER_ARN);
            assertThat(c.version()).isEqualTo("1.31");
            assertThat(c.platformVersion()).isEqualTo("eks.12");
            assertThat(c.autoMode()).isFalse();
        });
    }

    @Test
    void matchesByTheApiServerUrlWhenTheContextNamesNoCluster() {
        ExecHints hints = new ExecHints("ctx", "https://127.0.0.1:7443/", null, null, "sandbox", null);

        ClusterMatch m = matcher.match(hints, null);

        assertThat(m).isInstanceOfSatisfying(ClusterMatch.Matched.class, matched -> {
            assertThat(matched.how()).isEqualTo("the API server URL");
            assertThat(matched.cluster().name()).isEqualTo("staging");
            assertThat(matched.cluster().autoMode()).isTrue();
            assertThat(matched.cluster().oidcIssuer()).isNull();
        });
    }

    @Test
    void anUnknownNameFallsBackToTheServerUrl() {
        ExecHints hints = new ExecHints("ctx", SandboxAws.CLUSTER_SERVER, "renamed", null, "sandbox", null);

        assertThat(matcher.match(hints, null)).isInstanceOfSatisfying(ClusterMatch.Matched.class,
                matched -> assertThat(matched.cluster().name()).isEqualTo("prod"));
    }

    @Test
    void needsTheAdminsChoiceWhenNothingFitsAndThenUsesIt() {
        ExecHints hints = new ExecHints("ctx", "https://10.0.0.1:443", null, null, "sandbox", null);

        ClusterMatch m = matcher.match(hints, null);

        assertThat(m).isInstanceOfSatisfying(ClusterMatch.NeedsChoice.class, choice -> {
            assertThat(choice.candidates()).extracting(ClusterInfo::name).containsExactlyInAnyOrder("prod",
                    "staging");
            assertThat(choice.reason()).contains("No cluster in us-west-2 has the endpoint https://10.0.0.1:443");
        });
        assertThat(matcher.match(hints, "staging")).isInstanceOfSatisfying(ClusterMatch.Matched.class, matched -> {
            assertThat(matched.cluster().name()).isEqualTo("staging");
            assertThat(matched.how()).isEqualTo("your earlier choice");
        });
    }

    @Test
    void anUnknownProfileOrRejectedKeysMakeMatchingUnavailableWithTheReason() {
        ExecHints noProfile = new ExecHints("ctx", SandboxAws.CLUSTER_SERVER, "prod", null, "missing", null);
        assertThat(matcher.match(noProfile, null)).isInstanceOfSatisfying(ClusterMatch.Unavailable.class,
                u -> assertThat(u.reason()).contains("no AWS profile named 'missing'"));

        sandbox.write("[profile stranger]\nregion = us-west-2\nendpoint_url = " + sandbox.endpoint()
                        + "\nmax_attempts = 1\n",
                "[stranger]\naws_access_key_id = AKIAUNKNOWNUNKNOWN99\naws_secret_access_key = x\n");
        connections.reload();
        ExecHints stranger = new ExecHints("ctx", SandboxAws.CLUSTER_SERVER, "prod", null, "stranger", null);
        assertThat(matcher.match(stranger, null)).isInstanceOfSatisfying(ClusterMatch.Unavailable.class,
                u -> assertThat(u.failure()).isNotNull());
    }
}
