package io.eksid.sandbox.aws;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EKS clusters and their Pod Identity associations, with the rules and errors of the EKS API
 * (FACTS.md, EKS Pod Identity API; model data/eks/2017-11-01). Cluster names are unique in the
 * world; API calls only see clusters of the caller's account and region.
 */
final class EksService {

    /** UG pod-identities: up to 5,000 associations per cluster. */
    static final int MAX_ASSOCIATIONS_PER_CLUSTER = 5000;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::(\\d{12}):role/(.+)");

    private final Object lock;
    private final Clock clock;
    private final Ids ids;
    private final IamService iam;
    private final Map<String, ClusterRecord> clusters = new TreeMap<>();
    private final Map<String, TreeMap<String, PodIdentityAssociationRecord>> associations = new HashMap<>();
    private final Map<String, Map<String, IdempotentCreate>> tokens = new HashMap<>();
    /** cluster → "namespace/serviceAccount" → association id: the webhook asks for every new pod. */
    private final Map<String, Map<String, String>> byServiceAccount = new HashMap<>();

    private record IdempotentCreate(String fingerprint, String associationId) {
    }

    /** The writable fields of an association, as Create/Update take them. */
    record AssociationSpec(String namespace, String serviceAccount, String roleArn, String targetRoleArn,
                           Boolean disableSessionTags, String policy, Map<String, String> tags) {
        String fingerprint() {
            return String.join("\u0000", String.valueOf(namespace), String.valueOf(serviceAccount),
                    String.valueOf(roleArn), String.valueOf(targetRoleArn), String.valueOf(disableSessionTags),
                    String.valueOf(policy), String.valueOf(new TreeMap<>(tags == null ? Map.of() : tags)));
        }
    }

    EksService(Object lock, Clock clock, Ids ids, IamService iam) {
        this.lock = lock;
        this.clock = clock;
        this.ids = ids;
        this.iam = iam;
    }

