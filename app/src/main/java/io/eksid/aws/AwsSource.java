package io.eksid.aws;

/**
 * One AWS resource kind a poller keeps fresh in the cluster store (associations, add-ons, roles, ...).
 * {@link #refresh()} reads AWS and writes the store; it throws on failure so the poller can back off.
 */
public interface AwsSource {

    /** The source name the store reports, e.g. {@code aws/associations}. */
    String name();

    /**
     * Reads AWS and writes the store.
     *
     * @return empty when everything was read, else why the data is only partial (reported as DEGRADED)
     */
    String refresh();

    /**
     * True when this source reads nothing useful before the store has the cluster description (its account and
     * OIDC provider): the poller then starts it once the description is there, not with the others.
     */
    default boolean needsCluster() {
        return false;
    }
}
