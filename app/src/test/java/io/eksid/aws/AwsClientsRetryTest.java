package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

class AwsClientsRetryTest {

    private static ProfileFile config(String text) {
        return ProfileFile.builder().content(text).type(ProfileFile.Type.CONFIGURATION).build();
    }

    @Test
    void standardRetriesWithRoomForSustainedThrottlingByDefault() {
        RetryStrategy s = AwsClients.retryStrategy(config("[profile p]\nregion = us-west-2\n"), "p");

        assertThat(s).isInstanceOf(StandardRetryStrategy.class);
        assertThat(s.maxAttempts()).isEqualTo(AwsClients.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void anAdaptiveModeTheAdminChoseIsKept() {
        RetryStrategy s = AwsClients.retryStrategy(config("[profile p]\nretry_mode = adaptive\n"), "p");

        assertThat(s).isInstanceOf(AdaptiveRetryStrategy.class);
    }

    @Test
    void theProfilesRetryModeAndMaxAttemptsWin() {
        RetryStrategy s = AwsClients.retryStrategy(config("[profile p]\nretry_mode = standard\nmax_attempts = 7\n"),
                "p");

        assertThat(s).isInstanceOf(StandardRetryStrategy.class);
        assertThat(s.maxAttempts()).isEqualTo(7);
        assertThat(AwsClients.retryStrategy(config("[profile p]\nmax_attempts = zero\n"), "p").maxAttempts())
                .isGreaterThan(1);
    }
}
