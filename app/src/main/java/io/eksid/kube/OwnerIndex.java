package io.eksid.kube;

import io.eksid.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names a pod's top-level workload from its ownerReferences: ReplicaSet → Deployment, Job → CronJob, or the
 * StatefulSet/DaemonSet/Job/ReplicaSet itself. The ReplicaSet and Job links come from their own watches; when a
 * pod arrives before its ReplicaSet (new rollouts race), the {@code pod-template-hash} naming rule the Deployment
 * controller uses ({@code <deployment>-<hash>}) names it instead.
 */
public final class OwnerIndex {

    private final Map<String, WorkloadRef> replicaSetOwners = new ConcurrentHashMap<>();
    private final Map<String, WorkloadRef> jobOwners = new ConcurrentHashMap<>();
    private final Interner<WorkloadRef> refs;

    OwnerIndex(Interner<WorkloadRef> refs) {
        this.refs = refs;
    }

    public OwnerIndex() {
        this(new Interner<>(200_000));
    }

    /** Records (or forgets, with a null owner) the controller of a ReplicaSet. */
    public void replicaSet(String namespace, String name, WorkloadRef owner) {
        if (owner == null) {
            replicaSetOwners.remove(namespace + "/" + name);
        } else {
            replicaSetOwners.put(namespace + "/" + name, refs.intern(owner));
        }
    }

    public void job(String namespace, String name, WorkloadRef owner) {
        if (owner == null) {
            jobOwners.remove(namespace + "/" + name);
        } else {
            jobOwners.put(namespace + "/" + name, refs.intern(owner));
        }
    }

    /** The controller owner reference of an object, or null. */
    public static OwnerReference controller(ObjectMeta meta) {
        if (meta == null || meta.getOwnerReferences() == null) {
            return null;
        }
        List<OwnerReference> refs = meta.getOwnerReferences();
        for (OwnerReference r : refs) {
            if (Boolean.TRUE.equals(r.getController())) {
                return r;
            }
        }
        return refs.isEmpty() ? null : refs.get(0);
    }

    /** The top-level workload of a pod, or null for a bare pod. */
    public WorkloadRef topLevelOwner(ObjectMeta podMeta) {
        OwnerReference ref = controller(podMeta);
        if (ref == null || ref.getKind() == null || ref.getName() == null) {
            return null;
        }
        String ns = podMeta.getNamespace();
        String kind = ref.getKind();
        String name = ref.getName();
        if (kind.equals("ReplicaSet")) {
            WorkloadRef owner = replicaSetOwners.get(ns + "/" + name);
            if (owner != null) {
                return owner;
            }
            String hash = podMeta.getLabels() == null ? null : podMeta.getLabels().get("pod-template-hash");
            if (hash != null && !hash.isEmpty() && name.endsWith("-" + hash)) {
                return refs.intern(new WorkloadRef("Deployment", name.substring(0, name.length() - hash.length() - 1)));
            }
            return refs.intern(new WorkloadRef("ReplicaSet", name));
        }
        if (kind.equals("Job")) {
            WorkloadRef owner = jobOwners.get(ns + "/" + name);
            if (owner != null) {
                return owner;
            }
            return refs.intern(new WorkloadRef("Job", name));
        }
        return refs.intern(new WorkloadRef(kind, name));
    }

    /** The workload a ReplicaSet or Job reports to: its Deployment / CronJob owner, or null. */
    public static WorkloadRef ownerOf(ObjectMeta meta, String expectedKind) {
        OwnerReference ref = controller(meta);
        if (ref == null || !expectedKind.equals(ref.getKind()) || ref.getName() == null) {
            return null;
        }
        return new WorkloadRef(expectedKind, ref.getName());
    }

    int size() {
        return replicaSetOwners.size() + jobOwners.size();
    }
}
