package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * The device flow over HTTP with the real SDK client, against a small stand-in for the IAM Identity Center OIDC
 * service (REST-JSON, errors typed by {@code x-amzn-errortype}), reached through the profile's endpoint_url.
 */
class SsoSignInHttpTest {

    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenCalls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        paths.add(ex.getRequestMethod() + " " + path);
        ex.getRequestBody().readAllBytes();
        switch (path) {
            case "/client/register" -> send(ex, 200, null, "{\"clientId\":\"cid\",\"clientSecret\":\"csecret\","
                    + "\"clientIdIssuedAt\":1764244800,\"clientSecretExpiresAt\":1772020800}");
            case "/device_authorization" -> send(ex, 200, null, "{\"deviceCode\":\"dc\",\"userCode\":\"ABCD-EFGH\","
                    + "\"verificationUri\":\"https://device.example/\",\"verificationUriComplete\":"
                    + "\"https://device.example/?user_code=ABCD-EFGH\",\"expiresIn\":600,\"interval\":1}");
            case "/token" -> {
                int n = tokenCalls.incrementAndGet();
                if (n == 1) {
                    send(ex, 400, "AuthorizationPendingException", "{\"error\":\"authorization_pending\"}");
                } else if (n == 2) {
                    send(ex, 400, "SlowDownException", "{\"error\":\"slow_down\"}");
                } else {
                    send(ex, 200, null, "{\"accessToken\":\"at\",\"tokenType\":\"Bearer\",\"expiresIn\":3600,"
                            + "\"refreshToken\":\"rt\"}");
                }
            }
            default -> send(ex, 404, "ResourceNotFoundException", "{\"message\":\"no such operation\"}");
        }
    }

    private static void send(HttpExchange ex, int status, String errorType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            ex.getResponseHeaders().add("x-amzn-errortype", errorType);
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void signsInThroughTheProfilesEndpointAndSharesTheTokenWithTheCli() throws Exception {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        java.nio.file.Files.createDirectories(home.resolve(".aws"));
        java.nio.file.Files.writeString(home.resolve(".aws/config"), "[profile corp-dev]\nsso_session = corp\n"
                + "sso_account_id = 111122223333\nsso_role_name = Admin\nregion = us-west-2\nendpoint_url = "
                + endpoint + "\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                + "sso_region = eu-central-1\n");
        AwsEnvironment env = AwsEnvironment.of(Map.of(), home);
        AwsProfiles.Listing listing = new AwsProfiles(env).load();
        AwsProfile profile = listing.profile("corp-dev").orElseThrow();
        SsoTokenCache cache = new SsoTokenCache(env.ssoCacheDirectory());
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        List<SsoSignIn.DeviceAuthorization> shown = new CopyOnWriteArrayList<>();

        try (SsoOidcClient oidc = SsoSignIn.clientFor(profile, listing.profileFile())) {
            new SsoSignIn(cache, Clock.systemUTC(), sleeps::add).signIn(profile, oidc, shown::add, () -> false);
        }

        assertThat(paths).containsExactly("POST /client/register", "POST /device_authorization", "POST /token",
                "POST /token", "POST /token");
        assertThat(shown).singleElement().satisfies(d -> assertThat(d.userCode()).isEqualTo("ABCD-EFGH"));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(6));
        SsoToken token = cache.read("corp").orElseThrow();
        assertThat(token.accessToken()).isEqualTo("at");
        assertThat(token.refreshToken()).isEqualTo("rt");
        assertThat(token.clientId()).isEqualTo("cid");
        assertThat(token.registrationExpiresAt().getEpochSecond()).isEqualTo(1772020800L);
        assertThat(new SsoSessions(cache, Clock.systemUTC()).status(profile).orElseThrow().state())
                .isEqualTo(SsoSessions.State.SIGNED_IN);
    }
}
