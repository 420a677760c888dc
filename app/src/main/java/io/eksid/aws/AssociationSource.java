package io.eksid.aws;

import io.eksid.model.PodIdentityAssociation;
import io.eksid.model.store.ClusterStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * {@code aws/associations}: the cluster's EKS Pod Identity associations. ListPodIdentityAssociations carries no
 * roleArn (FACTS.md), so each association is described once when it first appears, again when it is invalidated
 * (after our own writes) or its owner changes, and otherwise re-checked a bounded number per poll, oldest first,
 * so a cluster with thousands of associations costs a handful of calls per poll and still converges.
 */
public final class AssociationSource implements AwsSource {

    public static final String NAME = "aws/associations";

    private record Cached(PodIdentityAssociation association, Instant checkedAt) {
    }

    private final EksClient eks;
    private final String clusterName;
    private final ClusterStore store;
    private final Clock clock;
    private final int revalidatePerPoll;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Set<String> invalidated = ConcurrentHashMap.newKeySet();

    /**
     * @param revalidatePerPoll how many already-known associations to describe again per poll, to see updates
     *                          made elsewhere (role changed with UpdatePodIdentityAssociation)
     */
    public AssociationSource(EksClient eks, String clusterName, ClusterStore store, Clock clock,
                             int revalidatePerPoll) {
        this.eks = Objects.requireNonNull(eks, "eks");
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (revalidatePerPoll < 0) {
            throw new IllegalArgumentException("revalidatePerPoll must be >= 0");
        }
        this.revalidatePerPoll = revalidatePerPoll;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Describe this association again on the next poll (call after creating or updating it). */
    public void invalidate(String associationId) {
        invalidated.add(associationId);
    }

    /** Describe every association again on the next poll. */
    public void invalidateAll() {
        invalidated.addAll(cache.keySet());
    }

    /** How many associations are known with their full description. */
    public int cachedCount() {
        return cache.size();
    }

    @Override
    public String refresh() {
        List<PodIdentityAssociationSummary> summaries = new ArrayList<>();
        eks.listPodIdentityAssociationsPaginator(r -> r.clusterName(clusterName).maxResults(100))
                .associations().forEach(summaries::add);
        Set<String> listed = new HashSet<>();
        Set<String> describedNow = new HashSet<>();
        for (PodIdentityAssociationSummary s : summaries) {
            String id = s.associationId();
            listed.add(id);
            Cached c = cache.get(id);
            boolean stale = c == null || invalidated.contains(id)
                    || !Objects.equals(emptyToNull(c.association().ownerArn()), emptyToNull(s.ownerArn()));
            if (stale) {
                describe(id);
                describedNow.add(id);
            }
        }
        cache.keySet().retainAll(listed);
        invalidated.retainAll(listed);
        // Re-check the longest-unchecked known associations, so updates made elsewhere are seen eventually.
        cache.entrySet().stream()
                .filter(e -> !describedNow.contains(e.getKey()))
                .sorted(Comparator.comparing(e -> e.getValue().checkedAt()))
                .limit(revalidatePerPoll)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(this::describe);
        List<PodIdentityAssociation> all = new ArrayList<>();
        for (Cached c : cache.values()) {
            all.add(c.association());
        }
        all.sort(Comparator.comparing(PodIdentityAssociation::namespace)
                .thenComparing(PodIdentityAssociation::serviceAccount)
                .thenComparing(a -> String.valueOf(a.associationId())));
        store.replaceAssociations(all);
        return "";
    }

    private void describe(String id) {
        try {
            var a = eks.describePodIdentityAssociation(r -> r.clusterName(clusterName).associationId(id)).association();
            cache.put(id, new Cached(toModel(a), clock.instant()));
            invalidated.remove(id);
        } catch (ResourceNotFoundException e) {
            // Deleted between the list and the describe: it is gone.
            cache.remove(id);
            invalidated.remove(id);
        }
    }

    static PodIdentityAssociation toModel(software.amazon.awssdk.services.eks.model.PodIdentityAssociation a) {
        return new PodIdentityAssociation(a.clusterName(), a.namespace(), a.serviceAccount(), a.roleArn(),
                a.associationArn(), a.associationId(), a.hasTags() ? a.tags() : Map.of(), a.createdAt(),
                a.modifiedAt(), emptyToNull(a.ownerArn()), Boolean.TRUE.equals(a.disableSessionTags()),
                emptyToNull(a.targetRoleArn()), emptyToNull(a.externalId()), emptyToNull(a.policy()));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
