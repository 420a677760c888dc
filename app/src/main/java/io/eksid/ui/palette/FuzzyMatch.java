package io.eksid.ui.palette;

import java.util.Locale;

/**
 * How well a typed query matches a name: the query's letters must appear in order; whole substrings, matches at
 * the start of a word and short names rank first. Lower is better; {@link #NO_MATCH} when the letters are not all
 * there in order.
 */
public final class FuzzyMatch {

    public static final int NO_MATCH = Integer.MAX_VALUE;

    private FuzzyMatch() {
    }

    public static int score(String query, String name) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return n.length();
        }
        int at = n.indexOf(q);
        if (at >= 0) {
            boolean wordStart = at == 0 || !Character.isLetterOrDigit(n.charAt(at - 1));
            return (at == 0 ? 0 : wordStart ? 1_000 : 2_000) + n.length();
        }
        int gaps = 0;
        int last = -1;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == ' ') {
                continue;
            }
            int next = n.indexOf(c, last + 1);
            if (next < 0) {
                return NO_MATCH;
            }
            if (last >= 0 && next > last + 1) {
                gaps += next - last - 1;
            }
            last = next;
        }
        return 10_000 + gaps * 10 + n.length();
    }
}
