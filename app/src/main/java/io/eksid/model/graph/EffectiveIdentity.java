package io.eksid.model.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * The identity a running pod really has. It was decided when the pod was created (the webhook injects variables
 * into new pods only, FACTS.md "Pod Identity runtime"), so it may differ from what the service account would
 * give a new pod now: then the pod is <em>stale</em> and the reason says why. Carrying the variables is not
 * enough: {@code credentials} says whether the role's trust admits this pod, with its session tags.
 *
 * @param mechanism         what the pod's credential variables make it use
 * @param roleArn           the role its variables name, or null (node role, none, or Pod Identity variables
 *                          without an association any more)
 * @param expectedForNewPod what a new pod of the same service account on the same kind of node would get
 * @param credentials       whether its credential requests succeed
 * @param credentialsReason why, naming the deciding trust statement or what is missing
 */
public record EffectiveIdentity(Mechanism mechanism, String roleArn, boolean stale, Mechanism expectedForNewPod,
                                String reason, CredentialStatus credentials, String credentialsReason) {

    public EffectiveIdentity {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(expectedForNewPod, "expectedForNewPod");
        Objects.requireNonNull(credentials, "credentials");
        reason = reason == null ? "" : reason;
        credentialsReason = credentialsReason == null ? "" : credentialsReason;
    }

    /** The role the pod really gets: its variables' role when the trust admits it; empty otherwise. */
    public Optional<String> grantedRole() {
        return credentials == CredentialStatus.WORKS ? Optional.ofNullable(roleArn) : Optional.empty();
    }

    EffectiveIdentity withCredentials(CredentialStatus status, String why) {
        return new EffectiveIdentity(mechanism, roleArn, stale, expectedForNewPod, reason, status, why);
    }
}
