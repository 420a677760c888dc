package io.eksid.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two {@link ScanReport}s, as one JSON-ready object for {@code eksid scan --watch}; null
 * when nothing an admin would see changed (e.g. only a source's poll time).
 */
final class ScanDiff {

    private ScanDiff() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> between(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> change = new LinkedHashMap<>();
        if (!Objects.equals(before.get("status"), after.get("status"))) {
            change.put("status", after.get("status"));
        }
        if (!Objects.equals(before.get("counts"), after.get("counts"))) {
            change.put("counts", after.get("counts"));
        }
        if (!Objects.equals(before.get("agent"), after.get("agent"))) {
            change.put("agent", after.get("agent"));
        }
        Map<String, Map<String, Object>> sasBefore = keyed((List<Map<String, Object>>) before.get("serviceAccounts"),
                "namespace", "name");
        Map<String, Map<String, Object>> sasAfter = keyed((List<Map<String, Object>>) after.get("serviceAccounts"),
                "namespace", "name");
        Map<String, Object> sas = new LinkedHashMap<>();
        List<Object> added = new ArrayList<>();
        List<Object> changed = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : sasAfter.entrySet()) {
            Map<String, Object> old = sasBefore.get(e.getKey());
            if (old == null) {
                added.add(e.getValue());
            } else if (!old.equals(e.getValue())) {
                changed.add(e.getValue());
            }
        }
        List<Object> removed = new ArrayList<>();
        for (String key : sasBefore.keySet()) {
            if (!sasAfter.containsKey(key)) {
                removed.add(key);
            }
        }
        putIfAny(sas, "added", added);
        putIfAny(sas, "removed", removed);
        putIfAny(sas, "changed", changed);
        putIfAny(change, "serviceAccounts", sas);

        Map<String, Map<String, Object>> fBefore = keyed((List<Map<String, Object>>) before.get("findings"),
                "code", "subject", "message");
        Map<String, Map<String, Object>> fAfter = keyed((List<Map<String, Object>>) after.get("findings"),
                "code", "subject", "message");
        Map<String, Object> findings = new LinkedHashMap<>();
        putIfAny(findings, "new", fAfter.entrySet().stream().filter(e -> !fBefore.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList());
        putIfAny(findings, "resolved", fBefore.entrySet().stream().filter(e -> !fAfter.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList());
        putIfAny(change, "findings", findings);

        Map<String, Map<String, Object>> srcBefore = keyed((List<Map<String, Object>>) before.get("sources"), "source");
        List<Object> sources = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) after.get("sources")) {
            Map<String, Object> old = srcBefore.get(String.valueOf(s.get("source")));
            if (old == null || !Objects.equals(old.get("state"), s.get("state"))
                    || !Objects.equals(old.get("reason"), s.get("reason"))) {
                sources.add(s);
            }
        }
        putIfAny(change, "sources", sources);
        if (change.isEmpty()) {
            return null;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("context", after.get("context"));
        line.putAll(change);
        return line;
    }

    private static void putIfAny(Map<String, Object> m, String key, Object value) {
        boolean empty = value instanceof List<?> l ? l.isEmpty() : ((Map<?, ?>) value).isEmpty();
        if (!empty) {
            m.put(key, value);
        }
    }

    private static Map<String, Map<String, Object>> keyed(List<Map<String, Object>> items, String... keys) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (Map<String, Object> item : items) {
            StringBuilder k = new StringBuilder();
            for (String key : keys) {
                k.append(k.length() == 0 ? "" : "/").append(item.get(key));
            }
            m.put(k.toString(), item);
        }
        return m;
    }
}
