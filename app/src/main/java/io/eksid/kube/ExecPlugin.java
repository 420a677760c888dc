package io.eksid.kube;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kubeconfig {@code users[].user.exec} credential plugin, such as {@code aws eks get-token --cluster-name X}
 * or {@code aws-iam-authenticator token -i X}.
 *
 * @param command     the program, as written (relative paths are resolved against the kubeconfig's folder)
 * @param args        its arguments
 * @param env         extra environment variables, for example {@code AWS_PROFILE}
 * @param apiVersion  the ExecCredential version it speaks ({@code client.authentication.k8s.io/v1beta1} ...)
 * @param installHint the text the kubeconfig offers when the program is missing, or empty
 */
public record ExecPlugin(String command, List<String> args, Map<String, String> env, String apiVersion,
                         String installHint) {

    public ExecPlugin {
        Objects.requireNonNull(command, "command");
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
        apiVersion = apiVersion == null ? "" : apiVersion;
        installHint = installHint == null ? "" : installHint;
    }

    /** The command line as an admin would type it (for messages; it carries no secrets). */
    public String commandLine() {
        return args.isEmpty() ? command : command + " " + String.join(" ", args);
    }
}
