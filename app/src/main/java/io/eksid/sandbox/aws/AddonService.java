package io.eksid.sandbox.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * EKS add-ons of each cluster, including the Pod Identity associations an add-on owns (CreateAddon /
 * UpdateAddon {@code podIdentityAssociations}, FACTS.md). An add-on that is CREATING or UPDATING reads
 * as ACTIVE once the activation delay has passed, the way a real add-on settles.
 */
final class AddonService {

    private static final Set<String> SETTLING = Set.of("CREATING", "UPDATING");

    private final Object lock;
    private final Clock clock;
    private final Ids ids;
    private final EksService eks;
    private final Map<String, TreeMap<String, AddonRecord>> addons = new HashMap<>();
    private final Map<String, Map<String, AddonUpdate>> updates = new HashMap<>();
    private final List<AddonListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Duration activationDelay = Duration.ZERO;

    /** One UpdateAddon request, as DescribeUpdate reports it (model shape {@code Update}). */
    record AddonUpdate(String id, String addonName, Instant createdAt, Map<String, String> params) {
    }

    /** One entry of {@code podIdentityAssociations}: the add-on's service account and its role. */
    record OwnedAssociation(String serviceAccount, String roleArn) {
    }

    AddonService(Object lock, Clock clock, Ids ids, EksService eks) {
        this.lock = lock;
        this.clock = clock;
        this.ids = ids;
        this.eks = eks;
    }

    void addListener(AddonListener l) {
        listeners.add(l);
    }

    void setActivationDelay(Duration d) {
        activationDelay = d;
    }

    static boolean isKnown(String addonName) {
        return AddonCatalog.find(addonName).isPresent();
    }

    AddonRecord create(ClusterRecord cluster, String name, String version, String status, String serviceAccountRoleArn,
                       List<OwnedAssociation> owned) {
        if (name == null || name.isEmpty()) {
            throw AwsError.eksInvalidParameter("addonName is required.");
        }
        AddonCatalog.Entry known = AddonCatalog.orGeneric(name);
        validateRole(serviceAccountRoleArn);
        AddonRecord created;
        synchronized (lock) {
            TreeMap<String, AddonRecord> ofCluster = addons.computeIfAbsent(cluster.name(), k -> new TreeMap<>());
            if (ofCluster.containsKey(name)) {
                throw AwsError.eksInUse("Addon already exists.");
            }
            String arn = "arn:" + EksService.partitionOf(cluster.region()) + ":eks:" + cluster.region() + ":"
                    + cluster.accountId() + ":addon/" + cluster.name() + "/" + name + "/" + ids.uuid();
            Instant now = clock.instant();
            List<String> associationArns = eks.atomically(e -> replaceOwned(e, cluster, arn, known.namespace(), owned));
            created = new AddonRecord(cluster.name(), name, arn, version == null ? known.defaultVersion() : version, status,
                    EksService.emptyToNull(serviceAccountRoleArn), known.namespace(), now, now, associationArns);
            ofCluster.put(name, created);
        }
        listeners.forEach(l -> l.addonCreated(cluster.name(), name));
        return created;
    }

    AddonRecord describe(ClusterRecord cluster, String name) {
        synchronized (lock) {
            AddonRecord a = addons.getOrDefault(cluster.name(), new TreeMap<>()).get(name);
            if (a == null) {
                throw AwsError.eksNotFound("No addon: " + name + " found in cluster: " + cluster.name());
            }
            // the owned associations as they are now, even if one was removed behind the add-on's back
            List<String> owned = eks.listAssociations(cluster.name(), null, null).stream()
                    .filter(x -> a.addonArn().equals(x.ownerArn())).map(PodIdentityAssociationRecord::associationArn).toList();
            return settled(a.with(a.addonVersion(), a.status(), a.serviceAccountRoleArn(), a.modifiedAt(), owned));
        }
    }

    List<String> list(ClusterRecord cluster) {
        synchronized (lock) {
            return new ArrayList<>(addons.getOrDefault(cluster.name(), new TreeMap<>()).keySet());
        }
    }

    /** DeleteAddon: the add-on and the associations it owns go; the response shows it DELETING. */
    AddonRecord delete(ClusterRecord cluster, String name) {
        AddonRecord gone;
        synchronized (lock) {
            AddonRecord a = describe(cluster, name);
            eks.atomically(e -> replaceOwned(e, cluster, a.addonArn(), a.namespace(), List.of()));
            addons.get(cluster.name()).remove(name);
            gone = a.with(a.addonVersion(), "DELETING", a.serviceAccountRoleArn(), clock.instant(), List.of());
        }
        listeners.forEach(l -> l.addonDeleted(cluster.name(), name));
        return gone;
    }