    static String partitionOf(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    // ---- clusters

    void addCluster(ClusterRecord cluster) {
        synchronized (lock) {
            if (clusters.containsKey(cluster.name())) {
                throw new IllegalArgumentException("a cluster named " + cluster.name() + " already exists in the sandbox");
            }
            clusters.put(cluster.name(), cluster);
            associations.put(cluster.name(), new TreeMap<>());
            tokens.put(cluster.name(), new HashMap<>());
            byServiceAccount.put(cluster.name(), new HashMap<>());
        }
    }

    void setClusterEndpoint(String name, String endpoint) {
        updateCluster(name, c -> c.withEndpoint(endpoint));
    }

    void updateCluster(String name, java.util.function.UnaryOperator<ClusterRecord> change) {
        synchronized (lock) {
            clusters.put(name, change.apply(seeded(name)));
        }
    }

    /** A cluster by name for seeding: no account check, plain {@link IllegalArgumentException} if absent. */
    ClusterRecord seeded(String name) {
        synchronized (lock) {
            ClusterRecord c = clusters.get(name);
            if (c == null) {
                throw new IllegalArgumentException("no cluster named " + name + " in the sandbox; add it first");
            }
            return c;
        }
    }

    List<ClusterRecord> clusters() {
        synchronized (lock) {
            return List.copyOf(clusters.values());
        }
    }

    ClusterRecord cluster(Caller caller, String name) {
        synchronized (lock) {
            ClusterRecord c = clusters.get(name);
            if (c == null || !c.accountId().equals(caller.accountId()) || !c.region().equals(caller.region())) {
                throw AwsError.eksNotFound("No cluster found for name: " + name + ".");
            }
            return c;
        }
    }

    List<String> listClusters(Caller caller) {
        synchronized (lock) {
            return clusters.values().stream()
                    .filter(c -> c.accountId().equals(caller.accountId()) && c.region().equals(caller.region()))
                    .map(ClusterRecord::name).toList();
        }
    }

    // ---- associations

    PodIdentityAssociationRecord createAssociation(ClusterRecord cluster, AssociationSpec spec, String clientRequestToken,
                                                   String ownerArn) {
        requireName(spec.namespace(), "namespace", DNS_LABEL, 63);
        requireName(spec.serviceAccount(), "serviceAccount", DNS_SUBDOMAIN, 253);
        boolean disableTags = Boolean.TRUE.equals(spec.disableSessionTags());
        validateRoles(cluster, spec.roleArn(), spec.targetRoleArn());
        validatePolicy(spec.policy(), disableTags);
        validateTags(spec.tags());
        synchronized (lock) {
            Map<String, IdempotentCreate> seen = tokens.get(cluster.name());
            if (clientRequestToken != null && seen.containsKey(clientRequestToken)) {
                IdempotentCreate earlier = seen.get(clientRequestToken);
                PodIdentityAssociationRecord existing = associations.get(cluster.name()).get(earlier.associationId());
                if (earlier.fingerprint().equals(spec.fingerprint()) && existing != null) {
                    return existing;
                }
                throw AwsError.eksInvalidRequest("The client request token " + clientRequestToken
                        + " was already used for a different request.");
            }
            TreeMap<String, PodIdentityAssociationRecord> all = associations.get(cluster.name());
            Optional<PodIdentityAssociationRecord> clash = find(cluster.name(), spec.namespace(), spec.serviceAccount());
            if (clash.isPresent()) {
                throw AwsError.eksInUse("Association already exists: " + clash.get().associationArn()
                        + " for namespace " + spec.namespace() + " and service account " + spec.serviceAccount());
            }
            if (all.size() >= MAX_ASSOCIATIONS_PER_CLUSTER) {
                throw new AwsError("ResourceLimitExceededException", 400, "Cluster " + cluster.name()
                        + " has reached the limit of " + MAX_ASSOCIATIONS_PER_CLUSTER + " pod identity associations.");
            }
            String id = ids.associationId();
            String target = emptyToNull(spec.targetRoleArn());
            var now = clock.instant();
            PodIdentityAssociationRecord created = new PodIdentityAssociationRecord(cluster.name(), spec.namespace(),
                    spec.serviceAccount(), spec.roleArn(), associationArn(cluster, id), id,
                    spec.tags() == null ? Map.of() : spec.tags(), now, now, ownerArn, disableTags, target,
                    externalId(cluster, spec.namespace(), spec.serviceAccount(), target), emptyToNull(spec.policy()));
            all.put(id, created);
            byServiceAccount.get(cluster.name()).put(saKey(spec.namespace(), spec.serviceAccount()), id);
            if (clientRequestToken != null) {
                seen.put(clientRequestToken, new IdempotentCreate(spec.fingerprint(), id));
            }
            return created;
        }
    }

    PodIdentityAssociationRecord describeAssociation(ClusterRecord cluster, String associationId) {
        synchronized (lock) {
            PodIdentityAssociationRecord a = associations.get(cluster.name()).get(associationId);
            if (a == null) {
                throw AwsError.eksNotFound("No Pod Identity Association found with id " + associationId
                        + " in cluster " + cluster.name() + ".");
            }
            return a;
        }
    }

    List<PodIdentityAssociationRecord> listAssociations(String clusterName, String namespace, String serviceAccount) {
        synchronized (lock) {
            return associations.get(clusterName).values().stream()
                    .filter(a -> namespace == null || a.namespace().equals(namespace))
                    .filter(a -> serviceAccount == null || a.serviceAccount().equals(serviceAccount))
                    .toList();
        }
    }

    Optional<PodIdentityAssociationRecord> find(String clusterName, String namespace, String serviceAccount) {
        synchronized (lock) {
            Map<String, String> index = byServiceAccount.get(clusterName);
            String id = index == null ? null : index.get(saKey(namespace, serviceAccount));
            return id == null ? Optional.empty() : Optional.ofNullable(associations.get(clusterName).get(id));
        }
    }

    private static String saKey(String namespace, String serviceAccount) {
        return namespace + "/" + serviceAccount;
    }

    /**
     * UpdatePodIdentityAssociation: null leaves a field alone; an empty targetRoleArn or policy removes it.
     * Associations an add-on owns change only through the add-on ({@code byOwner}).
     */
    PodIdentityAssociationRecord updateAssociation(ClusterRecord cluster, String associationId, AssociationSpec change,
                                                   boolean byOwner) {
        synchronized (lock) {
            PodIdentityAssociationRecord a = describeAssociation(cluster, associationId);
            requireNotOwned(a, byOwner, "updated");
            String role = change.roleArn() == null ? a.roleArn() : change.roleArn();
            String target = change.targetRoleArn() == null ? a.targetRoleArn() : emptyToNull(change.targetRoleArn());
            boolean disableTags = change.disableSessionTags() == null ? a.disableSessionTags() : change.disableSessionTags();
            String policy = change.policy() == null ? a.policy() : emptyToNull(change.policy());
            validateRoles(cluster, role, target);
            validatePolicy(policy, disableTags);
            PodIdentityAssociationRecord updated = new PodIdentityAssociationRecord(a.clusterName(), a.namespace(),
                    a.serviceAccount(), role, a.associationArn(), a.associationId(), a.tags(), a.createdAt(),
                    clock.instant(), a.ownerArn(), disableTags, target,
                    externalId(cluster, a.namespace(), a.serviceAccount(), target), policy);
            associations.get(cluster.name()).put(associationId, updated);
            return updated;
        }
    }

    PodIdentityAssociationRecord deleteAssociation(ClusterRecord cluster, String associationId, boolean byOwner) {
        synchronized (lock) {
            PodIdentityAssociationRecord a = describeAssociation(cluster, associationId);
            requireNotOwned(a, byOwner, "deleted");
            associations.get(cluster.name()).remove(associationId);
            byServiceAccount.get(cluster.name()).remove(saKey(a.namespace(), a.serviceAccount()));
            return a;
        }
    }

    /** Runs {@code work} while holding the world lock, so several steps happen as one. */
    <T> T atomically(Function<EksService, T> work) {
        synchronized (lock) {
            return work.apply(this);
        }
    }

    // ---- rules

    private static void requireNotOwned(PodIdentityAssociationRecord a, boolean byOwner, String verb) {
        if (a.ownerArn() != null && !byOwner) {
            throw AwsError.eksInvalidRequest("Pod Identity Association " + a.associationId() + " is owned by "
                    + a.ownerArn() + " and can only be " + verb + " through it.");
        }
    }

    void validateRoles(ClusterRecord cluster, String roleArn, String targetRoleArn) {
        if (roleArn == null || roleArn.isEmpty()) {
            throw AwsError.eksInvalidParameter("roleArn is required.");
        }
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches() || !IamService.isRoleArn(roleArn)) {
            throw AwsError.eksInvalidParameter("Invalid role ARN: " + roleArn);
        }
        // The association role must live in the cluster's account (FACTS.md, cross-account: use targetRoleArn).
        if (!m.group(2).equals(cluster.accountId()) || !m.group(1).equals(partitionOf(cluster.region()))) {
            throw AwsError.eksInvalidParameter("Role " + roleArn + " must be in the same account as the cluster ("
                    + cluster.accountId() + "); use targetRoleArn to reach a role in another account.");
        }
        if (iam.roleByArn(roleArn).isEmpty()) {
            throw AwsError.eksInvalidParameter("Role " + roleArn + " does not exist.");
        }
        String target = emptyToNull(targetRoleArn);
        if (target != null) {
            if (!IamService.isRoleArn(target)) {
                throw AwsError.eksInvalidParameter("Invalid target role ARN: " + target);
            }
            if (target.equals(roleArn)) {
                throw AwsError.eksInvalidParameter("targetRoleArn must be different from roleArn.");
            }
        }
    }

