package io.eksid.sandbox.aws;

import static io.eksid.sandbox.aws.EmulatorFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad requests get the error AWS would give, in the called service's protocol; nothing the client
 * sends makes the emulator fail with a 500 of its own.
 */
class MalformedRequestTest {

    private static final String EKS_AUTH = auth("eks");
    private static final String IAM_AUTH = auth("iam");

    private final AwsWorld world = new AwsWorld();
    private final AwsEmulator emulator = new AwsEmulator(world);

    MalformedRequestTest() {
        world.addAccount(EmulatorFixture.ACCOUNT, KEY, EmulatorFixture.SECRET, 2048);
        world.addCluster(EmulatorFixture.ACCOUNT, "us-west-2", "prod", "1.31", "eks.12", EmulatorFixture.ISSUER,
                "https://127.0.0.1:1", false);
        world.createRole(EmulatorFixture.ACCOUNT, "/", "app", EmulatorFixture.POD_IDENTITY_TRUST, null);
    }

    @AfterEach
    void noServerSideBugs() {
        assertThat(emulator.unexpectedErrors()).isEmpty();
    }

    private static String auth(String service) {
        return "AWS4-HMAC-SHA256 Credential=" + KEY + "/20260101/us-west-2/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";
    }

    private WireResponse call(String method, String path, String query, String auth, String body) {
        Map<String, String> headers = auth == null ? Map.of() : Map.of("authorization", auth);
        return emulator.handle(new WireRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertEksError(WireResponse r, int status, String type) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers()).containsEntry("x-amzn-ErrorType", type);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("{\"message\":");
    }

    private static void assertQueryError(WireResponse r, int status, String code) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("<ErrorResponse")
                .contains("<Code>" + code + "</Code>");
    }

    @Test
    void eksRejectsMalformedBodiesParametersAndPaths() {
        String path = "/clusters/prod/pod-identity-associations";
        assertEksError(call("POST", path, null, EKS_AUTH, "not json"), 400, "SerializationException");
        assertEksError(call("POST", path, null, EKS_AUTH, "[1,2]"), 400, "SerializationException");
        assertEksError(call("POST", path, null, EKS_AUTH, "{\"namespace\":7,\"serviceAccount\":\"a\"}"), 400, "InvalidParameterException");
        assertEksError(call("POST", path, null, EKS_AUTH, "{\"namespace\":\"a\",\"serviceAccount\":\"a\",\"roleArn\":\"arn:aws:iam::"
                + EmulatorFixture.ACCOUNT + ":role/app\",\"disableSessionTags\":\"yes\"}"), 400, "InvalidParameterException");
        assertEksError(call("POST", path, null, EKS_AUTH, "{\"namespace\":\"a\",\"serviceAccount\":\"a\",\"roleArn\":\"arn:aws:iam::"
                + EmulatorFixture.ACCOUNT + ":role/app\",\"tags\":[]}"), 400, "InvalidParameterException");
        assertEksError(call("GET", path, "maxResults=abc", EKS_AUTH, ""), 400, "InvalidParameterException");
        assertEksError(call("GET", path, "maxResults=0", EKS_AUTH, ""), 400, "InvalidParameterException");
        assertEksError(call("GET", "/clusters/pr%zzod", null, EKS_AUTH, ""), 400, "InvalidParameterException");
        assertEksError(call("GET", "/nothing/here", null, EKS_AUTH, ""), 404, "UnknownOperationException");
        assertEksError(call("PUT", "/clusters/prod", null, EKS_AUTH, ""), 404, "UnknownOperationException");
        assertEksError(call("GET", "/clusters", null, "AWS4-HMAC-SHA256 garbage", ""), 403, "IncompleteSignatureException");
        assertEksError(call("GET", "/clusters", null, auth("s3"), ""), 403, "InvalidSignatureException");
    }

    @Test
    void queryServicesRejectMalformedRequests() {
        assertQueryError(call("POST", "/", null, IAM_AUTH, "Action=GetRole"), 400, "MissingParameter");
        assertQueryError(call("POST", "/", null, IAM_AUTH, "Version=2010-05-08"), 400, "MissingAction");
        assertQueryError(call("POST", "/", null, IAM_AUTH, "Action=GetRole&Version=2010-05-08"), 400, "ValidationError");
        assertQueryError(call("POST", "/", null, IAM_AUTH, "Action=ListRoles&Version=2010-05-08&MaxItems=lots"), 400, "ValidationError");
        assertQueryError(call("POST", "/", null, IAM_AUTH, "Action=ListRoles&Version=2010-05-08&Marker=%%"), 400, "MalformedQueryString");
        assertQueryError(call("POST", "/", null, IAM_AUTH, "Action=ListRoles&Version=2010-05-08&Marker=bogus"), 400, "ValidationError");
        assertQueryError(call("POST", "/", null, IAM_AUTH, "Action=GetRole&Version=1999-01-01&RoleName=app"), 400, "InvalidAction");
        assertQueryError(call("POST", "/", null, IAM_AUTH, "Action=UpdateAssumeRolePolicy&Version=2010-05-08&RoleName=app"
                + "&PolicyDocument=%F0%9F%98%80"), 400, "ValidationError");
        assertQueryError(call("POST", "/", null, "AWS4-HMAC-SHA256 garbage", "Action=GetCallerIdentity&Version=2011-06-15"),
                403, "IncompleteSignature");
        assertQueryError(call("POST", "/", null, null, "Action=%zz&Version=2010-05-08"), 400, "MalformedQueryString");
        assertQueryError(call("POST", "/", "Action=%zz", "AWS4-HMAC-SHA256 garbage", ""), 400, "MalformedQueryString");
        WireResponse huge = call("POST", "/", null, IAM_AUTH, "x".repeat(AwsEmulator.MAX_BODY_BYTES + 1));
        assertThat(huge.status()).isEqualTo(413);
    }

    @Property(tries = 300)
    void arbitraryRequestsNeverFailOnTheServerSide(@ForAll("methods") String method, @ForAll("paths") String path,
                                                    @ForAll("services") String service,
                                                    @ForAll @StringLength(max = 120) String body,
                                                    @ForAll boolean signed) {
        WireResponse r = call(method, path, null, signed ? auth(service) : null, body);
        assertThat(r.status()).isBetween(200, 499);
        assertThat(emulator.unexpectedErrors()).isEmpty();
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "DELETE", "PUT", "HEAD");
    }

    @Provide
    Arbitrary<String> services() {
        return Arbitraries.of("eks", "iam", "sts");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("clusters", "prod", "pod-identity-associations", "addons", "update", "updates",
                        "vpc-cni", "a-00000000000000000", "%2F", "x+y", ""),
                Arbitraries.strings().alpha().numeric().ofMaxLength(8));
        return segment.list().ofMaxSize(6).map(l -> "/" + String.join("/", l));
    }
}
