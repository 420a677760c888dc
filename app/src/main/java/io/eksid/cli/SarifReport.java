package io.eksid.cli;

import io.eksid.engine.fleet.ClusterScan;
import io.eksid.engine.fleet.ClusterScanStatus;
import io.eksid.model.findings.Finding;
import io.eksid.model.findings.FindingCode;
import io.eksid.model.findings.Severity;
import io.eksid.model.graph.NodeId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan (one context or a fleet) as a SARIF 2.1.0 log: one rule per finding code, one result per finding with
 * a stable artifact URI for the object it is about, logical locations cluster → namespace → service account
 * (or cluster → role), and a fingerprint that stays the same across runs. With a baseline, every result carries
 * its {@code baselineState}, and findings that are gone are listed as absent.
 */
final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** The partialFingerprints key: cluster, code and subject, hashed (see {@link ScanOutcome#fingerprint}). */
    static final String FINGERPRINT = "eksidFinding/v1";

    private final String version;
    private final String informationUri;
    private final List<Map<String, Object>> logical = new ArrayList<>();
    private final Map<String, Integer> logicalIndex = new LinkedHashMap<>();

    /** @param informationUri the tool's home page, or null when the build names none */
    SarifReport(String version, String informationUri) {
        this.version = version;
        this.informationUri = informationUri == null || informationUri.isBlank() ? null : informationUri;
    }

    Map<String, Object> of(List<ScanOutcome> outcomes, Baseline baseline) {
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> notifications = new ArrayList<>();
        for (ScanOutcome o : outcomes) {
            ClusterScan scan = o.scan();
            if (scan.status() == ClusterScanStatus.FAILED) {
                notifications.add(notification(scan));
            }
            for (Finding f : scan.findings()) {
                results.add(result(o, f.code(), f.severity(), f.subject(), f.message(), f.fix(), o.fingerprint(f),
                        baseline == null ? null : baseline.stateOf(o, f)));
            }
            if (baseline != null) {
                for (Baseline.Entry e : baseline.absent(o)) {
                    results.add(result(o, e.code(), severityOf(e.severity()), e.subject(),
                            e.message() == null ? e.code() : e.message(), e.fix(), e.fingerprint(), Baseline.ABSENT));
                }
            }
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "eksid");
        driver.put("fullName", "EKS Identity Console");
        driver.put("version", version);
        driver.put("semanticVersion", version);
        if (informationUri != null) {
            driver.put("informationUri", informationUri);
        }
        driver.put("rules", rules());
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", notifications.isEmpty());
        if (!notifications.isEmpty()) {
            invocation.put("toolExecutionNotifications", notifications);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(invocation));
        if (!logical.isEmpty()) {
            run.put("logicalLocations", logical);
        }
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return root;
    }

    private static Severity severityOf(String name) {
        try {
            return name == null ? Severity.WARNING : Severity.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Severity.WARNING;
        }
    }

    private static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (FindingCode code : FindingCode.values()) {
            SarifRules.Rule r = SarifRules.of(code);
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", code.code());
            rule.put("name", ruleName(code));
            rule.put("shortDescription", Map.of("text", code.title()));
            rule.put("fullDescription", Map.of("text", r.fullDescription()));
            rule.put("help", Map.of("text", r.help().replace("`", ""), "markdown",
                    "**" + code.title() + "**\n\n" + r.fullDescription() + "\n\n**Fix:** " + r.help()));
            rule.put("defaultConfiguration", Map.of("level", SarifRules.level(code.severity())));
            rule.put("properties", Map.of("tags", r.tags(), "precision", "high",
                    "security-severity", SarifRules.securitySeverity(code.severity())));
            rules.add(rule);
        }
        return rules;
    }

    /** {@code IRSA_TRUST_DENIES} → {@code IrsaTrustDenies}: SARIF's rule names are identifier-like. */
    static String ruleName(FindingCode code) {
        StringBuilder b = new StringBuilder();
        for (String part : code.code().toLowerCase().split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    private Map<String, Object> result(ScanOutcome o, String code, Severity severity, String subject, String message,
                                       String fix, String fingerprint, String baselineState) {
        ClusterScan scan = o.scan();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ruleId", code);
        try {
            r.put("ruleIndex", FindingCode.valueOf(code).ordinal());
        } catch (IllegalArgumentException unknownToThisVersion) {
            // an absent finding of an older catalogue: its id still says what it was
        }
        r.put("level", SarifRules.level(severity));
        r.put("message", Map.of("text", message));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("physicalLocation", Map.of("artifactLocation", Map.of("uri", artifactUri(scan, subject)),
                "region", Map.of("startLine", 1)));
        int leaf = logicalLocation(scan, subject);
        location.put("logicalLocations", List.of(Map.of("index", leaf,
                "fullyQualifiedName", logical.get(leaf).get("fullyQualifiedName"))));
        r.put("locations", List.of(location));
        r.put("partialFingerprints", Map.of(FINGERPRINT, fingerprint));
        if (baselineState != null) {
            r.put("baselineState", baselineState);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("context", scan.context());
        props.put("cluster", o.clusterKey());
        props.put("subject", subject);
        props.put("severity", severity.name());
        props.put("fix", fix == null ? "" : fix);
        props.put("security-severity", SarifRules.securitySeverity(severity));
        r.put("properties", props);
        return r;
    }

    private static Map<String, Object> notification(ClusterScan scan) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("level", "error");
        n.put("message", Map.of("text", "context " + scan.context() + " could not be scanned: " + scan.reason()));
        n.put("descriptor", Map.of("id", "EKSID-CONTEXT-FAILED"));
        return n;
    }

    /** The cluster part of every artifact URI: account, region and name when matched, else the context. */
    private static String clusterPath(ClusterScan scan) {
        return scan.cluster() != null
                ? "eks/" + seg(scan.cluster().account()) + "/" + seg(scan.cluster().region()) + "/"
                + seg(scan.cluster().name())
                : "contexts/" + seg(scan.context());
    }

    /** A relative URI naming the object the finding is about, the same in every run. */
    static String artifactUri(ClusterScan scan, String subject) {
        String cluster = clusterPath(scan);
        NodeId id = NodeId.tryParse(subject).orElse(null);
        if (id instanceof NodeId.ServiceAccount sa) {
            return cluster + "/namespaces/" + seg(sa.ref().namespace()) + "/serviceaccounts/" + seg(sa.ref().name());
        }
        if (id instanceof NodeId.Workload w) {
            return cluster + "/namespaces/" + seg(w.namespace()) + "/" + seg(w.ref().kind().toLowerCase() + "s") + "/"
                    + seg(w.ref().name());
        }
        if (id instanceof NodeId.Association a) {
            return cluster + "/podidentityassociations/" + seg(a.key());
        }
        if (subject.startsWith("arn:")) {
            String[] p = subject.split(":", 6);
            if (p.length == 6 && p[2].equals("iam") && p[5].startsWith("role/")) {
                return "iam/" + seg(p[4]) + "/roles/" + segments(p[5].substring(5));
            }
            if (p.length == 6 && p[2].equals("iam") && p[5].startsWith("oidc-provider/")) {
                return "iam/" + seg(p[4]) + "/oidc-providers/" + segments(p[5].substring(14));
            }
            if (p.length == 6 && p[2].equals("eks") && p[5].startsWith("cluster/")) {
                return "eks/" + seg(p[4]) + "/" + seg(p[3]) + "/" + seg(p[5].substring(8));
            }
        }
        return cluster + "/" + seg(subject);
    }

    /** Cluster → namespace → service account or workload; cluster → role; cluster → association. */
    private int logicalLocation(ClusterScan scan, String subject) {
        String clusterName = scan.cluster() != null ? scan.cluster().name() : scan.context();
        int cluster = logicalNode(clusterName, clusterName, "module", null);
        NodeId id = NodeId.tryParse(subject).orElse(null);
        if (id instanceof NodeId.ServiceAccount || id instanceof NodeId.Workload) {
            String namespace = id.inNamespace().orElseThrow();
            int ns = logicalNode(namespace, clusterName + "/" + namespace, "namespace", cluster);
            NodeId.Workload workload = id instanceof NodeId.Workload w ? w : null;
            String leaf = workload != null ? workload.ref().name() : ((NodeId.ServiceAccount) id).ref().name();
            String kind = workload != null ? workload.ref().kind() : "serviceaccount";
            return logicalNode(leaf, clusterName + "/" + namespace + "/" + kind + "/" + leaf, "object", ns);
        }
        if (subject.startsWith("arn:") && subject.contains(":role/")) {
            String role = subject.substring(subject.lastIndexOf('/') + 1);
            return logicalNode(role, clusterName + "/role/" + subject, "object", cluster);
        }
        if (subject.startsWith("arn:") && subject.contains(":cluster/")) {
            return cluster;
        }
        return logicalNode(subject, clusterName + "/" + subject, "object", cluster);
    }

    private int logicalNode(String name, String fqn, String kind, Integer parent) {
        Integer known = logicalIndex.get(fqn);
        if (known != null) {
            return known;
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", name);
        node.put("fullyQualifiedName", fqn);
        node.put("kind", kind);
        if (parent != null) {
            node.put("parentIndex", parent);
        }
        logical.add(node);
        logicalIndex.put(fqn, logical.size() - 1);
        return logical.size() - 1;
    }

    private static String segments(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(seg(p));
            }
        }
        return String.join("/", parts);
    }

    private static String seg(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
