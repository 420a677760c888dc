package io.eksid.kube.lean;

/** A page of {@link LeanPod}s. */
public final class LeanPodList extends LeanList<LeanPod> {
}
