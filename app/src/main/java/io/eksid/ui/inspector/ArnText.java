package io.eksid.ui.inspector;

/** How ARNs and other long identifiers are shown: wrapped at their separators, offered for copying. Pure. */
public final class ArnText {

    private ArnText() {
    }

    /**
     * Lets long identifiers wrap where they are meant to break: after ':' and '/' of an ARN and '_' of a finding code,
     * never in the middle of a word. Zero-width spaces are invisible; the copy buttons copy the value itself.
     */
    public static String breakable(String value) {
        if (value == null || value.length() < 24) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            b.append(ch);
            if (ch == ':' || ch == '/' || ch == '_') {
                b.append('\u200B');
            }
        }
        return b.toString();
    }

    /** An ARN (or a value made of one): offered with a copy button. */
    public static boolean copyable(String value) {
        return value != null && value.startsWith("arn:") && value.indexOf(' ') < 0 && value.indexOf('\n') < 0;
    }
}
