package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.aws.AwsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoginCommandTest {

    @TempDir
    Path home;

    private int run(StringWriter err, String... args) throws Exception {
        Path config = home.resolve("config");
        Files.writeString(config, "[profile static]\nregion = us-west-2\n");
        Files.writeString(home.resolve("credentials"), "[static]\naws_access_key_id = AKIAEXAMPLE\n"
                + "aws_secret_access_key = secret\n");
        LoginCommand login = new LoginCommand();
        login.environment = () -> AwsEnvironment.of(Map.of("AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString()), home);
        CommandLine cl = new CommandLine(login);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void profileWithoutIdentityCenterIsRefusedWithTheReason() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--profile", "static")).isEqualTo(2);
        assertThat(err.toString()).contains("does not use IAM Identity Center");
    }

    @Test
    void unknownProfileSaysWhereItLooked() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--profile", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("no AWS profile named 'nope'").contains("config");
    }
}
