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

    List<Part> parts() {
        return parts;
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

    /**
     * Wildcard matching by the classic two-pointer method with backtracking to the last {@code *}: O(n·m) at
     * worst, so a hostile pattern in a pasted policy cannot make matching explode.
     */
    boolean matches(String value, boolean ignoreCase) {
        int[] pattern = tokens();
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        while (s < value.length()) {
            if (p < pattern.length && pattern[p] != STAR
                    && (pattern[p] == ONE || same((char) pattern[p], value.charAt(s), ignoreCase))) {
                p++;
                s++;
            } else if (p < pattern.length && pattern[p] == STAR) {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == STAR) {
            p++;
        }
        return p == pattern.length;
    }

    private static final int STAR = -1;
    private static final int ONE = -2;

    private int[] tokens() {
        int n = 0;
        for (Part part : parts) {
            n += part.isWildcard() ? 1 : part.literal().length();
        }
        int[] out = new int[n];
        int i = 0;
        for (Part part : parts) {
            if (part.isWildcard()) {
                out[i++] = part.wildcard() == '*' ? STAR : ONE;
            } else {
                for (char c : part.literal().toCharArray()) {
                    out[i++] = c;
                }
            }
        }
        return out;
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && (Character.toLowerCase(a) == Character.toLowerCase(b)
                || Character.toUpperCase(a) == Character.toUpperCase(b)));
    }
}
