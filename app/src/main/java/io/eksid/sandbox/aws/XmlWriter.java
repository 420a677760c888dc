package io.eksid.sandbox.aws;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/** A tiny XML builder for Query-protocol responses; escapes text and drops characters XML 1.0 forbids. */
final class XmlWriter {

    private final StringBuilder out = new StringBuilder(512);

    XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    XmlWriter openWithNamespace(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
        return this;
    }

    XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element with text; nothing at all when the value is null (absent members stay absent). */
    XmlWriter element(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(text(value))).append("</").append(name).append('>');
        }
        return this;
    }

    XmlWriter element(String name, Consumer<XmlWriter> children) {
        open(name);
        children.accept(this);
        return close(name);
    }

    /** A Query-protocol list: {@code <Name><member>…</member>…</Name>}. */
    <T> XmlWriter members(String name, List<T> items, java.util.function.BiConsumer<XmlWriter, T> member) {
        open(name);
        for (T item : items) {
            open("member");
            member.accept(this, item);
            close("member");
        }
        return close(name);
    }

    XmlWriter stringMembers(String name, List<String> items) {
        open(name);
        items.forEach(i -> element("member", i));
        return close(name);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String text(Object value) {
        if (value instanceof Instant i) {
            return i.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return value.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\r' -> b.append("&#xD;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
