package io.eksid.aws;

import io.eksid.model.ClusterInfo;
import io.eksid.model.IamRole;
import io.eksid.model.RoleArn;
import io.eksid.model.concurrent.ParallelReads;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.trust.PolicyParseException;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@code aws/roles}: the IAM roles the identity graph needs, with their trust policies decoded (IAM returns them
 * RFC 3986 URL-encoded, FACTS.md):
 * <ul>
 *   <li>every role in the cluster's account that trusts this cluster's OIDC provider or
 *       {@code pods.eks.amazonaws.com} (ListRoles, paginated);</li>
 *   <li>every role the graph references (IRSA annotations, association roles, target roles), from the supplier the
 *       caller passes; roles in other accounts are read with a profile of that account when there is one, and
 *       otherwise marked unreadable with the reason.</li>
 * </ul>
 * Roles that are neither any more are removed from the store. What a role may do (its attached and inline
 * policies, boundary, tags) is {@link RolePermissionsSource}'s to read, not this source's.
 */
public final class RoleSource implements AwsSource {

    public static final String NAME = "aws/roles";
    static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

    private final IamClient iam;
    private final ClusterStore store;
    private final Supplier<Set<String>> referencedRoleArns;
    private final AccountProfiles otherAccounts;
    private final Set<String> written = new HashSet<>();
    private final ParallelReads reads;

    /**
     * @param iam                IAM client of the cluster's account
     * @param referencedRoleArns the role ARNs the graph references now (annotations, associations, targets)
     */
    public RoleSource(IamClient iam, ClusterStore store, Supplier<Set<String>> referencedRoleArns,
                      AccountProfiles otherAccounts) {
        this(iam, store, referencedRoleArns, otherAccounts, ParallelReads.sequential("iam"));
    }

    /** @param reads the session's IAM reads: the GetRole calls of many roles run through it at once, within its limit */
    public RoleSource(IamClient iam, ClusterStore store, Supplier<Set<String>> referencedRoleArns,
                      AccountProfiles otherAccounts, ParallelReads reads) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.store = Objects.requireNonNull(store, "store");
        this.referencedRoleArns = Objects.requireNonNull(referencedRoleArns, "referencedRoleArns");
        this.otherAccounts = Objects.requireNonNull(otherAccounts, "otherAccounts");
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsCluster() {
        return true;
    }

    @Override
    public synchronized String refresh() {
        Optional<ClusterInfo> cluster = store.cluster();
        if (cluster.isEmpty()) {
            return "waiting for the cluster description (aws/cluster) to know its account and OIDC provider";
        }
        ClusterInfo c = cluster.get();
        String providerArn = c.oidcProviderArn().orElse(null);
        Set<String> referenced = new HashSet<>(referencedRoleArns.get());
        Map<String, IamRole> roles = new LinkedHashMap<>();
        Map<String, IamClient> readers = new HashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        List<String> partial = new ArrayList<>();

        Set<String> listedInHomeAccount = new HashSet<>();
        boolean listed = false;
        try {
            for (Role r : iam.listRolesPaginator(b -> b.maxItems(1000)).roles()) {
                listed = true;
                String arn = RoleArn.tryParse(r.arn()).map(RoleArn::toString).orElse(r.arn());
                listedInHomeAccount.add(arn);
                String json = TrustPolicy.decodeIamDocument(r.assumeRolePolicyDocument());
                if (referenced.contains(arn) || trustsCluster(json, providerArn)) {
                    toModel(r, json).ifPresent(role -> {
                        roles.put(arn, role);
                        readers.put(arn, iam);
                    });
                }
            }
            listed = true;
        } catch (RuntimeException e) {
            if (!AwsFailures.isAccessDenied(e)) {
                throw e;
            }
            partial.add("ListRoles is denied (" + AwsFailures.errorCode(e) + "): only roles a service account or "
                    + "association names are shown");
        }

        List<PendingRead> pending = new ArrayList<>();
        for (String arnText : referenced) {
            if (roles.containsKey(arnText)) {
                continue;
            }
            Optional<RoleArn> parsed = RoleArn.tryParse(arnText);
            if (parsed.isEmpty()) {
                unreadable.put(arnText, "not a valid IAM role ARN");
                continue;
            }
            RoleArn arn = parsed.get();
            if (arn.account().equals(c.account())) {
                if (listed && !listedInHomeAccount.contains(arnText)) {
                    unreadable.put(arnText, "the role does not exist in account " + arn.account());
                } else {
                    pending.add(new PendingRead(iam, arn));
                }
                continue;
            }
            Optional<AwsClients> other;
            try {
                other = otherAccounts.clientsFor(arn.account());
            } catch (AwsSetupException e) {
                other = Optional.empty();
            }
            if (other.isEmpty()) {
                unreadable.put(arnText, "in account " + arn.account() + "; no profile for that account");
            } else {
                pending.add(new PendingRead(other.get().iam(), arn));
            }
        }

        // One failed read loses only that role: the others are stored, the failed one keeps what the store had.
        Set<String> kept = new HashSet<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (ParallelReads.Outcome<PendingRead, RoleRead> o : readAll(pending, p -> read(p.client(), p.arn()))) {
            String key = o.item().arn().toString();
            if (o.failed()) {
                kept.add(key);
                failures.add(o.failure());
            } else if (o.value().role() != null) {
                roles.put(key, o.value().role());
                readers.put(key, o.item().client());
            } else {
                unreadable.put(key, o.value().unreadable());
            }
        }

        if (!failures.isEmpty()) {
            if (roles.isEmpty() && unreadable.isEmpty()) {
                throw failures.get(0); // nothing read at all: the poller classifies it and backs off
            }
            RuntimeException first = failures.get(0);
            partial.add(failures.size() + " IAM read(s) failed, the last known data is kept ("
                    + AwsFailures.errorCode(first) + ": " + first.getMessage() + ")");
        }

        Set<String> now = new HashSet<>(roles.keySet());
        now.addAll(unreadable.keySet());
        now.addAll(kept);
        roles.values().forEach(store::putRole);
        unreadable.forEach(store::markRoleUnreadable);
        for (String gone : written) {
            if (!now.contains(gone)) {
                store.removeRole(gone);
            }
        }
        written.clear();
        written.addAll(now);
        return String.join("; ", partial);
    }