    private static void validatePolicy(String policy, boolean disableSessionTags) {
        String p = emptyToNull(policy);
        if (p == null) {
            return;
        }
        if (!disableSessionTags) {
            throw AwsError.eksInvalidParameter("A session policy can only be set when disableSessionTags is true.");
        }
        try {
            PolicyDocuments.validatePermissionsPolicy(p);
        } catch (AwsError e) {
            throw AwsError.eksInvalidParameter("Invalid session policy: " + e.getMessage());
        }
    }

    private static void validateTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.isEmpty() || tags.size() > 50) {
            throw AwsError.eksInvalidParameter("tags must have between 1 and 50 entries, got " + tags.size() + ".");
        }
        tags.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128 || v == null || v.length() > 256 || k.toLowerCase().startsWith("aws:")) {
                throw AwsError.eksInvalidParameter("Invalid tag " + k + "=" + v + ".");
            }
        });
    }

    private static void requireName(String value, String field, Pattern pattern, int max) {
        if (value == null || value.isEmpty()) {
            throw AwsError.eksInvalidParameter(field + " is required.");
        }
        if (value.length() > max || !pattern.matcher(value).matches()) {
            throw AwsError.eksInvalidParameter(field + " " + value + " is not a valid Kubernetes name.");
        }
    }

    private static String associationArn(ClusterRecord c, String id) {
        return "arn:" + partitionOf(c.region()) + ":eks:" + c.region() + ":" + c.accountId()
                + ":podidentityassociation/" + c.name() + "/" + id;
    }

    /** With a target role EKS puts an external id in the chained AssumeRole (FACTS.md, cross-account). */
    private static String externalId(ClusterRecord c, String namespace, String serviceAccount, String targetRoleArn) {
        return targetRoleArn == null ? null
                : c.region() + "/" + c.accountId() + "/" + c.name() + "/" + namespace + "/" + serviceAccount;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
