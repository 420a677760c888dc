package io.eksid.kube.lean;

/** A page of {@link LeanJob}s. */
public final class LeanJobList extends LeanList<LeanJob> {
}
