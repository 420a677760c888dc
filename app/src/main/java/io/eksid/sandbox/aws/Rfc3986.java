package io.eksid.sandbox.aws;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as RFC 3986 defines it: every byte of the UTF-8 form except the unreserved
 * characters {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}. IAM returns policy documents this way
 * (FACTS.md, IAM), so a space is {@code %20} and a {@code +} is {@code %2B}, never the other way round.
 */
final class Rfc3986 {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Rfc3986() {
    }

    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
