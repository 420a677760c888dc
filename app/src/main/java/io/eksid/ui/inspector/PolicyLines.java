package io.eksid.ui.inspector;

/** Finds a statement's lines in a pretty-printed policy, to highlight the one that decides. */
final class PolicyLines {

    private PolicyLines() {
    }

    /**
     * Line range (inclusive, 0-based) of statement {@code index} in a pretty-printed policy: the statement objects
     * are the 4-space-indented braces inside the Statement array.
     */
    static int[] statementLines(String pretty, int index) {
        String[] lines = pretty.split("\n", -1);
        int count = -1;
        int start = -1;
        boolean inStatements = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.contains("\"Statement\"")) {
                inStatements = true;
                if (l.trim().endsWith("{")) {
                    // single-statement object form
                    if (index == 0) {
                        start = i;
                        count = 0;
                    }
                }
                continue;
            }
            if (!inStatements) {
                continue;
            }
            if (l.startsWith("    {") && !l.startsWith("     ")) {
                count++;
                if (count == index) {
                    start = i;
                }
            } else if (start >= 0 && (l.startsWith("    }") && !l.startsWith("     ")
                    || l.startsWith("  }") && !l.startsWith("   ") && count == 0)) {
                return new int[] {start, i};
            }
        }
        return new int[] {-1, -1};
    }

}
