package io.eksid.model.trust;

import java.util.Map;

/**
 * Prints a {@link TrustPolicy} as JSON: compact (for IAM and size checks) or indented by two spaces (for display
 * and diffs). Fields come in canonical order (Version, Id, Statement; Sid, Effect, Principal, Action, Condition);
 * values keep the author's form (string or list, string/boolean/number).
 */
final class TrustPolicyWriter {

    private final boolean pretty;
    private final StringBuilder out = new StringBuilder();
    private int depth;

    private TrustPolicyWriter(boolean pretty) {
        this.pretty = pretty;
    }

    static String compact(TrustPolicy p) {
        return new TrustPolicyWriter(false).policy(p);
    }

    static String pretty(TrustPolicy p) {
        return new TrustPolicyWriter(true).policy(p);
    }

    private String policy(TrustPolicy p) {
        open('{');
        boolean first = true;
        if (p.version() != null) {
            first = key("Version", first);
            string(p.version());
        }
        if (p.id() != null) {
            first = key("Id", first);
            string(p.id());
        }
        key("Statement", first);
        if (p.statementListForm()) {
            open('[');
            for (int i = 0; i < p.statements().size(); i++) {
                item(i == 0);
                statement(p.statements().get(i));
            }
            close(']', p.statements().isEmpty());
        } else {
            statement(p.statements().get(0));
        }
        close('}', false);
        return out.toString();
    }

    private void statement(Statement s) {
        open('{');
        boolean first = true;
        if (s.sid() != null) {
            first = key("Sid", first);
            string(s.sid());
        }
        first = key("Effect", first);
        string(s.effect().json());
        key(s.notPrincipal() ? "NotPrincipal" : "Principal", first);
        principal(s.principal());
        key(s.notAction() ? "NotAction" : "Action", false);
        strings(s.actions());
        if (s.condition() != null) {
            key("Condition", false);
            condition(s.condition());
        }
        close('}', false);
    }

    private void principal(Principal p) {
        if (p.wildcard()) {
            string("*");
            return;
        }
        open('{');
        boolean first = true;
        for (Map.Entry<String, StringValues> e : p.byType().entrySet()) {
            first = key(e.getKey(), first);
            strings(e.getValue());
        }
        close('}', false);
    }

    private void condition(Map<String, Map<String, ConditionValues>> condition) {
        open('{');
        boolean first = true;
        for (Map.Entry<String, Map<String, ConditionValues>> op : condition.entrySet()) {
            first = key(op.getKey(), first);
            open('{');
            boolean firstKey = true;
            for (Map.Entry<String, ConditionValues> k : op.getValue().entrySet()) {
                firstKey = key(k.getKey(), firstKey);
                conditionValues(k.getValue());
            }
            close('}', op.getValue().isEmpty());
        }
        close('}', condition.isEmpty());
    }

    private void strings(StringValues v) {
        if (!v.listForm()) {
            string(v.values().get(0));
            return;
        }
        open('[');
        for (int i = 0; i < v.values().size(); i++) {
            item(i == 0);
            string(v.values().get(i));
        }
        close(']', false);
    }

    private void conditionValues(ConditionValues v) {
        if (!v.listForm()) {
            scalar(v.values().get(0));
            return;
        }
        open('[');
        for (int i = 0; i < v.values().size(); i++) {
            item(i == 0);
            scalar(v.values().get(i));
        }
        close(']', false);
    }

    private void scalar(PolicyValue v) {
        if (v.kind() == PolicyValue.Kind.STRING) {
            string(v.text());
        } else {
            out.append(v.text());
        }
    }

    private void open(char c) {
        out.append(c);
        depth++;
    }

    private void close(char c, boolean empty) {
        depth--;
        if (pretty && !empty) {
            newline();
        }
        out.append(c);
    }

    private void item(boolean first) {
        if (!first) {
            out.append(',');
        }
        if (pretty) {
            newline();
        }
    }

    private boolean key(String name, boolean first) {
        item(first);
        string(name);
        out.append(pretty ? ": " : ":");
        return false;
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
