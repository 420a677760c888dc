package io.eksid.aws;

import io.eksid.model.concurrent.ParallelReads;
import io.eksid.model.store.ClusterStore;
import io.eksid.model.time.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Everything that keeps the AWS side of one cluster's store fresh, wired together: the cluster description,
 * Pod Identity associations, add-ons, OIDC providers, roles, the trust policy quota and the roles' permission policies, polled with one {@link AwsPoller}.
 * Reads are retried by the SDK alone (its adaptive retry strategy, {@link AwsClients}); the poller's backoff only
 * spaces out the next poll of a source that failed.
 */
public final class ClusterAwsSync implements AutoCloseable {

    /** Known associations re-described per poll to notice updates made elsewhere. */
    public static final int ASSOCIATIONS_REVALIDATED_PER_POLL = 25;
    /** OIDC providers are re-read in full every this many polls (they are new-only in between). */
    public static final int OIDC_FULL_REFRESH_EVERY = 10;
    /** The trust policy quota is re-read every this many polls (it changes only on a quota increase). */
    public static final int QUOTA_EVERY_POLLS = 20;

    private final AssociationSource associations;
    private final ParallelReads iamReads;
    private final AwsPoller poller;

    /**
     * @param clients            the clients of the profile that matched the cluster (its account)
     * @param otherAccounts      finds profiles for roles in other accounts
     * @param referencedRoleArns the roles the graph references now, e.g. {@link ReferencedRoles#from(ClusterStore)}
     */
    public ClusterAwsSync(ClusterStore store, AwsClients clients, String clusterName, AccountProfiles otherAccounts,
                          Supplier<Set<String>> referencedRoleArns, ScheduledExecutorService executor, Clock clock,
                          Backoff backoff, AwsFailures failures, Duration interval) {
        Objects.requireNonNull(clients, "clients");
        this.iamReads = new ParallelReads("iam", executor, ParallelReads.DEFAULT_LIMIT);
        this.associations = new AssociationSource(clients.eks(), clusterName, store, clock,
                ASSOCIATIONS_REVALIDATED_PER_POLL);
        // One line per source; they all start together (AwsPoller), and a source that reads IAM for many roles
        // shares iamReads, the session's limit on IAM calls in flight.
        List<AwsSource> sources = List.of(
                new ClusterSource(clients.eks(), clusterName, clients.region(), store),
                associations,
                new AddonSource(clients.eks(), clusterName, store),
                new OidcProviderSource(clients.iam(), store, OIDC_FULL_REFRESH_EVERY),
                new RoleSource(clients.iam(), store, referencedRoleArns, otherAccounts, iamReads),
                new TrustPolicyQuotaSource(clients.iam(), store, QUOTA_EVERY_POLLS),
                new RolePermissionsSource(clients.iam(), store, referencedRoleArns, otherAccounts, clock,
                        RolePermissionsSource.DEFAULT_REFRESH));
        this.poller = new AwsPoller(store, sources, executor, backoff, failures, clients.profile(), interval);
    }

    /** The session's IAM read limiter, shared by every source that reads IAM per role. */
    public ParallelReads iamReads() {
        return iamReads;
    }

    public void start() {
        poller.start();
    }

    /** Poll everything now; after our own writes, {@link #associations()} can be told which ones changed. */
    public void refreshNow() {
        poller.refreshNow();
    }

    public AssociationSource associations() {
        return associations;
    }

    public AwsPoller poller() {
        return poller;
    }

    @Override
    public void close() {
        poller.close();
    }
}
