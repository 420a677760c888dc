package io.eksid.aws;

import io.eksid.model.ClusterInfo;
import io.eksid.model.NamedPolicy;
import io.eksid.model.PolicySource;
import io.eksid.model.RoleArn;
import io.eksid.model.RolePermissions;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.trust.TrustPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code aws/role-permissions}: what sessions of every role the cluster uses may do — attached managed policies at
 * their default version, inline policies, the permissions boundary and the role's tags — stored as
 * {@link RolePermissions}.
 *
 * <p>Per account, one paged {@code GetAccountAuthorizationDetails} (Filter Role, LocalManagedPolicy,
 * AWSManagedPolicy) reads every role and policy at once. Where that is denied (it needs
 * {@code iam:GetAccountAuthorizationDetails}, which narrowly scoped read-only roles often lack), each role is read
 * on its own: GetRole (tags, boundary), ListAttachedRolePolicies, ListRolePolicies + GetRolePolicy, and GetPolicy +
 * GetPolicyVersion per managed policy. Managed policy documents are cached by policy ARN and version id, so the
 * per-role path re-reads a document only when its default version changes. Everything is re-read once
 * {@code refreshEvery} has passed, and at once for a role not read yet. Documents are decoded (IAM returns them
 * RFC 3986 URL-encoded, FACTS.md).
 */
public final class RolePermissionsSource implements AwsSource {

    public static final String NAME = "aws/role-permissions";
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
    /** After a denial, the bulk read is tried again this many polls later (a policy may have been granted). */
    static final int RETRY_BULK_EVERY = 10;

    private final IamClient homeIam;
    private final ClusterStore store;
    private final Supplier<Set<String>> roleArns;
    private final AccountProfiles otherAccounts;
    private final Clock clock;
    private final Duration refreshEvery;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final Map<String, Integer> bulkDeniedPolls = new HashMap<>();
    private final Map<String, Instant> readAt = new HashMap<>();
    private final Set<String> written = new HashSet<>();
    private int bulkReads;
    private int perRoleReads;

