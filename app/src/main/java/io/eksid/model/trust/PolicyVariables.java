package io.eksid.model.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * Substitutes policy variables (<code>${aws:PrincipalAccount}</code>, <code>${key, 'default'}</code>, and the
 * escapes <code>${*}</code>, <code>${?}</code>, <code>${$}</code>) in a condition value. IAM only does this under
 * Version 2012-10-17; under older versions the text is literal. Substituted text is always literal, never a
 * wildcard.
 */
final class PolicyVariables {

    enum State { RESOLVED, MISSING, UNKNOWN }

    /** The expanded pattern, or why it could not be expanded ({@code variable} names the key). */
    record Expansion(State state, Glob pattern, String variable) {
    }

    private PolicyVariables() {
    }

    static Expansion expand(String raw, boolean enabled, boolean wildcards, RequestContext ctx) {
        List<Glob.Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (enabled && c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
                int end = raw.indexOf('}', i + 2);
                if (end > 0) {
                    String inner = raw.substring(i + 2, end).strip();
                    String replacement;
                    if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
                        replacement = inner;
                    } else {
                        String key = inner;
                        String dflt = null;
                        int comma = inner.indexOf(',');
                        if (comma > 0) {
                            key = inner.substring(0, comma).strip();
                            String d = inner.substring(comma + 1).strip();
                            if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                                dflt = d.substring(1, d.length() - 1);
                            }
                        }
                        RequestContext.Lookup l = ctx.lookup(key);
                        if (l.state() == RequestContext.State.UNKNOWN) {
                            return new Expansion(State.UNKNOWN, null, key);
                        }
                        if (l.state() == RequestContext.State.ABSENT) {
                            if (dflt == null) {
                                return new Expansion(State.MISSING, null, key);
                            }
                            replacement = dflt;
                        } else {
                            replacement = l.values().get(0);
                        }
                    }
                    lit.append(replacement);
                    i = end + 1;
                    continue;
                }
            }
            if (wildcards && (c == '*' || c == '?')) {
                if (!lit.isEmpty()) {
                    parts.add(Glob.Part.text(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(c == '*' ? Glob.Part.STAR : Glob.Part.ONE);
            } else {
                lit.append(c);
            }
            i++;
        }
        if (!lit.isEmpty()) {
            parts.add(Glob.Part.text(lit.toString()));
        }
        return new Expansion(State.RESOLVED, new Glob(parts), null);
    }
}
