package io.eksid.cli;

import static io.eksid.cli.ScanTable.left;
import static io.eksid.cli.ScanTable.pad;
import static io.eksid.cli.ScanTable.wrap;

import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.fleet.FleetSummary;
import io.eksid.model.findings.Finding;
import io.eksid.model.findings.Severity;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** A fleet scan for a 120-column terminal: one line per cluster, the totals per account, then the findings. */
final class FleetTable {

    private final PrintWriter out;

    FleetTable(PrintWriter out) {
        this.out = out;
    }

    void print(List<ScanOutcome> outcomes, FleetSummary summary, Baseline baseline) {
        out.println(pad("CONTEXT", 24) + " " + pad("STATUS", 8) + " " + pad("ACCOUNT", 12) + " " + pad("REGION", 14)
                + " " + pad("K8S", 5) + " " + left("IRSA", 5) + " " + left("ASSOC", 5) + " " + left("CONV", 5) + " "
                + left("STALE", 5) + " " + pad("AGENT", 9) + " " + left("C", 3) + " " + left("E", 3) + " "
                + left("W", 3) + " " + left("I", 3));
        for (ScanOutcome o : outcomes) {
            ClusterScan c = o.scan();
            Map<Severity, Integer> f = c.findingsBySeverity();
            boolean counted = c.counts() != null;
            out.println(pad(c.context(), 24) + " " + pad(c.status().name().toLowerCase(), 8) + " "
                    + pad(orDash(c.account()), 12) + " " + pad(orDash(c.region()), 14) + " "
                    + pad(orDash(c.version()), 5) + " "
                    + left(counted ? c.counts().irsaMappings() : "-", 5) + " "
                    + left(counted ? c.counts().associations() : "-", 5) + " "
                    + left(counted ? c.convertible() : "-", 5) + " " + left(counted ? c.stalePods() : "-", 5) + " "
                    + pad(c.agent() == null ? "-" : c.agent().state().name(), 9) + " "
                    + left(f.get(Severity.CRITICAL), 3) + " " + left(f.get(Severity.ERROR), 3) + " "
                    + left(f.get(Severity.WARNING), 3) + " " + left(f.get(Severity.INFO), 3));
            if (!c.reason().isEmpty()) {
                out.println(wrap("    " + c.reason(), "    "));
            }
        }
        out.println();
        out.println("ACCOUNTS");
        summary.byAccount().forEach((account, t) -> out.println(wrap("  " + pad(account, 14) + t.clusters()
                + " clusters (" + t.ok() + " ok, " + t.degraded() + " degraded, " + t.failed() + " failed), "
                + t.irsaMappings() + " IRSA mappings, " + t.associations() + " associations, " + t.convertible()
                + " convertible, " + findings(t.findings()), " ".repeat(16))));
        FleetSummary.Totals t = summary.total();
        out.println(wrap("  " + pad("all", 14) + t.clusters() + " clusters (" + t.ok() + " ok, " + t.degraded()
                + " degraded, " + t.failed() + " failed), " + findings(t.findings()), " ".repeat(16)));

        for (ScanOutcome o : outcomes) {
            List<Finding> findings = o.scan().findings();
            List<Baseline.Entry> absent = baseline == null ? List.of() : baseline.absent(o);
            if (findings.isEmpty() && absent.isEmpty()) {
                continue;
            }
            out.println();
            out.println("FINDINGS " + o.scan().context() + " (" + findings.size() + ")");
            for (Finding f : findings) {
                String mark = baseline == null ? "" : "[" + baseline.stateOf(o, f) + "] ";
                out.println(wrap(pad(f.severity().name(), 9) + mark + f.code() + "  " + f.subject(), "    "));
                out.println(wrap("    " + f.message(), "    "));
                if (!f.fix().isEmpty()) {
                    out.println(wrap("    fix: " + f.fix(), "         "));
                }
            }
            for (Baseline.Entry e : absent) {
                out.println(wrap(pad(String.valueOf(e.severity()), 9) + "[absent] " + e.code() + "  " + e.subject(),
                        "    "));
            }
        }
        out.flush();
    }

    static String findings(Map<Severity, Integer> f) {
        return "findings " + f.get(Severity.CRITICAL) + " critical, " + f.get(Severity.ERROR) + " error, "
                + f.get(Severity.WARNING) + " warning, " + f.get(Severity.INFO) + " info";
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
