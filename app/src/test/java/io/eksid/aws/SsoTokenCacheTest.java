package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoTokenCacheTest {

    @TempDir
    Path dir;

    @Test
    void namesTheFileBySha1OfTheSessionNameLikeTheAwsCli() {
        SsoTokenCache cache = new SsoTokenCache(dir);

        // SHA-1 of the session name, as `aws sso login` names its cache files (values computed independently).
        assertThat(cache.fileFor("corp").getFileName().toString())
                .isEqualTo("ee0bfd2552fbd840c02cc48b6e823320543c450f.json");
        assertThat(cache.fileFor("my-sso").getFileName().toString())
                .isEqualTo("0ad374308c5a4e22f723adf10145eafad7c4031c.json");
        assertThat(sha1Hex("abc")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void writesTheCliFormatAndReadsItBack() throws Exception {
        SsoTokenCache cache = new SsoTokenCache(dir.resolve("sso/cache"));
        SsoToken token = new SsoToken("https://corp.awsapps.com/start", "eu-central-1", "access-secret",
                Instant.parse("2026-11-27T14:02:00Z"), "refresh-secret", "client-id", "client-secret",
                Instant.parse("2027-02-25T00:00:00Z"));

        Path file = cache.write("corp", token);

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("accessToken").asText()).isEqualTo("access-secret");
        assertThat(json.get("expiresAt").asText()).isEqualTo("2026-11-27T14:02:00Z");
        assertThat(json.get("refreshToken").asText()).isEqualTo("refresh-secret");
        assertThat(json.get("clientId").asText()).isEqualTo("client-id");
        assertThat(json.get("clientSecret").asText()).isEqualTo("client-secret");
        assertThat(json.get("registrationExpiresAt").asText()).isEqualTo("2027-02-25T00:00:00Z");
        assertThat(json.get("region").asText()).isEqualTo("eu-central-1");
        assertThat(json.get("startUrl").asText()).isEqualTo("https://corp.awsapps.com/start");
        assertThat(cache.read("corp")).contains(token);
        assertThat(token.toString()).doesNotContain("access-secret", "refresh-secret", "client-secret");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void readsTheOlderUtcSuffixAndAMinimalTokenFile() throws Exception {
        SsoTokenCache cache = new SsoTokenCache(dir);
        Files.writeString(cache.fileFor("https://legacy.awsapps.com/start"),
                "{\"accessToken\":\"a\",\"expiresAt\":\"2026-11-27T14:02:00UTC\",\"region\":\"us-east-1\"}");

        SsoToken token = cache.read("https://legacy.awsapps.com/start").orElseThrow();

        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-11-27T14:02:00Z"));
        assertThat(token.refreshable(Instant.EPOCH)).isFalse();
    }

    @Test
    void noFileIsEmptyAndABrokenFileIsASpecificError() throws Exception {
        SsoTokenCache cache = new SsoTokenCache(dir);
        assertThat(cache.read("nobody")).isEmpty();

        Files.writeString(cache.fileFor("broken"), "{not json");
        assertThatThrownBy(() -> cache.read("broken")).isInstanceOf(AwsSetupException.class)
                .hasMessageContaining(cache.fileFor("broken").toString()).hasMessageContaining("not valid JSON");

        Files.writeString(cache.fileFor("partial"), "{\"startUrl\":\"x\"}");
        assertThatThrownBy(() -> cache.read("partial")).isInstanceOf(AwsSetupException.class)
                .hasMessageContaining("no accessToken or expiresAt");
    }

    static String sha1Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
