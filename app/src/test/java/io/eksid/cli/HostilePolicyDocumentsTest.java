package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy documents no one should write, through {@code eksid trust explain}: each is refused (exit 2) or
 * evaluated (exit 0) with one message, never a StackOverflowError, a stack trace or a hang. The timeouts are a
 * guard against a hang only, far above any expected time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostilePolicyDocumentsTest {

    private static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/ABC";
    private static final String STATEMENT = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run explain(Path policy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EksidCommand.run(new String[] {"trust", "explain", "--policy", policy.toString(), "--account",
            "111122223333", "--region", "us-west-2", "--cluster", "prod", "--oidc-issuer", "https://" + ISSUER,
            "--pod-identity"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void refusedInOneLine(Run r, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("error: ").contains(expected).doesNotContain("\n")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void malformed() throws Exception {
        refusedInOneLine(explain(write("m.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":}]}")),
                "line 1");
    }

    @Test
    void truncated() throws Exception {
        String whole = "{\"Version\":\"2012-10-17\",\"Statement\":[" + STATEMENT + "]}";
        refusedInOneLine(explain(write("t.json", whole.substring(0, whole.length() / 2))), "not valid");
    }

    @Test
    void binary() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path p = dir.resolve("b.bin");
        Files.write(p, noise);
        refusedInOneLine(explain(p), "is not valid UTF-8 text (a binary file?)");
        // bytes that happen to be UTF-8 but are no JSON
        Files.write(p, new byte[] {0x01, 0x02, 0x7f, 0x00, 0x41});
        refusedInOneLine(explain(p), "not valid");
    }

    @Test
    void empty() throws Exception {
        refusedInOneLine(explain(write("e.json", "")), "not valid");
    }

    @Test
    void tenThousandLevelsOfNesting() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        refusedInOneLine(explain(write("d.json", "{\"Version\":\"2012-10-17\",\"Statement\":" + deep + "}")),
                "nests deeper than");
        refusedInOneLine(explain(write("d2.json", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))),
                "nests deeper than");
    }

    @Test
    void oneMegabyteOfWhiteSpaceAroundAValidPolicyIsEvaluated() throws Exception {
        String policy = " ".repeat(1 << 20) + "{\"Version\":\"2012-10-17\",\"Statement\":[" + STATEMENT + "]}";
        Run r = explain(write("big.json", policy));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("ALLOWED");
    }

    @Test
    void oneMegabyteStringValueIsEvaluatedAndReportedOverTheQuota() throws Exception {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + "x".repeat(1 << 20) + "\","
                + STATEMENT.substring(1) + "]}";
        Run r = explain(write("sid.json", policy));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("of 2,048 characters");
    }

    @Test
    void oneHundredThousandStatements() throws Exception {
        StringBuilder b = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = 0; i < 100_000; i++) {
            b.append(i == 0 ? "" : ",").append("{\"Sid\":\"S").append(i).append("\",\"Effect\":\"Deny\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::999999999999:root\"},\"Action\":\"sts:AssumeRole\"}");
        }
        b.append(",").append(STATEMENT).append("]}");
        Run r = explain(write("many.json", b.toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("ALLOWED (statement 100000)");
    }
}
