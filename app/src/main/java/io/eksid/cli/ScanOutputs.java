package io.eksid.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.fleet.FleetSummary;
import io.eksid.model.findings.Finding;
import io.eksid.model.findings.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what a scan found in the chosen format (json, table or sarif), for one context exactly as
 * {@code eksid scan} always has, or for a fleet; marks findings against a baseline; and decides the
 * {@code --fail-on} gate.
 */
final class ScanOutputs {

    static final List<String> FORMATS = List.of("json", "table", "sarif");

    private final String format;
    private final Baseline baseline;
    private final ObjectMapper json;
    private final String version;
    private final String informationUri;

    ScanOutputs(String format, Baseline baseline, ObjectMapper json, String version, String informationUri) {
        this.format = format;
        this.baseline = baseline;
        this.json = json;
        this.version = version;
        this.informationUri = informationUri;
    }

    boolean hasBaseline() {
        return baseline != null;
    }

    /** Parses {@code --fail-on}: null when not given. */
    static Severity failOn(String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        try {
            return Severity.valueOf(level.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fail-on must be critical, error, warning or info, got '" + level
                    + "'");
        }
    }

    void printSingle(ScanOutcome outcome, PrintWriter out) throws JsonProcessingException {
        switch (format) {
            case "json" -> out.println(pretty(marked(outcome)));
            case "sarif" -> out.println(pretty(new SarifReport(version, informationUri).of(List.of(outcome),
                    baseline)));
            default -> {
                new ScanTable(out).print(outcome.report());
                if (baseline != null) {
                    printBaselineTable(List.of(outcome), out);
                }
            }
        }
        out.flush();
    }

    void printFleet(List<ScanOutcome> outcomes, PrintWriter out) throws JsonProcessingException {
        List<ClusterScan> scans = outcomes.stream().map(ScanOutcome::scan).toList();
        FleetSummary summary = FleetSummary.of(scans);
        switch (format) {
            case "json" -> {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("clusters", outcomes.stream().map(this::marked).toList());
                root.put("summary", summary(summary));
                out.println(pretty(root));
            }
            case "sarif" -> out.println(pretty(new SarifReport(version, informationUri).of(outcomes, baseline)));
            default -> new FleetTable(out).print(outcomes, summary, baseline);
        }
        out.flush();
    }

    /**
     * The findings the {@code --fail-on} gate counts: at least {@code threshold}, and with a baseline only the new
     * ones.
     */
    List<Finding> gated(List<ScanOutcome> outcomes, Severity threshold) {
        List<Finding> hits = new ArrayList<>();
        for (ScanOutcome o : outcomes) {
            for (Finding f : o.scan().findings()) {
                if (f.severity().atLeast(threshold)
                        && (baseline == null || Baseline.NEW.equals(baseline.stateOf(o, f)))) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }

    private String pretty(Object value) throws JsonProcessingException {
        return json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    }

    /** The report, with each finding's baseline state and the absent ones when a baseline was given. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> marked(ScanOutcome o) {
        if (baseline == null) {
            return o.report();
        }
        Map<String, Object> report = new LinkedHashMap<>(o.report());
        List<Map<String, Object>> findings = new ArrayList<>();
        List<Finding> scanned = o.scan().findings();
        List<Map<String, Object>> printed = (List<Map<String, Object>>) report.get("findings");
        for (int i = 0; i < printed.size(); i++) {
            Map<String, Object> f = new LinkedHashMap<>(printed.get(i));
            f.put("baselineState", baseline.stateOf(o, scanned.get(i)));
            findings.add(f);
        }
        report.put("findings", findings);
        List<Map<String, Object>> absent = new ArrayList<>();
        for (Baseline.Entry e : baseline.absent(o)) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("severity", e.severity());
            f.put("code", e.code());
            f.put("subject", e.subject());
            f.put("message", e.message());
            f.put("fix", e.fix());
            f.put("baselineState", Baseline.ABSENT);
            absent.add(f);
        }
        report.put("absentFindings", absent);
        return report;
    }

    private void printBaselineTable(List<ScanOutcome> outcomes, PrintWriter out) {
        int fresh = 0;
        int same = 0;
        List<String> gone = new ArrayList<>();
        for (ScanOutcome o : outcomes) {
            for (Finding f : o.scan().findings()) {
                if (Baseline.NEW.equals(baseline.stateOf(o, f))) {
                    fresh++;
                    out.println(ScanTable.wrap("  new: " + f.severity() + " " + f.code() + "  " + f.subject(),
                            "    "));
                } else {
                    same++;
                }
            }
            baseline.absent(o).forEach(e -> gone.add(e.severity() + " " + e.code() + "  " + e.subject()));
        }
        gone.forEach(g -> out.println(ScanTable.wrap("  absent: " + g, "    ")));
        out.println();
        out.println("BASELINE: " + fresh + " new, " + same + " unchanged, " + gone.size() + " absent");
    }

    static Map<String, Object> summary(FleetSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.putAll(totals(s.total()));
        Map<String, Object> accounts = new LinkedHashMap<>();
        s.byAccount().forEach((a, t) -> accounts.put(a, totals(t)));
        m.put("accounts", accounts);
        return m;
    }

    private static Map<String, Object> totals(FleetSummary.Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clusters", t.clusters());
        m.put("ok", t.ok());
        m.put("degraded", t.degraded());
        m.put("failed", t.failed());
        m.put("irsaMappings", t.irsaMappings());
        m.put("associations", t.associations());
        m.put("convertible", t.convertible());
        m.put("stalePods", t.stalePods());
        Map<String, Object> f = new LinkedHashMap<>();
        t.findings().forEach((sev, n) -> f.put(sev.name(), n));
        m.put("findings", f);
        return m;
    }
}
