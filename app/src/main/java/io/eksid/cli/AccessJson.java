package io.eksid.cli;

import io.eksid.model.access.AccessDecision;
import io.eksid.model.access.WhoCan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code access} commands' answers as JSON-ready maps (field order as docs/cli.md shows) and as text. */
final class AccessJson {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private AccessJson() {
    }

    static void print(PrintWriter out, Map<String, Object> value) {
        out.println(pretty(value));
        out.flush();
    }

    /** Indented JSON, as every explain and access command prints it. */
    static String pretty(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** {@code {"allowed", "decision", "reason", "statements": [...], "unknown": [...]}}. */
    static Map<String, Object> decision(AccessDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allowed", d.allowed());
        m.put("decision", d.decision().name());
        m.put("reason", d.reason());
        List<Map<String, Object>> statements = new ArrayList<>();
        for (AccessDecision.StatementMatch s : d.statements()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("policy", s.policy());
            st.put("sid", s.sid());
            st.put("index", s.index());
            st.put("effect", s.effect());
            st.put("why", s.why());
            statements.add(st);
        }
        m.put("statements", statements);
        m.put("unknown", d.unknown());
        return m;
    }

    static Map<String, Object> whoCan(WhoCan.Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", a.request().action());
        m.put("resource", a.request().resource());
        m.put("cluster", a.cluster());
        List<Map<String, Object>> principals = new ArrayList<>();
        for (WhoCan.Principal p : a.principals()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("namespace", p.serviceAccount().namespace());
            pm.put("serviceAccount", p.serviceAccount().name());
            pm.put("mechanism", p.mechanism().name());
            pm.put("roleArn", p.roleArn());
            pm.put("targetRoleArn", p.targetRoleArn());
            pm.put("decision", p.decision().decision().name());
            pm.put("reason", p.decision().reason());
            List<Map<String, Object>> pods = new ArrayList<>();
            for (WhoCan.PodAnswer pod : p.pods()) {
                Map<String, Object> pd = new LinkedHashMap<>();
                pd.put("name", pod.name());
                pd.put("decision", pod.decision().decision().name());
                pd.put("reason", pod.decision().reason());
                pods.add(pd);
            }
            pm.put("pods", pods);
            principals.add(pm);
        }
        m.put("principals", principals);
        m.put("unknown", a.unknown());
        return m;
    }

    /**
     * One line per service account with its role and reason; its pods below when their answers differ from the
     * account's (else one count line). Service accounts on the node role, whose policies are not read, are named
     * together at the end.
     */
    static void printWhoCan(PrintWriter out, WhoCan.Answer a) {
        out.println(a.request().action() + " on " + a.request().resource() + " in " + a.cluster() + ": "
                + a.principals().stream().filter(WhoCan.Principal::anyAllowed).count() + " of "
                + a.principals().size() + " service account(s) can");
        out.printf("%-14s %-40s %-13s %s%n", "DECISION", "SERVICE ACCOUNT", "MECHANISM", "ROLE / REASON");
        List<String> nodeRole = new ArrayList<>();
        for (WhoCan.Principal p : a.principals()) {
            String name = p.serviceAccount().namespace() + "/" + p.serviceAccount().name();
            if (p.mechanism() == io.eksid.model.graph.Mechanism.NODE_ROLE && !p.anyAllowed()) {
                nodeRole.add(name);
                continue;
            }
            out.printf("%-14s %-40s %-13s %s%n", p.decision().decision(), name, p.mechanism(),
                    p.roleArn() == null ? "-" : p.roleArn() + (p.targetRoleArn() == null ? "" : " -> " + p.targetRoleArn()));
            out.printf("%-14s %-40s %-13s %s%n", "", "", "", p.decision().reason());
            boolean same = p.pods().stream().allMatch(x -> x.decision().decision() == p.decision().decision());
            if (same && !p.pods().isEmpty()) {
                out.printf("%-14s %-40s%n", "", "  " + p.pods().size() + " pod(s), all " + p.decision().decision());
            } else {
                for (WhoCan.PodAnswer pod : p.pods()) {
                    out.printf("  %-12s   pod %s: %s%n", pod.decision().decision(), pod.name(), pod.decision().reason());
                }
            }
        }
        if (!nodeRole.isEmpty()) {
            out.println("UNKNOWN: " + nodeRole.size() + " service account(s) use the node's instance role, whose "
                    + "policies are not read: " + String.join(", ", nodeRole));
        }
        if (!a.unknown().isEmpty()) {
            out.println("Not seen by these decisions:");
            a.unknown().forEach(u -> out.println("  - " + u));
        }
        out.flush();
    }

    static void printDecision(PrintWriter out, AccessDecision d) {
        out.println("Decision: " + d.decision() + " — " + d.reason());
        if (!d.statements().isEmpty()) {
            out.println("Deciding statements:");
            for (AccessDecision.StatementMatch s : d.statements()) {
                out.println("  " + s.effect() + "  " + s.policy() + " Statement[" + s.index() + "]"
                        + (s.sid() == null || s.sid().isEmpty() ? "" : " (" + s.sid() + ")") + ": " + s.why());
            }
        }
        if (!d.unknown().isEmpty()) {
            out.println("Not seen by this decision:");
            d.unknown().forEach(u -> out.println("  - " + u));
        }
        out.flush();
    }
}
