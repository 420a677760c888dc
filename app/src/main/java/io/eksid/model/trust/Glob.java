package io.eksid.model.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (also none), {@code ?} exactly one. A pattern
 * is a list of parts so that a literal {@code *} (from the <code>${*}</code> policy variable) stays literal.
 */
final class Glob {

    /** A literal run of text, or one of the two wildcards. */
    record Part(String literal, char wildcard) {
        static Part text(String s) {
            return new Part(s, '\0');
        }

        static final Part STAR = new Part(null, '*');
        static final Part ONE = new Part(null, '?');

        boolean isWildcard() {
            return literal == null;
        }
    }

    private final List<Part> parts;

    Glob(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** A pattern where every {@code *} and {@code ?} in the text is a wildcard. */
    static Glob of(String pattern) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!lit.isEmpty()) {
                    parts.add(Part.text(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(c == '*' ? Part.STAR : Part.ONE);
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty()) {
            parts.add(Part.text(lit.toString()));
        }
        return new Glob(parts);
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        return of(pattern).matches(value, ignoreCase);
    }

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    boolean hasWildcard() {
        return parts.stream().anyMatch(Part::isWildcard);
    }

    /** The text this pattern matches when it has no wildcards. */
    String literalText() {
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(p.isWildcard() ? String.valueOf(p.wildcard()) : p.literal()));
        return sb.toString();
    }

    boolean matches(String value, boolean ignoreCase) {
        return match(0, value, 0, ignoreCase);
    }

    private boolean match(int pi, String s, int si, boolean ignoreCase) {
        while (pi < parts.size()) {
            Part p = parts.get(pi);
            if (p == Part.STAR || (p.isWildcard() && p.wildcard() == '*')) {
                if (pi == parts.size() - 1) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (match(pi + 1, s, k, ignoreCase)) {
                        return true;
                    }
                }
                return false;
            }
            if (p.isWildcard()) {
                if (si >= s.length()) {
                    return false;
                }
                si++;
            } else {
                int n = p.literal().length();
                if (!s.regionMatches(ignoreCase, si, p.literal(), 0, n)) {
                    return false;
                }
                si += n;
            }
            pi++;
        }
        return si == s.length();
    }
}
