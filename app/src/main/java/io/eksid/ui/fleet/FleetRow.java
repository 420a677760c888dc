package io.eksid.ui.fleet;

import io.eksid.engine.fleet.ClusterScan;
import io.eksid.model.findings.Severity;
import java.util.Map;
import java.util.Objects;

/**
 * One context's line in the Fleet view: where its scan is, and once done its headline numbers, or why it failed
 * and what to do about it. Numbers are null until the context has been scanned (or when its scan derived
 * nothing), so sorting puts unknowns apart from zeros.
 */
public record FleetRow(String context, State state, String account, String region, String version,
                       Integer irsaMappings, Integer associations, Integer convertible, Integer critical,
                       Integer errors, Integer warnings, Integer infos, Integer stalePods, String agent,
                       String reason, String fix) {

    /** Where a context's scan is; the last three are how it ended. */
    public enum State {
        QUEUED("Queued"), SCANNING("Scanning\u2026"), OK("OK"), DEGRADED("Degraded"), FAILED("Failed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean finished() {
            return this == OK || this == DEGRADED || this == FAILED;
        }
    }

    public FleetRow {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        fix = fix == null ? "" : fix;
    }

    static FleetRow waiting(String context, State state) {
        return new FleetRow(context, state, null, null, null, null, null, null, null, null, null, null, null, null,
                "", "");
    }

    /** A queued or scanning row keeps the numbers of the previous scan until the new one ends. */
    FleetRow inState(State next) {
        return new FleetRow(context, next, account, region, version, irsaMappings, associations, convertible,
                critical, errors, warnings, infos, stalePods, agent, reason, fix);
    }

    static FleetRow of(ClusterScan scan) {
        State state = switch (scan.status()) {
            case OK -> State.OK;
            case DEGRADED -> State.DEGRADED;
            case FAILED -> State.FAILED;
        };
        // A failed context's numbers are the empty picture it started from, not zeros the cluster reported.
        boolean derived = scan.counts() != null && state != State.FAILED;
        Map<Severity, Integer> bySeverity = scan.findingsBySeverity();
        return new FleetRow(scan.context(), state, scan.account(), scan.region(), scan.version(),
                derived ? scan.counts().irsaMappings() : null, derived ? scan.counts().associations() : null,
                derived ? scan.convertible() : null, derived ? bySeverity.get(Severity.CRITICAL) : null,
                derived ? bySeverity.get(Severity.ERROR) : null, derived ? bySeverity.get(Severity.WARNING) : null,
                derived ? bySeverity.get(Severity.INFO) : null, derived ? scan.stalePods() : null,
                scan.agent() == null || !derived ? null
                        : scan.agent().state().name().toLowerCase(java.util.Locale.ROOT),
                scan.reason(), FleetFixes.fixFor(scan));
    }

    /** Whether "Convert IRSA…" has something to preview for this context. */
    public boolean canConvert() {
        return convertible != null && convertible > 0;
    }

    /** The text the filter field matches against. */
    String searchText() {
        return String.join(" ", context, state.label(), account == null ? "" : account, region == null ? "" : region,
                version == null ? "" : version, agent == null ? "" : agent, reason);
    }
}
