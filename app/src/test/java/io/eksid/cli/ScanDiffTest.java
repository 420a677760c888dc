package io.eksid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The --watch change lines and the table's role cells, on hand-made reports. */
class ScanDiffTest {

    static Map<String, Object> report(List<Map<String, Object>> sas, List<Map<String, Object>> findings,
                                      List<Map<String, Object>> sources, int pods) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("context", "c");
        r.put("status", "ok");
        r.put("counts", Map.of("pods", pods));
        r.put("agent", Map.of("state", "PRESENT", "reason", ""));
        r.put("serviceAccounts", sas);
        r.put("findings", findings);
        r.put("sources", sources);
        return r;
    }

    static Map<String, Object> sa(String ns, String name, String role) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", ns);
        m.put("name", name);
        m.put("irsa", role == null ? null : Map.of("roleArn", role));
        return m;
    }

    static Map<String, Object> finding(String code, String subject) {
        return Map.of("code", code, "subject", subject, "message", "m", "severity", "ERROR", "fix", "f");
    }

    static Map<String, Object> source(String name, String state, String since) {
        return Map.of("source", name, "state", state, "reason", "", "since", since);
    }

    @Test
    void nothingVisibleChangedIsNoLine() {
        Map<String, Object> a = report(List.of(sa("a", "x", null)), List.of(), List.of(source("kube/pods", "LIVE", "t1")), 3);
        Map<String, Object> b = report(List.of(sa("a", "x", null)), List.of(), List.of(source("kube/pods", "LIVE", "t2")), 3);
        assertThat(ScanDiff.between(a, b)).isNull();
    }

    @Test
    void reportsAddedRemovedChangedFindingsSourcesAndCounts() {
        Map<String, Object> a = report(List.of(sa("a", "x", null), sa("a", "gone", null)),
                List.of(finding("OLD", "sa:a/gone")), List.of(source("kube/pods", "LIVE", "t1")), 3);
        Map<String, Object> b = report(List.of(sa("a", "x", "arn:aws:iam::1:role/r"), sa("a", "new", null)),
                List.of(finding("NEW", "sa:a/x")), List.of(source("kube/pods", "FORBIDDEN", "t2")), 4);
        Map<String, Object> d = ScanDiff.between(a, b);
        assertThat(d).containsEntry("context", "c").containsEntry("counts", Map.of("pods", 4));
        @SuppressWarnings("unchecked")
        Map<String, Object> sas = (Map<String, Object>) d.get("serviceAccounts");
        assertThat(sas.get("added")).isEqualTo(List.of(sa("a", "new", null)));
        assertThat(sas.get("removed")).isEqualTo(List.of("a/gone"));
        assertThat(sas.get("changed")).isEqualTo(List.of(sa("a", "x", "arn:aws:iam::1:role/r")));
        assertThat(d.get("findings")).isEqualTo(Map.of("new", List.of(finding("NEW", "sa:a/x")),
                "resolved", List.of(finding("OLD", "sa:a/gone"))));
        assertThat(d.get("sources")).isEqualTo(List.of(source("kube/pods", "FORBIDDEN", "t2")));
        assertThat(d).doesNotContainKeys("status", "agent");
    }

    @Test
    void tableCellsKeepTheVerdictWhenTheRoleNameIsLong() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roleArn", "arn:aws:iam::111122223333:role/teams/payments/a-very-long-role-name-indeed");
        m.put("status", "SHADOWED");
        String cell = ScanTable.mapping(m);
        assertThat(cell).endsWith(" [SHADOWED]").startsWith("a-very-long").hasSizeLessThanOrEqualTo(24);
        assertThat(ScanTable.mapping(null)).isEqualTo("-");
        assertThat(ScanTable.next(Map.of("mechanism", "NODE_ROLE"))).isEqualTo("node role");
        assertThat(ScanCommand.parseDuration("2m")).hasMinutes(2);
        assertThat(ScanCommand.parseDuration("500ms")).hasMillis(500);
        assertThat(ScanCommand.parseDuration("45")).hasSeconds(45);
    }
}
