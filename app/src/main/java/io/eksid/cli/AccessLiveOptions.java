package io.eksid.cli;

import io.eksid.engine.convert.ClusterSession;
import io.eksid.engine.convert.ConnectionRequest;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.access.AccessRequest;
import io.eksid.model.graph.IdentityGraph;
import io.eksid.model.trust.TrustEvaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What {@code access check} and {@code access who-can} share: where to connect and the question asked. */
final class AccessLiveOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (repeatable; default: KUBECONFIG, else ~/.kube/config).")
    List<Path> kubeconfigs = new ArrayList<>();

    @Option(names = "--context", paramLabel = "C", description = "Kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--profile", paramLabel = "P",
            description = "AWS profile (default: the context's exec plugin profile, else AWS_PROFILE, else default).")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: the context's, else the profile's).")
    String region;

    @Option(names = "--action", paramLabel = "A", required = true, description = "IAM action, e.g. s3:GetObject.")
    String action;

    @Option(names = "--resource", paramLabel = "R", required = true,
            description = "Resource ARN, e.g. arn:aws:s3:::tenant-data/tenant-a/report.csv.")
    String resource;

    /** What a command answers from the cluster's snapshot and its identity graph; returns the exit code. */
    interface Evaluation {
        int run(ClusterSnapshot snapshot, IdentityGraph graph);
    }

    /**
     * Reads the cluster with what its roles may do, builds the identity graph and runs {@code evaluation} on them.
     * A cluster that cannot be read, or an evaluation that fails, is reported under {@code command} with exit 1.
     */
    int evaluate(PrintWriter err, String command, Evaluation evaluation) {
        ClusterSession session;
        try {
            session = CliEnvironment.loader().withRolePermissions().open(connection());
        } catch (RuntimeException e) {
            return CliErrors.report(err, command, "cannot read the cluster", null, e);
        }
        try (session) {
            ClusterSnapshot snapshot = session.snapshot();
            return evaluation.run(snapshot, IdentityGraph.build(snapshot, new TrustEvaluator()));
        } catch (RuntimeException e) {
            err.println("eksid " + command + ": " + e.getMessage());
            return 1;
        }
    }

    ConnectionRequest connection() {
        return new ConnectionRequest(kubeconfigs, blankToNull(context), blankToNull(profile), blankToNull(region));
    }

    /** The question, checked: a service prefix and an action name, and an ARN (or {@code *}). */
    AccessRequest request() {
        String a = action.strip();
        if (!a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
            throw new IllegalArgumentException("--action must look like service:Action (e.g. s3:GetObject), got '"
                    + action + "'");
        }
        String r = resource.strip();
        if (!r.equals("*") && !r.matches("arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:[0-9a-z-]*:.+")) {
            throw new IllegalArgumentException("--resource must be an ARN such as arn:aws:s3:::bucket/key, got '"
                    + resource + "'");
        }
        return new AccessRequest(a, r, Map.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
