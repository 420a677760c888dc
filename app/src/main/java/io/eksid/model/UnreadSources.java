package io.eksid.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sources of a snapshot that could not be read (failed, forbidden, or not read yet), each with its reason.
 * What depends on such a source is <em>unknown</em>, never "missing", "0" or "not installed": an empty list of
 * add-ons read from a failed source says nothing about the cluster. A Kubernetes kind also counts as unread when
 * the connection to the API server failed, and an AWS source when the EKS cluster could not be matched.
 */
public record UnreadSources(Map<String, String> reasons) {

    public static final String KUBE_CONNECTION = "kube/connection";
    public static final String KUBE_NAMESPACES = "kube/namespaces";
    public static final String KUBE_SERVICE_ACCOUNTS = "kube/serviceaccounts";
    public static final String KUBE_PODS = "kube/pods";
    public static final String KUBE_DAEMON_SETS = "kube/daemonsets";
    public static final String AWS_CLUSTER = "aws/cluster";
    public static final String AWS_ADDONS = "aws/addons";
    public static final String AWS_ASSOCIATIONS = "aws/associations";
    public static final String AWS_ROLES = "aws/roles";
    public static final String AWS_OIDC_PROVIDERS = "aws/oidc-providers";

    public static final UnreadSources NONE = new UnreadSources(Map.of());

    public UnreadSources {
        reasons = reasons == null ? Map.of() : Map.copyOf(new TreeMap<>(reasons));
    }

    public static UnreadSources of(Map<String, String> reasons) {
        return reasons == null || reasons.isEmpty() ? NONE : new UnreadSources(reasons);
    }

    public boolean isEmpty() {
        return reasons.isEmpty();
    }

    /**
     * Why what depends on {@code sources} is unknown, or empty when every one of them (and what it needs) was read.
     * The reason names the source: "kube/connection could not be read: connection refused".
     */
    public Optional<String> why(String... sources) {
        for (String source : sources) {
            String prerequisite = source.startsWith("kube/") ? KUBE_CONNECTION
                    : source.startsWith("aws/") ? AWS_CLUSTER : null;
            if (prerequisite != null && !prerequisite.equals(source) && reasons.containsKey(prerequisite)) {
                return Optional.of(describe(prerequisite));
            }
            if (reasons.containsKey(source)) {
                return Optional.of(describe(source));
            }
        }
        return Optional.empty();
    }

    public boolean unknown(String... sources) {
        return why(sources).isPresent();
    }

    /** Every unread source with its reason, sorted by source name: for a report's "incomplete because" line. */
    public Map<String, String> describeAll() {
        Map<String, String> out = new LinkedHashMap<>();
        reasons.forEach((s, r) -> out.put(s, describe(s)));
        return out;
    }

    private String describe(String source) {
        String reason = reasons.get(source);
        return source + " could not be read" + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }
}
