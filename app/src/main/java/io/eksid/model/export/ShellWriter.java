package io.eksid.model.export;

/** Lines of a bash script, with the quoting rules the exporters rely on. */
final class ShellWriter {

    private final StringBuilder out = new StringBuilder();

    void line(String text) {
        out.append(text).append('\n');
    }

    void blank() {
        out.append('\n');
    }

    void comment(String text) {
        for (String l : text.split("\n", -1)) {
            out.append(l.isEmpty() ? "#" : "# " + l).append('\n');
        }
    }

    /**
     * Writes {@code document} to {@code $WORKDIR/<file>} through a heredoc whose delimiter is quoted (no expansion)
     * and does not occur as a line of the document.
     */
    void heredoc(String file, String document) {
        String delimiter = "EKSID_DOCUMENT";
        int n = 0;
        while (containsLine(document, delimiter)) {
            delimiter = "EKSID_DOCUMENT_" + (++n);
        }
        line("cat > \"$WORKDIR/" + file + "\" <<'" + delimiter + "'");
        out.append(document);
        if (!document.endsWith("\n")) {
            out.append('\n');
        }
        line(delimiter);
    }

    /** Single-quotes a value for bash: nothing inside is expanded; a {@code '} becomes {@code '\''}. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static boolean containsLine(String document, String line) {
        for (String l : document.split("\n", -1)) {
            if (l.equals(line)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
