package io.eksid.sandbox.aws;

/**
 * Told when an add-on appears or disappears, whether through the API or through seeding, so the
 * Kubernetes side of the sandbox can make the add-on's workloads (e.g. the Pod Identity agent
 * DaemonSet) appear or go. Called outside the world's lock.
 */
public interface AddonListener {
    void addonCreated(String cluster, String addon);

    void addonDeleted(String cluster, String addon);
}
