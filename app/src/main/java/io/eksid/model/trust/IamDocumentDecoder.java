package io.eksid.model.trust;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes the RFC 3986 percent-encoding GetRole and ListRoles apply to AssumeRolePolicyDocument (FACTS.md, IAM:
 * the Java SDK v2 returns it still encoded). Only {@code %XX} escapes are decoded; a {@code +} stays a plus,
 * unlike form decoding, because a literal {@code +} in a policy is a plus.
 *
 * <p>Detection: a JSON policy document starts with <code>{</code>; an encoded one starts with {@code %7B}.
 * Anything that starts with {@code %} is treated as encoded; anything else is left alone, so a raw document
 * that contains {@code %20} inside a string is never mangled.
 */
final class IamDocumentDecoder {

    private IamDocumentDecoder() {
    }

    static boolean looksEncoded(String document) {
        String s = document.stripLeading();
        return s.startsWith("%");
    }

    /** Decodes when the document looks encoded; returns the input unchanged otherwise or when it is not valid. */
    static String decodeIfEncoded(String document) {
        if (document == null || !looksEncoded(document)) {
            return document;
        }
        try {
            String once = decode(document.strip());
            return looksEncoded(once) ? decode(once.strip()) : once;
        } catch (PolicyParseException e) {
            return document;
        }
    }

    /** Strict percent-decoding; errors name the offset of the bad escape. */
    static String decode(String encoded) throws PolicyParseException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length() || hex(encoded.charAt(i + 1)) < 0 || hex(encoded.charAt(i + 2)) < 0) {
                    String bad = encoded.substring(i, Math.min(encoded.length(), i + 3));
                    throw new PolicyParseException("URL-encoded document, character " + (i + 1),
                            "'" + bad + "' is not a valid percent-escape (expected % followed by two hex digits)");
                }
                bytes.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyParseException("URL-encoded document",
                    "the decoded bytes are not valid UTF-8");
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
