package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.store.SourceState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsFailuresTest {

    @TempDir
    Path dir;

    private static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("msg " + code).build())
                .build();
    }

    private AwsFailures failures() {
        return new AwsFailures(new SsoSessions(new SsoTokenCache(dir),
                Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneId.of("UTC"))));
    }

    private static final AwsProfile KEYS = new AwsProfile("keys", ProfileKind.STATIC_KEYS, "us-west-2", false, null,
            null, null, null, null, null);

    @Test
    void throttlingAsEksAndIamSpellItIsDegradedAndThrottled() {
        for (AwsServiceException e : new AwsServiceException[]{error("ThrottlingException", 429),
                error("Throttling", 400), error("TooManyRequestsException", 429)}) {
            AwsFailure f = failures().classify(e, KEYS);
            assertThat(f.state()).isEqualTo(SourceState.DEGRADED);
            assertThat(f.throttled()).isTrue();
            assertThat(AwsFailures.isThrottling(e)).isTrue();
        }
    }

    @Test
    void accessDeniedIsForbiddenAndServerErrorsAreDegraded() {
        AwsFailure denied = failures().classify(error("AccessDenied", 403), KEYS);
        assertThat(denied.state()).isEqualTo(SourceState.FORBIDDEN);
        assertThat(denied.reason()).isEqualTo("AccessDenied: msg AccessDenied");
        assertThat(failures().classify(error("AccessDeniedException", 403), KEYS).state())
                .isEqualTo(SourceState.FORBIDDEN);
        AwsFailure server = failures().classify(error("ServerException", 500), KEYS);
        assertThat(server.state()).isEqualTo(SourceState.DEGRADED);
        assertThat(server.throttled()).isFalse();
        assertThat(failures().classify(error("InvalidParameterException", 400), KEYS).state())
                .isEqualTo(SourceState.ERROR);
    }

    @Test
    void rejectedCredentialsOfAnSsoProfileAreExplainedFromTheTokenCache() {
        new SsoTokenCache(dir).write("corp", new SsoToken("u", "eu-central-1", "t",
                Instant.parse("2026-11-27T14:02:00Z"), null, null, null, null));
        AwsProfile sso = new AwsProfile("corp-dev", ProfileKind.SSO_SESSION, "us-west-2", false, "corp",
                "https://corp.awsapps.com/start", "eu-central-1", "Admin", null, "777788889999");

        AwsFailure fromService = failures().classify(error("ExpiredTokenException", 400), sso);
        AwsFailure fromProvider = failures().classify(SdkClientException.create(
                "Unable to load credentials from any of the providers: the SSO token is expired"), sso);

        for (AwsFailure f : new AwsFailure[]{fromService, fromProvider}) {
            assertThat(f.state()).isEqualTo(SourceState.ERROR);
            assertThat(f.reason()).isEqualTo("The SSO session 'corp' expired at 14:02; sign in again with "
                    + "`aws sso login --sso-session corp` or the console's Sign in button.");
        }
        assertThat(failures().classify(error("ExpiredToken", 403), KEYS).reason())
                .contains("credentials of AWS profile 'keys' were rejected");
    }
}
