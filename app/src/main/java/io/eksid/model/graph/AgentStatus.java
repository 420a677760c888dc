package io.eksid.model.graph;

import io.eksid.model.Addon;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.UnreadSources;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the EKS Pod Identity agent can serve credentials on the cluster's nodes (FACTS.md: add-on
 * {@code eks-pod-identity-agent}, a DaemonSet; built into EKS Auto Mode).
 */
public record AgentStatus(State state, String reason) {

    /** UNKNOWN: what would decide it (the add-ons, the cluster) could not be read; the reason says which. */
    public enum State { PRESENT, UNHEALTHY, MISSING, UNKNOWN }

    public AgentStatus {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    public boolean present() {
        return state == State.PRESENT;
    }

    public boolean unknown() {
        return state == State.UNKNOWN;
    }

    public static AgentStatus of(ClusterSnapshot snapshot) {
        if (snapshot.cluster().autoMode()) {
            return new AgentStatus(State.PRESENT, "built into EKS Auto Mode");
        }
        Boolean dsReady = snapshot.agentDaemonSetReady();
        Addon addon = snapshot.addon(Addon.POD_IDENTITY_AGENT).orElse(null);
        if (addon == null) {
            if (Boolean.TRUE.equals(dsReady)) {
                return new AgentStatus(State.PRESENT,
                        "the eks-pod-identity-agent DaemonSet is ready (installed without the EKS add-on)");
            }
            // An empty add-on list from a source that failed says nothing about the cluster.
            Optional<String> unknown = snapshot.unread().why(UnreadSources.AWS_ADDONS);
            if (unknown.isPresent()) {
                return new AgentStatus(State.UNKNOWN, "cannot tell whether the eks-pod-identity-agent add-on is "
                        + "installed: " + unknown.get());
            }
            return new AgentStatus(State.MISSING, "the eks-pod-identity-agent add-on is not installed");
        }
        if (!addon.active()) {
            return new AgentStatus(State.UNHEALTHY,
                    "the eks-pod-identity-agent add-on is " + (addon.status() == null ? "in an unknown state"
                            : addon.status()) + ", not ACTIVE");
        }
        if (Boolean.FALSE.equals(dsReady)) {
            return new AgentStatus(State.UNHEALTHY,
                    "the eks-pod-identity-agent add-on is ACTIVE but its DaemonSet has no ready pods");
        }
        return new AgentStatus(State.PRESENT, "the eks-pod-identity-agent add-on is ACTIVE");
    }
}
