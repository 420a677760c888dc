package io.eksid.sandbox.kube;

/**
 * Tells the simulated Pod Identity webhook whether EKS holds a Pod Identity association for a
 * service account. The sandbox's EKS emulator answers; the Kubernetes side only asks at pod creation,
 * which is when the real webhook decides (FACTS.md, "Pod Identity runtime").
 *
 * <p>Called with the cluster's store lock held, on whatever thread creates the pod (an API request, a
 * controller, churn): it must answer from memory, never block, and never call back into the cluster.
 */
@FunctionalInterface
public interface AssociationLookup {
    boolean hasAssociation(String cluster, String namespace, String serviceAccount);

    /** A lookup for clusters without any association. */
    static AssociationLookup none() {
        return (cluster, namespace, serviceAccount) -> false;
    }
}