    /**
     * @param roleArns the roles to read: those the cluster's service accounts, associations (and their targets) and
     *                 add-ons name, e.g. {@link ReferencedRoles#from(ClusterStore)}
     */
    public RolePermissionsSource(IamClient homeIam, ClusterStore store, Supplier<Set<String>> roleArns,
                                 AccountProfiles otherAccounts, Clock clock, Duration refreshEvery) {
        this.homeIam = Objects.requireNonNull(homeIam, "homeIam");
        this.store = Objects.requireNonNull(store, "store");
        this.roleArns = Objects.requireNonNull(roleArns, "roleArns");
        this.otherAccounts = Objects.requireNonNull(otherAccounts, "otherAccounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshEvery = Objects.requireNonNull(refreshEvery, "refreshEvery");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** It needs the cluster's account; the poller starts it once the description is in the store. */
    @Override
    public boolean needsCluster() {
        return true;
    }

    /** How many bulk (GetAccountAuthorizationDetails) and per-role reads ran, for tests and diagnostics. */
    public synchronized int bulkReads() {
        return bulkReads;
    }

    public synchronized int perRoleReads() {
        return perRoleReads;
    }

    @Override
    public synchronized String refresh() {
        Optional<ClusterInfo> cluster = store.cluster();
        if (cluster.isEmpty()) {
            return "waiting for the cluster description (aws/cluster) to know its account";
        }
        String home = cluster.get().account();
        Instant now = clock.instant();
        Map<String, List<RoleArn>> byAccount = new TreeMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (String text : sorted(roleArns.get())) {
            Optional<RoleArn> arn = RoleArn.tryParse(text);
            if (arn.isEmpty()) {
                unreadable.put(text, "not a valid IAM role ARN");
            } else {
                byAccount.computeIfAbsent(arn.get().account(), a -> new ArrayList<>()).add(arn.get());
            }
        }
        List<String> partial = new ArrayList<>();
        Set<String> current = new HashSet<>(unreadable.keySet());
        for (Map.Entry<String, List<RoleArn>> e : byAccount.entrySet()) {
            String account = e.getKey();
            List<RoleArn> due = new ArrayList<>();
            for (RoleArn arn : e.getValue()) {
                current.add(arn.toString());
                Instant last = readAt.get(arn.toString());
                if (last == null || !now.isBefore(last.plus(refreshEvery))) {
                    due.add(arn);
                }
            }
            if (due.isEmpty()) {
                continue;
            }
            Optional<IamClient> client = client(account, home);
            if (client.isEmpty()) {
                due.forEach(a -> unreadable.put(a.toString(), "in account " + account + "; no profile for that account"));
                continue;
            }
            String problem = readAccount(client.get(), account, due, unreadable, now);
            if (!problem.isEmpty()) {
                partial.add(problem);
            }
        }
        unreadable.forEach((arn, reason) -> {
            store.markRolePermissionsUnreadable(arn, reason);
            readAt.remove(arn);
        });
        for (String gone : written) {
            if (!current.contains(gone)) {
                store.removeRolePermissions(gone);
                readAt.remove(gone);
            }
        }
        written.clear();
        written.addAll(current);
        // As for the roles source: a role that does not exist, or lives in an account without a profile, is a fact
        // about the world (each is kept with its reason); only a denied read makes this source degraded.
        long failed = unreadable.values().stream().filter(r -> r.startsWith("AccessDenied")).count();
        if (failed > 0) {
            partial.add("the permissions of " + failed + " role(s) could not be read");
        }
        return String.join("; ", partial);
    }

    private String readAccount(IamClient client, String account, List<RoleArn> due, Map<String, String> unreadable,
                               Instant now) {
        int deniedFor = bulkDeniedPolls.getOrDefault(account, -1);
        if (deniedFor < 0 || deniedFor >= RETRY_BULK_EVERY) {
            try {
                Map<String, RolePermissions> read = readBulk(client, due, unreadable);
                bulkDeniedPolls.remove(account);
                read.values().forEach(store::putRolePermissions);
                read.keySet().forEach(arn -> readAt.put(arn, now));
                return "";
            } catch (RuntimeException ex) {
                if (!AwsFailures.isAccessDenied(ex)) {
                    throw ex;
                }
                bulkDeniedPolls.put(account, 0);
            }
        } else {
            bulkDeniedPolls.put(account, deniedFor + 1);
        }
        int denied = 0;
        for (RoleArn arn : due) {
            try {
                RolePermissions p = readOneRole(client, arn);
                if (p == null) {
                    unreadable.put(arn.toString(), "the role does not exist in account " + account);
                } else {
                    store.putRolePermissions(p);
                    readAt.put(arn.toString(), now);
                }
            } catch (RuntimeException ex) {
                if (!AwsFailures.isAccessDenied(ex)) {
                    throw ex;
                }
                denied++;
                unreadable.put(arn.toString(), "AccessDenied reading its policies in account " + account + " ("
                        + AwsFailures.errorCode(ex) + ")");
            }
        }
        return denied == 0 ? "" : "GetAccountAuthorizationDetails and per-role policy reads are denied in account "
                + account;
    }

    /** One bulk read of the account; roles it does not list are unreadable (they do not exist). */
    private Map<String, RolePermissions> readBulk(IamClient client, List<RoleArn> due, Map<String, String> unreadable) {
        synchronized (this) {
            bulkReads++;
        }
        Map<String, RoleDetail> roles = new HashMap<>();
        Map<String, ManagedPolicyDetail> policies = new HashMap<>();
        for (GetAccountAuthorizationDetailsResponse page : client.getAccountAuthorizationDetailsPaginator(b -> b
                .filter(EntityType.ROLE, EntityType.LOCAL_MANAGED_POLICY, EntityType.AWS_MANAGED_POLICY))) {
            page.roleDetailList().forEach(r -> roles.put(r.arn(), r));
            page.policies().forEach(p -> policies.put(p.arn(), p));
        }
        Map<String, RolePermissions> out = new LinkedHashMap<>();
        for (RoleArn arn : due) {
            RoleDetail r = roles.get(arn.toString());
            if (r == null) {
                unreadable.put(arn.toString(), "the role does not exist in account " + arn.account());
                continue;
            }
            List<NamedPolicy> identity = new ArrayList<>();
            for (AttachedPolicy a : r.attachedManagedPolicies()) {
                managedFromDetail(client, a.policyArn(), policies.get(a.policyArn()), PolicySource.MANAGED)
                        .ifPresent(identity::add);
            }
            for (PolicyDetail inline : r.rolePolicyList()) {
                identity.add(new NamedPolicy(PolicySource.INLINE, inline.policyName(), null,
                        TrustPolicy.decodeIamDocument(inline.policyDocument())));
            }
            NamedPolicy boundary = null;
            if (r.permissionsBoundary() != null && r.permissionsBoundary().permissionsBoundaryArn() != null) {
                String b = r.permissionsBoundary().permissionsBoundaryArn();
                boundary = managedFromDetail(client, b, policies.get(b), PolicySource.BOUNDARY).orElse(null);
            }
            out.put(arn.toString(), new RolePermissions(arn.toString(), identity, boundary, tags(r.tags())));
        }
        return out;
    }

    private Optional<NamedPolicy> managedFromDetail(IamClient client, String policyArn, ManagedPolicyDetail detail,
                                                    PolicySource source) {
        if (detail == null) {
            // Not in the listing (an AWS managed policy the filter left out): read it on its own.
            return managed(client, policyArn, source);
        }
        String version = detail.defaultVersionId();
        for (PolicyVersion v : detail.policyVersionList()) {
            if (Boolean.TRUE.equals(v.isDefaultVersion()) && v.document() != null) {
                version = v.versionId();
                documents.put(cacheKey(policyArn, version), TrustPolicy.decodeIamDocument(v.document()));
            }
        }
        String doc = documents.get(cacheKey(policyArn, version));
        if (doc == null) {
            return managed(client, policyArn, source);
        }
        return Optional.of(new NamedPolicy(source, policyArn, version, doc));
    }

    /** The per-role path; null when the role is gone. */
    private RolePermissions readOneRole(IamClient client, RoleArn arn) {
        synchronized (this) {
            perRoleReads++;
        }
        Role role;
        try {
            role = client.getRole(b -> b.roleName(arn.name())).role();
        } catch (NoSuchEntityException gone) {
            return null;
        }
        List<NamedPolicy> identity = new ArrayList<>();
        for (AttachedPolicy a : client.listAttachedRolePoliciesPaginator(b -> b.roleName(arn.name())).attachedPolicies()) {
            managed(client, a.policyArn(), PolicySource.MANAGED).ifPresent(identity::add);
        }
        for (String name : client.listRolePoliciesPaginator(b -> b.roleName(arn.name())).policyNames()) {
            try {
                String doc = client.getRolePolicy(b -> b.roleName(arn.name()).policyName(name)).policyDocument();
                identity.add(new NamedPolicy(PolicySource.INLINE, name, null, TrustPolicy.decodeIamDocument(doc)));
            } catch (NoSuchEntityException deletedMeanwhile) {
                // listed, then deleted before we read it: it no longer applies
            }
        }
        NamedPolicy boundary = null;
        if (role.permissionsBoundary() != null && role.permissionsBoundary().permissionsBoundaryArn() != null) {
            boundary = managed(client, role.permissionsBoundary().permissionsBoundaryArn(), PolicySource.BOUNDARY)
                    .orElse(null);
        }
        return new RolePermissions(arn.toString(), identity, boundary, tags(role.tags()));
    }

    /** GetPolicy for the default version, GetPolicyVersion only when that version is not cached yet. */
    private Optional<NamedPolicy> managed(IamClient client, String policyArn, PolicySource source) {
        try {
            String version = client.getPolicy(b -> b.policyArn(policyArn)).policy().defaultVersionId();
            String key = cacheKey(policyArn, version);
            String doc = documents.get(key);
            if (doc == null) {
                doc = TrustPolicy.decodeIamDocument(client.getPolicyVersion(b -> b.policyArn(policyArn)
                        .versionId(version)).policyVersion().document());
                documents.put(key, doc);
            }
            return Optional.of(new NamedPolicy(source, policyArn, version, doc));
        } catch (NoSuchEntityException gone) {
            return Optional.empty();
        }
    }

    /** How many policy documents are cached (by policy ARN and version id). */
    public int cachedDocuments() {
        return documents.size();
    }

    private Optional<IamClient> client(String account, String home) {
        if (account.equals(home)) {
            return Optional.of(homeIam);
        }
        try {
            return otherAccounts.clientsFor(account).map(AwsClients::iam);
        } catch (AwsSetupException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }

    private static String cacheKey(String policyArn, String versionId) {
        return policyArn + "@" + versionId;
    }

    private static List<String> sorted(Set<String> arns) {
        List<String> list = new ArrayList<>(arns);
        list.sort(null);
        return list;
    }
}
