package io.eksid.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsProfileFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheProfileAndKeepsEveryOtherOne() throws Exception {
        Path config = dir.resolve("config");
        Path credentials = dir.resolve("credentials");
        Files.writeString(config, "[default]\nregion = eu-west-1\n\n[profile sandbox]\nregion = old\n\n[profile work]\nregion = us-east-1\n");
        Files.writeString(credentials, "[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = w\n");
        Account account = new AwsWorld().addAccount("111122223333", "AKIASANDBOXEXAMPLE01", "s3cr3t");

        AwsProfileFiles.writeProfile(config, credentials, "sandbox", account, "us-west-2", URI.create("http://127.0.0.1:4566"));
        AwsProfileFiles.writeProfile(config, credentials, "sandbox", account, "us-west-2", URI.create("http://127.0.0.1:4567"));

        String c = Files.readString(config);
        assertThat(c).contains("[default]\nregion = eu-west-1", "[profile work]\nregion = us-east-1")
                .contains("[profile sandbox]\nregion = us-west-2\noutput = json\nendpoint_url = http://127.0.0.1:4567")
                .doesNotContain("region = old").doesNotContain("4566");
        assertThat(c.split("\\[profile sandbox]", -1)).hasSize(2);
        String k = Files.readString(credentials);
        assertThat(k).contains("[work]\naws_access_key_id = AKIAWORK")
                .contains("[sandbox]\naws_access_key_id = AKIASANDBOXEXAMPLE01\naws_secret_access_key = s3cr3t");
        assertThat(k.split("\\[sandbox]", -1)).hasSize(2);
    }
}
