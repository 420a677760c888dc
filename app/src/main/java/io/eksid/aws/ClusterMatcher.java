package io.eksid.aws;

import io.eksid.model.Arn;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ExecHints;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * Finds the EKS cluster behind a kubeconfig context: first by name from the exec plugin's arguments (or the
 * admin's earlier choice), then by comparing the context's API server URL with the endpoints of the clusters
 * the profile can list in the region, and otherwise hands the candidates back for the admin to choose.
 */
public final class ClusterMatcher {

    /** {@code <id>.<gr>.<region>.eks.amazonaws.com[.cn]}: the region is part of a real EKS endpoint host. */
    private static final Pattern EKS_HOST_REGION =
            Pattern.compile("\\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d+)\\.eks\\.amazonaws\\.com(?:\\.cn)?$");

    private final AwsConnections connections;
    private final AwsFailures failures;

    public ClusterMatcher(AwsConnections connections, AwsFailures failures) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * @param rememberedCluster the cluster name the admin chose for this context before, or null
     */
    public ClusterMatch match(ExecHints hints, String rememberedCluster) {
        String profileName = hints.profileIfSet().orElseGet(() -> connections.environment().defaultProfileName());
        String region = hints.regionIfSet().or(() -> hints.serverUrlIfSet().flatMap(ClusterMatcher::regionOfEksHost))
                .orElse(null);
        AwsClients clients;
        try {
            clients = connections.clients(profileName, region);
        } catch (AwsSetupException e) {
            return new ClusterMatch.Unavailable(e.getMessage(), null);
        }
        try {
            return match(hints, rememberedCluster, clients);
        } catch (RuntimeException e) {
            AwsFailure f = failures.classify(e, clients.profile());
            return new ClusterMatch.Unavailable(f.reason(), f);
        }
    }

    private ClusterMatch match(ExecHints hints, String remembered, AwsClients clients) {
        EksClient eks = clients.eks();
        String profile = clients.profile().name();
        String region = clients.region();
        String note = "";
        List<String> byName = new ArrayList<>();
        if (remembered != null && !remembered.isBlank()) {
            byName.add(remembered.strip());
        }
        hints.clusterNameIfSet().filter(n -> !byName.contains(n)).ifPresent(byName::add);
        for (String name : byName) {
            Optional<Cluster> c = describe(eks, name);
            if (c.isPresent()) {
                String how = name.equals(remembered) ? "your earlier choice" : "the exec plugin's cluster name";
                return new ClusterMatch.Matched(toClusterInfo(c.get(), region), profile, region, how);
            }
            note = "No cluster named '" + name + "' in " + region + " for profile '" + profile + "'. ";
        }
        List<ClusterInfo> candidates = new ArrayList<>();
        String server = hints.serverUrlIfSet().map(ClusterMatcher::normalizeEndpoint).orElse(null);
        List<ClusterInfo> sameEndpoint = new ArrayList<>();
        for (String name : eks.listClustersPaginator(r -> r.maxResults(100)).clusters()) {
            Optional<Cluster> c = describe(eks, name);
            if (c.isEmpty()) {
                continue; // deleted between list and describe
            }
            ClusterInfo info = toClusterInfo(c.get(), region);
            candidates.add(info);
            if (server != null && c.get().endpoint() != null
                    && normalizeEndpoint(c.get().endpoint()).equals(server)) {
                sameEndpoint.add(info);
            }
        }
        if (sameEndpoint.size() == 1) {
            return new ClusterMatch.Matched(sameEndpoint.get(0), profile, region, "the API server URL");
        }
        String reason;
        if (candidates.isEmpty()) {
            reason = note + "Profile '" + profile + "' sees no EKS clusters in " + region + ".";
        } else if (server == null) {
            reason = note + "The context names no cluster; choose one of the clusters in " + region + ".";
        } else {
            reason = note + "No cluster in " + region + " has the endpoint " + hints.serverUrl()
                    + "; choose the cluster this context belongs to.";
        }
        return new ClusterMatch.NeedsChoice(candidates, profile, region, reason);
    }

    private static Optional<Cluster> describe(EksClient eks, String name) {
        try {
            return Optional.ofNullable(eks.describeCluster(r -> r.name(name)).cluster());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The model's view of a DescribeCluster result; account and partition come from the cluster ARN. */
    public static ClusterInfo toClusterInfo(Cluster c, String region) {
        Arn arn = Arn.parse(c.arn());
        String issuer = c.identity() == null || c.identity().oidc() == null ? null : c.identity().oidc().issuer();
        boolean autoMode = c.computeConfig() != null && Boolean.TRUE.equals(c.computeConfig().enabled());
        String clusterRegion = arn.region().isEmpty() ? region : arn.region();
        return new ClusterInfo(c.name(), c.arn(), arn.account(), arn.partition(), clusterRegion, issuer,
                c.version(), c.platformVersion(), autoMode);
    }

    /** Scheme and host lower-cased, default port dropped, no trailing slash: how two API URLs compare. */
    static String normalizeEndpoint(String url) {
        String s = url.strip();
        if (!s.contains("://")) {
            s = "https://" + s;
        }
        try {
            URI u = URI.create(s);
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port == -1 || scheme.equals("https") && port == 443
                    || scheme.equals("http") && port == 80;
            String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
            return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
        } catch (IllegalArgumentException e) {
            return s.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        }
    }

    /** The region in a real EKS endpoint host name, if the URL is one. */
    static Optional<String> regionOfEksHost(String url) {
        try {
            String host = URI.create(url.contains("://") ? url.strip() : "https://" + url.strip()).getHost();
            if (host == null) {
                return Optional.empty();
            }
            Matcher m = EKS_HOST_REGION.matcher(host.toLowerCase(Locale.ROOT));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
