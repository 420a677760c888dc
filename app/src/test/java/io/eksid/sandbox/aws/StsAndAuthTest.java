package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.ACCOUNT;
import static io.eksid.sandbox.aws.EmulatorFixture.KEY;
import static io.eksid.sandbox.aws.EmulatorFixture.OTHER_ACCOUNT;
import static io.eksid.sandbox.aws.EmulatorFixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.model.StsException;

class StsAndAuthTest {

    private final EmulatorFixture f = new EmulatorFixture();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void callerIdentityFollowsTheAccessKey() {
        var me = f.sts(KEY).getCallerIdentity();
        assertThat(me.account()).isEqualTo(ACCOUNT);
        assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/sandbox-admin");
        assertThat(me.userId()).startsWith("AIDA").hasSize(21);
        assertThat(f.sts(OTHER_KEY).getCallerIdentity().account()).isEqualTo(OTHER_ACCOUNT);
    }

    @Test
    void unknownAccessKeysAreRejectedLikeAws() {
        String unknown = "AKIAUNKNOWNKEY000000";
        assertThatThrownBy(() -> f.sts(unknown).getCallerIdentity()).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
        });
        assertThatThrownBy(() -> f.iam(unknown, false).listRoles()).isInstanceOfSatisfying(IamException.class, e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        assertThatThrownBy(() -> f.eks(unknown, false).listClusters()).isInstanceOfSatisfying(EksException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        });
    }

    @Test
    void unsignedRequestsAreRejected() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var query = http.send(HttpRequest.newBuilder(URI.create(f.emulator.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(query.statusCode()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>MissingAuthenticationToken</Code>")
                .contains("xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"");
        var rest = http.send(HttpRequest.newBuilder(URI.create(f.emulator.endpoint() + "/clusters")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThat(rest.body()).contains("\"message\"");
    }

    @Test
    void unknownActionsAreInvalidAction() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var r = http.send(HttpRequest.newBuilder(URI.create(f.emulator.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY
                        + "/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString("Action=LaunchRockets&Version=2010-05-08")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidAction</Code>").contains("<Type>Sender</Type>");
    }
}
