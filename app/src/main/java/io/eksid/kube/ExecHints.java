package io.eksid.kube;

import java.util.List;
import java.util.Optional;

/**
 * What a context's exec plugin tells about its EKS cluster, so the AWS side can match a context to a cluster:
 * {@code aws eks get-token --cluster-name X --region R [--profile P]} and {@code aws-iam-authenticator token -i X
 * [--region R]}; the profile also comes from the plugin's {@code AWS_PROFILE} env entry. Absent parts are null.
 */
public record ExecHints(String clusterName, String region, String profile) {

    public static final ExecHints NONE = new ExecHints(null, null, null);

    public Optional<String> clusterNameOpt() {
        return Optional.ofNullable(clusterName);
    }

    public Optional<String> regionOpt() {
        return Optional.ofNullable(region);
    }

    public Optional<String> profileOpt() {
        return Optional.ofNullable(profile);
    }

    public boolean isEmpty() {
        return clusterName == null && region == null && profile == null;
    }

    static ExecHints of(ExecPlugin exec) {
        List<String> args = exec.args();
        String cluster = option(args, "--cluster-name", null);
        if (cluster == null) {
            // aws-iam-authenticator: -i / --cluster-id
            cluster = option(args, "-i", "--cluster-id");
        }
        if (cluster == null) {
            // Some wrappers pass the cluster id as "--cluster-id" only; eksctl-generated configs use --cluster-name.
            cluster = option(args, "--cluster-id", null);
        }
        String region = option(args, "--region", null);
        String profile = option(args, "--profile", null);
        if (profile == null) {
            profile = blankToNull(exec.env().get("AWS_PROFILE"));
        }
        if (region == null) {
            region = blankToNull(exec.env().get("AWS_REGION"));
        }
        if (region == null) {
            region = blankToNull(exec.env().get("AWS_DEFAULT_REGION"));
        }
        return new ExecHints(cluster, region, profile);
    }

    /** The value of {@code name} given as {@code name value} or {@code name=value}; the last occurrence wins. */
    private static String option(List<String> args, String name, String alias) {
        String found = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String n : alias == null ? List.of(name) : List.of(name, alias)) {
                if (a.equals(n) && i + 1 < args.size()) {
                    found = args.get(i + 1);
                } else if (a.startsWith(n + "=")) {
                    found = a.substring(n.length() + 1);
                }
            }
        }
        return blankToNull(found);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
