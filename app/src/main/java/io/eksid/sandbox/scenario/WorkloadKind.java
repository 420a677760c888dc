package io.eksid.sandbox.scenario;

/** The workload controllers a scenario seeds. */
public enum WorkloadKind {
    DEPLOYMENT, STATEFUL_SET, DAEMON_SET
}
