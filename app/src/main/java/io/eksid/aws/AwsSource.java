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
}
