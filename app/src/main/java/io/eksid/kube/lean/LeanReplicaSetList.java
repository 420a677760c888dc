package io.eksid.kube.lean;

/** A page of {@link LeanReplicaSet}s. */
public final class LeanReplicaSetList extends LeanList<LeanReplicaSet> {
}
