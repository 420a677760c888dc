package io.eksid.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Draws a {@link ScanReport} for a terminal 120 columns wide. */
final class ScanTable {

    static final int WIDTH = 120;
    private static final int SA = 32;
    private static final int ROLE = 24;
    private static final int NEXT = 25;
    private static final int COUNT = 5;

    private final PrintWriter out;

    ScanTable(PrintWriter out) {
        this.out = out;
    }

    @SuppressWarnings("unchecked")
    void print(Map<String, Object> report) {
        Map<String, Object> cluster = (Map<String, Object>) report.get("cluster");
        StringBuilder head = new StringBuilder("Context ").append(report.get("context"))
                .append("  cluster ").append(cluster.get("name"));
        append(head, cluster.get("region"));
        if (cluster.get("version") != null) {
            head.append("  Kubernetes ").append(cluster.get("version"));
            append(head, cluster.get("platformVersion"));
        }
        out.println(head);
        out.println("Status: " + report.get("status"));
        for (Object m : (List<Object>) report.get("missing")) {
            out.println("  missing: " + m);
        }
        Map<String, Object> c = (Map<String, Object>) report.get("counts");
        out.println("Counts: " + count(c, "namespaces") + " namespaces, " + count(c, "serviceAccounts")
                + " service accounts, " + count(c, "pods") + " pods (" + count(c, "stalePods") + " stale)");
        out.println("        " + count(c, "irsaMappings") + " IRSA mappings, " + count(c, "associations")
                + " Pod Identity associations, " + count(c, "roles") + " roles");
        Map<String, Object> unknown = (Map<String, Object>) report.getOrDefault("countsUnknown", Map.of());
        new java.util.LinkedHashSet<>(unknown.values()).forEach(why -> out.println(wrap("        unknown because "
                + why, "          ")));
        Map<String, Object> agent = (Map<String, Object>) report.get("agent");
        out.println(wrap("Pod Identity agent: " + agent.get("state") + " - " + agent.get("reason"), "  "));

        out.println();
        out.println("SOURCES");
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("sources")) {
            String reason = String.valueOf(s.get("reason"));
            out.println(wrap("  " + pad(String.valueOf(s.get("source")), 28) + pad(String.valueOf(s.get("state")), 11)
                    + reason, " ".repeat(41)));
        }

        List<Map<String, Object>> sas = (List<Map<String, Object>>) report.get("serviceAccounts");
        out.println();
        out.println(pad("SERVICE ACCOUNT (" + sas.size() + ")", SA) + " " + pad("IRSA ROLE", ROLE) + " "
                + pad("ASSOCIATION ROLE", ROLE) + " " + pad("NEW PODS GET", NEXT) + " " + left("PODS", COUNT) + " "
                + left("STALE", COUNT));
        for (Map<String, Object> sa : sas) {
            String name = sa.get("namespace") + "/" + sa.get("name") + (Boolean.TRUE.equals(sa.get("exists")) ? ""
                    : sa.get("exists") == null ? " (unknown)" : " (missing)");
            out.println(pad(name, SA) + " " + pad(mapping((Map<String, Object>) sa.get("irsa")), ROLE) + " "
                    + pad(mapping((Map<String, Object>) sa.get("association")), ROLE) + " "
                    + pad(next((Map<String, Object>) sa.get("newPod")), NEXT) + " " + left(sa.get("pods"), COUNT) + " "
                    + left(sa.get("stalePods"), COUNT));
        }

        List<Map<String, Object>> findings = (List<Map<String, Object>>) report.get("findings");
        out.println();
        List<Object> incomplete = (List<Object>) report.getOrDefault("findingsIncomplete", List.of());
        out.println("FINDINGS (" + findings.size() + (incomplete.isEmpty() ? ")" : ", incomplete)"));
        for (Object why : incomplete) {
            out.println(wrap("  not checked: " + why, "    "));
        }
        for (Map<String, Object> f : findings) {
            out.println(wrap(pad(String.valueOf(f.get("severity")), 9) + f.get("code") + "  " + f.get("subject"),
                    "    "));
            out.println(wrap("    " + f.get("message"), "    "));
            if (f.get("fix") != null && !String.valueOf(f.get("fix")).isEmpty()) {
                out.println(wrap("    fix: " + f.get("fix"), "         "));
            }
        }
        out.flush();
    }

    private static void append(StringBuilder b, Object v) {
        if (v != null && !String.valueOf(v).isEmpty()) {
            b.append(' ').append(v);
        }
    }

    /** A role mapping as its role name plus a mark when the check is not OK: ARNs do not fit 120 columns. */
    static String mapping(Map<String, Object> m) {
        if (m == null) {
            return "-";
        }
        String role = roleName((String) m.get("roleArn"));
        Object target = m.get("targetRoleArn");
        if (target != null) {
            role = role + ">" + roleName((String) target);
        }
        Object status = m.get("status");
        if (status == null || "OK".equals(status)) {
            return role;
        }
        String mark = " [" + status + "]";
        // the verdict matters more than the tail of the name: shorten the name, keep the mark
        return (role.length() + mark.length() > ROLE ? pad(role, ROLE - mark.length()).stripTrailing() : role) + mark;
    }

    static String next(Map<String, Object> m) {
        String role = roleName((String) m.get("roleArn"));
        return switch (String.valueOf(m.get("mechanism"))) {
            case "POD_IDENTITY" -> "PodId " + role;
            case "IRSA" -> "IRSA " + role;
            case "NODE_ROLE" -> "node role";
            default -> "none";
        };
    }

    static String roleName(String arn) {
        if (arn == null) {
            return "";
        }
        int slash = arn.lastIndexOf('/');
        return slash >= 0 ? arn.substring(slash + 1) : arn;
    }

    static String pad(String s, int width) {
        if (s.length() > width) {
            return s.substring(0, width - 1) + "~";
        }
        return s + " ".repeat(width - s.length());
    }

    static String left(Object v, int width) {
        String s = String.valueOf(v);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Word-wraps to {@link #WIDTH}, continuing lines with {@code indent}. */
    static String wrap(String text, String indent) {
        if (text.length() <= WIDTH) {
            return text;
        }
        List<String> lines = new ArrayList<>();
        String rest = text;
        boolean first = true;
        while (rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', WIDTH);
            if (cut <= indent.length()) {
                cut = WIDTH;
            }
            lines.add(rest.substring(0, cut));
            rest = indent + rest.substring(cut).stripLeading();
            first = false;
        }
        if (!first || !rest.isBlank()) {
            lines.add(rest);
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** A count, or "unknown" when what it counts could not be read (see countsUnknown). */
    private static String count(Map<String, Object> counts, String key) {
        Object v = counts.get(key);
        return v == null ? "unknown" : String.valueOf(v);
    }

}
