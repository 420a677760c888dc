package io.eksid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eksid.model.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An earlier report given with {@code --baseline FILE}: an {@code eksid scan --output json} report (one context
 * or a fleet) or an {@code --output sarif} log. Each finding of this run is then new or unchanged, and each
 * baseline finding of a cluster scanned again (and not failed) that is gone is absent.
 */
final class Baseline {

    /** SARIF {@code baselineState} values. */
    static final String NEW = "new";
    static final String UNCHANGED = "unchanged";
    static final String ABSENT = "absent";

    /** A finding of the earlier report, enough to print it again as absent. */
    record Entry(String fingerprint, String clusterKey, String context, String code, String severity,
                 String subject, String message, String fix) {
    }

    private final Map<String, Entry> entries;

    private Baseline(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static Baseline read(Path file, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--baseline: no such file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--baseline: " + file + " is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--baseline: " + file + " is not a JSON object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (root.has("runs")) {
            readSarif(root, entries, file);
        } else if (root.has("clusters")) {
            for (JsonNode cluster : root.get("clusters")) {
                readReport(cluster, entries, file);
            }
        } else if (root.has("findings")) {
            readReport(root, entries, file);
        } else {
            throw new IllegalArgumentException("--baseline: " + file + " is neither an eksid scan report (no "
                    + "\"findings\" or \"clusters\") nor a SARIF log (no \"runs\")");
        }
        return new Baseline(entries);
    }

    private static void readReport(JsonNode report, Map<String, Entry> entries, Path file) {
        String context = text(report, "context");
        JsonNode cluster = report.get("cluster");
        String arn = cluster == null || cluster.isNull() ? null : text(cluster, "arn");
        String key = arn != null ? arn : context;
        if (key == null || !report.path("findings").isArray()) {
            throw new IllegalArgumentException("--baseline: " + file + ": a report without a context or findings");
        }
        for (JsonNode f : report.get("findings")) {
            if (Baseline.ABSENT.equals(text(f, "baselineState"))) {
                continue;
            }
            String code = text(f, "code");
            String subject = text(f, "subject");
            if (code == null || subject == null) {
                throw new IllegalArgumentException("--baseline: " + file + ": a finding without code or subject");
            }
            String fp = ScanOutcome.fingerprint(key, code, subject);
            entries.put(fp, new Entry(fp, key, context, code, text(f, "severity"), subject, text(f, "message"),
                    text(f, "fix")));
        }
    }

    private static void readSarif(JsonNode root, Map<String, Entry> entries, Path file) {
        for (JsonNode run : root.get("runs")) {
            for (JsonNode r : run.path("results")) {
                if (ABSENT.equals(text(r, "baselineState"))) {
                    continue;
                }
                String fp = text(r.path("partialFingerprints"), SarifReport.FINGERPRINT);
                if (fp == null) {
                    throw new IllegalArgumentException("--baseline: " + file + ": a SARIF result without the "
                            + SarifReport.FINGERPRINT + " fingerprint (not written by eksid scan --output sarif)");
                }
                JsonNode p = r.path("properties");
                entries.put(fp, new Entry(fp, text(p, "cluster"), text(p, "context"), text(r, "ruleId"),
                        text(p, "severity"), text(p, "subject"), text(r.path("message"), "text"), text(p, "fix")));
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    String stateOf(ScanOutcome outcome, Finding f) {
        return entries.containsKey(outcome.fingerprint(f)) ? UNCHANGED : NEW;
    }

    /** The baseline findings of this outcome's cluster that it no longer has; none when its scan failed. */
    List<Entry> absent(ScanOutcome outcome) {
        if (outcome.scan().status() == io.eksid.engine.fleet.ClusterScanStatus.FAILED) {
            return List.of();
        }
        Set<String> now = new HashSet<>();
        outcome.scan().findings().forEach(f -> now.add(outcome.fingerprint(f)));
        String key = outcome.clusterKey();
        List<Entry> gone = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (key.equals(e.clusterKey()) && !now.contains(e.fingerprint())) {
                gone.add(e);
            }
        }
        return gone;
    }

    int size() {
        return entries.size();
    }
}
