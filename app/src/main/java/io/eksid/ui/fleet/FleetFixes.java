package io.eksid.ui.fleet;

import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.fleet.ClusterScanStatus;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;
import java.util.Locale;

/**
 * The next step for a context whose scan did not come back whole, read from why it failed: the sources' own
 * reasons already name the cause (an expired IAM Identity Center session, an exec plugin's error, a forbidden
 * kind, an unreachable server); this turns the cause into what to do.
 */
final class FleetFixes {

    private FleetFixes() {
    }

    static String fixFor(ClusterScan scan) {
        if (scan.status() == ClusterScanStatus.OK) {
            return "";
        }
        StringBuilder why = new StringBuilder(scan.reason());
        for (SourceStatus s : scan.sources()) {
            if (s.state() != SourceState.LIVE) {
                why.append(' ').append(s.source()).append(' ').append(s.state()).append(' ').append(s.reason());
            }
        }
        String text = why.toString().toLowerCase(Locale.ROOT);
        String profile = scan.profile() == null ? "" : " --profile " + scan.profile();
        if (text.contains("sso") && (text.contains("expired") || text.contains("sign in") || text.contains("token"))) {
            return "Sign in again: \u201cSign in to AWS (SSO)\u201d in the navigator, or aws sso login" + profile;
        }
        if (text.contains("exec") || text.contains("plugin") || text.contains("get-token")) {
            return "The kubeconfig's exec plugin failed: run the command it names by hand (aws eks get-token \u2026) "
                    + "and fix what it reports (missing CLI, profile or region)";
        }
        if (text.contains("forbidden") || text.contains("accessdenied") || text.contains("access denied")
                || text.contains("not authorized")) {
            return "Grant the read-only permissions of docs/permissions.md (ClusterRole eksid-read, the IAM read "
                    + "policy) to this context's user and profile";
        }
        if (text.contains("missing: patch")) {
            return "Read-only credentials: fine for scanning; conversions need the write permissions of "
                    + "docs/permissions.md";
        }
        if (text.contains("no cluster named") || text.contains("choose") || text.contains("matched")
                || text.contains("which eks cluster")) {
            return "Open the context and pick its EKS cluster, or pass --cluster; check the profile's region";
        }
        if (text.contains("connect") || text.contains("refused") || text.contains("timed out")
                || text.contains("unknownhost") || text.contains("unreachable") || text.contains("timeout")) {
            return "The API server did not answer: check the VPN or network path and the cluster's endpoint access";
        }
        if (text.contains("no aws profile") || text.contains("region")) {
            return "Set this context's AWS profile (Preferences) or add region and credentials to the profile";
        }
        return "Open the context: its status bar shows each source's state and reason";
    }
}
