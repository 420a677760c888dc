package io.eksid.cli;

import io.eksid.aws.AwsEnvironment;
import io.eksid.aws.SsoLogin;
import io.eksid.aws.SsoSignInException;
import io.eksid.aws.SsoToken;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eksid login}: IAM Identity Center sign-in with the device flow, sharing the AWS CLI's token cache. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Sign a profile in to IAM Identity Center (device flow); the AWS CLI shares the token.")
public final class LoginCommand implements Callable<Integer> {

    @Option(names = "--profile", description = "The AWS profile (default: AWS_PROFILE or 'default').")
    String profile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the AWS files are; the process environment, or a test's. */
    java.util.function.Supplier<AwsEnvironment> environment = AwsEnvironment::system;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SsoToken token = new SsoLogin(environment.get(), Clock.systemUTC()).signIn(profile, auth -> {
                out.println("Open " + (auth.verificationUriComplete() != null ? auth.verificationUriComplete()
                        : auth.verificationUri()) + " and confirm the code " + auth.userCode()
                        + " (valid until " + auth.expiresAt() + ").");
                out.flush();
            }, () -> Thread.currentThread().isInterrupted());
            out.println("Signed in; the session is valid until " + token.expiresAt() + ".");
            return 0;
        } catch (SsoSignInException e) {
            return CliErrors.report(err, "login", "", null, e);
        }
    }
}
