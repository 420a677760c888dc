package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.ACCOUNT;
import static io.eksid.sandbox.aws.EmulatorFixture.KEY;
import static io.eksid.sandbox.aws.EmulatorFixture.OTHER_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

class StsAssumeRoleTest {

    /** A clock the test moves by hand, so session expiry needs no waiting. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"%s\"},\"Action\":\"sts:AssumeRole\"%s}]}";

    private final ManualClock clock = new ManualClock();
    private final EmulatorFixture f = new EmulatorFixture(clock);

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    @Test
    void assumedRoleCallsAsTheRoleInItsAccount() {
        String role = f.world.createRole(OTHER_ACCOUNT, "/ops/", "deployer",
                String.format(TRUST, "arn:aws:iam::" + ACCOUNT + ":root", ""), null);
        var out = f.sts(KEY).assumeRole(r -> r.roleArn(role).roleSessionName("alice").durationSeconds(900));
        assertThat(out.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(out.credentials().expiration()).isEqualTo(clock.instant().plusSeconds(900));
        assertThat(out.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + OTHER_ACCOUNT + ":assumed-role/deployer/alice");

        var me = f.sts(session(out.credentials())).getCallerIdentity();
        assertThat(me.account()).isEqualTo(OTHER_ACCOUNT);
        assertThat(me.arn()).isEqualTo("arn:aws:sts::" + OTHER_ACCOUNT + ":assumed-role/deployer/alice");
        assertThat(me.userId()).endsWith(":alice").startsWith("AROA");
        assertThat(f.iam(session(out.credentials())).getRole(r -> r.roleName("deployer")).role().arn()).isEqualTo(role);

        clock.advance(Duration.ofSeconds(901));
        assertThatThrownBy(() -> f.sts(session(out.credentials())).getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                });
        assertThatThrownBy(() -> f.eks(session(out.credentials())).listClusters()).isInstanceOfSatisfying(EksException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException"));
    }

    @Test
    void trustPolicyDecides() {
        String onlyCi = f.world.createRole(ACCOUNT, "/", "only-ci",
                String.format(TRUST, "arn:aws:iam::" + ACCOUNT + ":role/ci", ""), null);
        assertThatThrownBy(() -> f.sts(KEY).assumeRole(r -> r.roleArn(onlyCi).roleSessionName("me")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).contains("is not authorized to perform: sts:AssumeRole");
                });
        String withExternalId = f.world.createRole(ACCOUNT, "/", "partner", String.format(TRUST, ACCOUNT,
                ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"ticket-42\"}}"), null);
        assertThatThrownBy(() -> f.sts(KEY).assumeRole(r -> r.roleArn(withExternalId).roleSessionName("me")))
                .isInstanceOf(StsException.class);
        assertThat(f.sts(KEY).assumeRole(r -> r.roleArn(withExternalId).roleSessionName("me").externalId("ticket-42"))
                .credentials()).isNotNull();
        assertThatThrownBy(() -> f.sts(KEY).assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/ghost").roleSessionName("me")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        String podRole = f.podIdentityRole("pods-only");
        assertThatThrownBy(() -> f.sts(KEY).assumeRole(r -> r.roleArn(podRole).roleSessionName("me")))
                .isInstanceOf(StsException.class);
    }

    @Test
    void durationAndSessionNameAreChecked() {
        String role = f.world.createRole(ACCOUNT, "/", "r", String.format(TRUST, "*", ""), null);
        assertThatThrownBy(() -> f.sts(KEY).assumeRole(r -> r.roleArn(role).roleSessionName("me").durationSeconds(7200)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.getMessage()).contains("MaxSessionDuration");
                });
        assertThatThrownBy(() -> f.sts(KEY).assumeRole(r -> r.roleArn(role).roleSessionName("has space")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        // role chaining: a session may assume a role again, for at most one hour
        var first = f.sts(KEY).assumeRole(r -> r.roleArn(role).roleSessionName("hop1")).credentials();
        var chained = f.sts(session(first)).assumeRole(r -> r.roleArn(role).roleSessionName("hop2")).assumedRoleUser();
        assertThat(chained.arn()).endsWith(":assumed-role/r/hop2");
    }

    @Test
    void evaluatorHonoursDenyWildcardsAndIfExists() {
        var request = new AssumeRoleTrust.Request("arn:aws:iam::" + ACCOUNT + ":role/ci", ACCOUNT, null);
        String allowAndDeny = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/c?\"}}}]}";
        assertThat(AssumeRoleTrust.allows(allowAndDeny, request)).isFalse();
        String ifExists = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"" + ACCOUNT + "\"]},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEqualsIfExists\":{\"sts:ExternalId\":\"x\"}}}}";
        assertThat(AssumeRoleTrust.allows(ifExists, request)).isTrue();
        String unknownKey = ifExists.replace("sts:ExternalId", "aws:SourceVpc");
        assertThat(AssumeRoleTrust.allows(unknownKey, request)).isFalse();
        String webIdentityOnly = ifExists.replace("\"sts:AssumeRole\",", "");
        assertThat(AssumeRoleTrust.allows(webIdentityOnly, request)).isFalse();
    }
}
