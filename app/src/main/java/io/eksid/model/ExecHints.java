package io.eksid.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a kubeconfig context says about its EKS cluster, as plain strings (read once, in {@code kube}, and matched
 * against EKS in {@code aws}): the exec plugin's arguments
 * ({@code aws eks get-token --cluster-name X --region R --profile P}, {@code aws-iam-authenticator token -i X})
 * and its {@code AWS_PROFILE} / {@code AWS_REGION} environment, plus the API server URL. Any part may be null.
 *
 * @param serverUrl the context's cluster {@code server}, e.g. {@code https://ABC.gr7.us-west-2.eks.amazonaws.com}
 * @param roleArn   {@code --role-arn} / {@code -r}: the role kubectl assumes (informational)
 */
public record ExecHints(String contextName, String serverUrl, String clusterName, String region, String profile,
                        String roleArn) {

    /**
     * Reads the hints from a kubeconfig exec plugin: {@code aws eks get-token --cluster-name N --region R
     * [--profile P] [--role-arn A]} (also {@code --flag=value}), {@code aws-iam-authenticator token -i N [-r A]}
     * (and {@code --cluster-id N}, which some wrappers pass to either),
     * either wrapped in {@code aws-vault exec P -- ...}, and the plugin's {@code AWS_PROFILE},
     * {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}. Command-line flags win over the environment.
     *
     * @param command the exec {@code command}, or null when the context has no exec plugin
     */
    public static ExecHints fromExec(String contextName, String serverUrl, String command, List<String> args,
                                     Map<String, String> env) {
        List<String> a = args == null ? List.of() : args;
        Map<String, String> e = env == null ? Map.of() : env;
        String name = flag(a, "--cluster-name");
        String base = command == null ? "" : command.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("(?i)\\.exe$", "");
        boolean authenticator = base.equals("aws-iam-authenticator") || a.contains("aws-iam-authenticator");
        if (name == null) {
            name = authenticator ? flag(a, "-i", "--cluster-id") : flag(a, "--cluster-id");
        }
        String role = flag(a, "--role-arn");
        if (role == null && authenticator) {
            role = flag(a, "-r", "--role");
        }
        String profile = flag(a, "--profile");
        if (profile == null && base.equals("aws-vault") && a.size() > 1 && a.get(0).equals("exec")) {
            profile = a.get(1);
        }
        if (profile == null) {
            profile = e.get("AWS_PROFILE");
        }
        String region = flag(a, "--region");
        if (region == null) {
            region = e.getOrDefault("AWS_REGION", e.get("AWS_DEFAULT_REGION"));
        }
        return new ExecHints(contextName, serverUrl, name, region, profile, role);
    }

    /** The value of the first of {@code names} given as {@code name value} or {@code name=value}. */
    private static String flag(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            for (String n : names) {
                if (arg.equals(n) && i + 1 < args.size()) {
                    return blankToNull(args.get(i + 1));
                }
                if (arg.startsWith(n + "=")) {
                    return blankToNull(arg.substring(n.length() + 1));
                }
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public static ExecHints none(String contextName, String serverUrl) {
        return new ExecHints(contextName, serverUrl, null, null, null, null);
    }

    /** These hints with the region and profile the user chose instead, where given (null keeps the hint's). */
    public ExecHints withOverrides(String chosenRegion, String chosenProfile) {
        return new ExecHints(contextName, serverUrl, clusterName, chosenRegion != null ? chosenRegion : region,
                chosenProfile != null ? chosenProfile : profile, roleArn);
    }

    public Optional<String> clusterNameIfSet() {
        return blankToEmpty(clusterName);
    }

    public Optional<String> regionIfSet() {
        return blankToEmpty(region);
    }

    public Optional<String> profileIfSet() {
        return blankToEmpty(profile);
    }

    public Optional<String> serverUrlIfSet() {
        return blankToEmpty(serverUrl);
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
