/**
 * The Kubernetes side of the embedded sandbox: an emulated API server ({@link io.eksid.sandbox.kube.KubeApiServer})
 * serving several simulated EKS clusters ({@link io.eksid.sandbox.kube.SimulatedCluster}) on one port, under
 * {@code /clusters/<name>}, to the unmodified fabric8 client and the real kubectl.
 *
 * <p>What behaves like a real API server: discovery (legacy, so kubectl falls back to it), server-side
 * printing (Table) for {@code kubectl get}, get/list/watch/create/update/patch/delete with real {@code Status}
 * errors, {@code limit}/{@code continue} paging over a consistent snapshot, watches resumed from a
 * resourceVersion with 410 Gone past a bounded history, bookmarks, label and field selectors, JSON, merge and
 * strategic merge patches, SelfSubjectAccessReview and 403 for denied requests. Simulated: the Deployment,
 * ReplicaSet, StatefulSet and DaemonSet controllers, the scheduler and kubelet (pods go Running at once), the
 * garbage collector, the EKS pod identity webhook, the {@code eks-pod-identity-agent} add-on, churn and
 * dropped watches. Large scenarios are seeded with {@link io.eksid.sandbox.kube.BulkSeeder}.
 *
 * <p>This package shares no code with the console's own packages (an ArchUnit rule keeps it so): it is an
 * independent counterpart reached only over HTTP.
 */
package io.eksid.sandbox.kube;
