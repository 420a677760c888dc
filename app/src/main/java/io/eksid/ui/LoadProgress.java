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
     * issuer and the roles, so nothing may be coloured broken yet. A state without sources (built by hand) is
     * complete by definition.
     */
    public static boolean awsRead(IdentityState s) {
        if (s == null) {
            return false;
        }
        if (s.sources().isEmpty()) {
            return true;
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
            return true;
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
}
