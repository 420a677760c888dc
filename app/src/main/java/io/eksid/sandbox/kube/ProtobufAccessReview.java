package io.eksid.sandbox.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the one protobuf body kubectl insists on sending: a SelfSubjectAccessReview ({@code kubectl auth
 * can-i}). Everything else kubectl sends as JSON. Format: the "k8s\0" magic, a {@code runtime.Unknown} envelope
 * whose field 2 holds the review; {@code spec} is field 2 of the review, {@code resourceAttributes} field 1 of
 * the spec with namespace=1, verb=2, group=3, version=4, resource=5, subresource=6, name=7
 * (k8s.io/api/authorization/v1/generated.proto). The answer goes back as JSON, which kubectl also accepts.
 */
final class ProtobufAccessReview {

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final String[] ATTRIBUTES = {null, "namespace", "verb", "group", "version", "resource",
            "subresource", "name"};

    private ProtobufAccessReview() {
    }

    static boolean isProtobuf(String contentType) {
        return contentType.contains("application/vnd.kubernetes.protobuf");
    }

    static ObjectNode decode(byte[] body) {
        if (body.length < 4 || !Arrays.equals(Arrays.copyOf(body, 4), MAGIC)) {
            throw ApiError.badRequest("protobuf body without the k8s envelope");
        }
        byte[] review = field(body, 4, body.length, 2);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectAccessReview");
        json.putObject("metadata");
        ObjectNode spec = json.putObject("spec");
        if (review == null) {
            return json;
        }
        byte[] specBytes = field(review, 0, review.length, 2);
        byte[] attributes = specBytes == null ? null : field(specBytes, 0, specBytes.length, 1);
        if (attributes != null) {
            ObjectNode attrs = spec.putObject("resourceAttributes");
            Reader r = new Reader(attributes, 0, attributes.length);
            while (r.more()) {
                long key = r.varint();
                int number = (int) (key >>> 3);
                byte[] value = r.value((int) (key & 7));
                if (value != null && number > 0 && number < ATTRIBUTES.length) {
                    attrs.put(ATTRIBUTES[number], new String(value, StandardCharsets.UTF_8));
                }
            }
        } else if (specBytes != null && field(specBytes, 0, specBytes.length, 2) != null) {
            spec.putObject("nonResourceAttributes");
        }
        return json;
    }

    /** The bytes of the first length-delimited field {@code number} in {@code data[from, to)}, or null. */
    private static byte[] field(byte[] data, int from, int to, int number) {
        Reader r = new Reader(data, from, to);
        while (r.more()) {
            long key = r.varint();
            byte[] value = r.value((int) (key & 7));
            if ((key >>> 3) == number && (key & 7) == 2) {
                return value;
            }
        }
        return null;
    }

    private static final class Reader {
        private final byte[] data;
        private final int end;
        private int pos;

        Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw ApiError.badRequest("truncated protobuf body");
                }
                byte b = data[pos++];
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw ApiError.badRequest("malformed protobuf varint");
        }

        /** Reads a value of the wire type; returns the bytes for length-delimited values, null otherwise. */
        byte[] value(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> skip(8);
                case 5 -> skip(4);
                case 2 -> {
                    long length = varint();
                    if (length < 0 || pos + length > end) {
                        throw ApiError.badRequest("truncated protobuf body");
                    }
                    byte[] bytes = Arrays.copyOfRange(data, pos, pos + (int) length);
                    pos += (int) length;
                    return bytes;
                }
                default -> throw ApiError.badRequest("unsupported protobuf wire type " + wireType);
            }
            return null;
        }

        private void skip(int n) {
            if (pos + n > end) {
                throw ApiError.badRequest("truncated protobuf body");
            }
            pos += n;
        }
    }
}
