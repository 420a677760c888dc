package io.eksid.sandbox.kube;

/**
 * Tells the simulated Pod Identity webhook whether EKS holds a Pod Identity association for a
 * service account. The sandbox's EKS emulator answers; the Kubernetes side only asks at pod creation,
 * which is when the real webhook decides (FACTS.md, "Pod Identity runtime").
 */
@FunctionalInterface
public interface AssociationLookup {
    boolean hasAssociation(String cluster, String namespace, String serviceAccount);

    /** A lookup for clusters without any association. */
    static AssociationLookup none() {
        return (cluster, namespace, serviceAccount) -> false;
    }
}