    /** UpdateAddon: null leaves a field alone; {@code podIdentityAssociations} replaces the owned set. */
    AddonUpdate update(ClusterRecord cluster, String name, String version, String serviceAccountRoleArn,
                       List<OwnedAssociation> owned) {
        validateRole(serviceAccountRoleArn);
        synchronized (lock) {
            AddonRecord a = describe(cluster, name);
            List<String> arns = owned == null ? a.podIdentityAssociationArns()
                    : eks.atomically(e -> replaceOwned(e, cluster, a.addonArn(), a.namespace(), owned));
            String role = serviceAccountRoleArn == null ? a.serviceAccountRoleArn() : EksService.emptyToNull(serviceAccountRoleArn);
            Instant now = clock.instant();
            addons.get(cluster.name()).put(name, a.with(version == null ? a.addonVersion() : version, "UPDATING", role, now, arns));
            Map<String, String> params = new LinkedHashMap<>();
            if (version != null) {
                params.put("AddonVersion", version);
            }
            if (serviceAccountRoleArn != null) {
                params.put("ServiceAccountRoleArn", serviceAccountRoleArn);
            }
            if (owned != null) {
                params.put("PodIdentityAssociations", String.join(",", arns));
            }
            AddonUpdate u = new AddonUpdate(ids.uuid(), name, now, params);
            updates.computeIfAbsent(cluster.name(), k -> new HashMap<>()).put(u.id(), u);
            return u;
        }
    }

    AddonUpdate describeUpdate(ClusterRecord cluster, String updateId) {
        synchronized (lock) {
            AddonUpdate u = updates.getOrDefault(cluster.name(), Map.of()).get(updateId);
            if (u == null) {
                throw AwsError.eksNotFound("No update found for ID: " + updateId);
            }
            return u;
        }
    }

    boolean updateSettled(AddonUpdate u) {
        return !clock.instant().isBefore(u.createdAt().plus(activationDelay));
    }

    private AddonRecord settled(AddonRecord a) {
        if (SETTLING.contains(a.status()) && !clock.instant().isBefore(a.modifiedAt().plus(activationDelay))) {
            return a.with(a.addonVersion(), "ACTIVE", a.serviceAccountRoleArn(), a.modifiedAt(), a.podIdentityAssociationArns());
        }
        return a;
    }

    /** Makes the add-on own exactly {@code wanted}: creates, re-points or deletes its associations. */
    private static List<String> replaceOwned(EksService e, ClusterRecord cluster, String addonArn, String namespace,
                                             List<OwnedAssociation> wanted) {
        Map<String, OwnedAssociation> bySa = new LinkedHashMap<>();
        for (OwnedAssociation o : wanted) {
            if (o.serviceAccount() == null || o.serviceAccount().isEmpty() || o.roleArn() == null || o.roleArn().isEmpty()) {
                throw AwsError.eksInvalidParameter("Each podIdentityAssociations entry needs serviceAccount and roleArn.");
            }
            if (bySa.put(o.serviceAccount(), o) != null) {
                throw AwsError.eksInvalidParameter("Service account " + o.serviceAccount() + " appears more than once in podIdentityAssociations.");
            }
            e.validateRoles(cluster, o.roleArn(), null);
            e.find(cluster.name(), namespace, o.serviceAccount()).ifPresent(existing -> {
                if (!addonArn.equals(existing.ownerArn())) {
                    throw AwsError.eksInUse("Association already exists: " + existing.associationArn());
                }
            });
        }
        List<String> arns = new ArrayList<>();
        for (PodIdentityAssociationRecord mine : e.listAssociations(cluster.name(), namespace, null)) {
            if (addonArn.equals(mine.ownerArn()) && !bySa.containsKey(mine.serviceAccount())) {
                e.deleteAssociation(cluster, mine.associationId(), true);
            }
        }
        for (OwnedAssociation o : bySa.values()) {
            var existing = e.find(cluster.name(), namespace, o.serviceAccount());
            var spec = new EksService.AssociationSpec(namespace, o.serviceAccount(), o.roleArn(), null, null, null, null);
            PodIdentityAssociationRecord r = existing.isPresent()
                    ? e.updateAssociation(cluster, existing.get().associationId(), spec, true)
                    : e.createAssociation(cluster, spec, null, addonArn);
            arns.add(r.associationArn());
        }
        return arns;
    }

    private static void validateRole(String roleArn) {
        if (EksService.emptyToNull(roleArn) != null && !IamService.isRoleArn(roleArn)) {
            throw AwsError.eksInvalidParameter("Invalid serviceAccountRoleArn: " + roleArn);
        }
    }
}
