package io.eksid.model.findings;

/** How urgent a finding is, least to most. */
public enum Severity {
    /** Worth knowing; nothing is wrong (add-on owned association, consolidation candidate). */
    INFO,
    /** Works today but is risky, misleading or about to break (stale pods, trust near its size quota). */
    WARNING,
    /** Does not work: some pod cannot get the role it is meant to have. */
    ERROR,
    /** A security exposure: the trust lets far more workloads assume the role than intended. */
    CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