    private <T, R> List<ParallelReads.Outcome<T, R>> readAll(List<T> items, java.util.function.Function<T, R> read) {
        try {
            return reads.readAll(items, read);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading IAM roles", e);
        }
    }

    private record PendingRead(IamClient client, RoleArn arn) {
    }

    /** A role read by name: the role, or why it cannot be shown. */
    private record RoleRead(IamRole role, String unreadable) {
    }

    private static RoleRead read(IamClient client, RoleArn arn) {
        try {
            Role r = client.getRole(b -> b.roleName(arn.name())).role();
            if (!Objects.equals(r.path() == null ? "/" : r.path(), arn.path())) {
                return new RoleRead(null, "the role " + arn.name() + " exists in account " + arn.account()
                        + " with path " + r.path() + ", not " + arn.path());
            }
            return toModel(r, TrustPolicy.decodeIamDocument(r.assumeRolePolicyDocument()))
                    .map(role -> new RoleRead(role, null))
                    .orElseGet(() -> new RoleRead(null, "IAM returned the role with an ARN that does not parse: "
                            + r.arn()));
        } catch (NoSuchEntityException e) {
            return new RoleRead(null, "the role does not exist in account " + arn.account());
        } catch (RuntimeException e) {
            if (AwsFailures.isAccessDenied(e)) {
                return new RoleRead(null, "AccessDenied reading the role in account " + arn.account());
            }
            throw e;
        }
    }

    private static Optional<IamRole> toModel(Role r, String decodedTrust) {
        return RoleArn.tryParse(r.arn()).map(arn -> new IamRole(arn, r.roleId(),
                decodedTrust == null ? "" : decodedTrust, r.createDate()));
    }

    /** Trusts this cluster's OIDC provider (IRSA) or the Pod Identity service principal. */
    static boolean trustsCluster(String json, String clusterProviderArn) {
        if (json == null || json.isBlank()) {
            return false;
        }
        TrustPolicy policy;
        try {
            policy = TrustPolicy.parse(json);
        } catch (PolicyParseException e) {
            return false;
        }
        if (clusterProviderArn != null && policy.federatedOidcProviderArns().contains(clusterProviderArn)) {
            return true;
        }
        for (Statement s : policy.statements()) {
            if (!s.notPrincipal() && s.principal().values("Service").contains(POD_IDENTITY_SERVICE)) {
                return true;
            }
        }
        return false;
    }
}
