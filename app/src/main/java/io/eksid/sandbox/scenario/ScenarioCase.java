package io.eksid.sandbox.scenario;

/**
 * One deliberately seeded case: what it is, where it lives and what the console should say about it.
 * The list of cases is the scenario's documentation and the checklist its tests walk.
 *
 * @param id        short stable identifier, e.g. {@code shared-role}
 * @param cluster   the cluster it lives in
 * @param namespace namespace of the service account (or workload) concerned
 * @param serviceAccount the service account concerned
 * @param expected  what the console should flag or show
 */
public record ScenarioCase(String id, String cluster, String namespace, String serviceAccount, String expected) {
}
