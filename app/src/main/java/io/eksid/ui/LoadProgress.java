package io.eksid.ui;

import io.eksid.engine.live.IdentityState;
import io.eksid.model.store.SourceState;
import io.eksid.model.store.SourceStatus;

/** How far a connection has got: Kubernetes listed, AWS read. Decides what may be coloured yet. Pure. */
public final class LoadProgress {

    private LoadProgress() {
    }

    /**
     * Whether every AWS source has been read once. Before that every IRSA check fails for want of the cluster's
     * issuer and the roles, so nothing may be coloured broken yet. See {@link #withoutSources} for a state that
     * has no sources.
     */
    public static boolean awsRead(IdentityState s) {
        if (s == null) {
            return false;
        }
        if (s.sources().isEmpty()) {
            return withoutSources(s);
        }
        boolean any = false;
        for (SourceStatus src : s.sources()) {
            if (src.source().startsWith("aws/")) {
                any = true;
                if (src.state() == SourceState.CONNECTING) {
                    return false;
                }
            }
        }
        return any;
    }

    /** Whether every Kubernetes kind has been listed once (until then an empty graph means "loading"). */
    public static boolean kubeListed(IdentityState s) {
        if (s == null) {
            return false;
        }
        if (s.sources().isEmpty()) {
            return withoutSources(s);
        }
        boolean serviceAccounts = false;
        boolean pods = false;
        for (SourceStatus src : s.sources()) {
            if (src.source().startsWith("kube/") && src.state() == SourceState.CONNECTING) {
                return false;
            }
            serviceAccounts |= src.source().equals("kube/serviceaccounts");
            pods |= src.source().equals("kube/pods");
        }
        // the kinds register as they start: until these two have, nothing is listed yet
        return serviceAccounts && pods;
    }

    /**
     * A state with no sources is either built from a finished snapshot (a file, a test: complete by definition)
     * or a live session's very first state, before any source has registered: that one holds no node yet and
     * is nothing read, not everything read.
     */
    private static boolean withoutSources(IdentityState s) {
        return !s.graph().nodes().isEmpty();
    }
}
