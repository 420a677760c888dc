package io.eksid.engine.fleet;

import io.eksid.model.findings.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals over a fleet scan, overall and per AWS account.
 *
 * @param byAccount per account id; contexts never matched to a cluster are counted under {@link #UNKNOWN_ACCOUNT}
 */
public record FleetSummary(Totals total, Map<String, Totals> byAccount) {

    public static final String UNKNOWN_ACCOUNT = "unknown";

    /** Counts of one group of clusters. */
    public record Totals(int clusters, int ok, int degraded, int failed, int irsaMappings, int associations,
                         int convertible, int stalePods, Map<Severity, Integer> findings) {

        public Totals {
            findings = Collections.unmodifiableMap(new EnumMap<>(findings));
        }

        static Totals of(List<ClusterScan> scans) {
            int ok = 0;
            int degraded = 0;
            int failed = 0;
            int irsa = 0;
            int assoc = 0;
            int convertible = 0;
            int stale = 0;
            Map<Severity, Integer> findings = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                findings.put(s, 0);
            }
            for (ClusterScan c : scans) {
                switch (c.status()) {
                    case OK -> ok++;
                    case DEGRADED -> degraded++;
                    case FAILED -> failed++;
                }
                if (c.counts() != null) {
                    irsa += c.counts().irsaMappings();
                    assoc += c.counts().associations();
                    stale += c.counts().stalePods();
                }
                convertible += c.convertible();
                c.findingsBySeverity().forEach((s, n) -> findings.merge(s, n, Integer::sum));
            }
            return new Totals(scans.size(), ok, degraded, failed, irsa, assoc, convertible, stale, findings);
        }
    }

    public FleetSummary {
        byAccount = Collections.unmodifiableMap(new TreeMap<>(byAccount));
    }

    public static FleetSummary of(List<ClusterScan> scans) {
        Map<String, List<ClusterScan>> groups = new TreeMap<>();
        for (ClusterScan c : scans) {
            String account = c.account() == null ? UNKNOWN_ACCOUNT : c.account();
            groups.computeIfAbsent(account, a -> new java.util.ArrayList<>()).add(c);
        }
        Map<String, Totals> byAccount = new TreeMap<>();
        groups.forEach((a, list) -> byAccount.put(a, Totals.of(list)));
        return new FleetSummary(Totals.of(scans), byAccount);
    }
}
