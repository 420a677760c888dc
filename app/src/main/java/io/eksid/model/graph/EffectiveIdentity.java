package io.eksid.model.graph;

import java.util.Objects;

/**
 * The identity a running pod really has. It was decided when the pod was created (the webhook injects variables
 * into new pods only, FACTS.md "Pod Identity runtime"), so it may differ from what the service account would
 * give a new pod now: then the pod is <em>stale</em> and the reason says why.
 *
 * @param mechanism         what the pod's credential variables make it use
 * @param roleArn           the role it gets, or null (node role, none, or Pod Identity variables without an
 *                          association any more)
 * @param expectedForNewPod what a new pod of the same service account on the same kind of node would get
 */
public record EffectiveIdentity(Mechanism mechanism, String roleArn, boolean stale, Mechanism expectedForNewPod,
                                String reason) {

    public EffectiveIdentity {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(expectedForNewPod, "expectedForNewPod");
        reason = reason == null ? "" : reason;
    }
}
