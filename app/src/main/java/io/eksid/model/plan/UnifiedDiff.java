package io.eksid.model.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, as {@code diff -u} prints it (3 lines of context). Trust policies are
 * at most a few hundred lines, so the plain longest-common-subsequence table is fast enough and exact.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    private record Line(char op, String text, int oldNo, int newNo) {
    }

    /** The diff with {@code ---}/{@code +++} headers; empty when the texts are equal. */
    public static String diff(String before, String after, String beforeLabel, String afterLabel) {
        List<Line> lines = edit(split(before), split(after));
        if (lines.stream().allMatch(l -> l.op == ' ')) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeLabel).append('\n').append("+++ ").append(afterLabel).append('\n');
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).op == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < lines.size()) {
                if (lines.get(end).op != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(lines.size(), lastChange + CONTEXT + 1);
            hunk(out, lines.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Line> hunk) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Line l : hunk) {
            if (l.op != '+') {
                oldCount++;
                if (oldStart == 0) {
                    oldStart = l.oldNo;
                }
            }
            if (l.op != '-') {
                newCount++;
                if (newStart == 0) {
                    newStart = l.newNo;
                }
            }
        }
        if (oldStart == 0) {
            oldStart = hunk.get(0).oldNo;
        }
        if (newStart == 0) {
            newStart = hunk.get(0).newNo;
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                .append(" @@\n");
        for (Line l : hunk) {
            out.append(l.op).append(l.text).append('\n');
        }
    }

    private static String range(int start, int count) {
        if (count == 0) {
            return (start - 1) + ",0";
        }
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    private static List<Line> edit(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Line(' ', a.get(i), ++i, ++j));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line('-', a.get(i), ++i, j + 1));
            } else {
                out.add(new Line('+', b.get(j), i + 1, ++j));
            }
        }
        return out;
    }

    private static List<String> split(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
