package io.eksid.engine.convert;

import io.eksid.aws.AccountProfiles;
import io.eksid.aws.AwsClients;
import io.eksid.aws.AwsConnections;
import io.eksid.aws.IdentityWriter;
import io.eksid.kube.KubeConnection;
import io.eksid.kube.KubeWriter;
import io.eksid.model.ClusterInfo;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.IamRole;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One cluster, connected: its Kubernetes API, the AWS clients of the profile that matched it, profiles for other
 * accounts, and the snapshot read when it was opened. Close it to release the connections.
 */
public final class ClusterSession implements AutoCloseable {

    private final KubeConnection kube;
    private final AwsConnections aws;
    private final AwsClients clients;
    private final AccountProfiles accounts;
    private final ClusterInfo cluster;
    private final Supplier<ClusterSnapshot> reader;
    private final Clock clock;
    private ClusterSnapshot snapshot;

    ClusterSession(KubeConnection kube, AwsConnections aws, AwsClients clients, AccountProfiles accounts,
                   ClusterInfo cluster, Supplier<ClusterSnapshot> reader, Clock clock) {
        this.kube = kube;
        this.aws = aws;
        this.clients = clients;
        this.accounts = accounts;
        this.cluster = cluster;
        this.reader = reader;
        this.clock = clock;
        this.snapshot = reader.get();
    }

    public ClusterInfo cluster() {
        return cluster;
    }

    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /** Reads the cluster again (Kubernetes lists and the AWS sources) and returns the new snapshot. */
    public ClusterSnapshot refresh() {
        snapshot = reader.get();
        return snapshot;
    }

    /** This session after {@link #refresh()}. */
    public ClusterSession refreshed() {
        refresh();
        return this;
    }

    public String profile() {
        return clients.profile().name();
    }

    public String region() {
        return clients.region();
    }

    public KubeConnection kube() {
        return kube;
    }

    /** Accounts other than the cluster's whose roles the snapshot references and for which a profile exists. */
    public Set<String> writableAccounts() {
        Set<String> out = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        snapshot.serviceAccounts().forEach(sa -> sa.irsaRoleArn().flatMap(io.eksid.model.RoleArn::tryParse)
                .ifPresent(r -> referenced.add(r.account())));
        for (IamRole r : snapshot.roles().values()) {
            referenced.add(r.arn().account());
        }
        referenced.remove(cluster.account());
        for (String account : referenced) {
            accounts.profileFor(account).ifPresent(p -> out.add(account));
        }
        return out;
    }

    /** The writers a conversion of this cluster uses, with IAM writers for {@code otherAccounts}. */
    public ConversionGateways gateways(Set<String> otherAccounts) {
        Map<String, IdentityWriter> others = new TreeMap<>();
        for (String account : otherAccounts) {
            accounts.clientsFor(account).ifPresent(c -> others.put(account, IdentityWriter.of(c)));
        }
        return new ConversionGateways(cluster.account(), IdentityWriter.of(clients), others,
                new KubeWriter(kube.client(), clock), new WorkloadTemplates(kube.client()));
    }

    @Override
    public void close() {
        try {
            kube.close();
        } finally {
            aws.close();
        }
    }
}
