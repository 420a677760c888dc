package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Resource element wildcards as the IAM docs describe them ("Using wildcards in resource ARNs"). */
class ResourcePatternsTest {

    private static boolean m(String pattern, String resource) {
        return ResourcePatterns.matches(Glob.of(pattern), resource);
    }

    @Test
    void aStarInsideASegmentStaysInIt() {
        assertThat(m("arn:aws:dynamodb:us-*-2:111122223333:table/t", "arn:aws:dynamodb:us-west-2:111122223333:table/t"))
                .isTrue();
        // the * is not last in its segment, so it cannot swallow the colons of "eu:x-2"
        assertThat(m("arn:aws:dynamodb:us-*-2:1:table/t", "arn:aws:dynamodb:us-a:b-2:1:table/t")).isFalse();
    }

    @Test
    void aStarEndingASegmentMayExpandBeyondColons() {
        assertThat(m("arn:aws:ec2:*", "arn:aws:ec2:us-west-2:111122223333:instance/i-1")).isTrue();
        assertThat(m("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a:b/c")).isTrue();
        assertThat(m("*", "anything:at:all")).isTrue();
    }

    @Test
    void questionMarkIsOneCharacterAndMatchingIsCaseSensitive() {
        assertThat(m("arn:aws:s3:::logs-202?/*", "arn:aws:s3:::logs-2026/x")).isTrue();
        assertThat(m("arn:aws:s3:::logs-202?/*", "arn:aws:s3:::logs-20266/x")).isFalse();
        assertThat(m("arn:aws:s3:::Logs/*", "arn:aws:s3:::logs/x")).isFalse();
    }
}
